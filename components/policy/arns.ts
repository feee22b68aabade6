// ARN and service-name helpers shared by every builder. Pure string functions: no Pulumi, no I/O.
// Only the `aws` partition is supported; validation rejects the others before anything is built.

export const PARTITION = "aws" as const;

export type IamPrincipalKind = "user" | "role";

/** An IAM user or role ARN, split into the parts the components need. */
export interface IamPrincipalArn {
    arn: string;
    accountId: string;
    kind: IamPrincipalKind;
    /** `/` or `/a/b/` (IAM paths start and end with a slash). */
    path: string;
    /** The user or role name, which is what `aws.iam.UserPolicy.user` / `RolePolicy.role` take. */
    name: string;
}

/** IAM names: 1-64 characters of `[\w+=,.@-]`; paths: `/` or `/segment/.../` of printable ASCII. */
const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(user|role)(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;

/** Parses an IAM user/role ARN; `undefined` when it is anything else (validation words the error). */
export function parseIamPrincipalArn(arn: string): IamPrincipalArn | undefined {
    const match = IAM_PRINCIPAL_ARN.exec(arn);
    if (match === null) {
        return undefined;
    }
    return { arn, accountId: match[1], kind: match[2] as IamPrincipalKind, path: match[3], name: match[4] };
}

export function accountRootArn(accountId: string): string {
    return `arn:${PARTITION}:iam::${accountId}:root`;
}

export function bucketArn(bucketName: string): string {
    return `arn:${PARTITION}:s3:::${bucketName}`;
}

/** Objects under an optional key prefix: `arn:aws:s3:::bucket/<prefix>*`. */
export function objectsArn(bucketName: string, prefix = ""): string {
    return `${bucketArn(bucketName)}/${prefix}*`;
}

export function kmsKeyArn(region: string, accountId: string, keyId: string): string {
    return `arn:${PARTITION}:kms:${region}:${accountId}:key/${keyId}`;
}

/** The `kms:ViaService` value for KMS calls S3 makes on a caller's behalf in `region`. */
export function s3ViaService(region: string): string {
    return `s3.${region}.amazonaws.com`;
}

const KMS_KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/((?:mrk-[0-9a-f]{32})|(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$/;

export interface KmsKeyArnParts {
    region: string;
    accountId: string;
    keyId: string;
}

/** Parses a KMS *key* ARN (not an alias ARN, not a bare key id). */
export function parseKmsKeyArn(arn: string): KmsKeyArnParts | undefined {
    const match = KMS_KEY_ARN.exec(arn);
    return match === null ? undefined : { region: match[1], accountId: match[2], keyId: match[3] };
}

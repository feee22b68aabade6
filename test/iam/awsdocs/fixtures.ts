// One small deployment built only from the pure policy builders the components call (key policy,
// bucket guardrails, grants), with explicit accounts and regions, so each AWS-documentation
// scenario can say in a line which request it makes and what AWS must decide. Independent of the
// example stacks: a stack change cannot make these scenarios vacuous.
import { bucketGuardrailStatements, EncryptionHeaderMode, resolveGuardrails } from "../../../components/policy/bucketPolicy";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement, type GrantSubject, type GrantTarget } from "../../../components/policy/grants";
import { keyPolicyDocument } from "../../../components/policy/keyPolicy";
import { policyDocument, type PolicyDocument } from "../../../components/policy/types";
import { expectAccess } from "../support/expectAccess";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import {
    callerFromArn,
    HTTPS,
    kmsCallContext,
    kmsDirectContext,
    kmsViaS3Context,
    s3Context,
    type Caller,
    type EncryptionHeaders,
    type Transport,
} from "../support/requestContext";
import type { Expectation } from "../support/scenario";

export const OWNER = "111111111111";
export const PARTNER = "222222222222";
export const STRANGER = "333333333333";
export const REGION = "eu-west-1";
export const OTHER_REGION = "us-east-1";

export const BUCKET = "example-data-bucket";
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
export const OTHER_BUCKET_ARN = "arn:aws:s3:::another-bucket-on-the-same-key";
export const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const KEY_ARN = `arn:aws:kms:${REGION}:${OWNER}:key/${KEY_ID}`;
export const OTHER_KEY_ARN = `arn:aws:kms:${REGION}:${OWNER}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
export const KEY_ADMIN = `arn:aws:iam::${OWNER}:role/key-admin`;

export const PARTNER_WRITER = `arn:aws:iam::${PARTNER}:role/uploader`;
export const PARTNER_READER = `arn:aws:iam::${PARTNER}:user/analyst`;
export const LOCAL_READER = `arn:aws:iam::${OWNER}:role/local-reader`;
export const PARTNER_EDITOR = `arn:aws:iam::${PARTNER}:role/editor`;
export const LOCAL_WRITER = `arn:aws:iam::${OWNER}:user/local-writer`;
export const READER_PREFIX = "reports/";

export const TARGET: GrantTarget = { bucketName: BUCKET, bucketAccountId: OWNER, region: REGION, keyArn: KEY_ARN };

export const SUBJECTS = {
    partnerWriter: { principalArn: PARTNER_WRITER, principalAccountId: PARTNER, access: "write", sidBase: "PartnerWriter" },
    partnerReader: { principalArn: PARTNER_READER, principalAccountId: PARTNER, access: "read", prefix: READER_PREFIX, sidBase: "PartnerReader" },
    localReader: { principalArn: LOCAL_READER, principalAccountId: OWNER, access: "read", sidBase: "LocalReader" },
    partnerEditor: { principalArn: PARTNER_EDITOR, principalAccountId: PARTNER, access: "read-write", sidBase: "PartnerEditor" },
    localWriter: { principalArn: LOCAL_WRITER, principalAccountId: OWNER, access: "write", sidBase: "LocalWriter" },
} as const satisfies Record<string, GrantSubject>;

export type SubjectName = keyof typeof SUBJECTS;

export interface DeploymentOptions {
    rootDelegation?: boolean;
    encryptionHeader?: EncryptionHeaderMode;
    /** Grants whose key-policy statement is left out (to show that side is needed). */
    withoutKeyStatementFor?: readonly SubjectName[];
    /** Grants whose bucket-policy statements are left out. */
    withoutBucketStatementsFor?: readonly SubjectName[];
}

export interface Deployment {
    keyPolicy: NamedPolicy;
    bucketPolicy: NamedPolicy;
    identity: (name: SubjectName) => NamedPolicy;
}

const named = (name: string, document: PolicyDocument): NamedPolicy => ({ name, document });

/** The documents the components would deploy for the bucket, its key and the three grants. */
export function deployment(options: DeploymentOptions = {}): Deployment {
    const names = Object.keys(SUBJECTS) as SubjectName[];
    const keyStatements = names.filter((n) => !options.withoutKeyStatementFor?.includes(n)).map((n) => grantKeyPolicyStatement(SUBJECTS[n], TARGET));
    const grantStatements = names.filter((n) => !options.withoutBucketStatementsFor?.includes(n)).flatMap((n) => grantBucketPolicyStatements(SUBJECTS[n], TARGET));
    const guardrails = bucketGuardrailStatements({ bucketName: BUCKET, keyArn: KEY_ARN }, resolveGuardrails({ encryptionHeader: options.encryptionHeader }));
    return {
        keyPolicy: named(
            "key policy",
            keyPolicyDocument(
                { accountId: OWNER, region: REGION, rootDelegation: options.rootDelegation ?? true, administrators: [KEY_ADMIN], administratorsMayDeleteKey: false, users: [], serviceUsers: [] },
                keyStatements,
            ),
        ),
        bucketPolicy: named("bucket policy", policyDocument([...guardrails, ...grantStatements])),
        identity: (name) => named(`${name} IAM policy`, grantIdentityPolicy(SUBJECTS[name], TARGET)),
    };
}

/** A grantee calling with its grant's IAM policy (or the policies given). */
export function granteeCaller(d: Deployment, name: SubjectName, policies: readonly NamedPolicy[] = [d.identity(name)]): Caller {
    return callerFromArn(name, SUBJECTS[name].principalArn, policies);
}

export function callerWith(arn: string, policies: readonly NamedPolicy[]): Caller {
    return callerFromArn(arn, arn, policies);
}

export function allow(name: string, actions: string | string[], resource: string | string[] = "*"): NamedPolicy {
    return named(name, policyDocument([{ Sid: "Allow", Effect: "Allow", Action: actions, Resource: resource }]));
}

export function objectArn(key: string, bucketArn = BUCKET_ARN): string {
    return `${bucketArn}/${key}`;
}

export interface S3ObjectOptions {
    transport?: Transport;
    headers?: EncryptionHeaders;
}

export function s3Object(d: Deployment, caller: Caller, action: string, key: string, options: S3ObjectOptions = {}): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource: objectArn(key),
        resourceAccount: OWNER,
        context: s3Context(caller, OWNER, REGION, options.transport ?? HTTPS, options.headers),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: d.bucketPolicy,
    };
}

/** ListObjects(V2); `prefix` is its prefix parameter (s3:prefix), absent when undefined. */
export function s3List(d: Deployment, caller: Caller, prefix?: string): OracleRequest {
    const context = s3Context(caller, OWNER, REGION);
    if (prefix !== undefined) {
        context["s3:prefix"] = prefix;
    }
    return { principal: caller.arn, action: "s3:ListBucket", resource: BUCKET_ARN, resourceAccount: OWNER, context, identityPolicies: caller.identityPolicies, resourcePolicy: d.bucketPolicy };
}

export interface KmsOptions {
    /** "s3": S3 calls KMS for the caller in `viaRegion`; "direct": the caller calls KMS itself. */
    via?: "s3" | "direct";
    viaRegion?: string;
    /** aws:s3:arn: an object ARN, or the bucket ARN when the bucket uses an S3 Bucket Key. */
    encryptionContext: string;
}

export function kms(d: Deployment, caller: Caller, action: string, options: KmsOptions): OracleRequest {
    const region = options.viaRegion ?? REGION;
    return {
        principal: caller.arn,
        action,
        resource: KEY_ARN,
        resourceAccount: OWNER,
        context: (options.via ?? "s3") === "s3" ? kmsViaS3Context(caller, OWNER, region, options.encryptionContext) : kmsDirectContext(caller, OWNER, region, options.encryptionContext),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: d.keyPolicy,
    };
}

export function kmsManagement(d: Deployment, caller: Caller, action: string): OracleRequest {
    return { principal: caller.arn, action, resource: KEY_ARN, resourceAccount: OWNER, context: kmsCallContext(caller, { accountId: OWNER, region: REGION }), identityPolicies: caller.identityPolicies, resourcePolicy: d.keyPolicy };
}

/** Runs the requests and fails with every one AWS would decide differently. */
export async function expectDecisions(cases: ReadonlyArray<[step: string, expect: Expectation, request: OracleRequest]>): Promise<void> {
    await expectAccess(cases.map(([step, expect, request]) => ({ step, expect, request })));
}

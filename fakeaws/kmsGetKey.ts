// `aws.kms.getKey` (KMS DescribeKey) for keys that exist before any stack runs: a fixed table, as an
// account's existing keys would be. DescribeKey of any other key fails with NotFoundException (AWS
// KMS API Reference, "DescribeKey", Errors); a key in another account is described by its key ARN
// only ("To perform this operation on a KMS key in a different AWS account, specify the key ARN or
// alias ARN"), which is the only form this program accepts.
import { AwsContext } from "./context";
import { fakeUuid } from "./deterministic";

export interface ExistingKey {
    arn: string;
    keySpec: string;
    keyUsage: string;
    keyManager: "CUSTOMER" | "AWS";
    keyState: string;
    description: string;
    /** Alias names (`alias/...`) pointing at it, in its own account and Region. */
    aliases: readonly string[];
}

/** The keys the example stacks use by ARN (Pulumi.dev.yaml), plus ones that S3 cannot use, for the tests. */
export const EXISTING_KEYS: readonly ExistingKey[] = [
    {
        arn: "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444",
        keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
        keyManager: "CUSTOMER",
        keyState: "Enabled",
        description: "analytics team key, managed outside this program",
        aliases: ["alias/analytics-data"],
    },
    {
        arn: "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-555555555555",
        keySpec: "RSA_2048",
        keyUsage: "SIGN_VERIFY",
        keyManager: "CUSTOMER",
        keyState: "Enabled",
        description: "a signing key (S3 cannot encrypt with it)",
        aliases: [],
    },
];

/**
 * The AWS managed key of S3 (`alias/aws/s3`): AWS creates it in every account and Region the first time S3 needs it,
 * and its key policy can't be changed ("AWS KMS Developer Guide, AWS managed keys").
 */
function awsManagedS3Key(ctx: AwsContext): ExistingKey {
    return {
        arn: `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${fakeUuid("aws/s3", ctx.accountId, ctx.region)}`,
        keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
        keyManager: "AWS",
        keyState: "Enabled",
        description: "Default key that protects my S3 objects when no other key is defined",
        aliases: ["alias/aws/s3"],
    };
}

function keysOf(ctx: AwsContext): ExistingKey[] {
    return [...EXISTING_KEYS, awsManagedS3Key(ctx)];
}

/**
 * `aws.kms.getAlias` (KMS ListAliases): an alias name is looked up in the caller's account and Region, where only
 * the existing keys' aliases (and aws/s3) are; any other fails as KMS's NotFoundException would.
 */
export function describeExistingAlias(args: Record<string, unknown>, ctx: AwsContext): Record<string, unknown> {
    const name = String(args["name"] ?? "");
    const here = (k: ExistingKey) => k.arn.split(":")[3] === ctx.region && k.arn.split(":")[4] === ctx.accountId;
    const key = keysOf(ctx).find((k) => here(k) && k.aliases.includes(name));
    const arn = `arn:aws:kms:${ctx.region}:${ctx.accountId}:${name}`;
    if (key === undefined) {
        throw new Error(`NotFoundException: Alias ${arn} is not found. (KMS ListAliases)`);
    }
    const keyId = key.arn.slice(key.arn.indexOf(":key/") + ":key/".length);
    return { ...args, id: arn, arn, name, targetKeyArn: key.arn, targetKeyId: keyId };
}

export function describeExistingKey(args: Record<string, unknown>, ctx: AwsContext): Record<string, unknown> {
    const keyId = String(args["keyId"] ?? "");
    const key = keysOf(ctx).find((k) => k.arn === keyId);
    if (key === undefined) {
        throw new Error(`NotFoundException: Key '${keyId}' does not exist (KMS DescribeKey)`);
    }
    const [, , , region, account, resource] = key.arn.split(":");
    const id = resource.slice("key/".length);
    return {
        ...args,
        id,
        arn: key.arn,
        keyId: id,
        awsAccountId: account,
        region,
        description: key.description,
        enabled: key.keyState === "Enabled",
        keyState: key.keyState,
        keySpec: key.keySpec,
        customerMasterKeySpec: key.keySpec,
        keyUsage: key.keyUsage,
        keyManager: key.keyManager,
        multiRegion: false,
        origin: "AWS_KMS",
    };
}

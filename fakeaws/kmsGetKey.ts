// `aws.kms.getKey` (KMS DescribeKey) for keys that exist before any stack runs: a fixed table, as an
// account's existing keys would be. DescribeKey of any other key fails with NotFoundException (AWS
// KMS API Reference, "DescribeKey", Errors); a key in another account is described by its key ARN
// only ("To perform this operation on a KMS key in a different AWS account, specify the key ARN or
// alias ARN"), which is the only form this program accepts.
import { AwsContext } from "./context";

export interface ExistingKey {
    arn: string;
    keySpec: string;
    keyUsage: string;
    keyManager: "CUSTOMER" | "AWS";
    keyState: string;
    description: string;
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
    },
    {
        arn: "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-555555555555",
        keySpec: "RSA_2048",
        keyUsage: "SIGN_VERIFY",
        keyManager: "CUSTOMER",
        keyState: "Enabled",
        description: "a signing key (S3 cannot encrypt with it)",
    },
];

export function describeExistingKey(args: Record<string, unknown>, _ctx: AwsContext): Record<string, unknown> {
    const keyId = String(args["keyId"] ?? "");
    const key = EXISTING_KEYS.find((k) => k.arn === keyId);
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

// The statements this stack asks the owner of an existing key to add to its key policy. The stack
// cannot edit that policy, so grants and replications on a bucket encrypted with the key add their
// usual statements to a list that is exported instead of applied.
import { PolicyStatement } from "./types";

export const EXTERNAL_KEY_SIDS = { deployerDescribe: "DescribeKeyForDeployingRole" } as const;

/**
 * The deploying role reads the key's attributes (`aws.kms.getKey`, KMS DescribeKey) to check that it
 * is a symmetric ENCRYPT_DECRYPT key in the bucket's region before the bucket uses it; in another
 * account than the key's, only the key policy can allow that (AWS KMS Developer Guide, "Allowing
 * users in other accounts to use a KMS key").
 */
export function deployerDescribeKeyStatement(deployRoleArn: string): PolicyStatement {
    return {
        Sid: EXTERNAL_KEY_SIDS.deployerDescribe,
        Effect: "Allow",
        Principal: { AWS: deployRoleArn },
        Action: "kms:DescribeKey",
        Resource: "*",
    };
}

/** The attributes `aws.kms.getKey` returns that decide whether S3 can use the key as a bucket's default key. */
export interface KeyAttributes {
    keySpec?: string;
    customerMasterKeySpec?: string;
    keyUsage?: string;
    keyManager?: string;
    keyState?: string;
    enabled?: boolean;
    multiRegion?: boolean;
}

/**
 * Why S3 could not use the key as a bucket's default SSE-KMS key, or undefined. S3 supports only
 * symmetric encryption keys (Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS
 * (SSE-KMS)"); an AWS managed key's policy cannot be changed, so grants could never use it.
 */
export function unusableKeyProblems(attributes: KeyAttributes): string[] {
    const problems: string[] = [];
    const spec = attributes.keySpec ?? attributes.customerMasterKeySpec;
    if (spec !== "SYMMETRIC_DEFAULT") {
        problems.push(`its key spec is ${spec ?? "unknown"}, not SYMMETRIC_DEFAULT (S3 encrypts only with symmetric keys)`);
    }
    if (attributes.keyUsage !== "ENCRYPT_DECRYPT") {
        problems.push(`its key usage is ${attributes.keyUsage ?? "unknown"}, not ENCRYPT_DECRYPT`);
    }
    if (attributes.keyManager !== undefined && attributes.keyManager !== "CUSTOMER") {
        problems.push(`it is an ${attributes.keyManager} managed key, whose key policy no one can change; use a customer managed key`);
    }
    if (attributes.keyState !== undefined && attributes.keyState !== "Enabled") {
        problems.push(`its state is ${attributes.keyState}, not Enabled`);
    }
    return problems;
}

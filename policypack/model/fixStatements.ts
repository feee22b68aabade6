// The statements the pack's fix messages tell a user to add, and the replication action lists the pack
// checks and shows: the same shapes, Sids and action lists the components' builders produce
// (components/policy/bucketPolicy.ts, replication.ts, replicationBucketPolicy.ts, replicationKeyPolicy.ts),
// so a user who follows a fix message gets what the components would have written. The pack ships on
// its own (its build compiles only this directory) and cannot import the builders, so
// test/policypack/fixStatements.spec.ts holds every shape and list here equal to the builder's output.
// Placeholders in angle brackets stand for the user's values.

export interface FixStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: "*" | { AWS: string };
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export const BUCKET_ARN = "<bucket ARN>";
export const KEY_ARN = "<key ARN>";
export const ROLE_ARN = "<replication role ARN>";

const SSE_HEADER = "s3:x-amz-server-side-encryption";
const SSE_KEY_ID_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";

/** Sids of the bucket-policy guardrails (components/policy/bucketPolicy.ts, BUCKET_GUARDRAIL_SIDS). */
export const GUARDRAIL_SIDS = {
    denyInsecureTransport: "DenyInsecureTransport",
    denyWrongAlgorithmHeader: "DenyWrongEncryptionAlgorithmHeader",
    denyWrongKeyHeader: "DenyWrongKmsKeyHeader",
    denyKmsHeaderWithoutKeyId: "DenyKmsHeaderWithoutKeyId",
    strictRequireKmsHeader: "DenyUnEncryptedObjectUploads",
    strictRequireBucketKeyHeader: "DenyUploadsWithoutThisBucketKey",
} as const;

// Replication actions (Amazon S3 User Guide, "Setting up permissions for live replication").
export const REPLICATION_SOURCE_BUCKET_ACTIONS: readonly string[] = ["s3:GetReplicationConfiguration", "s3:ListBucket"];
export const REPLICATION_SOURCE_OBJECT_ACTIONS: readonly string[] = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"];
export const REPLICATION_DESTINATION_OBJECT_ACTIONS: readonly string[] = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"];
export const OWNER_OVERRIDE_ACTION = "s3:ObjectOwnerOverrideToBucketOwner";
export const REPLICATION_DESTINATION_BUCKET_ACTIONS: readonly string[] = ["s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:ListBucket"];

export function replicaObjectActions(ownerOverride: boolean): string[] {
    return ownerOverride ? [...REPLICATION_DESTINATION_OBJECT_ACTIONS, OWNER_OVERRIDE_ACTION] : [...REPLICATION_DESTINATION_OBJECT_ACTIONS];
}

/** Writing a replica: S3 encrypts it under the destination key; a Bucket Key also needs Decrypt. */
export function replicaKeyActions(destinationBucketKeyEnabled: boolean): string[] {
    const actions = ["kms:Encrypt", "kms:GenerateDataKey"];
    return destinationBucketKeyEnabled ? [...actions, "kms:Decrypt"] : actions;
}

function deny(sid: string, action: string, resource: string | string[], condition: FixStatement["Condition"]): FixStatement {
    return { Sid: sid, Effect: "Deny", Principal: "*", Action: action, Resource: resource, Condition: condition };
}

export function denyInsecureTransport(bucketArn = BUCKET_ARN): FixStatement {
    return deny(GUARDRAIL_SIDS.denyInsecureTransport, "s3:*", [bucketArn, `${bucketArn}/*`], { Bool: { "aws:SecureTransport": "false" } });
}

/** Mode "compatible": only a header that is present and wrong is denied. */
export function denyWrongAlgorithmHeader(bucketArn = BUCKET_ARN): FixStatement {
    return deny(GUARDRAIL_SIDS.denyWrongAlgorithmHeader, "s3:PutObject", `${bucketArn}/*`, {
        StringNotEquals: { [SSE_HEADER]: "aws:kms" },
        Null: { [SSE_HEADER]: "false" },
    });
}

export function denyWrongKeyHeader(bucketArn = BUCKET_ARN, keyArn = KEY_ARN): FixStatement {
    return deny(GUARDRAIL_SIDS.denyWrongKeyHeader, "s3:PutObject", `${bucketArn}/*`, {
        StringNotEquals: { [SSE_KEY_ID_HEADER]: keyArn },
        Null: { [SSE_KEY_ID_HEADER]: "false" },
    });
}

export function denyKmsHeaderWithoutKeyId(bucketArn = BUCKET_ARN): FixStatement {
    return deny(GUARDRAIL_SIDS.denyKmsHeaderWithoutKeyId, "s3:PutObject", `${bucketArn}/*`, { Null: { [SSE_HEADER]: "false", [SSE_KEY_ID_HEADER]: "true" } });
}

/** Modes "strict" and "strict-key": every upload must send aws:kms. */
export function requireKmsHeader(bucketArn = BUCKET_ARN): FixStatement {
    return deny(GUARDRAIL_SIDS.strictRequireKmsHeader, "s3:PutObject", `${bucketArn}/*`, { StringNotEquals: { [SSE_HEADER]: "aws:kms" } });
}

/** Mode "strict-key": every upload must name the bucket's key. */
export function requireBucketKeyHeader(bucketArn = BUCKET_ARN, keyArn = KEY_ARN): FixStatement {
    return deny(GUARDRAIL_SIDS.strictRequireBucketKeyHeader, "s3:PutObject", `${bucketArn}/*`, { StringNotEquals: { [SSE_KEY_ID_HEADER]: keyArn } });
}

/** The destination bucket policy statements a replication role from another account needs. */
export function destinationBucketReplication(roleSidToken = "<RoleToken>", roleArn = ROLE_ARN, destinationBucketArn = "<destination bucket ARN>", ownerOverride = true): FixStatement[] {
    return [
        { Sid: `ReplicationDestinationObjects${roleSidToken}`, Effect: "Allow", Principal: { AWS: roleArn }, Action: replicaObjectActions(ownerOverride), Resource: `${destinationBucketArn}/*` },
        { Sid: `ReplicationDestinationBucket${roleSidToken}`, Effect: "Allow", Principal: { AWS: roleArn }, Action: [...REPLICATION_DESTINATION_BUCKET_ACTIONS], Resource: destinationBucketArn },
    ];
}

function s3KmsConditions(region: string, bucketArn: string): Record<string, Record<string, string | string[]>> {
    return {
        StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
    };
}

/** Source key: the role may Decrypt, only through S3 in the source region, only for the source bucket. */
export function sourceKeyReplication(roleSidToken = "<RoleToken>", roleArn = ROLE_ARN, region = "<source region>", bucketArn = "<source bucket ARN>"): FixStatement {
    return { Sid: `ReplicationSourceKeyDecrypt${roleSidToken}`, Effect: "Allow", Principal: { AWS: roleArn }, Action: "kms:Decrypt", Resource: "*", Condition: s3KmsConditions(region, bucketArn) };
}

/** Destination key: the role may Encrypt/GenerateDataKey (+Decrypt with a Bucket Key) for the destination bucket only. */
export function destinationKeyReplication(
    roleSidToken = "<RoleToken>",
    destinationSidToken = "<DestinationToken>",
    roleArn = ROLE_ARN,
    region = "<destination region>",
    bucketArn = "<destination bucket ARN>",
    bucketKeyEnabled = true,
): FixStatement {
    return {
        Sid: `ReplicationDestinationKeyEncrypt${roleSidToken}${destinationSidToken}`,
        Effect: "Allow",
        Principal: { AWS: roleArn },
        Action: replicaKeyActions(bucketKeyEnabled),
        Resource: "*",
        Condition: s3KmsConditions(region, bucketArn),
    };
}

/** A statement as a fix message shows it: compact JSON, the way it is pasted into a policy. */
export function shown(...statements: FixStatement[]): string {
    return statements.map((s) => JSON.stringify(s)).join(" and ");
}

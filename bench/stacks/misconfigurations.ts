// The ways a synthetic bucket can be wrong. Each is one realistic mistake; the generator applies at most one
// per bucket so a pack's violation count can be compared with what was planted.

/** Mistakes on a bucket and its own side resources or key. */
export const BUCKET_MISCONFIGURATIONS = [
    "sse-aes256",
    "sse-missing",
    "sse-aws-managed-key",
    "bucket-key-disabled",
    "versioning-suspended",
    "versioning-missing",
    "public-access-block-partial",
    "public-access-block-missing",
    "ownership-object-writer",
    "bucket-policy-allows-http",
    "bucket-policy-public-read",
    "key-rotation-disabled",
    "key-policy-wildcard-principal",
] as const;

/** Mistakes that only exist on the source side of a replication. */
export const REPLICATION_MISCONFIGURATIONS = [
    "replication-without-kms-source-selection",
    "replication-without-replica-key",
    "replication-role-wildcard-kms",
    "replication-destination-unversioned",
] as const;

export type BucketMisconfiguration = (typeof BUCKET_MISCONFIGURATIONS)[number];
export type ReplicationMisconfiguration = (typeof REPLICATION_MISCONFIGURATIONS)[number];
export type Misconfiguration = BucketMisconfiguration | ReplicationMisconfiguration;

// The guardrails each resource in ./index.ts breaks on purpose, as `policy -> resource name`.
// Names in index.ts are explicit, so every one of these is decidable from known inputs and must be a
// mandatory failure already at preview time, not only on deployed state.

/** Mandatory violations `pulumi preview --policy-pack policypack` must report. */
export const EXPECTED_AT_PREVIEW: readonly string[] = [
    "kms-key-policy-no-public-principal -> unrotated",
    "kms-key-rotation-enabled -> unrotated",
    "kms-key-s3-compatible -> asymmetric",
    "s3-bucket-policy-deny-insecure-transport -> destination",
    "s3-bucket-policy-deny-insecure-transport -> plain",
    "s3-bucket-policy-require-sse-kms -> destination",
    "s3-bucket-public-access-block -> destination",
    "s3-bucket-sse-kms -> destination",
    "s3-bucket-sse-kms -> plain",
    "s3-bucket-sse-kms -> sse-s3",
    "s3-replication-role-kms-access -> replication",
    "s3-replication-role-trust -> replication",
    "s3-replication-sse-kms -> source",
    "s3-replication-versioning-enabled -> destination",
];

/** Mandatory violations `pulumi policy analyze` of the deployed stack must report. */
export const EXPECTED_ON_STATE: readonly string[] = EXPECTED_AT_PREVIEW;

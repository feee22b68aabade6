// The two ways benchmark 2 declares the same replicated buckets.
export const PROGRAM_VARIANTS = ["components", "raw"] as const;
export type ProgramVariant = (typeof PROGRAM_VARIANTS)[number];

export const PROGRAM_LABELS: Record<ProgramVariant, string> = {
    components: "components (EncryptedBucket, BucketReplication)",
    raw: "raw @pulumi/aws resources",
};

/** Where the synthetic program places the two sides: cross-account and cross-region, the richest case. */
export const SOURCE = { accountId: "111111111111", region: "eu-west-1" } as const;
export const DESTINATION = { accountId: "222222222222", region: "eu-central-1" } as const;

// Which options of the components (and of the stack configuration) weaken a bucket below what a pack policy
// demands, declared once. The pack's policies take their names from here, the stack configuration refuses a
// toggle the pack would block as mandatory (config/packToggles.ts), and EncryptedBucket warns about it
// (components/packToggleWarnings.ts). test/synth/packToggles.spec.ts builds a bucket with each toggle and runs
// the pack on it, so this table and the pack's actual verdicts cannot drift apart. Pure: no Pulumi imports.

export const S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT = "s3-bucket-policy-deny-insecure-transport";
export const S3_BUCKET_POLICY_REQUIRE_SSE_KMS = "s3-bucket-policy-require-sse-kms";
export const S3_BUCKET_KEY_ENABLED = "s3-bucket-key-enabled";

export type PackLevel = "mandatory" | "advisory";

/** The default enforcement level of each policy a toggle maps to; the policies declare themselves with it. */
export const TOGGLE_POLICY_LEVELS = {
    [S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT]: "mandatory",
    [S3_BUCKET_POLICY_REQUIRE_SSE_KMS]: "mandatory",
    [S3_BUCKET_KEY_ENABLED]: "advisory",
} as const satisfies Record<string, PackLevel>;

export type TogglePolicy = keyof typeof TOGGLE_POLICY_LEVELS;

/**
 * The pack's default minimum of noncurrent-version retention (`s3-lifecycle-noncurrent-retention`, minimumDays):
 * the lifecycle rules of the components and the configuration refuse fewer days with it, before the pack would.
 */
export const PACK_MIN_NONCURRENT_RETENTION_DAYS = 7;

/** The tag by which a resource opts out of named pack policies (`encrypted-buckets:exempt=<policy>[ <policy>...]`). */
export const EXEMPT_TAG = "encrypted-buckets:exempt";

/** The policies a value of the exemption tag names (space-separated; commas are accepted too, though AWS tag values allow none). */
export function policiesInExemptTag(value: string): string[] {
    return value.split(/[\s,]+/).filter((s) => s !== "");
}

/** The bucket's options a toggle is read from, in the components' vocabulary (resolved, defaults applied). */
export interface ToggleSubject {
    bucketKeyEnabled: boolean;
    guardrails: {
        requireTls: boolean;
        denyWrongEncryptionHeaders: boolean;
        denyKmsHeaderWithoutKeyId: boolean;
        denySigV2: boolean;
        denySseC: boolean;
        minimumTlsVersion: string | false;
        encryptionHeader: string;
    };
}

/** Every toggle is turned off by `false`. */
export interface GuardrailToggle {
    /** The option's path under a bucket, as docs/configuration.md writes it. */
    field: string;
    /** The secure value, as the docs write it (the fix). */
    secure: string;
    /** The pack policy that judges what the option controls (its default level: TOGGLE_POLICY_LEVELS); none: no pack policy demands it. */
    policy?: TogglePolicy;
    /** True when the bucket's options make that policy report the bucket (with the pack's default configuration). */
    weakens(bucket: ToggleSubject): boolean;
}

/**
 * `strict-key` adds DenyUploadsWithoutThisBucketKey, which refuses every upload whose key id is missing or is not
 * the bucket's key, and so also every other algorithm (S3 takes a key id only with aws:kms or aws:kms:dsse): the
 * header denies that `denyWrongEncryptionHeaders` and `denyKmsHeaderWithoutKeyId` add are then covered.
 */
const coveredByStrictKey = (bucket: ToggleSubject): boolean => bucket.guardrails.encryptionHeader === "strict-key";

export const GUARDRAIL_TOGGLES: readonly GuardrailToggle[] = [
    {
        field: "guardrails.requireTls",
        secure: "true",
        policy: S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT,
        weakens: (b) => !b.guardrails.requireTls,
    },
    {
        field: "guardrails.denyWrongEncryptionHeaders",
        secure: "true",
        policy: S3_BUCKET_POLICY_REQUIRE_SSE_KMS,
        weakens: (b) => !b.guardrails.denyWrongEncryptionHeaders && !coveredByStrictKey(b),
    },
    {
        field: "guardrails.denyKmsHeaderWithoutKeyId",
        secure: "true",
        policy: S3_BUCKET_POLICY_REQUIRE_SSE_KMS,
        weakens: (b) => !b.guardrails.denyKmsHeaderWithoutKeyId && !coveredByStrictKey(b),
    },
    { field: "guardrails.denySigV2", secure: "true", weakens: (b) => !b.guardrails.denySigV2 },
    { field: "guardrails.denySseC", secure: "true", weakens: (b) => !b.guardrails.denySseC },
    { field: "guardrails.minimumTlsVersion", secure: "\"1.2\"", weakens: (b) => b.guardrails.minimumTlsVersion === false },
    {
        field: "bucketKeyEnabled",
        secure: "true",
        policy: S3_BUCKET_KEY_ENABLED,
        weakens: (b) => !b.bucketKeyEnabled,
    },
];

/** A toggle the bucket turns off, the pack policy that judges it, and whether the bucket's tags exempt it. */
export interface WeakenedToggle {
    toggle: GuardrailToggle;
    exempt: boolean;
}

/** The toggles this bucket weakens that a pack policy judges; `tags` are the tags the bucket resource carries. */
export function weakenedToggles(bucket: ToggleSubject, tags: Readonly<Record<string, string>>): WeakenedToggle[] {
    const exempted = typeof tags[EXEMPT_TAG] === "string" ? policiesInExemptTag(tags[EXEMPT_TAG]) : [];
    return GUARDRAIL_TOGGLES.filter((t) => t.policy !== undefined && t.weakens(bucket)).map((toggle) => ({
        toggle,
        exempt: exempted.includes(toggle.policy ?? ""),
    }));
}

/** The toggles the pack, at its default levels, would block this bucket for. */
export function blockedToggles(bucket: ToggleSubject, tags: Readonly<Record<string, string>>): GuardrailToggle[] {
    return weakenedToggles(bucket, tags)
        .filter((w) => !w.exempt && levelOf(w.toggle) === "mandatory")
        .map((w) => w.toggle);
}

/** The default level of the pack policy that judges the toggle, if any. */
export function levelOf(toggle: GuardrailToggle): PackLevel | undefined {
    return toggle.policy === undefined ? undefined : TOGGLE_POLICY_LEVELS[toggle.policy];
}

/** How to exempt a bucket from `policy`, in the pack's documented way. */
export function exemptionHint(policy: string): string {
    return `tags: { "${EXEMPT_TAG}": "${policy}" } (several policies separated by spaces)`;
}

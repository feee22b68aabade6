import { globMatch, isKmsKeyArn } from "../model/arn";
import { Maybe } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { KeyModel } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { globCouldMatchUnknownSuffix } from "../model/globPrefix";
import { runMode } from "../model/runMode";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isKmsAlgorithm, sseRules } from "./sseFacts";
import { externalSource, judgedReplicaKeys, replicationRules } from "./replicationFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const S3_BUCKET_SSE_KEY_ALLOWLIST = "s3-bucket-sse-key-allowlist";

export interface KeyAllowlistConfig extends ExemptionConfig {
    /** Key ARNs (IAM-style `*` wildcards allowed) that buckets may use. Empty: the policy is inactive. */
    allowedKeyArns: string[];
}

// Every partition a Region code could belong to: a pattern is tried against each, so a preview never blocks a key the
// pattern could still match once its ARN exists.
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

/**
 * Whether a key this update creates (ARN not known yet) could be on the list. Known: the account and Region it is
 * created in (its provider's); not known: its key id. Undecided (some pattern could match, or the account or Region
 * can't be read) is for the ARN to settle once it exists, not a finding in a preview.
 */
function freshKeyCouldBeAllowed(allowed: string[], key: KeyModel): boolean {
    const { account, region } = key.resource;
    if (typeof account !== "string" || typeof region !== "string") {
        return true;
    }
    return allowed.some((pattern) => PARTITIONS.some((partition) => globCouldMatchUnknownSuffix(pattern, `arn:${partition}:kms:${region}:${account}:key/`)));
}

function checkKey(
    allowed: string[], subject: IndexedResource, at: IndexedResource, use: string,
    key: KeyModel | undefined, ref: Maybe<string> | undefined, report: (f: Finding) => void,
): void {
    const fix = `use one of the organisation's approved keys (${allowed.join(", ")}), or add the key ARN to allowedKeyArns in the policy config`;
    if (key) {
        if (isUnknown(key.arn)) {
            // An unknown ARN means the key is created by this update. In a preview its account and Region are known and
            // its id is not: it can't be on the list unless a pattern covers keys there (e.g. arn:aws:kms:*:<account>:key/*),
            // and then its ARN decides once it exists. Outside a preview an unknown ARN is never a pass.
            if (runMode() !== "preview" || !freshKeyCouldBeAllowed(allowed, key)) {
                report(findingOn(subject, key.resource, `is created by this stack and used for ${use}, but only approved keys may be used`, fix));
            }
        } else if (typeof key.arn === "string" && !allowed.some((p) => globMatch(p, key.arn as string))) {
            report(findingOn(subject, at, `uses key ${key.arn} for ${use}, which is not on the allow-list`, fix));
        }
        return;
    }
    if (typeof ref !== "string") {
        return;
    }
    if (!isKmsKeyArn(ref)) {
        report(findingOn(subject, at, `references key "${ref}" for ${use} by alias or id; the allow-list can only be checked against key ARNs`, `reference the key by its ARN; ${fix}`));
    } else if (!allowed.some((p) => globMatch(p, ref))) {
        report(findingOn(subject, at, `uses key ${ref} for ${use}, which is not on the allow-list`, fix));
    }
}

export const s3BucketSseKeyAllowlist = stackPolicy<KeyAllowlistConfig>(
    {
        name: S3_BUCKET_SSE_KEY_ALLOWLIST,
        description: "Buckets encrypt (and replicas are encrypted) only with KMS keys on the organisation's allow-list (configure allowedKeyArns; inactive while the list is empty).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "use an approved key ARN, or extend allowedKeyArns",
        configProperties: {
            allowedKeyArns: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Approved KMS key ARNs; `*` wildcards allowed (e.g. arn:aws:kms:*:111122223333:key/*).",
            },
        },
    },
    { allowedKeyArns: [] },
    (index, config, report) => {
        const allowed = config.allowedKeyArns ?? [];
        if (allowed.length === 0) {
            return;
        }
        for (const bucket of index.buckets) {
            for (const { config: sse, rule } of sseRules(bucket)) {
                if (!isKmsAlgorithm(rule.algorithm)) {
                    continue;
                }
                const use = `default encryption of ${describe(bucket.resource)}`;
                if (rule.keys.length === 0) {
                    checkKey(allowed, bucket.resource, sse.resource, use, undefined, rule.keyRef, report);
                }
                for (const key of rule.keys) {
                    checkKey(allowed, bucket.resource, sse.resource, use, key, rule.keyRef, report);
                }
            }
        }
        for (const { replication, rule, subject } of replicationRules(index)) {
            const use = `replicas of ${describe(replication.resource)}${externalSource(replication)}`;
            const replicaKeys = judgedReplicaKeys(rule);
            if (replicaKeys.length === 0) {
                checkKey(allowed, subject, replication.resource, use, undefined, rule.replicaKmsKeyId, report);
            }
            for (const key of replicaKeys) {
                checkKey(allowed, subject, replication.resource, use, key, rule.replicaKmsKeyId, report);
            }
        }
    },
);

const APPROVED_KEY = "arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";

export const definition = definePolicy({
    policy: s3BucketSseKeyAllowlist,
    doc: {
        checks: "Default-encryption and replica keys are on the organisation's allow-list (enforcing a specific KMS key, Amazon S3 User Guide, \"Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)\"); a key created by the stack itself (unknown ARN in preview) is reported in a preview when no pattern could match a key of its account and Region (a pattern such as `arn:aws:kms:*:<account>:key/*` leaves it to the ARN, once it exists).",
        shapes: "v7, V2, inline, native, replication",
        config: "`allowedKeyArns` (ARN patterns with `*`)",
        level: "mandatory (inactive until configured)",
    },
    compliant: [
        { title: "no allow-list configured", resources: dataBucket() },
        {
            title: "a bucket encrypted with an approved key",
            resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: APPROVED_KEY }, bucketKeyEnabled: true }] })),
            config: { [S3_BUCKET_SSE_KEY_ALLOWLIST]: { allowedKeyArns: ["arn:aws:kms:*:111111111111:key/0f1e2d3c-*"] } },
        },
    ],
    violating: [{
        title: "a bucket encrypted with a key the stack creates",
        resources: dataBucket(),
        config: { [S3_BUCKET_SSE_KEY_ALLOWLIST]: { allowedKeyArns: [APPROVED_KEY] } },
    }],
});

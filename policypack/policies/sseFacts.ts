// Facts about a bucket's default encryption shared by several policies.
import { isKmsKeyArn } from "../model/arn";
import { Maybe } from "../model/policyDocument";
import { BucketModel, KeyModel, SseConfig, SseRule } from "../model/stackIndex";
import { isUnknown, UNKNOWN } from "../model/values";

export const KMS_ALGORITHMS: ReadonlySet<string> = new Set(["aws:kms", "aws:kms:dsse"]);

export function isKmsAlgorithm(algorithm: Maybe<string> | undefined): boolean {
    return typeof algorithm === "string" && KMS_ALGORITHMS.has(algorithm);
}

export interface RuleAt {
    config: SseConfig;
    rule: SseRule;
}

/** Every known default-encryption rule of the bucket, with the configuration it came from. */
export function sseRules(bucket: BucketModel): RuleAt[] {
    const out: RuleAt[] = [];
    for (const config of bucket.sse) {
        if (!isUnknown(config.rules)) {
            for (const rule of config.rules) {
                out.push({ config, rule });
            }
        }
    }
    return out;
}

/** The ARN of a key, from the model or from a literal reference. */
export function keyArnOf(rule: { keyRef: Maybe<string> | undefined }, key: KeyModel | undefined): Maybe<string> | undefined {
    if (key) {
        return key.arn ?? UNKNOWN;
    }
    if (typeof rule.keyRef === "string" && isKmsKeyArn(rule.keyRef)) {
        return rule.keyRef;
    }
    return isUnknown(rule.keyRef) ? UNKNOWN : undefined;
}

/** Keys S3 uses for this bucket's default encryption (in-stack models). */
export function defaultKeys(bucket: BucketModel): KeyModel[] {
    const out: KeyModel[] = [];
    for (const { rule } of sseRules(bucket)) {
        if (isKmsAlgorithm(rule.algorithm)) {
            out.push(...rule.keys);
        }
    }
    return out;
}

// Facts about a bucket's default encryption shared by several policies.
import { isKmsKeyArn } from "../model/arn";
import { Maybe } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { StackValidationPolicy } from "@pulumi/policy";
import { BucketModel, KeyModel, SseConfig, SseRule, StackIndex } from "../model/stackIndex";
import { isUnknown, UNKNOWN } from "../model/values";
import { externalBucketLabel } from "./externalBuckets";
import { ExemptionConfig } from "./exemptions";
import { bucketLabel, Finding, PolicyMeta, stackPolicy } from "./framework";

import { RuleAt, sseRules } from "./keysUsedByS3";

export { defaultKeys, isKmsAlgorithm, KMS_ALGORITHMS, RuleAt, sseRules } from "./keysUsedByS3";

const rulesOfStack = new WeakMap<StackIndex, readonly StackRuleAt[]>();

export interface StackRuleAt extends RuleAt {
    /** The resource a finding is about: the bucket, or the configuration of a bucket the stack does not declare. */
    subject: IndexedResource;
    /** How a message names the encrypted bucket. */
    label: string;
}

/** Every known default-encryption rule of the stack: its buckets', then those of configurations for buckets it does not declare. */
export function stackSseRules(index: StackIndex): readonly StackRuleAt[] {
    const known = rulesOfStack.get(index);
    if (known !== undefined) {
        return known;
    }
    const out: StackRuleAt[] = [];
    for (const bucket of index.buckets) {
        for (const { config, rule } of sseRules(bucket)) {
            out.push({ subject: bucket.resource, config, rule, label: bucketLabel(config.resource, bucket.resource, "its objects") });
        }
    }
    for (const config of index.external.sse) {
        for (const rule of isUnknown(config.rules) ? [] : config.rules) {
            out.push({ subject: config.resource, config, rule, label: externalBucketLabel(config.resource) });
        }
    }
    rulesOfStack.set(index, out);
    return out;
}

/** A stack policy that judges each default-encryption rule of the stack (`stackSseRules`) on its own. */
export function sseRulePolicy(meta: PolicyMeta, check: (at: StackRuleAt, report: (f: Finding) => void) => void): StackValidationPolicy {
    return stackPolicy<ExemptionConfig>(meta, {}, (index, _config, report) => {
        for (const at of stackSseRules(index)) {
            check(at, report);
        }
    });
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


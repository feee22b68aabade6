// Versioning is what recovers an overwritten or deleted object (the pack and the components require it
// for replication; docs/operations.md relies on it): a lifecycle rule that deletes noncurrent versions
// within days of their becoming noncurrent closes that window (Amazon S3 User Guide, "Retaining multiple
// versions of objects with S3 Versioning"; "Lifecycle configuration elements", NoncurrentVersionExpiration).
import * as T from "../model/awsTypes";
import { PACK_MIN_NONCURRENT_RETENTION_DAYS } from "../model/guardrailToggles";
import { lifecycleRules, LifecycleRuleModel, nativeLifecycleRules } from "../model/dataProtectionShapes";
import { isUnknown, ValueObject } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket } from "../fixtures/stacks";
import { FixtureResource, ref } from "../fixtures/format";

export const S3_LIFECYCLE_NONCURRENT_RETENTION = "s3-lifecycle-noncurrent-retention";

export interface NoncurrentRetentionConfig extends ExemptionConfig {
    minimumDays: number;
}

function rulesOf(type: string, props: ValueObject): LifecycleRuleModel[] {
    const rules =
        type === T.NATIVE_BUCKET ? nativeLifecycleRules(props) : type === T.LIFECYCLE_CONFIG || type === T.LIFECYCLE_CONFIG_V2 ? lifecycleRules(props, "rules", "rule") : lifecycleRules(props, "lifecycleRules");
    return isUnknown(rules) ? [] : rules;
}

export const s3LifecycleNoncurrentRetention = resourcePolicy<NoncurrentRetentionConfig>(
    {
        name: S3_LIFECYCLE_NONCURRENT_RETENTION,
        description: "Lifecycle rules keep noncurrent object versions for at least the configured minimum (default 7 days), so an overwritten or deleted object can still be restored.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "raise noncurrentVersionExpiration's noncurrentDays to the minimum or more (or keep newer versions with newerNoncurrentVersions and a longer window)",
        configProperties: {
            minimumDays: { type: "integer", minimum: 1, default: PACK_MIN_NONCURRENT_RETENTION_DAYS, description: "Smallest accepted noncurrentDays of a NoncurrentVersionExpiration." },
        },
    },
    new Set([T.LIFECYCLE_CONFIG, T.LIFECYCLE_CONFIG_V2, T.BUCKET, T.BUCKET_V2, T.NATIVE_BUCKET]),
    { minimumDays: PACK_MIN_NONCURRENT_RETENTION_DAYS },
    (resource, config, report) => {
        for (const rule of rulesOf(resource.type, resource.props)) {
            const days = rule.noncurrentExpirationDays;
            // A rule whose status can't be read yet may be Disabled: no verdict (outside a preview, a "cannot verify").
            if (rule.enabled === true && typeof days === "number" && days < config.minimumDays) {
                const id = typeof rule.id === "string" ? `rule "${rule.id}"` : "a rule";
                report(`${describe(resource)} ${id} deletes noncurrent versions ${days} day(s) after they become noncurrent, below the minimum of ${config.minimumDays}: an overwritten or deleted object can't be restored after that. Fix: set noncurrentDays to ${config.minimumDays} or more`);
            }
        }
    },
);

function lifecycle(days: number, newerNoncurrentVersions?: number): FixtureResource {
    return {
        type: T.LIFECYCLE_CONFIG,
        name: "data-lifecycle",
        inputs: {
            bucket: ref("data", "id"),
            rules: [
                { id: "noncurrent", status: "Enabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: days, ...(newerNoncurrentVersions !== undefined ? { newerNoncurrentVersions } : {}) } },
                { id: "off", status: "Disabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: 1 } },
            ],
        },
    };
}

export const definition = definePolicy({
    policy: s3LifecycleNoncurrentRetention,
    doc: {
        checks: "No enabled lifecycle rule deletes noncurrent versions sooner than the minimum after they become noncurrent (`Disabled` rules are not judged). `newerNoncurrentVersions` does not make a shorter `noncurrentDays` compliant: it keeps a number of versions, not a time, so a burst of overwrites (a faulty job, ransomware) pushes the last good version out within the short window.",
        shapes: "`BucketLifecycleConfiguration(V2)`, inline `lifecycleRules` (v7/V2), native `lifecycleConfiguration.rules`",
        config: "`minimumDays` (default 7)",
    },
    compliant: [
        { title: "noncurrent versions kept 90 days", resources: dataBucket((r) => [...r, lifecycle(90)]) },
        { title: "a bucket without lifecycle rules", resources: dataBucket() },
    ],
    violating: [
        { title: "noncurrent versions deleted after 1 day", resources: dataBucket((r) => [...r, lifecycle(1)]) },
        { title: "noncurrent versions deleted after 1 day beyond the 5 newest (a count, not a time: 6 quick overwrites lose the last good version)", resources: dataBucket((r) => [...r, lifecycle(1, 5)]) },
        { title: "inline lifecycleRules deleting noncurrent versions after 2 days", resources: dataBucket((r) => r.map((x) => (x.name === "data" ? { ...x, inputs: { ...x.inputs, lifecycleRules: [{ id: "inline", enabled: true, noncurrentVersionExpiration: { days: 2 } }] } } : x))) },
    ],
});

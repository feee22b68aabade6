// Object Lock and lifecycle as a stack declares them, in every @pulumi/aws v7 (and aws-native) shape:
// `Bucket.objectLockEnabled` (v7, aws-native), the deprecated inline `objectLockConfiguration(s)`,
// `BucketObjectLockConfiguration(V2)` (which also turns Object Lock on for an existing versioned bucket);
// lifecycle rules of `BucketLifecycleConfiguration(V2)` (`noncurrentVersionExpiration.noncurrentDays`),
// the deprecated inline `lifecycleRules` (`noncurrentVersionExpiration(s).days`) and aws-native's
// `lifecycleConfiguration.rules` (`noncurrentVersionExpiration.noncurrentDays`, `noncurrentVersionExpirationInDays`).
import { Maybe } from "./policyDocument";
import { asBool, asNumber, asString, children, field, isUnknown, UNKNOWN, Unknown, ValueObject } from "./values";

/** Whether a bucket resource's own inputs turn Object Lock on; undefined when they don't say. */
export function bucketObjectLockEnabled(props: ValueObject): Maybe<boolean> | undefined {
    const flag = asBool(field(props, "objectLockEnabled"));
    if (flag !== undefined) {
        return flag;
    }
    const inline = children(props, "objectLockConfiguration", "objectLockConfigurations");
    if (isUnknown(inline)) {
        return UNKNOWN;
    }
    for (const config of inline) {
        const enabled = asString(field(config, "objectLockEnabled"));
        if (enabled !== undefined) {
            return isUnknown(enabled) ? UNKNOWN : enabled === "Enabled";
        }
    }
    return undefined;
}

/** `BucketObjectLockConfiguration(V2).objectLockEnabled` defaults to Enabled, its only valid value. */
export function objectLockConfigurationEnabled(props: ValueObject): Maybe<boolean> {
    const enabled = asString(field(props, "objectLockEnabled"));
    return isUnknown(enabled) ? UNKNOWN : enabled === undefined || enabled === "Enabled";
}

export interface LifecycleRuleModel {
    id: Maybe<string> | undefined;
    /** Known on (not `Disabled`, not `enabled: false`), or UNKNOWN while its status can't be read. */
    enabled: Maybe<boolean>;
    /** Days after which noncurrent versions are deleted for good; undefined when the rule doesn't expire them. */
    noncurrentExpirationDays: Maybe<number> | undefined;
}

/** False for a rule known to be off; UNKNOWN while its status or switch can't be read. */
function ruleEnabled(rule: ValueObject | Unknown): Maybe<boolean> {
    const status = asString(field(rule, "status"));
    const enabled = asBool(field(rule, "enabled"));
    if (status === "Disabled" || enabled === false) {
        return false;
    }
    return isUnknown(rule) || isUnknown(status) || isUnknown(enabled) ? UNKNOWN : true;
}

function noncurrentDays(rule: ValueObject | Unknown): Maybe<number> | undefined {
    const inDays = asNumber(field(rule, "noncurrentVersionExpirationInDays"));
    if (inDays !== undefined) {
        return inDays;
    }
    const expirations = children(rule, "noncurrentVersionExpiration", "noncurrentVersionExpirations");
    if (isUnknown(expirations)) {
        return UNKNOWN;
    }
    for (const expiration of expirations) {
        const days = asNumber(field(expiration, "noncurrentDays", "days"));
        if (days !== undefined) {
            return days;
        }
    }
    return undefined;
}

/** The rules of a lifecycle declaration that are or may be on, from the first of `names` that `holder` has (`rules`, inline `lifecycleRules`). */
export function lifecycleRules(holder: ValueObject | Unknown | undefined, ...names: string[]): LifecycleRuleModel[] | Unknown {
    const rules = children(holder, ...names);
    if (isUnknown(rules)) {
        return UNKNOWN;
    }
    const out: LifecycleRuleModel[] = [];
    for (const rule of rules) {
        const enabled = ruleEnabled(rule);
        if (enabled !== false) {
            out.push({ id: asString(field(rule, "id")), enabled, noncurrentExpirationDays: noncurrentDays(rule) });
        }
    }
    return out;
}

/** aws-native keeps the rules one level down, in `lifecycleConfiguration`. */
export function nativeLifecycleRules(props: ValueObject): LifecycleRuleModel[] | Unknown {
    const configuration = children(props, "lifecycleConfiguration");
    return isUnknown(configuration) ? UNKNOWN : lifecycleRules(configuration[0], "rules");
}

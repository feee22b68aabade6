// How a service's log delivery into a bucket is read when a value may be missing: three-valued, as the bucket's own
// settings are. Unknown counts only in a preview, where the stack part at the end of `pulumi up` judges it again with
// the value known; outside a preview an unreadable value is no log delivery, so the bucket keeps the KMS
// requirement: a finding, never a silent pass.
import { Maybe } from "../model/policyDocument";
import { RunMode } from "../model/runMode";
import { isUnknown } from "../model/values";

/** A value a delivery needs to be `expected`: known and matching; unknown only in a preview. */
export function is<V>(value: Maybe<V>, expected: (v: V) => boolean, mode: RunMode): boolean {
    return isUnknown(value) ? mode === "preview" : expected(value);
}

/**
 * Two resources are of the same Region as far as the pack can tell: apart only when both are known and differ, as a
 * server access logging source and its target are judged (s3-access-log-target).
 */
export function sameRegion(a: Maybe<string> | undefined, b: Maybe<string> | undefined, mode: RunMode): boolean {
    if (isUnknown(a) || isUnknown(b)) {
        return mode === "preview";
    }
    return a === undefined || b === undefined || a === b;
}

/** The bucket is named by a readable value, or by a dependency only (which bucket the output names is to come) in a preview. */
export function bucketNamed(bucketRef: Maybe<string> | undefined, mode: RunMode): boolean {
    return !isUnknown(bucketRef) || mode === "preview";
}

// The stand-in's diff. The Node provider server hands `diff` the old *outputs* (not old inputs) and
// the new inputs, so only keys present in the new inputs are compared: computed outputs (arn, id,
// tagsAll, ...) never show up as changes, and a second `pulumi up` of an unchanged program is a no-op.
import { isDeepStrictEqual } from "node:util";

/** Inputs whose change makes AWS replace the resource rather than update it (a subset of the real schema). */
const REPLACE_ON_CHANGE: Record<string, readonly string[]> = {
    "*": ["region"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
    "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion"],
    "aws:kms/alias:Alias": ["name", "namePrefix"],
    "aws:iam/role:Role": ["name", "namePrefix", "path"],
    "aws:iam/policy:Policy": ["name", "namePrefix", "path"],
};

export interface InputDiff {
    changed: string[];
    replaces: string[];
}

export function diffInputs(type: string, olds: Record<string, unknown>, news: Record<string, unknown>): InputDiff {
    const changed = Object.keys(news)
        .filter((key) => !isDeepStrictEqual(olds[key], news[key]))
        .sort();
    const replaceKeys = new Set([...(REPLACE_ON_CHANGE["*"] ?? []), ...(REPLACE_ON_CHANGE[type] ?? [])]);
    return { changed, replaces: changed.filter((key) => replaceKeys.has(key)) };
}

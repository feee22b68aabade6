// Which resources carry a resource-based policy document in their own inputs, and under which property:
// the one declaration the single-resource policy checks (public grants, NotAction, service principals,
// lockout) and the stack index read documents through.
import * as T from "../model/awsTypes";
import { parsePolicyLenient, Statement } from "../model/policyDocument";
import { isUnknown, ValueObject } from "../model/values";

/** Key policies: `aws.kms.Key.policy`, `ReplicaKey.policy`, `KeyPolicy.policy`, `aws-native:kms:Key.keyPolicy`. */
export const KEY_POLICY_DOCUMENTS: ReadonlyMap<string, string> = new Map([
    [T.KMS_KEY, "policy"],
    [T.KMS_REPLICA_KEY, "policy"],
    [T.KMS_KEY_POLICY, "policy"],
    [T.NATIVE_KMS_KEY, "keyPolicy"],
]);

/** Bucket policies: `BucketPolicy.policy`, the deprecated inline `Bucket.policy`, `aws-native:s3:BucketPolicy.policyDocument`. */
export const BUCKET_POLICY_DOCUMENTS: ReadonlyMap<string, string> = new Map([
    [T.BUCKET_POLICY, "policy"],
    [T.BUCKET, "policy"],
    [T.BUCKET_V2, "policy"],
    [T.NATIVE_BUCKET_POLICY, "policyDocument"],
]);

export const KEY_POLICY_TYPES: ReadonlySet<string> = new Set(KEY_POLICY_DOCUMENTS.keys());
export const BUCKET_POLICY_TYPES: ReadonlySet<string> = new Set(BUCKET_POLICY_DOCUMENTS.keys());
export const RESOURCE_POLICY_TYPES: ReadonlySet<string> = new Set([...KEY_POLICY_TYPES, ...BUCKET_POLICY_TYPES]);

/** The property of a resource of `type` that holds its key or bucket policy, if it has one. */
export function documentProperty(type: string): string | undefined {
    return KEY_POLICY_DOCUMENTS.get(type) ?? BUCKET_POLICY_DOCUMENTS.get(type);
}

/** The statements of the resource's own policy document; none while it is absent, unreadable or unknown. */
export function documentStatements(type: string, props: ValueObject): Statement[] {
    const property = documentProperty(type);
    if (property === undefined) {
        return [];
    }
    const statements = parsePolicyLenient(props[property]);
    return statements === undefined || isUnknown(statements) ? [] : statements;
}

// The keys a bucket used before its key was changed, as BucketGrant, BucketOrganizationRead and BucketReplication
// take them: default encryption applies to new objects only (Amazon S3 API Reference, "ServerSideEncryptionRule"), so
// a reader, and the replication role that still copies them, keeps kms:Decrypt on them for the objects and versions
// written before the move.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { kmsKeyArnField } from "./args/fields";
import { applyAll, applyBoth } from "./combineOutputs";
import { CustomerManagedKey } from "./customerManagedKey";
import { GrantTarget } from "./policy/grants";

export type RetiredKey = string | CustomerManagedKey;

/** A retired key given as text gets the key-ARN field's own message (an alias is refused, as everywhere). */
function retiredKeyProblem(input: unknown): string {
    const asArn = typeof input === "string" ? kmsKeyArnField.safeParse(input).error?.issues[0]?.message : undefined;
    return asArn ?? "is not a KMS key ARN nor a CustomerManagedKey. Fix: pass the retired key's ARN (arn:aws:kms:<region>:<account>:key/<key-id>) or its CustomerManagedKey";
}

/**
 * The keys the bucket was encrypted with before its key was changed: default encryption applies to new objects
 * only, so a reading grant (or the replication role) keeps kms:Decrypt on them for this bucket's objects. A key ARN
 * adds it to the IAM policy (the key's own policy is its owner's, or stays as it was on a retained key); a
 * CustomerManagedKey of this program also gets the key-policy statement.
 */
export const retiredKeysField = z
    .array(z.union([kmsKeyArnField, z.custom<CustomerManagedKey>((value) => value instanceof CustomerManagedKey)], { error: (issue) => retiredKeyProblem(issue.input) }), {
        error: "is not a list. Fix: pass a list of key ARNs or CustomerManagedKeys",
    })
    .default([]);

/** The retired keys whose policy this program writes, each once: they get the reader's (or role's) key-policy statement. */
export function retiredKeysOfProgram(retiredKeys: readonly RetiredKey[]): CustomerManagedKey[] {
    return [...new Set(retiredKeys.filter((k): k is CustomerManagedKey => k instanceof CustomerManagedKey))];
}

/** The ARNs of the retired keys, in order (a key of this program once it exists). */
export function retiredKeyArns(retiredKeys: readonly RetiredKey[]): pulumi.Output<string[]> {
    return applyAll(retiredKeys.map((k) => (typeof k === "string" ? k : k.arn)), (values) => values);
}

/** The target with the ARNs of the retired keys (a key of this program once it exists); unchanged without any. */
export function withRetiredKeys(target: pulumi.Output<GrantTarget>, retiredKeys: readonly RetiredKey[]): pulumi.Output<GrantTarget> {
    if (retiredKeys.length === 0) {
        return target;
    }
    return applyBoth(target, retiredKeyArns(retiredKeys), (t, arns) => ({ ...t, retiredKeyArns: arns }));
}

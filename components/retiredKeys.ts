// The keys a bucket used before its key was changed, as BucketGrant and BucketOrganizationRead take them: default
// encryption applies to new objects only (Amazon S3 API Reference, "ServerSideEncryptionRule"), so a reader keeps
// kms:Decrypt on them for the objects and versions written before the move.
import * as pulumi from "@pulumi/pulumi";
import { applyAll, applyBoth } from "./combineOutputs";
import { CustomerManagedKey } from "./customerManagedKey";
import { GrantTarget } from "./policy/grants";

export type RetiredKey = string | CustomerManagedKey;

/** The retired keys whose policy this program writes: they get the reader's key-policy statement. */
export function retiredKeysOfProgram(retiredKeys: readonly RetiredKey[]): CustomerManagedKey[] {
    return retiredKeys.filter((k): k is CustomerManagedKey => k instanceof CustomerManagedKey);
}

/** The target with the ARNs of the retired keys (a key of this program once it exists); unchanged without any. */
export function withRetiredKeys(target: pulumi.Output<GrantTarget>, retiredKeys: readonly RetiredKey[]): pulumi.Output<GrantTarget> {
    if (retiredKeys.length === 0) {
        return target;
    }
    const arns = applyAll(retiredKeys.map((k) => (typeof k === "string" ? k : k.arn)), (values) => values);
    return applyBoth(target, arns, (t, retiredKeyArns) => ({ ...t, retiredKeyArns }));
}

// The encrypted-buckets program: validate the `encrypted-buckets:*` config (nothing is registered if it
// is wrong), compare it with what the last deployment left (edits that would replace or orphan data are
// refused, renames keep every resource), then one provider per account and the components.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadStackConfig, StackConfig } from "./config";
import { buildStack } from "./program/build";
import { planContinuity, RefusedEditError, retainedKeyMessage } from "./program/continuity";
import { readPreviousDeployment } from "./program/previousDeployment";
import { duplicateReplicationRoleNames } from "./program/replicationRoleNames";
import { retainedAliasConflicts } from "./program/retainedKeyAliases";

function validatedConfig(): StackConfig {
    try {
        return loadStackConfig();
    } catch (error) {
        // RunError prints just the message: the list of fields to fix, without a stack trace.
        throw error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
    }
}

export = async () => {
    const config = validatedConfig();
    const continuity = planContinuity(config, await readPreviousDeployment());
    if (continuity.problems.length > 0) {
        throw new pulumi.RunError(new RefusedEditError(continuity.problems).message);
    }
    // A role name used twice in an account fails halfway through `pulumi up`: refused before anything is registered.
    // So does a new key's alias that a key this stack retained still holds (KMS CreateAlias: AlreadyExistsException).
    const nameProblems = [...duplicateReplicationRoleNames(config, pulumi.getStack(), continuity.buckets), ...retainedAliasConflicts(config, continuity)];
    if (nameProblems.length > 0) {
        throw new pulumi.RunError(new ConfigError(nameProblems).message);
    }
    for (const key of continuity.retainedKeys) {
        pulumi.log.warn(retainedKeyMessage(key));
    }
    const outputs = buildStack(config, pulumi.getStack(), continuity);
    return {
        buckets: outputs.buckets,
        sharedKeys: outputs.sharedKeys,
        consumerPolicies: outputs.consumerPolicies,
        replicationRoleArns: outputs.replicationRoleArns,
        existingObjectReplication: outputs.existingObjectReplication,
        organizationPolicies: outputs.organizationPolicies,
        existingKeyPolicies: outputs.existingKeyPolicies,
        replicationAlerts: outputs.replicationAlerts ?? {},
        // Also read back by the next update: a renamed log bucket entry keeps its bucket and its logs.
        ...(outputs.logBuckets !== undefined ? { logBuckets: outputs.logBuckets } : {}),
        // Keys the stack stopped using, kept with their aliases (only once there is one): read back by every later update,
        // which refuses a new key under one of those aliases (program/retainedKeyAliases.ts).
        ...(continuity.keptRetainedKeys.length > 0 ? { retainedKeys: continuity.keptRetainedKeys } : {}),
        // Only in stacks that replicate to buckets of other owners / bring a replication role.
        ...(outputs.externalReplicaPolicies !== undefined ? { externalReplicaPolicies: outputs.externalReplicaPolicies } : {}),
        ...(outputs.replicationRolePolicies !== undefined ? { replicationRolePolicies: outputs.replicationRolePolicies } : {}),
    };
};

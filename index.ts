// The encrypted-buckets program: validate the `encrypted-buckets:*` config (nothing is registered
// if it is wrong), then one provider per account and the components built from the config.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadStackConfig, StackConfig } from "./config";
import { buildStack } from "./program/build";

function validatedConfig(): StackConfig {
    try {
        return loadStackConfig();
    } catch (error) {
        // RunError prints just the message: the list of fields to fix, without a stack trace.
        throw error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
    }
}

const outputs = buildStack(validatedConfig(), pulumi.getStack());

export const buckets = outputs.buckets;
export const sharedKeys = outputs.sharedKeys;
export const consumerPolicies = outputs.consumerPolicies;
export const replicationRoleArns = outputs.replicationRoleArns;

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InvalidArgumentError } from "./args/parseArgs";

/**
 * The Region a component's children are created in, once its provider is known to deploy into `accountId`.
 *
 * A component decides from `accountId` what to write (ARNs in policies, the key a bucket may use), but its resources
 * go wherever its provider's credentials point. Passing the provider of another account (an edit of the program:
 * `provider: other`) would otherwise be accepted silently: nothing in the resources' inputs changes, so the engine
 * moves them to the new provider in the state while they stay in the old account, and every later update, refresh
 * or delete of the bucket, its guardrails and its key goes to the wrong account. So the children's `region` input
 * waits for the provider's caller identity (AWS STS API Reference, "GetCallerIdentity") and fails, naming the field
 * and the fix, before any of them is registered. Without an explicit provider (the default provider) there is no
 * provider to ask, and nothing is checked.
 */
/** One GetCallerIdentity per provider, however many components use it (a stack of thousands of buckets has a few providers). */
const callerAccounts = new WeakMap<pulumi.ProviderResource, pulumi.Output<string>>();

function callerAccountOf(provider: pulumi.ProviderResource, parent: pulumi.Resource): pulumi.Output<string> {
    let account = callerAccounts.get(provider);
    if (account === undefined) {
        account = aws.getCallerIdentityOutput({}, { parent, provider }).accountId;
        callerAccounts.set(provider, account);
    }
    return account;
}

export function accountCheckedRegion(
    where: string,
    accountId: string,
    region: string,
    parent: pulumi.Resource,
    provider: pulumi.ProviderResource | undefined,
): pulumi.Output<string> {
    if (provider === undefined) {
        return pulumi.output(region);
    }
    return callerAccountOf(provider, parent).apply((actual) => {
        if (actual !== accountId) {
            throw new InvalidArgumentError(where, [
                {
                    field: "accountId",
                    message:
                        `is ${accountId}, but the component's aws provider deploys into account ${actual}. ` +
                        `Fix: pass the provider of account ${accountId} (as the deployed resources were), or, to create new resources in ${actual}, ` +
                        `set accountId to ${actual} (which replaces what exists in ${accountId}: move the data first, docs/operations.md)`,
                },
            ]);
        }
        return region;
    });
}

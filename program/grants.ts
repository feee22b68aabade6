// A BucketGrant per configured grant. Cross-account grants with a consumerAccount get that
// account's provider, so the consumer IAM policy is created there; without one it is only exported.
import { BucketGrant, EncryptedBucket } from "../components";
import type { RetiredKey } from "../components/retiredKeys";
import { BucketConfig, GrantConfig } from "../config";
import { grantResourceName } from "../config/componentNames";
import { AccountProviders } from "./providers";

// Stable across reordering of the grants list (shared with the config's static policy-size check).
export { grantResourceName };

export interface CreatedGrant {
    config: GrantConfig;
    bucket: string;
    /** The BucketGrant's resource name; also the key of its consumer policy in the stack outputs. */
    name: string;
    component: BucketGrant;
}

/**
 * @param retiredKeys the bucket's retired keys (retiredKeysOf)
 * @param grantNamesFrom the bucket entry's deployed name, when renamed since (SourceContinuity)
 */
export function createGrants(config: BucketConfig, bucket: EncryptedBucket, providers: AccountProviders, retiredKeys: readonly RetiredKey[], grantNamesFrom?: string): CreatedGrant[] {
    return config.grants.map((grant) => {
        const name = grantResourceName(config.name, grant);
        // The consumer's inline policy keeps the name it was deployed with: a new name would replace it.
        const policyName = grantResourceName(grantNamesFrom ?? config.name, grant);
        const component = new BucketGrant(name, {
            bucket,
            ...(policyName !== name ? { policyName } : {}),
            principal: grant.principal,
            access: grant.access,
            ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
            ...(grant.crossAccount && grant.consumerAccount !== undefined ? { consumerProvider: providers[grant.consumerAccount] } : {}),
            ...(retiredKeys.length > 0 ? { retiredKeys: [...retiredKeys] } : {}),
        });
        return { config: grant, bucket: config.name, name, component };
    });
}

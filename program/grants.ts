// A BucketGrant per configured grant. Cross-account grants with a consumerAccount get that
// account's provider, so the consumer IAM policy is created there; without one it is only exported.
import { createHash } from "crypto";
import { BucketGrant, EncryptedBucket } from "../components";
import { BucketConfig, GrantConfig } from "../config";
import { AccountProviders } from "./providers";

/** Stable across reordering of the grants list; the hash keeps principal+prefix pairs apart. */
export function grantResourceName(bucket: string, grant: GrantConfig): string {
    const principalName = grant.principal.split("/").pop() ?? "principal";
    const readable = `${bucket}-grant-${principalName}`.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 100);
    const hash = createHash("sha256").update(`${grant.principal}|${grant.prefix ?? ""}`).digest("hex").slice(0, 6);
    return `${readable}-${hash}`;
}

export interface CreatedGrant {
    config: GrantConfig;
    bucket: string;
    /** The BucketGrant's resource name; also the key of its consumer policy in the stack outputs. */
    name: string;
    component: BucketGrant;
}

export function createGrants(config: BucketConfig, bucket: EncryptedBucket, providers: AccountProviders): CreatedGrant[] {
    return config.grants.map((grant) => {
        const name = grantResourceName(config.name, grant);
        const component = new BucketGrant(name, {
            bucket,
            principalArn: grant.principal,
            access: grant.access,
            ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
            ...(grant.crossAccount && grant.consumerAccount !== undefined ? { consumerProvider: providers[grant.consumerAccount] } : {}),
        });
        return { config: grant, bucket: config.name, name, component };
    });
}

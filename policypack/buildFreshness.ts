// The Pulumi CLI runs the pack's compiled JavaScript (`bin/`, see package.json "main"), not these
// TypeScript sources: `@pulumi/pulumi/cmd/run-policy-pack` would otherwise type-check every .ts file with
// ts-node on each start (seconds per `pulumi preview`). Compiled output can fall behind its sources, and a
// guardrail that silently enforces last week's rules is worse than one that refuses to start, so the build
// (`scripts/build.js`) records a SHA-256 of every source it compiled and the compiled entry point checks
// them before serving. Content hashes, not mtimes: `cp -r`, `git checkout` and the CLI's own extraction of
// a published pack (which does not restore mtimes) reorder timestamps without changing anything.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { RunError } from "@pulumi/pulumi/errors";

/** Written next to the compiled files by `scripts/build.js`. */
export const MANIFEST_FILE = "sources.json";

export interface SourceManifest {
    /** The source directory, relative to the output directory. */
    sourceRoot: string;
    /** Source path (relative to sourceRoot, `/`-separated) to the SHA-256 of its content at build time. */
    sha256: Record<string, string>;
}

const BUILD = "`npm run build` in the policy pack's directory (in the encrypted-buckets repository: `npm run build:pack`)";

function sha256(file: string): string {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function compiledFiles(outDir: string, rel = ""): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(path.join(outDir, rel), { withFileTypes: true })) {
        const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
            found.push(...compiledFiles(outDir, child));
        } else if (entry.name.endsWith(".js")) {
            found.push(child);
        }
    }
    return found.sort();
}

/** Records the hash of the .ts source of every .js file in outDir (called by the build, after tsc). */
export function writeSourceManifest(outDir: string, sourceRoot: string): SourceManifest {
    const manifest: SourceManifest = { sourceRoot: path.relative(outDir, sourceRoot).split(path.sep).join("/"), sha256: {} };
    for (const js of compiledFiles(outDir)) {
        const source = js.replace(/\.js$/, ".ts");
        const file = path.join(sourceRoot, source);
        if (fs.existsSync(file)) {
            manifest.sha256[source] = sha256(file);
        }
    }
    fs.writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
    return manifest;
}

/**
 * Sources that differ from what outDir was compiled from; undefined when outDir has no manifest. Sources
 * that are absent are not compared: a pack may be shipped as JavaScript only.
 */
export function changedSources(outDir: string): string[] | undefined {
    const manifestFile = path.join(outDir, MANIFEST_FILE);
    if (!fs.existsSync(manifestFile)) {
        return undefined;
    }
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as SourceManifest;
    const sourceRoot = path.resolve(outDir, manifest.sourceRoot);
    const changed: string[] = [];
    for (const [source, hash] of Object.entries(manifest.sha256)) {
        const file = path.join(sourceRoot, source);
        if (fs.existsSync(file) && sha256(file) !== hash) {
            changed.push(source);
        }
    }
    return changed;
}

/**
 * Run by the entry point before it serves. Compiled (bin/index.js): throws, naming the changed files and the
 * command to run, when the sources have changed since the build (a RunError, so the CLI shows the message
 * without a stack trace). From TypeScript: only possible when bin/index.js is missing and Node fell back to
 * index.ts (ts-node is registered by the CLI's runner); correct but slow, so it says how to make it fast.
 */
export function checkEntryPoint(entryFile: string): void {
    if (entryFile.endsWith(".ts")) {
        process.stderr.write(
            `warning: running the policy pack from its TypeScript sources (${path.join(path.dirname(entryFile), "bin", "index.js")} does not exist), ` +
                `which @pulumi/pulumi's runner type-checks at every start (seconds per command): run ${BUILD} once.\n`,
        );
        return;
    }
    const outDir = path.dirname(entryFile);
    const changed = changedSources(outDir);
    if (changed === undefined) {
        throw new RunError(`${outDir} has no ${MANIFEST_FILE}, so it was not built by \`npm run build\` (or the build did not finish): run ${BUILD} and try again.`);
    }
    if (changed.length > 0) {
        const shown = changed.slice(0, 5).join(", ") + (changed.length > 5 ? ` and ${changed.length - 5} more` : "");
        throw new RunError(
            `the compiled policy pack in ${outDir} is out of date: ${shown} changed since it was built. ` +
                `The Pulumi CLI runs the compiled JavaScript, not the .ts sources: run ${BUILD} and try again.`,
        );
    }
}

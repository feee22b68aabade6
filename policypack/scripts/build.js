#!/usr/bin/env node
// @ts-check
// `npm run build`: compiles the pack's entry point and everything it imports (tsconfig.build.json) to bin/,
// which package.json "main" names, and records the hash of each source it compiled (bin/sources.json,
// checked by bin/index.js at start-up). Builds into a staging directory and swaps it in, so a CLI starting
// meanwhile sees the old or the new output, never half of one. Output goes to stderr only.
//
// Deliberately not a `prepack` script: `pulumi policy publish` starts the pack (from bin/) before it runs
// `npm pack`, so a prepack build would come too late, and npm 11 prints a lifecycle script's banner on
// stdout, where the CLI expects nothing but the tarball's file name.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const packDir = path.resolve(__dirname, "..");
const outDir = path.join(packDir, "bin");
const staging = path.join(packDir, `.bin-staging-${process.pid}`);
const retired = path.join(packDir, `.bin-retired-${process.pid}`);
const started = Date.now();

function fail(message) {
    process.stderr.write(`policypack build: ${message}\n`);
    process.exit(1);
}

let tsc;
try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [packDir] });
} catch {
    fail("typescript is not installed; run `npm install` in the pack's directory first");
}

try {
    try {
        // stdout of tsc goes to our stderr (see above); tsc prints nothing when the build is clean.
        execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", staging, "--pretty", "false"], {
            cwd: packDir,
            stdio: ["ignore", process.stderr, process.stderr],
        });
    } catch {
        fail("tsc reported errors (above); bin/ was left as it was");
    }
    /** @type {{ writeSourceManifest(outDir: string, sourceRoot: string): { sha256: Record<string, string> } }} */
    const freshness = require(path.join(staging, "buildFreshness.js"));
    const manifest = freshness.writeSourceManifest(staging, packDir);
    if (fs.existsSync(outDir)) {
        fs.renameSync(outDir, retired);
    }
    fs.renameSync(staging, outDir);
    process.stderr.write(`policypack build: ${Object.keys(manifest.sha256).length} sources compiled to ${path.relative(process.cwd(), outDir) || "."} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(retired, { recursive: true, force: true });
}

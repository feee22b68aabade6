/**
 * Runs `tools/synth/cli.ts <stack>` in a child process (Pulumi's runtime is process-global, so the
 * whole program never runs inside mocha) and returns the parsed `pulumi stack export` document.
 * One run per stack per mocha process; the file goes to a temp dir, not synth/.
 *
 *   const doc = await synthStack("dev");
 *   const buckets = doc.deployment.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
 *
 * Guardrails are not evaluated here (--no-guardrails): policy-pack tests decide what to assert.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StackExport } from "../../tools/synth/exportFormat";

export { StackExport };
export type { ExportedResource } from "../../tools/synth/exportFormat";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const CLI = path.join(PROJECT_DIR, "tools/synth/cli.ts");
const cache = new Map<string, Promise<SynthRun>>();

export interface SynthRun {
    file: string;
    text: string;
    doc: StackExport;
    stdout: string;
}

export interface SynthFailure extends Error {
    exitCode: number;
    stdout: string;
    stderr: string;
}

export interface SynthCliResult {
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** Runs `tools/synth/cli.ts <args>` in a child process and reports its exit code and output. */
export function runSynthCli(args: string[]): Promise<SynthCliResult> {
    const tsNode = require.resolve("ts-node/dist/bin.js", { paths: [PROJECT_DIR] });
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [tsNode, "--transpile-only", CLI, ...args],
            { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
            (error, stdout, stderr) => {
                resolve({ exitCode: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
            },
        );
    });
}

/** Runs synth for `stack` into `outFile` without guardrails; rejects with exit code and output on failure. */
export async function runSynth(stack: string, outFile: string, extraArgs: string[] = []): Promise<SynthRun> {
    const result = await runSynthCli([stack, "--out", outFile, "--no-guardrails", ...extraArgs]);
    if (result.exitCode !== 0) {
        const failure = new Error(`synth ${stack} failed (exit ${result.exitCode}):\n${result.stderr}`) as SynthFailure;
        Object.assign(failure, result);
        throw failure;
    }
    const text = fs.readFileSync(outFile, "utf8");
    return { file: outFile, text, doc: JSON.parse(text) as StackExport, stdout: result.stdout };
}

export function tempSynthFile(stack: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
    return path.join(dir, `${stack}.json`);
}

/** The synth run of `stack` (cached per mocha process). */
export function synthRun(stack: string): Promise<SynthRun> {
    let run = cache.get(stack);
    if (run === undefined) {
        run = runSynth(stack, tempSynthFile(stack));
        cache.set(stack, run);
    }
    return run;
}

/** The stack export of `stack` (cached per mocha process). */
export async function synthStack(stack: string): Promise<StackExport> {
    return (await synthRun(stack)).doc;
}

// Runs one measurement in a fresh Node process, so every sample starts with a cold heap, its own module
// cache and its own peak-RSS counter, and one variant's garbage never lands on the next one's bill.
import { spawn } from "child_process";
import * as path from "path";
import { Measurement, parseMeasurement } from "./measurement";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface WorkerInvocation {
    /** Worker script, relative to the repository root, e.g. `bench/packEval/worker.ts`. */
    script: string;
    /** JSON-serialisable arguments; the worker reads them from argv[2]. */
    args: unknown;
    /** Extra environment for this child only. */
    env?: Record<string, string>;
    /** Kill the child after this long; a hung worker must not hang the whole run. */
    timeoutMs?: number;
}

const TS_NODE_REGISTER = require.resolve("ts-node/register/transpile-only");

/** A worker that failed; `reason` is the last line it printed, which workers keep to one sentence. */
export class WorkerFailure extends Error {
    constructor(
        message: string,
        readonly reason: string,
    ) {
        super(message);
    }
}

export function runWorker(invocation: WorkerInvocation): Promise<Measurement> {
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            ["--require", TS_NODE_REGISTER, path.join(REPO_ROOT, invocation.script), JSON.stringify(invocation.args)],
            {
                cwd: REPO_ROOT,
                env: { ...process.env, ...invocation.env },
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), invocation.timeoutMs ?? 10 * 60_000);
        child.on("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (code !== 0) {
                const reason = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
                const output = stderr || stdout;
                reject(new WorkerFailure(`${invocation.script} ${reason}: ${lastLines(output, 15)}`, lastLines(output, 1) || reason));
                return;
            }
            try {
                resolve(parseMeasurement(stdout));
            } catch (error) {
                reject(new Error(`${(error as Error).message}\n${lastLines(stderr, 15)}`));
            }
        });
    });
}

/** Worker side: the JSON arguments the parent passed. */
export function workerArgs<T>(): T {
    const raw = process.argv[2];
    if (raw === undefined) {
        throw new Error("this worker is started by bench/run.ts with its arguments as JSON in argv[2]");
    }
    return JSON.parse(raw) as T;
}

function lastLines(text: string, count: number): string {
    return text.trimEnd().split("\n").slice(-count).join("\n");
}

// Runs the real Pulumi CLI in an isolated, offline environment: its own PULUMI_HOME, a local file
// backend, an empty passphrase, no plugin downloads, and the stand-in aws provider on PATH.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { STANDIN_AWS_DIR } from "./paths";
import { makeTempDir, removeDir } from "./workdir";

export interface CommandResult {
    command: string;
    code: number | null;
    stdout: string;
    stderr: string;
    durationMs: number;
}

export interface RunOptions {
    env?: Record<string, string>;
    timeoutMs?: number;
}

export class PulumiSession {
    readonly root: string;
    readonly home: string;
    readonly backendDir: string;

    constructor(private readonly binDir: string, label: string) {
        this.root = makeTempDir(label);
        this.home = path.join(this.root, "pulumi-home");
        this.backendDir = path.join(this.root, "state");
        fs.mkdirSync(this.home);
        fs.mkdirSync(this.backendDir);
    }

    env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
        const env: NodeJS.ProcessEnv = { ...process.env };
        // Never let a developer's own Pulumi settings leak into the run.
        for (const key of Object.keys(env)) {
            if (key.startsWith("PULUMI_")) {
                delete env[key];
            }
        }
        return {
            ...env,
            PATH: [this.binDir, STANDIN_AWS_DIR, process.env["PATH"] ?? ""].join(path.delimiter),
            PULUMI_HOME: this.home,
            PULUMI_BACKEND_URL: `file://${this.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: "",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            // --event-log is only accepted with debug commands enabled.
            PULUMI_DEBUG_COMMANDS: "true",
            // `npm test` type-checks the program; here we only want it run.
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            ...extra,
        };
    }

    run(args: readonly string[], cwd: string, options: RunOptions = {}): Promise<CommandResult> {
        const fullArgs = [...args, "--non-interactive", "--color", "never"];
        const command = `pulumi ${fullArgs.join(" ")}`;
        const started = Date.now();
        return new Promise((resolve, reject) => {
            const child = spawn(path.join(this.binDir, "pulumi"), fullArgs, { cwd, env: this.env(options.env) });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
            child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
            // SIGINT first, so the CLI can cancel cleanly and release the stack lock; then force.
            let killer: NodeJS.Timeout | undefined;
            const timer = setTimeout(() => {
                child.kill("SIGINT");
                killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
            }, options.timeoutMs ?? 600_000);
            child.on("error", reject);
            child.on("close", (code) => {
                clearTimeout(timer);
                clearTimeout(killer);
                resolve({ command, code, stdout, stderr, durationMs: Date.now() - started });
            });
        });
    }

    /** Like run, but fails with the command's output when it exits non-zero. */
    async ok(args: readonly string[], cwd: string, options: RunOptions = {}): Promise<CommandResult> {
        const result = await this.run(args, cwd, options);
        if (result.code !== 0) {
            throw new Error(describe(result));
        }
        return result;
    }

    dispose(): void {
        removeDir(this.root);
    }
}

export function describe(result: CommandResult): string {
    return `${result.command} exited ${result.code} after ${result.durationMs} ms\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

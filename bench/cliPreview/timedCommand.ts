// Runs one command under GNU time: wall time measured here, CPU time from %U + %S, peak RSS from %M, which is the
// largest resident set of any process in the tree that was waited for (the CLI, language host, program,
// provider or policy pack), not their sum.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const GNU_TIME = "/usr/bin/time";

export interface TimedResult {
    code: number | null;
    wallMs: number;
    maxRssKiB: number;
    /** User + system CPU time of the command and the descendants it waited for. */
    cpuMs: number;
    stdout: string;
    stderr: string;
}

export function runTimed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<TimedResult> {
    const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "eb-bench-time-")), "rss");
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
        // Its own process group: GNU time ignores SIGINT while it waits, so the timeout signals the whole group.
        const child = spawn(GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, command, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => {
            if (child.pid !== undefined) {
                process.kill(-child.pid, "SIGINT");
            }
        }, timeoutMs);
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            const rssText = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8") : "";
            fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
            // time writes "Command exited with non-zero status N" before the figures when the command fails.
            const [rss, user, system] = (rssText.trim().split("\n").pop() ?? "").split(" ").map(Number);
            resolve({ code, wallMs, maxRssKiB: rss, cpuMs: (user + system) * 1000, stdout, stderr });
        });
    });
}

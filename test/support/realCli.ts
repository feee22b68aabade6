/**
 * Runs `pulumi policy analyze --file <export>` with the source-built CLI when it is present
 * ($PULUMI_CLI, else the CLI `e2e/cli/build-cli.sh` cached under $ENCRYPTED_BUCKETS_CACHE or ~/.cache/encrypted-buckets), to check that synth output is what the real engine
 * reads. The CLI has no Node language host here, so a `pulumi-analyzer-policy-nodejs` shim (the
 * pre-3.221 mechanism the engine still falls back to) is put on PATH, and NODE_PATH points the pack
 * at the project's node_modules.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PROJECT_DIR = path.resolve(__dirname, "../..");

export function realCliPath(): string | undefined {
    const explicit = process.env["PULUMI_CLI"];
    if (explicit !== undefined) {
        return fs.existsSync(explicit) ? explicit : undefined;
    }
    const cache = process.env["ENCRYPTED_BUCKETS_CACHE"] ?? path.join(os.homedir(), ".cache", "encrypted-buckets");
    const builds = fs.existsSync(cache) ? fs.readdirSync(cache).filter((d) => d.startsWith("pulumi-v")).sort() : [];
    return builds.map((d) => path.join(cache, d, "bin", "pulumi")).find((candidate) => fs.existsSync(candidate));
}

const SHIM = `#!/bin/sh
RUN=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")
exec node "$RUN" "$@"
`;

export interface AnalyzeResult {
    exitCode: number;
    output: string;
}

/** Analyzes `exportFile` with a one-policy pack whose `validateResource` body is `policyBody`. */
export function analyzeWithRealCli(cli: string, exportFile: string, policyBody: string): Promise<AnalyzeResult> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyze-"));
    const pack = path.join(dir, "pack");
    const bin = path.join(dir, "bin");
    fs.mkdirSync(pack);
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "pulumi-analyzer-policy-nodejs"), SHIM, { mode: 0o755 });
    fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "synth-check", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(
        path.join(pack, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("synth-check", { policies: [{ name: "synth-check", description: "synth export check", enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => { ${policyBody} } }] });
`,
    );
    const env = {
        ...process.env,
        PATH: `${bin}:${process.env["PATH"] ?? ""}`,
        NODE_PATH: path.join(PROJECT_DIR, "node_modules"),
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_CONFIG_PASSPHRASE: "",
    };
    return new Promise((resolve) => {
        execFile(cli, ["policy", "analyze", "--file", exportFile, "--policy-pack", pack, "--color", "never"], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
            fs.rmSync(dir, { recursive: true, force: true });
            const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
            resolve({ exitCode: code, output: `${stdout}${stderr}` });
        });
    });
}

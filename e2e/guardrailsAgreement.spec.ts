// `pulumi policy analyze` (the real CLI running the pack over gRPC) and `npm run guardrails` (our
// in-process harness) must report the same violations for the same stack export: the offline
// tiers are only as good as their agreement with what the CLI enforces.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { pulumiBinDir } from "./support/cli";
import { parsePolicyEvents } from "./support/eventLog";
import { PROJECTS_DIR, REPO_ROOT } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";

const run = promisify(execFile);

/** A platform team's config, in the CLI's version 2 format, with a level, a remediation and a property. */
const ORG_CONFIG = {
    version: 2,
    policies: {
        all: "mandatory",
        "encrypted-buckets-exemptions": "advisory",
        "s3-bucket-key-enabled": "remediate",
        "kms-key-deletion-window": { minimumDays: 14 },
        "s3-bucket-policy-require-sse-kms": { mode: "strict-key" },
    },
};

interface GuardrailsFileResult {
    file: string;
    violations: { policyName: string; enforcementLevel: string; urn: string; message: string }[];
}

interface Finding {
    level: string;
    policy: string;
    urn: string;
    message: string;
}

/** Everything a user sees of a violation: level, policy, resource and the full message. */
function key(f: Finding): string {
    return `[${f.level}] ${f.policy} ${f.urn || "(stack)"}\n${f.message}`;
}

async function npmRun(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await run("npm", ["run", "--silent", script, "--", ...args], { cwd: REPO_ROOT, maxBuffer: 64 << 20 });
        return { code: 0, stdout, stderr };
    } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof err.code === "number" ? err.code : -1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
}

describe("e2e: `pulumi policy analyze` agrees with `npm run guardrails`", function () {
    let session: PulumiSession;
    let policyPack: string;

    before(function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "agree");
    });

    after(function () {
        session?.dispose();
    });

    async function compare(exportFile: string, configFile?: string): Promise<{ cli: string[]; harness: string[] }> {
        const config = configFile === undefined ? [] : ["--policy-pack-config", configFile];
        const cli = await session.run(["policy", "analyze", "--policy-pack", policyPack, "--file", exportFile, "--json", ...config], session.root);
        const harness = await npmRun("guardrails", ["--json", ...(configFile === undefined ? [] : ["--config", configFile]), exportFile]);
        const cliFindings = parsePolicyEvents(cli.stdout).map((v) => key({ level: v.enforcementLevel, policy: v.policyName, urn: v.resourceUrn ?? "", message: v.message }));
        const [fileResult] = JSON.parse(harness.stdout) as GuardrailsFileResult[];
        const harnessFindings = fileResult.violations.map((v) => key({ level: v.enforcementLevel, policy: v.policyName, urn: v.urn, message: v.message }));
        assert.deepEqual([...new Set(harnessFindings)].sort(), [...new Set(cliFindings)].sort(), `${describeResult(cli)}\n--- guardrails\n${harness.stderr}`);
        // Same verdict: both fail exactly when there is a mandatory violation.
        assert.equal(cli.code === 0, harness.code === 0, `cli exit ${cli.code}, guardrails exit ${harness.code}`);
        return { cli: cliFindings, harness: harnessFindings };
    }

    it("on the synthesized dev stack (synth/dev.json)", async function () {
        const file = path.join(session.root, "dev.json");
        const synth = await npmRun("synth", ["dev", "--out", file, "--quiet"]);
        assert.equal(synth.code, 0, synth.stderr);
        await compare(file);
        // An organisation's config in the CLI's version 2 format: the same levels and properties reach both.
        const config = path.join(session.root, "guardrails.json");
        fs.writeFileSync(config, JSON.stringify(ORG_CONFIG));
        const { cli } = await compare(file, config);
        assert.ok(cli.some((f) => f.startsWith("[mandatory] kms-key-protected")), "all: mandatory reaches kms-key-protected");
    });

    it("on the deployed state of the bad-buckets program", async function () {
        const project = stageProject(path.join(PROJECTS_DIR, "bad-buckets"), { projectFileRewrite: absolutePluginPaths });
        try {
            await session.ok(["stack", "init", "bad"], project);
            // Parts of bad-buckets are refused by AWS (and so by the stand-in); the state must hold them all.
            await session.ok(["up", "--yes", "-s", "bad"], project, { env: { STANDIN_AWS_RULES: "off" } });
            const file = path.join(session.root, "bad.json");
            await session.ok(["stack", "export", "-s", "bad", "--file", file], project);
            const { cli } = await compare(file);
            assert.ok(cli.some((f) => f.startsWith("[mandatory]")), "the bad program has mandatory violations");
            const config = path.join(session.root, "guardrails.json");
            fs.writeFileSync(config, JSON.stringify(ORG_CONFIG));
            await compare(file, config);
        } finally {
            removeDir(project);
        }
    });
});

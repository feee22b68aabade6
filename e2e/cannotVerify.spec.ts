// Outside a preview, a value the pack must read but can't is a "cannot verify", never a pass: `pulumi policy
// analyze --file` of an export whose secrets it can't decrypt hands the pack "[secret]" (the CLI's redaction),
// and the pack, which got no ConfigureStack (so it is not a preview), reports the rotation flag it can't read.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { pulumiBinDir } from "./support/cli";
import { parsePolicyEvents, PolicyViolation } from "./support/eventLog";
import { PROJECTS_DIR, REPO_ROOT } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";

describe("e2e: a secret the pack can't read is a cannot-verify in pulumi policy analyze", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    let exportFile: string;

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "cannot-verify");
        project = stageProject(path.join(PROJECTS_DIR, "public-bucket-policy"), { projectFileRewrite: absolutePluginPaths });
        await session.ok(["stack", "init", "secret"], project);
        await session.ok(["config", "set", "-s", "secret", "policyStyle", "none"], project);
        await session.ok(["config", "set", "-s", "secret", "secretRotation", "true"], project);
        await session.ok(["up", "--yes", "-s", "secret"], project);
        exportFile = path.join(session.root, "secret-export.json");
        fs.writeFileSync(exportFile, (await session.ok(["stack", "export", "-s", "secret"], project)).stdout);
        assert.match(fs.readFileSync(exportFile, "utf8"), /"ciphertext"/, "the export holds the rotation flag encrypted");
    });

    after(async function () {
        if (session && project) await session.run(["destroy", "--yes", "-s", "secret"], project);
        session?.dispose();
        if (project) removeDir(project);
    });

    async function rotationEvents(passphrase: string): Promise<{ code: number | null; events: PolicyViolation[] }> {
        const result = await session.run(["policy", "analyze", "--file", exportFile, "--policy-pack", policyPack, "--json"], project, { env: { PULUMI_CONFIG_PASSPHRASE: passphrase } });
        assert.ok(result.stdout.length > 0, describeResult(result));
        return { code: result.code, events: parsePolicyEvents(result.stdout).filter((e) => e.policyName === "kms-key-rotation-enabled") };
    }

    it("without the passphrase: the CLI redacts the secret, and the rotation flag is a mandatory cannot-verify naming how to check it, worded as the offline checker words it", async function () {
        const { code, events } = await rotationEvents("not-the-passphrase");
        assert.notEqual(code, 0);
        assert.equal(events.length, 1, JSON.stringify(events));
        assert.equal(events[0].enforcementLevel, "mandatory");
        assert.match(events[0].message, /cannot verify: Key "site-key" has enableKeyRotation as an encrypted secret.*--show-secrets/s);

        const offline = await promisify(execFile)("npm", ["run", "--silent", "guardrails", "--", "--json", exportFile], { cwd: REPO_ROOT, maxBuffer: 64 << 20 })
            .then((r) => r.stdout, (e: { stdout?: string }) => e.stdout ?? "");
        const [file] = JSON.parse(offline) as { violations: { policyName: string; message: string }[] }[];
        assert.deepEqual(file.violations.filter((v) => v.policyName === "kms-key-rotation-enabled").map((v) => v.message), [events[0].message]);
    });

    it("with the passphrase: the secret is decrypted and the rotation flag passes", async function () {
        const { events } = await rotationEvents("");
        assert.deepEqual(events, []);
    });
});

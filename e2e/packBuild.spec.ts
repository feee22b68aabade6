// What a user sees from the real CLI when the compiled pack (policypack/bin, package.json "main") and its
// TypeScript sources disagree: an edited source after the last build stops the pack with the file and the
// command to run; no build at all still runs, from TypeScript, with a warning. Uses a copy of the pack, so
// the repository's sources are never touched.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { PROJECTS_DIR, REPO_ROOT } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { makeTempDir, removeDir, stageProject } from "./support/workdir";

/** Just what the CLI needs to run the pack: its manifest files, the compiled output and the sources it was built from. */
const PACK_ENTRIES = ["PulumiPolicy.yaml", "package.json", "tsconfig.json", "index.ts", "buildFreshness.ts", "analyzerDecodeMemo.ts", "model", "server", "policies", "fixtures", "bin"];

function copyOfBuiltPack(without: readonly string[] = []): string {
    const source = builtPolicyPack();
    const dir = makeTempDir("pack-copy");
    for (const entry of PACK_ENTRIES.filter((e) => !without.includes(e))) {
        fs.cpSync(path.join(source, entry), path.join(dir, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

describe("e2e: the compiled policy pack and its sources", function () {
    let session: PulumiSession;
    let project: string;
    const copies: string[] = [];
    const stack = "packbuild";

    before(async function () {
        session = new PulumiSession(pulumiBinDir(), "packbuild");
        project = stageProject(path.join(PROJECTS_DIR, "hello"));
        await session.ok(["stack", "init", stack], project);
        await session.ok(["config", "set", "who", "e2e", "-s", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
        copies.forEach(removeDir);
    });

    it("refuses to start when a source changed after the build, naming the file and the build command", async function () {
        const pack = copyOfBuiltPack();
        copies.push(pack);
        fs.appendFileSync(path.join(pack, "policies", "index.ts"), "\n// edited after the build\n");
        const result = await session.run(["preview", "-s", stack, "--policy-pack", pack], project);
        assert.notEqual(result.code, 0, describeResult(result));
        const output = result.stdout + result.stderr;
        assert.match(output, /compiled policy pack in \S+ is out of date: policies\/index\.ts changed since it was built/, describeResult(result));
        assert.match(output, /run `npm run build` in the policy pack's directory/);
        assert.doesNotMatch(output, /at checkEntryPoint/, "a RunError: no stack trace");
    });

    it("without bin/, runs the pack from its TypeScript sources and warns that this is the slow path", async function () {
        const pack = copyOfBuiltPack(["bin"]);
        copies.push(pack);
        const result = await session.run(["preview", "-s", stack, "--policy-pack", pack], project);
        assert.equal(result.code, 0, describeResult(result));
        assert.match(result.stdout, /encrypted-buckets-guardrails@v/);
        assert.match(result.stdout + result.stderr, /warning: running the policy pack from its TypeScript sources/, describeResult(result));
    });
});

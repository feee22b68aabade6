// The pack's executable form (`--policy-pack policypack/analyzer`, which the CLI starts directly instead of
// through the Node language host and its policy proxy) must enforce exactly what the directory form does.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { generateStack } from "../bench/stacks/generate";
import { pulumiBinDir } from "./support/cli";
import { parsePolicyEvents } from "./support/eventLog";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";

describe("e2e: the pack as an executable (policypack/analyzer)", function () {
    let session: PulumiSession;
    let packDir: string;

    before(function () {
        packDir = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "pack-exec");
    });

    after(function () {
        session?.dispose();
    });

    it("reports the same violations, levels and exit code as the directory form", async function () {
        // The benchmarks' generator plants mistakes in about a tenth of the buckets, so there is something to report.
        const file = path.join(session.root, "stack.json");
        fs.writeFileSync(file, JSON.stringify(generateStack({ resourceCount: 400, seed: 5 }).stackExport));
        const analyze = (policyPack: string) => session.run(["policy", "analyze", "--policy-pack", policyPack, "--file", file, "--json"], session.root);
        const directory = await analyze(packDir);
        const executable = await analyze(path.join(packDir, "analyzer"));
        const findings = (stdout: string): string[] =>
            parsePolicyEvents(stdout)
                .map((v) => `[${v.enforcementLevel}] ${v.policyName} ${v.resourceUrn ?? "(stack)"}\n${v.message}`)
                .sort();
        assert.ok(parsePolicyEvents(directory.stdout).length > 0, `the directory form reported nothing:\n${describeResult(directory)}`);
        assert.deepEqual(findings(executable.stdout), findings(directory.stdout), describeResult(executable));
        assert.equal(executable.code, directory.code, `${describeResult(executable)}\n${describeResult(directory)}`);
    });
});

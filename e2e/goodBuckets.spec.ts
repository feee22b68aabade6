// A compliant program written by hand without our components (e2e/projects/good-buckets: raw @pulumi/aws v7,
// getPolicyDocumentOutput and jsonStringify around ARNs, a deprecated V2 name, two accounts) must pass the
// guardrails pack under the real CLI: at preview (ARNs unknown), during `up` (the stand-in's AWS rules on),
// and on the deployed state. Not one violation of any level: precision is judged as much as recall.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { parsePolicyEvents, policyViolations, PolicyViolation } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";

function listed(violations: readonly PolicyViolation[]): string {
    return violations.map((v) => `[${v.enforcementLevel}] ${v.policyName} ${v.resourceUrn ?? "(stack)"}: ${v.message}`).join("\n");
}

describe("e2e: good-buckets, a compliant program written by hand, against the guardrails pack", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    const stack = "good";

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "good");
        project = stageProject(path.join(PROJECTS_DIR, "good-buckets"), { projectFileRewrite: absolutePluginPaths });
        await session.ok(["stack", "init", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("passes `pulumi preview --policy-pack` with no violation of any level", async function () {
        const log = path.join(session.root, "preview.events.jsonl");
        const result = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        const violations = policyViolations(log);
        assert.equal(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
        assert.deepEqual(listed(violations), "");
    });

    it("deploys with `pulumi up --policy-pack`, AWS's deploy-time rules on, with no violation of any level", async function () {
        const log = path.join(session.root, "up.events.jsonl");
        const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        const violations = policyViolations(log);
        assert.equal(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
        assert.deepEqual(listed(violations), "");
    });

    it("passes `pulumi policy analyze` of the deployed state, every value known", async function () {
        const result = await session.run(["policy", "analyze", "-s", stack, "--policy-pack", policyPack, "--json"], project);
        const violations = parsePolicyEvents(result.stdout);
        assert.equal(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
        assert.deepEqual(listed(violations), "");
    });
});

// The repository's own program with Pulumi.prod.yaml under the real CLI, through the stand-in's AWS
// deploy-time rules: five accounts, a key without root delegation (KMS's lockout safety check must
// pass for the deploying role), cross-account replication, tag-filtered rules. Deploy, redeploy
// with no changes, and destroy.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, policyViolations } from "./support/eventLog";
import { REPO_ROOT } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { removeDir, stageProject } from "./support/workdir";

interface ExportedResource {
    type: string;
    urn: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

describe("e2e: prod stack of the real program", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    const stack = "prod";

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "prod");
        project = stageProject(REPO_ROOT, { stackFiles: { prod: stack } });
        await session.ok(["stack", "init", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    async function exportedResources(): Promise<ExportedResource[]> {
        const exported = await session.ok(["stack", "export", "-s", stack], project);
        return (JSON.parse(exported.stdout) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
    }

    it("deploys with `pulumi up` and the guardrails pack, every AWS rule of the stand-in passing", async function () {
        const log = path.join(session.root, "up.events.jsonl");
        const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        assert.deepEqual(mandatory(policyViolations(log)), [], describeResult(result));
        assert.equal(result.code, 0, describeResult(result));
        const resources = await exportedResources();
        // The audit-logs key has no root delegation: its administrators include the deploying role of
        // the audit account, which is what let KMS's lockout safety check pass.
        const auditPolicy = resources.find((r) => r.type === "aws:kms/keyPolicy:KeyPolicy" && r.urn.includes("audit-logs"));
        assert.ok(auditPolicy, "the audit-logs key policy exists");
        const document = JSON.parse(String(auditPolicy.outputs?.["policy"])) as { Statement: { Sid?: string; Principal?: { AWS?: string | string[] } }[] };
        assert.ok(!document.Statement.some((s) => s.Sid === "EnableIamPoliciesForKeyAccount"), "no root delegation");
        const administrators = document.Statement.find((s) => s.Sid === "KeyAdministration")?.Principal?.AWS;
        assert.deepEqual(administrators, ["arn:aws:iam::888888888888:role/security-admin", "arn:aws:iam::888888888888:role/encrypted-buckets-deploy"]);
        const buckets = resources.filter((r) => r.type === "aws:s3/bucket:Bucket").map((r) => String(r.outputs?.["bucket"]));
        assert.ok(buckets.includes("acme-prod-audit-logs") && buckets.includes("acme-prod-backup-raw"), buckets.join(", "));
    });

    it("reports no changes on a second `pulumi up`", async function () {
        const result = await session.run(["up", "--yes", "--expect-no-changes", "-s", stack], project);
        assert.equal(result.code, 0, describeResult(result));
        assert.match(result.stdout, /Resources:\n\s+\d+ unchanged\n/);
        assert.doesNotMatch(result.stdout, /^\s+\d+ (created|updated|replaced|deleted)$/m);
    });

    it("destroys everything with `pulumi destroy`, protection lifted first", async function () {
        // Prod may protect buckets and keys; lifting protection is the documented first step of a
        // deliberate teardown, and harmless when nothing is protected.
        await session.ok(["state", "unprotect", "--all", "--yes", "-s", stack], project);
        await session.ok(["destroy", "--yes", "-s", stack], project);
        const left = (await exportedResources()).filter((r) => r.type !== "pulumi:pulumi:Stack");
        assert.deepEqual(left.map((r) => r.urn), []);
    });
});

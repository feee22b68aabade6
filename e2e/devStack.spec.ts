// The repository's own program (Pulumi.yaml, index.ts, Pulumi.dev.yaml) under the real CLI, against
// the stand-in aws provider, with the guardrails pack: what a user does, minus an AWS account.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, policyViolations } from "./support/eventLog";
import { REPO_ROOT } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { removeDir, stageProject } from "./support/workdir";

interface ExportedStack {
    deployment: { resources?: { type: string; urn: string; outputs?: Record<string, unknown> }[] };
}

describe("e2e: dev stack of the real program", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    const stack = "dev";

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "dev");
        project = stageProject(REPO_ROOT, { stackFiles: { dev: stack } });
        await session.ok(["stack", "init", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    async function exportedResources(): Promise<NonNullable<ExportedStack["deployment"]["resources"]>> {
        const exported = await session.ok(["stack", "export", "-s", stack], project);
        return (JSON.parse(exported.stdout) as ExportedStack).deployment.resources ?? [];
    }

    it("previews with the guardrails pack and no mandatory violation", async function () {
        const log = path.join(session.root, "preview.events.jsonl");
        const result = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        const violations = policyViolations(log);
        assert.deepEqual(mandatory(violations), [], describeResult(result));
        assert.equal(result.code, 0, describeResult(result));
        assert.match(result.stdout, /encrypted-buckets-guardrails@v/);
    });

    it("deploys with `pulumi up`, the pack enforcing on the provider's outputs", async function () {
        const log = path.join(session.root, "up.events.jsonl");
        const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        assert.deepEqual(mandatory(policyViolations(log)), [], describeResult(result));
        assert.equal(result.code, 0, describeResult(result));
        const resources = await exportedResources();
        const keys = resources.filter((r) => r.type === "aws:kms/key:Key");
        const buckets = resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
        assert.ok(keys.length > 0 && buckets.length > 0, "the dev stack has keys and buckets");
        // Accounts come from each provider's assumed role: the stand-in learned its configuration.
        const keyAccounts = new Set(keys.map((k) => String(k.outputs?.["arn"]).split(":")[4]));
        assert.ok(keyAccounts.has("111111111111"), `key accounts: ${[...keyAccounts].join(", ")}`);
        assert.ok(!keyAccounts.has("123456789012"), "no key landed in fake AWS's default account");
        // Object Lock and lifecycle went through the stand-in's S3 rules (e2e/standin-aws/dataProtection.ts).
        const count = (type: string) => resources.filter((r) => r.type === type).length;
        assert.deepEqual(
            [count("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"), count("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")],
            [2, 3],
        );
        const outputs = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs ?? {};
        assert.match(String((outputs["existingObjectReplication"] as Record<string, unknown> | undefined)?.["raw"]), /^aws s3control create-job --account-id 111111111111 --region eu-west-1 /);
    });

    it("reports no changes on a second `pulumi up`", async function () {
        const result = await session.run(["up", "--yes", "--expect-no-changes", "-s", stack], project);
        assert.equal(result.code, 0, describeResult(result));
        // --expect-no-changes already fails on changes; the summary must also say so.
        assert.match(result.stdout, /Resources:\n\s+\d+ unchanged\n/);
        assert.doesNotMatch(result.stdout, /^\s+\d+ (created|updated|replaced|deleted)$/m);
    });

    it("destroys everything with `pulumi destroy`", async function () {
        await session.ok(["destroy", "--yes", "-s", stack], project);
        const left = (await exportedResources()).filter((r) => r.type !== "pulumi:pulumi:Stack");
        assert.deepEqual(left.map((r) => r.urn), []);
    });
});

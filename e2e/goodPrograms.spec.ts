// Compliant programs written by hand without our components must pass the guardrails pack under the real CLI: at
// preview (ARNs unknown), during `up` (the stand-in's AWS rules on) and on the deployed state. Not one violation of
// any level: a pack that blocks, or even warns about, a stack written right is a pack teams switch off.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { parsePolicyEvents, policyViolations, PolicyViolation } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";

const PROGRAMS: { project: string; shape: string }[] = [
    {
        project: "good-buckets",
        shape: "raw @pulumi/aws v7, two accounts and Regions, getPolicyDocumentOutput and jsonStringify around unknown ARNs, deprecated V2 names on the replica",
    },
    {
        project: "good-legacy",
        shape: "one account, two Regions, the legacy inline properties of aws.s3.Bucket (encryption, versioning, policy, lifecycle, logging, replication), key administrators apart from users, an SSE-S3 access log bucket, an uploaded object",
    },
    {
        project: "good-sharing",
        shape: "a bucket shared with a role of another account (key policy, bucket policy, the role's IAM policy) and with the organisation (aws:PrincipalOrgID), its bucket policy an object with unknown ARNs",
    },
    {
        project: "good-objectlock",
        shape: "v7 configuration resources: an Object Lock ledger replicated to an Object Lock replica, lifecycle and access logging as resources, a DSSE-KMS archive",
    },
    {
        project: "good-srr",
        shape: "same-Region replication of auto-named buckets for one prefix, SSE naming the key by its alias, the role's permissions a managed policy with encryption-context conditions, an auditing IAM user",
    },
];

function listed(violations: readonly PolicyViolation[]): string {
    return violations.map((v) => `[${v.enforcementLevel}] ${v.policyName} ${v.resourceUrn ?? "(stack)"}: ${v.message}`).join("\n");
}

for (const program of PROGRAMS) {
    describe(`e2e: ${program.project} (${program.shape}) against the guardrails pack`, function () {
        let session: PulumiSession;
        let project: string;
        let policyPack: string;
        const stack = "good";

        before(async function () {
            policyPack = builtPolicyPack();
            session = new PulumiSession(pulumiBinDir(), program.project);
            project = stageProject(path.join(PROJECTS_DIR, program.project), { projectFileRewrite: absolutePluginPaths });
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
            assert.equal(listed(violations), "");
        });

        it("deploys with `pulumi up --policy-pack`, AWS's deploy-time rules on, with no violation of any level", async function () {
            const log = path.join(session.root, "up.events.jsonl");
            const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
            const violations = policyViolations(log);
            assert.equal(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
            assert.equal(listed(violations), "");
        });

        it("passes `pulumi policy analyze` of the deployed state, every value known", async function () {
            const result = await session.run(["policy", "analyze", "-s", stack, "--policy-pack", policyPack, "--json"], project);
            const violations = parsePolicyEvents(result.stdout);
            assert.equal(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
            assert.equal(listed(violations), "");
        });
    });
}

// A deliberately bad program (e2e/projects/bad-buckets) must be stopped by the guardrails pack under
// the real CLI: preview fails and names the policies; the deployed state fails `policy analyze` too.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, parsePolicyEvents, policyViolations, violationKeys } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";
import { EXPECTED_AT_PREVIEW, EXPECTED_ON_STATE } from "./projects/bad-buckets/expectedViolations";

function missing(expected: readonly string[], reported: readonly string[]): string[] {
    return expected.filter((name) => !reported.includes(name));
}

describe("e2e: bad-buckets program against the guardrails pack", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    const stack = "bad";

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "bad");
        project = stageProject(path.join(PROJECTS_DIR, "bad-buckets"), { projectFileRewrite: absolutePluginPaths });
        await session.ok(["stack", "init", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("fails `pulumi preview --policy-pack` and names the failing policies", async function () {
        const log = path.join(session.root, "preview.events.jsonl");
        const result = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        assert.notEqual(result.code, 0, describeResult(result));
        assert.match(result.stdout, /❌ encrypted-buckets-guardrails@v/);
        const reported = violationKeys(mandatory(policyViolations(log)));
        assert.deepEqual(missing(EXPECTED_AT_PREVIEW, reported), [], describeResult(result));
        for (const name of new Set(EXPECTED_AT_PREVIEW.map((key) => key.split(" -> ")[0]))) {
            assert.match(result.stdout, new RegExp(`\\[mandatory\\].*\\s${name}\\s`), `text output names ${name}`);
        }
    });

    it("is refused by the stand-in where AWS refuses it, with AWS's errors (asymmetric default key, unversioned destination, no replica key)", async function () {
        const result = await session.run(["up", "--yes", "--continue-on-error", "-s", stack], project);
        assert.notEqual(result.code, 0, describeResult(result));
        const expected: Record<string, RegExp> = {
            "aws:s3:BucketServerSideEncryptionConfiguration (source)": /PutBucketEncryption, StatusCode: 400, api error InvalidArgument: .*symmetric encryption/,
            // Nothing orders the rule after the source's versioning or the destination bucket, so which
            // prerequisite is still missing when S3 is called varies; each is refused by AWS too, and so is the
            // rule itself, which selects SSE-KMS objects without naming a replica key.
            "aws:s3:BucketReplicationConfig (source)":
                /PutBucketReplication, StatusCode: 400, api error InvalidRequest: (Versioning must be 'Enabled' on the bucket|Destination bucket must (exist|have versioning enabled)|ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present)/,
        };
        const diagnostics = result.stdout.slice(result.stdout.indexOf("Diagnostics:"));
        for (const [resource, error] of Object.entries(expected)) {
            const at = diagnostics.indexOf(`  ${resource}:`);
            assert.ok(at >= 0, `${resource} failed\n${describeResult(result)}`);
            assert.match(diagnostics.slice(at).split("\n")[1], error, `${resource}\n${describeResult(result)}`);
        }
        assert.match(result.stdout, /3 errored/, describeResult(result));
    });

    it("deploys without the pack and with the stand-in's AWS rules off (stand-in provider from Pulumi.yaml plugins)", async function () {
        // The rest of this suite judges the pack on deployed state, so the deliberately broken
        // resources must exist; STANDIN_AWS_RULES=off lets the stand-in accept what AWS would not.
        await session.ok(["up", "--yes", "-s", stack], project, { env: { STANDIN_AWS_RULES: "off" } });
    });

    it("fails `pulumi policy analyze` of the deployed state, computed values known", async function () {
        const result = await session.run(["policy", "analyze", "-s", stack, "--policy-pack", policyPack, "--json"], project);
        assert.notEqual(result.code, 0, describeResult(result));
        const reported = violationKeys(mandatory(parsePolicyEvents(result.stdout)));
        assert.deepEqual(missing(EXPECTED_ON_STATE, reported), [], describeResult(result));
    });

    it("still destroys cleanly", async function () {
        await session.ok(["destroy", "--yes", "-s", stack], project);
    });
});

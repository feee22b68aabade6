// An existing, replicated bucket whose program adds the deprecated inline `versioning` (suspended) next to its
// BucketVersioning: during `up` the engine updates the bucket, writing the inline value, before it analyzes the
// BucketVersioning that depends on it, so only the preview `pulumi up` runs first can stop the change in time. The
// pack must report it at preview, on the BucketVersioning, and `up` must leave the deployed bucket unchanged.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, policyViolations, violationKeys } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";

const BUCKET_LINE = 'const bucket = new aws.s3.Bucket("outbound", { bucket: "exports-outbound-111111111111" }, opts);';
const WITH_INLINE = 'const bucket = new aws.s3.Bucket("outbound", { bucket: "exports-outbound-111111111111", versioning: { enabled: false } }, opts);';

interface StateResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
}

/** The staged program's index.ts (a link to the source) replaced by a copy with `from` turned into `to`. */
function rewriteProgram(stagedDir: string, from: string, to: string): void {
    const file = path.join(stagedDir, "index.ts");
    const text = fs.readFileSync(file, "utf8");
    assert.equal(text.split(from).length - 1, 1, `${from} occurs exactly once in the program`);
    fs.unlinkSync(file);
    fs.writeFileSync(file, text.replace(from, to));
}

describe("e2e: inline versioning added next to the BucketVersioning of an existing bucket", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    const stack = "existing";

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "inline-next-to-separate");
        project = stageProject(path.join(PROJECTS_DIR, "good-external"), { projectFileRewrite: absolutePluginPaths });
        await session.ok(["stack", "init", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("deploys the compliant program with the pack", async function () {
        await session.ok(["up", "--yes", "-s", stack, "--policy-pack", policyPack], project);
    });

    it("`pulumi preview --policy-pack` of the change reports the conflict on the BucketVersioning, mandatory", async function () {
        rewriteProgram(project, BUCKET_LINE, WITH_INLINE);
        const log = path.join(session.root, "preview.events.jsonl");
        const result = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
        assert.notEqual(result.code, 0, describeResult(result));
        const violations = mandatory(policyViolations(log));
        const conflict = violations.filter((v) => v.policyName === "s3-replication-versioning-enabled" && /aws:s3\/bucketVersioning:BucketVersioning::outbound$/.test(v.resourceUrn ?? ""));
        assert.equal(conflict.length, 1, `reported: ${violationKeys(violations).join(", ")}\n${describeResult(result)}`);
        assert.match(conflict[0].message, /whose own inputs also declare the deprecated inline versioning/);
    });

    it("`pulumi up --policy-pack` stops at its preview: the deployed bucket keeps no inline versioning", async function () {
        const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack], project);
        assert.notEqual(result.code, 0, describeResult(result));
        const exported = await session.ok(["stack", "export", "-s", stack], project);
        const resources = (JSON.parse(exported.stdout) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? [];
        const bucket = resources.find((r) => r.type === "aws:s3/bucket:Bucket");
        assert.ok(bucket !== undefined, exported.stdout);
        assert.equal(bucket.inputs?.["versioning"], undefined, JSON.stringify(bucket.inputs));
    });
});

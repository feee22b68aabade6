// A program written the way real ones are (e2e/projects/public-bucket-policy: pulumi.jsonStringify around
// ARNs, getPolicyDocumentOutput) must be stopped by `pulumi up --policy-pack` before the bad BucketPolicy is
// created: its document is unknown at preview, and only the resource policies see it resolved during up.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, policyViolations, violationKeys } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";
import { EXPECTED_BEFORE_CREATION } from "./projects/public-bucket-policy/expectedViolations";

interface StateResource {
    urn: string;
    type: string;
}

describe("e2e: bucket policies stopped before they are created", function () {
    let session: PulumiSession;
    let project: string;
    let policyPack: string;
    const styles = Object.keys(EXPECTED_BEFORE_CREATION);

    before(async function () {
        policyPack = builtPolicyPack();
        session = new PulumiSession(pulumiBinDir(), "public-policy");
        project = stageProject(path.join(PROJECTS_DIR, "public-bucket-policy"), { projectFileRewrite: absolutePluginPaths });
        for (const style of styles) {
            await session.ok(["stack", "init", style], project);
            await session.ok(["config", "set", "-s", style, "policyStyle", style], project);
        }
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    for (const style of Object.keys(EXPECTED_BEFORE_CREATION)) {
        const expected = EXPECTED_BEFORE_CREATION[style];
        it(`${style}: \`pulumi up --policy-pack\` fails on the BucketPolicy, which never reaches the state`, async function () {
            const log = path.join(session.root, `${style}.events.jsonl`);
            const result = await session.run(["up", "--yes", "-s", style, "--policy-pack", policyPack, "--event-log", log], project);
            assert.notEqual(result.code, 0, describeResult(result));
            const reported = violationKeys(mandatory(policyViolations(log)));
            assert.deepEqual(expected.violations.filter((k) => !reported.includes(k)), [], `reported: ${reported.join(", ")}\n${describeResult(result)}`);

            const exported = await session.ok(["stack", "export", "-s", style], project);
            const resources = (JSON.parse(exported.stdout) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? [];
            const names = (type: string) => resources.filter((r) => r.type === type).map((r) => r.urn.slice(r.urn.lastIndexOf("::") + 2));
            // The update did run (the bucket exists), and stopped before its policy.
            assert.deepEqual(names("aws:s3/bucket:Bucket"), ["site"], describeResult(result));
            assert.deepEqual(names("aws:s3/bucketPolicy:BucketPolicy"), []);
        });

        it(`${style}: still destroys cleanly`, async function () {
            await session.ok(["destroy", "--yes", "-s", style], project);
        });
    }
});

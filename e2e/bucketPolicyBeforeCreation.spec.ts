// A program written the way real ones are (e2e/projects/public-bucket-policy: pulumi.jsonStringify around
// ARNs, getPolicyDocumentOutput) must be stopped by `pulumi up --policy-pack` before the bad BucketPolicy is
// created: its document is unknown at preview, and only the resource policies see it resolved during up.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
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

    // The bucket's tags reach the judgement of its BucketPolicy during `pulumi up`: the pack analyzes the bucket
    // (tags included) before the policy that references it. The getPolicyDocument document breaks two policies
    // (no TLS deny, no encryption-header deny); the engine reports the first mandatory one and stops.
    const breaks = ["s3-bucket-policy-deny-insecure-transport", "s3-bucket-policy-require-sse-kms"];
    const cases: { stack: string; title: string; config: [string, string][]; packConfig?: Record<string, unknown>; exempt: string[] }[] = [
        {
            stack: "exempt-by-pack-config", title: "tagged data-class=public-website, which the pack config's exemptTags names for both policies",
            config: [["dataClass", "public-website"]],
            packConfig: Object.fromEntries(breaks.map((p) => [p, { exemptTags: { "data-class": "public-website" } }])),
            exempt: breaks,
        },
        {
            stack: "exempt-both-by-tag", title: "tagged encrypted-buckets:exempt with both policies (space-separated: AWS tag values allow no comma)",
            config: [["exemptPolicy", breaks.join(" ")]],
            exempt: breaks,
        },
        {
            stack: "exempt-tls-by-tag", title: "tagged encrypted-buckets:exempt=s3-bucket-policy-deny-insecure-transport (one of the two)",
            config: [["exemptPolicy", breaks[0]]],
            exempt: [breaks[0]],
        },
    ];
    for (const c of cases) {
        const blocked = breaks.some((p) => !c.exempt.includes(p));
        it(`getPolicyDocument, bucket ${c.title}: \`pulumi up\` ${blocked ? "stops the BucketPolicy before it is created, on the policy the tag does not exempt only" : "creates the BucketPolicy"}`, async function () {
            await session.ok(["stack", "init", c.stack], project);
            await session.ok(["config", "set", "-s", c.stack, "policyStyle", "getPolicyDocument"], project);
            for (const [k, v] of c.config) {
                await session.ok(["config", "set", "-s", c.stack, k, v], project);
            }
            const log = path.join(session.root, `${c.stack}.events.jsonl`);
            const args = ["up", "--yes", "-s", c.stack, "--policy-pack", policyPack, "--event-log", log];
            if (c.packConfig) {
                const file = path.join(session.root, `${c.stack}.policy-config.json`);
                fs.writeFileSync(file, JSON.stringify(c.packConfig));
                args.push("--policy-pack-config", file);
            }
            const result = await session.run(args, project);
            const reported = violationKeys(mandatory(policyViolations(log)));
            for (const policy of c.exempt) {
                assert.ok(!reported.includes(`${policy} -> site-readers`), `${policy} is exempted by the bucket's tags, yet reported: ${reported.join(", ")}`);
            }
            const exported = await session.ok(["stack", "export", "-s", c.stack], project);
            const resources = (JSON.parse(exported.stdout) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? [];
            const policies = resources.filter((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy");
            // The TLS check, which would stop the BucketPolicy before it is created, lets it through. The header check
            // stops it before creation too when it is not exempted: the provider's Check auto-names the bucket, so
            // during `up` the document's bucket is known to be this stack's SSE-KMS bucket when the policy is analyzed.
            assert.equal(policies.length, blocked ? 0 : 1, `the exempted bucket's policy is ${blocked ? "not " : ""}expected in the state; reported: ${reported.join(", ")}\n${describeResult(result)}`);
            if (blocked) {
                assert.notEqual(result.code, 0, describeResult(result));
                assert.deepEqual(reported, breaks.filter((p) => !c.exempt.includes(p)).map((p) => `${p} -> site-readers`), describeResult(result));
            } else {
                assert.equal(result.code, 0, `reported: ${reported.join(", ")}\n${describeResult(result)}`);
            }
            await session.ok(["destroy", "--yes", "-s", c.stack], project);
        });
    }
});

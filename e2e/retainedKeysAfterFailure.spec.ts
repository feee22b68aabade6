// The retained-key alias check (program/retainedKeyAliases.ts) after an `up` that failed halfway while moving a bucket
// off its own key. The engine writes a failed update's stack outputs (pkg/v3 resource/deploy, step_executor.go,
// executeRegisterResourceOutputs: on error it "only replace[s] outputs that have new outputs"): when the failure comes
// after the program registered them (here the bucket policy's update, after the encryption moved), `buckets` and
// `retainedKeys` record the move, while the old key is still in the state (deletes never ran). The re-run of the
// move, once the cause is fixed, must go through: it does, and drops the old key with [retain].
// Known gap, not asserted (run with GAP_REVERT=1 to see it): going back instead, to the key of its own as deployed
// (acknowledging the key the bucket moved to), is refused at `key.alias` as taking the alias of the "retained" key,
// which is still the stack's own; the refusal's second fix is the retained key by its ARN (not run here: the stand-in's
// DescribeKey knows only a fixed table of existing keys, fakeaws/kmsGetKey.ts).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { REPO_ROOT } from "./support/paths";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { ConfigValues, editStackConfig } from "./support/stackConfigEdit";
import { removeDir, stageProject } from "./support/workdir";
import { FAIL_VARIABLE } from "./standin-aws/faultInjection";
import { putObject, readEvents, STATE_DIR_VARIABLE } from "./standin-aws/objectModel";

const NS = "encrypted-buckets";
const ADMIN = "arn:aws:iam::111111111111:role/kms-admin";
const STACK_FILE = `config:
  pulumi:disable-default-providers: [aws]
  ${NS}:protect: false
  ${NS}:accounts:
    data: { accountId: "111111111111", region: eu-west-1, roleArn: "arn:aws:iam::111111111111:role/encrypted-buckets-deploy" }
  ${NS}:keys:
    shared: { account: data, alias: alias/gap-shared, administrators: ["${ADMIN}"] }
  ${NS}:buckets:
    - { name: raw, account: data, bucketName: acme-gap-raw, key: { alias: alias/gap-raw, administrators: ["${ADMIN}"] } }
`;

interface BucketEntry {
    key: unknown;
    acknowledge?: { retireKey?: string[] };
}

describe("e2e: an up that failed halfway while moving a bucket off its key", function () {
    const stack = "gap";
    let session: PulumiSession;
    let project: string;
    let stateDir: string;
    const env = (extra: Record<string, string> = {}) => ({ env: { [STATE_DIR_VARIABLE]: stateDir, ...extra } });
    const bucketsOf = (config: ConfigValues) => config[`${NS}:buckets`] as BucketEntry[];

    before(async function () {
        session = new PulumiSession(pulumiBinDir(), "retained-gap");
        project = stageProject(REPO_ROOT);
        fs.writeFileSync(path.join(project, `Pulumi.${stack}.yaml`), STACK_FILE);
        stateDir = path.join(session.root, "aws");
        fs.mkdirSync(stateDir);
        await session.ok(["stack", "init", stack], project, env());
        await session.ok(["up", "--yes", "-s", stack], project, env());
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("the re-run of the move, once the cause is fixed, is not refused; no key is scheduled for deletion and the stack converges", async function () {
        const deployed = JSON.parse((await session.ok(["stack", "output", "buckets", "--json", "-s", stack], project, env())).stdout) as Record<string, { bucketName: string; keyArn: string }>;
        const oldKey = deployed["raw"].keyArn;
        putObject(stateDir, deployed["raw"].bucketName, "reports/2026.csv", oldKey);
        editStackConfig(project, stack, (config) => {
            bucketsOf(config)[0].key = "shared";
            bucketsOf(config)[0].acknowledge = { retireKey: [oldKey] };
        });
        // Fails after the bucket's encryption moved and the program registered its outputs: they record the move and
        // the old key as retained, while the old key is still in the state (its delete never ran).
        const failed = await session.run(["up", "--yes", "-s", stack], project, env({ [FAIL_VARIABLE]: process.env["GAP_FAIL"] ?? "raw-policy" }));
        assert.notEqual(failed.code, 0, describeResult(failed));
        assert.match(`${failed.stdout}${failed.stderr}`, /injected by STANDIN_AWS_FAIL/);
        if (process.env["GAP_REVERT"] === "1") {
            // Observation only (the known gap): going back after the failure, acknowledging the key the bucket moved to.
            const shared = (JSON.parse((await session.ok(["stack", "output", "buckets", "--json", "-s", stack], project, env())).stdout) as Record<string, { keyArn: string }>)["raw"].keyArn;
            let original: unknown;
            editStackConfig(project, stack, (config) => {
                original = bucketsOf(config)[0].key;
                bucketsOf(config)[0].key = { alias: "alias/gap-raw", administrators: [ADMIN] };
                bucketsOf(config)[0].acknowledge = { retireKey: [shared] };
            });
            const back = await session.run(["up", "--yes", "-s", stack], project, env());
            console.log("REVERT", back.code, back.stdout.slice(-2500), back.stderr.slice(-1500));
            editStackConfig(project, stack, (config) => {
                bucketsOf(config)[0].key = original;
                bucketsOf(config)[0].acknowledge = { retireKey: [oldKey] };
            });
        }
        const fixed = await session.run(["up", "--yes", "-s", stack], project, env());
        assert.equal(fixed.code, 0, describeResult(fixed));
        // The failed run warned that the old key is retained; the re-run drops it from the state ([retain]) and keeps it recorded.
        assert.match(fixed.stdout, /raw-cmk-key deleted \([\d.]+s\)\[retain\]/, describeResult(fixed));
        const retained = JSON.parse((await session.ok(["stack", "output", "retainedKeys", "--json", "-s", stack], project, env())).stdout) as { arn: string }[];
        assert.ok(retained.some((k) => k.arn === oldKey), `retainedKeys does not list ${oldKey}: ${JSON.stringify(retained)}`);
        assert.deepEqual(readEvents(stateDir).filter((e) => e.op === "ScheduleKeyDeletion"), []);
        const preview = await session.run(["preview", "--expect-no-changes", "-s", stack], project, env());
        assert.equal(preview.code, 0, describeResult(preview));
    });
});

// No ordinary edit of a program that uses the components directly loses data (e2e/dataSafety.spec.ts covers our own
// program, whose stack configuration adds continuity checks a component alone cannot make). The program is
// e2e/projects/component-safety: one EncryptedBucket with its own key. Each step edits it as its team would (the
// edit is set through stack configuration so that one staged program serves every step), runs the real CLI against
// the stand-in, and checks that no key was scheduled for deletion, every object still decrypts, and every bucket
// that holds data keeps its policy (TLS and header denies) and its default encryption, with no guardrail deleted;
// or that the edit was refused before anything was registered, naming the field and the fix. Each group of steps
// has its own stack (and component name), so a step that fails halfway on purpose leaves the others a clean start.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { dataLossProblems } from "./support/dataLoss";
import { PROJECTS_DIR } from "./support/paths";
import { CommandResult, describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";
import { FAIL_VARIABLE } from "./standin-aws/faultInjection";
import { ModelEvent, putObject, readEvents, STATE_DIR_VARIABLE } from "./standin-aws/objectModel";

/**
 * An existing key named by ARN (ExternalKey): the analytics team's key in another account, which the stand-in's
 * DescribeKey knows (fakeaws/kmsGetKey.ts, as Pulumi.dev.yaml uses it).
 */
const EXISTING_KEY = "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444";

describe("e2e: no ordinary edit of a program using the components loses data", function () {
    let session: PulumiSession;
    let project: string;
    let stateDir: string;
    let eventMark = 0;
    /** Every bucket that received objects: each must survive every step with its guardrails. */
    const dataBuckets: string[] = [];

    const env = (extra: Record<string, string> = {}) => ({ env: { [STATE_DIR_VARIABLE]: stateDir, ...extra } });
    const run = (stack: string, args: string[], extra: Record<string, string> = {}) => session.run([...args, "-s", stack], project, env(extra));
    const setConfig = async (stack: string, values: Record<string, string | undefined>) => {
        for (const [key, value] of Object.entries(values)) {
            await session.ok(value === undefined ? ["config", "rm", key, "-s", stack] : ["config", "set", key, value, "-s", stack], project, env());
        }
    };
    const output = (result: CommandResult) => `${result.stdout}\n${result.stderr}`;
    const newEvents = (): ModelEvent[] => {
        const all = readEvents(stateDir);
        const fresh = all.slice(eventMark);
        eventMark = all.length;
        return fresh;
    };
    const changes = (events: readonly ModelEvent[]) => events.map((e) => `${e.op} ${e.type} ${e.name}`);
    const stackOutput = async (stack: string, name: string) =>
        JSON.parse((await session.ok(["stack", "output", name, "--json", "-s", stack], project, env())).stdout) as string;

    /** The step's events, after checking that they lost no data and took no guardrail away. */
    function assertNoDataLost(result: CommandResult): ModelEvent[] {
        const events = newEvents();
        const problems = dataLossProblems(stateDir, path.join(session.home, "standin-aws-world"), events, dataBuckets);
        assert.deepEqual(problems, [], `data or guardrails lost (${changes(events).join(", ")})\n${describeResult(result)}`);
        return events;
    }

    /** A new stack whose EncryptedBucket is called `name`, deployed without protect, holding one object under its key. */
    async function deployed(stack: string, name: string): Promise<string> {
        await session.ok(["stack", "init", stack], project, env());
        await setConfig(stack, { name, protect: "false" });
        await session.ok(["up", "--yes", "-s", stack], project, env());
        const bucket = await stackOutput(stack, "bucketName");
        putObject(stateDir, bucket, "reports/2026.csv", await stackOutput(stack, "keyArnInUse"));
        dataBuckets.push(bucket);
        newEvents();
        return bucket;
    }

    before(async function () {
        session = new PulumiSession(pulumiBinDir(), "component-safety");
        project = stageProject(path.join(PROJECTS_DIR, "component-safety"), { projectFileRewrite: absolutePluginPaths });
        stateDir = path.join(session.root, "aws");
        fs.mkdirSync(stateDir);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    describe("renames", function () {
        const stack = "rename";

        it("with `aliases`, keeps the bucket, its guardrails and its key; only the default key alias (alias/s3/<name>) follows the name", async function () {
            const bucket = await deployed(stack, "ledger");
            await setConfig(stack, { name: "ledger-v2", previousName: "ledger" });
            const result = await run(stack, ["up", "--yes"]);
            assert.equal(result.code, 0, describeResult(result));
            const events = assertNoDataLost(result);
            assert.deepEqual(changes(events).sort(), ["create aws:kms/alias:Alias ledger-v2-cmk-alias", "delete aws:kms/alias:Alias ledger-cmk-alias"], describeResult(result));
            assert.equal(await stackOutput(stack, "bucketName"), bucket);
            await setConfig(stack, { previousName: undefined });
        });

        it("without `aliases`, the old bucket's delete is refused by S3 (it holds objects), and its guardrails and key stay", async function () {
            await setConfig(stack, { name: "ledger-v3" });
            const result = await run(stack, ["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /BucketNotEmpty: The bucket you tried to delete is not empty/);
            assertNoDataLost(result);
        });

        it("renamed back: the retained key still holds the default alias, so the new key's alias fails halfway (CreateAlias), losing nothing", async function () {
            // Documented (README, "Use the components in your own program"): a component cannot see that an alias is held by
            // a key it retained in an earlier update; pass keyArgs.alias, or the retained key itself by ARN.
            await setConfig(stack, { name: "ledger-v2" });
            const result = await run(stack, ["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /AlreadyExistsException: An alias with the name \S+alias\/s3\/ledger-v2 already exists/);
            assertNoDataLost(result);
        });
    });

    describe("provider switches", function () {
        const stack = "provider";

        it("to another account's provider with accountId unchanged is refused before anything is registered, naming accountId and the fix", async function () {
            await deployed(stack, "archive");
            await setConfig(stack, { provider: "other-account" });
            const result = await run(stack, ["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /EncryptedBucket "archive": accountId is 111111111111, but the component's aws provider deploys into account 222222222222\. Fix: pass the provider of account 111111111111/);
            assert.deepEqual(changes(assertNoDataLost(result)), [], "a refused edit changed something");
        });

        it("to a provider of another Region of the same account changes nothing (every resource names its Region)", async function () {
            await setConfig(stack, { provider: "other-region" });
            const result = await run(stack, ["up", "--yes"]);
            assert.equal(result.code, 0, describeResult(result));
            assert.deepEqual(changes(assertNoDataLost(result)), []);
            const preview = await run(stack, ["preview", "--expect-no-changes"]);
            assert.equal(preview.code, 0, describeResult(preview));
        });

        it("to another account with accountId moved too replaces the bucket: the old one, holding objects, stays with its guardrails and key", async function () {
            await setConfig(stack, { provider: "other-account", accountId: "222222222222" });
            const result = await run(stack, ["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /BucketNotEmpty: The bucket you tried to delete is not empty/);
            assertNoDataLost(result);
        });
    });

    describe("key switches", function () {
        const stack = "key";

        it("from its own key to an existing key retains the own key (alias and policy too), never scheduling its deletion", async function () {
            await deployed(stack, "exports");
            const existingKey = EXISTING_KEY;
            await setConfig(stack, { keyArn: existingKey });
            const result = await run(stack, ["up", "--yes"]);
            assert.equal(result.code, 0, describeResult(result));
            const events = changes(assertNoDataLost(result));
            assert.ok(events.includes("delete aws:kms/key:Key exports-cmk-key") === false, `the own key was deleted: ${events.join(", ")}`);
            assert.equal(await stackOutput(stack, "keyArnInUse"), existingKey);
            const bucket = await stackOutput(stack, "bucketName");
            putObject(stateDir, bucket, "reports/existing-key.csv", existingKey);
        });

        it("back to a key of its own under the same default alias fails halfway on that alias (the retained key holds it), losing nothing", async function () {
            await setConfig(stack, { keyArn: undefined });
            const result = await run(stack, ["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /AlreadyExistsException: An alias with the name \S+alias\/s3\/exports already exists/);
            assertNoDataLost(result);
        });
    });

    describe("an update failing halfway, then fixed; then destroy", function () {
        const stack = "halfway";

        it("a key switch whose encryption update fails keeps every guardrail; the fixed re-run completes and converges", async function () {
            await deployed(stack, "invoices");
            await setConfig(stack, { keyArn: EXISTING_KEY });
            const failed = await run(stack, ["up", "--yes"], { [FAIL_VARIABLE]: "invoices-encryption" });
            assert.notEqual(failed.code, 0, describeResult(failed));
            assert.match(output(failed), /injected by STANDIN_AWS_FAIL/);
            assertNoDataLost(failed);
            const fixed = await run(stack, ["up", "--yes"]);
            assert.equal(fixed.code, 0, describeResult(fixed));
            assertNoDataLost(fixed);
            const preview = await run(stack, ["preview", "--expect-no-changes"]);
            assert.equal(preview.code, 0, describeResult(preview));
        });

        it("`pulumi destroy` leaves the bucket that holds objects with its guardrails, and schedules no key deletion", async function () {
            const result = await run(stack, ["destroy", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /BucketNotEmpty: The bucket you tried to delete is not empty/);
            assertNoDataLost(result);
        });
    });
});

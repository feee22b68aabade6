// A bucket encrypted by an existing key (`key: arn:aws:kms:...`) against the last deployment. Its output carries no
// key alias (the stack does not own the key), and the read of the last deployment once dropped such a bucket, so
// none of its edits was compared: a changed bucketName, a move to another Region, or a switch to another key
// went through unrefused.
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig } from "../../config";
import { planContinuity } from "../../program/continuity";
import { parsePreviousOutputs, PreviousDeployment } from "../../program/previousDeployment";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { synthStack } from "../support/synthStack";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const EXISTING_KEY = "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444";

type Entry = Record<string, unknown>;
interface RawConfig {
    buckets: Entry[];
    [key: string]: unknown;
}

describe("program continuity: a bucket encrypted by an existing key (dev stack's analytics-shared)", function () {
    let previous: PreviousDeployment;
    const raw = (): RawConfig => JSON.parse(JSON.stringify(readStackConfigFile(PROJECT_DIR, "dev").projectConfig)) as RawConfig;
    const plan = (edit: (c: RawConfig) => void) => {
        const c = raw();
        edit(c);
        return planContinuity(parseStackConfig(c), previous);
    };
    const index = () => raw().buckets.findIndex((b) => b["name"] === "analytics-shared");

    before(async function () {
        const exported = await synthStack("dev");
        previous = parsePreviousOutputs(exported.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs);
    });

    it("is read from the stack outputs, with its key", function () {
        const deployed = previous.buckets.find((b) => b.configName === "analytics-shared");
        assert.ok(deployed, `not in the last deployment: ${previous.buckets.map((b) => b.configName).join(", ")}`);
        assert.equal(deployed.keyArn, EXISTING_KEY);
        assert.equal(deployed.bucketName, "acme-dev-analytics-shared");
    });

    it("refuses a changed bucketName", function () {
        const i = index();
        const continuity = plan((c) => {
            c.buckets[i]["bucketName"] = "acme-dev-analytics-shared-v2";
        });
        assert.deepStrictEqual(continuity.problems.map((p) => p.path), [`encrypted-buckets:buckets[${i}].bucketName`]);
    });

    it("refuses a switch to a key of its own unless acknowledged, and never reports the existing key as retained by the stack", function () {
        const i = index();
        const refused = plan((c) => {
            c.buckets[i]["key"] = { alias: "alias/encrypted-buckets/dev-analytics-shared" };
        });
        assert.deepStrictEqual(refused.problems.map((p) => p.path), [`encrypted-buckets:buckets[${i}].key`]);
        assert.match(refused.problems[0].message, new RegExp(`moves the bucket off its deployed key ${EXISTING_KEY}: every object`));
        const acknowledged = plan((c) => {
            c.buckets[i]["key"] = { alias: "alias/encrypted-buckets/dev-analytics-shared" };
            c.buckets[i]["acknowledge"] = { retireKey: [EXISTING_KEY] };
        });
        assert.deepStrictEqual(acknowledged.problems, []);
        assert.deepStrictEqual(acknowledged.retainedKeys, [], "the stack never owned the existing key: it has nothing to retain");
        assert.deepStrictEqual(plan(() => undefined).problems, []);
    });
});

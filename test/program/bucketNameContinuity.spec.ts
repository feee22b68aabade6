// A deployed bucket's physical name against an entry that no longer spells it. `bucket` is a replace-on-change
// input of aws.s3.Bucket, and an unset one is generated anew (`<resource name>-<random>`), so dropping
// `bucketName` from an entry would replace the deployed bucket with a new, empty one, and a replica the
// stack knows only by account and Region would be left behind when its Region changes. Both are edits the
// program refuses for a named bucket (docs/operations.md, "What the program guarantees").
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig } from "../../config";
import { planContinuity } from "../../program/continuity";
import { parsePreviousOutputs, PreviousDeployment } from "../../program/previousDeployment";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { synthStack } from "../support/synthStack";
import { runStack } from "./support/stackRun";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const BUCKET = "aws:s3/bucket:Bucket";

type Entry = Record<string, unknown>;
interface RawConfig {
    accounts: Record<string, Entry>;
    buckets: Array<Entry & { replicas: Entry[] }>;
    logBuckets: Entry[];
    [key: string]: unknown;
}

describe("program continuity: a deployed bucket keeps its physical name", function () {
    let previous: PreviousDeployment;
    /** The last deployment with the raw bucket's replica auto-named (its entry had no bucketName). */
    let autoNamedReplica: PreviousDeployment;
    const AUTO_NAME = "raw-replica-backup-eu-central-1-bucket-1a2b3c4";
    const raw = (): RawConfig => JSON.parse(JSON.stringify(readStackConfigFile(PROJECT_DIR, "dev").projectConfig)) as RawConfig;
    const plan = (edit: (c: RawConfig) => void, from: () => PreviousDeployment = () => previous) => {
        const c = raw();
        edit(c);
        return planContinuity(parseStackConfig(c), from());
    };
    const bucketInput = async (c: RawConfig, name: string, from: PreviousDeployment = previous) =>
        (await runStack(c, "dev", (config) => planContinuity(config, from))).named(BUCKET, name).inputs["bucket"];

    before(async function () {
        const exported = await synthStack("dev");
        previous = parsePreviousOutputs(exported.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs);
        autoNamedReplica = JSON.parse(JSON.stringify(previous)) as PreviousDeployment;
        autoNamedReplica.buckets.find((b) => b.configName === "raw")!.replicas[0].bucketName = AUTO_NAME;
    });

    it("an entry whose bucketName is dropped keeps registering the deployed name (no replacement by a generated one)", async function () {
        const c = raw();
        delete c.buckets[0]["bucketName"];
        assert.equal(await bucketInput(c, "raw-bucket"), "acme-dev-data-raw");
        assert.deepStrictEqual(planContinuity(parseStackConfig(c), previous).problems, []);
    });

    it("a monitored bucket whose bucketName is dropped keeps its alert topic (and its subscriptions) and the topic key's alias", async function () {
        const TOPIC = "aws:sns/topic:Topic";
        const alertNames = async (edit: (c: RawConfig) => void) => {
            const c = raw();
            edit(c);
            const run = await runStack(c, "dev", (config) => planContinuity(config, previous));
            const alias = run.byType("aws:kms/alias:Alias").map((r) => r.inputs["name"]).filter((n) => String(n).endsWith("-replication-alerts"));
            return [run.byType(TOPIC).map((r) => r.inputs["name"]), alias];
        };
        const deployed = [["acme-dev-data-raw-replication-alerts"], ["alias/encrypted-buckets/acme-dev-data-raw-replication-alerts"]];
        assert.deepStrictEqual(await alertNames(() => undefined), deployed);
        assert.deepStrictEqual(await alertNames((c) => delete c.buckets[0]["bucketName"]), deployed);
    });

    it("a replica whose bucketName is dropped keeps its deployed name", async function () {
        const c = raw();
        delete c.buckets[0].replicas[0]["bucketName"];
        assert.equal(await bucketInput(c, "raw-replica-backup-eu-central-1-bucket"), "acme-dev-backup-raw");
    });

    it("a log bucket whose bucketName is dropped keeps its deployed name", async function () {
        const c = raw();
        delete c.logBuckets[0]["bucketName"];
        const logBucket = (await runStack(c, "dev", (config) => planContinuity(config, previous))).byType(BUCKET).filter((r) => r.name.startsWith("access-logs"));
        assert.deepStrictEqual(logBucket.map((r) => r.inputs["bucket"]), ["acme-dev-data-access-logs"]);
    });

    it("an auto-named bucket keeps the name it was generated with", async function () {
        const c = raw();
        delete c.buckets[0].replicas[0]["bucketName"];
        assert.equal(await bucketInput(c, "raw-replica-backup-eu-central-1-bucket", autoNamedReplica), AUTO_NAME);
    });

    it("a new stack, and a replacement the entry acknowledges, still get a generated name", async function () {
        const fresh = raw();
        delete fresh.buckets[0]["bucketName"];
        assert.equal((await runStack(fresh, "dev")).named(BUCKET, "raw-bucket").inputs["bucket"], undefined);
        const acknowledged = raw();
        delete acknowledged.buckets[0]["bucketName"];
        acknowledged.buckets[0]["acknowledge"] = { replaceBucket: ["acme-dev-data-raw"] };
        assert.equal(await bucketInput(acknowledged, "raw-bucket"), undefined);
    });

    it("refuses to move an auto-named replica to another Region, as it does a named one", function () {
        const unset = (c: RawConfig) => delete c.buckets[0].replicas[0]["bucketName"];
        const moved = plan((c) => {
            unset(c);
            c.buckets[0].replicas[0]["region"] = "eu-west-2";
        }, () => autoNamedReplica);
        assert.deepStrictEqual(moved.problems.map((p) => p.path), ["encrypted-buckets:buckets[0].replicas[0].region"]);
        assert.match(moved.problems[0].message, new RegExp(`from eu-central-1 to eu-west-2.*acknowledge: \\{ replaceBucket: \\[${AUTO_NAME}\\] \\}`));
        const defaulted = plan((c) => {
            unset(c);
            delete c.buckets[0].replicas[0]["region"];
            c.accounts["backup"]["region"] = "eu-west-2";
        }, () => autoNamedReplica);
        assert.deepStrictEqual(defaulted.problems.map((p) => p.path), ["encrypted-buckets:buckets[0].replicas[0].region"]);
        const acknowledged = plan((c) => {
            unset(c);
            c.buckets[0].replicas[0]["region"] = "eu-west-2";
            c.buckets[0]["acknowledge"] = { replaceBucket: [AUTO_NAME] };
        }, () => autoNamedReplica);
        assert.deepStrictEqual(acknowledged.problems, []);
    });

    it("still lets a replica be removed while another is added in a different account", function () {
        const continuity = plan((c) => {
            const { bucketName: _name, ...settings } = c.buckets[0].replicas[0];
            c.buckets[0].replicas[0] = { ...settings, account: "analytics", region: "eu-central-1" };
        }, () => autoNamedReplica);
        assert.deepStrictEqual(continuity.problems, []);
        assert.deepStrictEqual(continuity.retainedKeys.map((k) => k.usedBy), [[`replica bucket ${AUTO_NAME}`]]);
    });
});

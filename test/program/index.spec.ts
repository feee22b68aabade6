// index.ts itself: refuses a bad config, and an edit that would replace or orphan deployed data, before
// registering anything; exports the outputs.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const INDEX = path.join(PROJECT_DIR, "index.ts");
const STACK_REFERENCE = "pulumi:pulumi:StackReference";

type Program = () => Promise<Record<string, unknown>>;

describe("program entry point (index.ts)", function () {
    let mocks: FakeAwsMockSession;
    const program = () => require(INDEX) as Program;

    before(async () => {
        mocks = await installFakeAwsMocks({ project: "encrypted-buckets", stack: "dev" });
    });
    beforeEach(() => {
        mocks.reset();
        mocks.mocks.stackOutputs = {};
    });
    after(() => pulumi.runtime.setAllConfig({}));

    it("throws a RunError naming the field, and registers nothing, when the config is invalid", async () => {
        const engine = { ...readStackConfigFile(PROJECT_DIR, "dev").engineConfig };
        const accounts = JSON.parse(engine["encrypted-buckets:accounts"]) as Record<string, { accountId: string }>;
        accounts.data.accountId = "12345";
        engine["encrypted-buckets:accounts"] = JSON.stringify(accounts);
        pulumi.runtime.setAllConfig(engine);
        await assert.rejects(program()(), (error: Error) => error instanceof pulumi.RunError && /encrypted-buckets:accounts\.data\.accountId: is "12345", not an AWS account id\. Fix: use exactly 12 digits/.test(error.message));
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources(), []);
    });

    it("refuses an account alias __proto__ (which the engine's JSON would otherwise drop) and registers nothing", async () => {
        const engine = { ...readStackConfigFile(PROJECT_DIR, "dev").engineConfig };
        engine["encrypted-buckets:accounts"] = engine["encrypted-buckets:accounts"].replace(/^\{/, '{"__proto__":{"accountId":"444444444444","region":"eu-west-1","roleArn":"arn:aws:iam::444444444444:role/deploy"},');
        pulumi.runtime.setAllConfig(engine);
        await assert.rejects(program()(), (error: Error) => error instanceof pulumi.RunError && /encrypted-buckets:accounts\.__proto__: is a map key named __proto__/.test(error.message));
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources(), []);
    });

    it("exports buckets, shared keys, consumer policies, replication role ARNs and Batch Replication commands, after reading its own last outputs", async () => {
        pulumi.runtime.setAllConfig(readStackConfigFile(PROJECT_DIR, "dev").engineConfig);
        const outputs = await program()();
        assert.deepStrictEqual(Object.keys(outputs).sort(), [
            "buckets",
            "consumerPolicies",
            "existingKeyPolicies",
            "existingObjectReplication",
            "externalReplicaPolicies",
            "logBuckets",
            "organizationPolicies",
            "replicationAlerts",
            "replicationRoleArns",
            "replicationRolePolicies",
            "sharedKeys",
        ]);
        // The dev stack's external replica and brought role: what their owners must add, as JSON.
        const external = (outputs["externalReplicaPolicies"] as Record<string, { bucketPolicyJson: pulumi.Output<string>; keyPolicyJson: pulumi.Output<string> }>)["curated-partner-archive"];
        const bucketStatements = (JSON.parse(await promiseOf(external.bucketPolicyJson)) as { Statement: Array<{ Principal: unknown }> }).Statement;
        assert.deepStrictEqual(bucketStatements.map((s) => s.Principal), [
            { AWS: "arn:aws:iam::111111111111:role/platform/s3-replication-curated" },
            { AWS: "arn:aws:iam::111111111111:role/platform/s3-replication-curated" },
        ]);
        const role = (outputs["replicationRolePolicies"] as Record<string, { roleArn: string; policyJson: pulumi.Output<string> }>)["curated"];
        assert.equal(role.roleArn, "arn:aws:iam::111111111111:role/platform/s3-replication-curated");
        assert.ok(JSON.parse(await promiseOf(role.policyJson)).Statement.some((s: { Sid: string }) => s.Sid === "ReplicationRoleReplicateToPartnerArchive"));
        const buckets = outputs["buckets"] as Record<string, { arn: pulumi.Output<string> }>;
        assert.equal(await promiseOf(buckets["curated"].arn), "arn:aws:s3:::acme-dev-data-curated");
        await mocks.settled();
        const [reference] = mocks.byType(STACK_REFERENCE);
        assert.equal(reference.inputs["name"], "organization/encrypted-buckets/dev");
    });

    it("exports, per bucket with a monitored replica, the alert topic to subscribe to and each monitored replica's alarms", async () => {
        pulumi.runtime.setAllConfig(readStackConfigFile(PROJECT_DIR, "dev").engineConfig);
        const outputs = await program()();
        const alerts = await promiseOf(pulumi.output(outputs["replicationAlerts"])) as Record<string, { topicArn: string; accountId: string; region: string; replicas: unknown[] }>;
        // In the dev stack only raw's replica has monitoring: true; curated replicates without it.
        assert.deepStrictEqual(Object.keys(alerts), ["raw"]);
        await mocks.settled();
        const [topic] = mocks.byType("aws:sns/topic:Topic");
        assert.equal(alerts["raw"].topicArn, "arn:aws:sns:eu-west-1:111111111111:acme-dev-data-raw-replication-alerts");
        assert.equal(topic.inputs["name"], "acme-dev-data-raw-replication-alerts");
        assert.deepStrictEqual(alerts["raw"].replicas, [
            {
                account: "backup",
                region: "eu-central-1",
                bucketName: "acme-dev-backup-raw",
                alarmNames: ["acme-dev-data-raw-replication-alerts-acme-dev-backup-raw-failed", "acme-dev-data-raw-replication-alerts-acme-dev-backup-raw-latency"],
            },
        ]);
        const alarmNames = mocks.byType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs["name"]).sort();
        assert.deepStrictEqual(alarmNames, [...(alerts["raw"].replicas[0] as { alarmNames: string[] }).alarmNames].sort());
    });

    it("refuses an edit that would replace a deployed bucket, registering nothing but the read of its own outputs", async () => {
        const engine = { ...readStackConfigFile(PROJECT_DIR, "dev").engineConfig };
        pulumi.runtime.setAllConfig(engine);
        const deployed = await program()();
        const previous = {
            buckets: await promiseOf(pulumi.output(deployed["buckets"])),
            sharedKeys: await promiseOf(pulumi.output(deployed["sharedKeys"])),
            logBuckets: await promiseOf(pulumi.output(deployed["logBuckets"])),
        };
        await mocks.settled();
        mocks.reset();
        mocks.mocks.stackOutputs = previous;
        const buckets = JSON.parse(engine["encrypted-buckets:buckets"]) as { bucketName?: string }[];
        buckets[1].bucketName = "acme-dev-data-curated-v2";
        pulumi.runtime.setAllConfig({ ...engine, "encrypted-buckets:buckets": JSON.stringify(buckets) });
        await assert.rejects(
            program()(),
            (error: Error) =>
                error instanceof pulumi.RunError &&
                /refused: 1 edit would replace or orphan deployed data/.test(error.message) &&
                /encrypted-buckets:buckets\[1\]\.bucketName: changes from acme-dev-data-curated to acme-dev-data-curated-v2/.test(error.message),
        );
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().map((r) => r.type), [STACK_REFERENCE]);
    });

    it("keeps a renamed bucket's grant policy names on every later update, not only the first after the rename", async () => {
        const engine = { ...readStackConfigFile(PROJECT_DIR, "dev").engineConfig };
        const deploy = async (config: Record<string, string>, previous: Record<string, unknown>) => {
            mocks.reset();
            mocks.mocks.stackOutputs = previous;
            pulumi.runtime.setAllConfig(config);
            const outputs = await program()();
            const left = {
                buckets: await promiseOf(pulumi.output(outputs["buckets"])),
                sharedKeys: await promiseOf(pulumi.output(outputs["sharedKeys"])),
                logBuckets: await promiseOf(pulumi.output(outputs["logBuckets"])),
            };
            await mocks.settled();
            const policyNames = mocks.byType("aws:iam/rolePolicy:RolePolicy")
                .filter((r) => /-grant-/.test(r.name))
                .map((r) => `${r.name} ${String(r.inputs["name"])}`)
                .sort();
            return { left, policyNames };
        };
        const first = await deploy(engine, {});
        const buckets = JSON.parse(engine["encrypted-buckets:buckets"]) as { name: string }[];
        const raw = buckets.findIndex((b) => b.name === "raw");
        buckets[raw].name = "landing";
        const renamed = { ...engine, "encrypted-buckets:buckets": JSON.stringify(buckets) };
        const afterRename = await deploy(renamed, first.left);
        const kept = afterRename.policyNames.filter((n) => n.startsWith("landing-grant-"));
        assert.ok(kept.length >= 2 && kept.every((n) => / raw-grant-/.test(n)), kept.join("\n"));
        // The next update reads the outputs the rename left: an inline policy whose name changed would be replaced.
        const next = await deploy(renamed, afterRename.left);
        assert.deepStrictEqual(next.policyNames, afterRename.policyNames);
    });

    it("refuses two replication roles of one name in an account, registering nothing but the read of its own outputs", async () => {
        const engine = { ...readStackConfigFile(PROJECT_DIR, "dev").engineConfig };
        const buckets = JSON.parse(engine["encrypted-buckets:buckets"]) as { name: string; account: string; replicationRoleArn?: string; replicas?: { roleName?: string }[] }[];
        const raw = buckets.findIndex((b) => b.name === "raw");
        const brought = buckets.find((b) => b.account === buckets[raw].account && b.replicationRoleArn !== undefined);
        assert.ok(brought !== undefined && buckets[raw].replicas !== undefined, "the dev stack brings a replication role in the account of raw, which replicates");
        const name = brought.replicationRoleArn!.split("/").pop()!;
        buckets[raw].replicas![0].roleName = name;
        pulumi.runtime.setAllConfig({ ...engine, "encrypted-buckets:buckets": JSON.stringify(buckets) });
        await assert.rejects(
            program()(),
            (error: Error) =>
                error instanceof pulumi.RunError &&
                error.message.includes(`encrypted-buckets:buckets[${raw}].replicas[0].roleName: the replication role of bucket raw would be named "${name}"`) &&
                error.message.includes(`like the replication role bucket ${brought.name} brings (replicationRoleArn)`),
        );
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().map((r) => r.type), [STACK_REFERENCE]);
    });
});

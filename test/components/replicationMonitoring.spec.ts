import * as assert from "assert";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { DATA_ACCOUNT, OTHER_REGION, REGION } from "./fixtures";
import { accountProvider, dataProvider } from "./support/world";
// Imported after the mocks are installed (see test/support/mocks.ts).
type Components = typeof import("../../components");

const T = {
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    notification: "aws:s3/bucketNotification:BucketNotification",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
};

describe("ReplicationMonitoring (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "monitoring" });
        c = await import("../../components");
    });
    beforeEach(() => mocks.reset());

    function replicated(rtc: boolean) {
        const source = new c.EncryptedBucket("src", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "example-src" }, { provider: dataProvider() });
        const destination = new c.EncryptedBucket("dst", { accountId: "222233334444", region: OTHER_REGION, bucketName: "example-dst" }, { provider: accountProvider("222233334444", OTHER_REGION) });
        const replication = new c.BucketReplication("src-replication", { source, destinations: [{ name: "dr", bucket: destination, replicationTime: rtc }] });
        return { source, destination, replication };
    }

    it("alarms on both replication metrics per rule, and sends failure events and alarms to an SNS topic under its own key, S3 and CloudWatch only", async () => {
        const { source, replication } = replicated(true);
        const monitoring = new c.ReplicationMonitoring("src", { source, rules: replication.rules });
        await promiseOf(monitoring.notification.urn);
        await promiseOf(monitoring.key.keyPolicy.urn);
        await mocks.settled();
        const ruleId = replication.rules[0].ruleId;
        const alarms = mocks.byType(T.alarm).map((a) => a.inputs);
        assert.deepStrictEqual(alarms.map((a) => [a.name, a.namespace, a.metricName, a.statistic, a.threshold]).sort(), [
            [`src-replication-alerts-${ruleId}-failed`, "AWS/S3", "OperationsFailedReplication", "Sum", 0],
            [`src-replication-alerts-${ruleId}-latency`, "AWS/S3", "ReplicationLatency", "Maximum", 900],
        ]);
        assert.deepStrictEqual(alarms[0].dimensions, { SourceBucket: "example-src", DestinationBucket: "example-dst", RuleId: ruleId });
        const topic = mocks.byType(T.topic)[0];
        assert.match(String(topic.inputs.kmsMasterKeyId), /^arn:aws:kms:eu-west-1:111122223333:key\//);
        const policy = JSON.parse(String(mocks.byType(T.topicPolicy)[0].inputs.policy)) as { Statement: { Sid: string; Principal: unknown; Condition?: Record<string, Record<string, unknown>> }[] };
        const s3 = policy.Statement.find((s) => s.Sid === "AllowS3ReplicationEvents");
        assert.deepStrictEqual(s3?.Condition, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::example-src" }, StringEquals: { "aws:SourceAccount": DATA_ACCOUNT } });
        const cw = policy.Statement.find((s) => s.Sid === "AllowCloudWatchReplicationAlarms");
        assert.deepStrictEqual((cw?.Condition?.ArnLike as Record<string, string[]>)["aws:SourceArn"].length, 2);
        const notification = mocks.byType(T.notification)[0].inputs;
        assert.deepStrictEqual(notification.topics, [{ topicArn: `arn:aws:sns:eu-west-1:${DATA_ACCOUNT}:src-replication-alerts`, events: ["s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold"] }]);
        const keyPolicy = mocks.byType(T.keyPolicy).find((k) => k.name === "src-alerts-cmk-policy");
        const sids = (JSON.parse(String(keyPolicy?.inputs.policy)) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid);
        assert.ok(sids.includes("AllowS3ToEncryptReplicationEvents") && sids.includes("AllowCloudWatchToEncryptReplicationAlarms"), sids.join(", "));
    });

    it("refuses a rule without Replication Time Control, naming the field and the fix", () => {
        const { source, replication } = replicated(false);
        assert.throws(
            () => new c.ReplicationMonitoring("src", { source, rules: replication.rules }),
            /ReplicationMonitoring "src": rules\[0\]\.replicationTimeControl is off for rule .*, so S3 publishes no replication metrics.*Fix: enable Replication Time Control/,
        );
    });

    it("refuses bad thresholds and an empty rule list", () => {
        const { source } = replicated(true);
        assert.throws(() => new c.ReplicationMonitoring("m", { source, rules: [] }), /rules is empty/);
        assert.throws(() => new c.ReplicationMonitoring("m", { source, rules: [{ ruleId: "r", destination: source, replicationTimeControl: true }], latencyThresholdSeconds: 5 }), /latencyThresholdSeconds is below 60/);
    });

    it("refuses a bad deployRoleArn or key alias as its own field, before anything is registered", async () => {
        const { source, replication } = replicated(true);
        await mocks.settled();
        const registered = mocks.resources().length;
        const rules = replication.rules;
        assert.throws(() => new c.ReplicationMonitoring("mon-junk", { source, rules, deployRoleArn: "deploy" }), /^InvalidArgumentError: ReplicationMonitoring "mon-junk": deployRoleArn is "deploy", not an IAM user or role ARN/);
        assert.throws(
            () => new c.ReplicationMonitoring("mon-other", { source, rules, deployRoleArn: "arn:aws:iam::444455556666:role/deploy" }),
            /^InvalidArgumentError: ReplicationMonitoring "mon-other": deployRoleArn is in account 444455556666, but the key is in account 111122223333\. Fix:/,
        );
        // Pulumi's default topic name is short; a long topicName makes the default alias longer than KMS allows.
        assert.throws(() => new c.ReplicationMonitoring("mon-long", { source, rules, topicName: "t".repeat(240) }), /^InvalidArgumentError: ReplicationMonitoring "mon-long": keyAlias is "alias\/encrypted-buckets\/t+", which .*Fix:/);
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().slice(registered).map((r) => r.name), []);
    });
});

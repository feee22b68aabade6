// Replication monitoring resources as the stand-in answers them: same-Region SNS destinations for S3 event
// notifications and CloudWatch alarm actions, and topic policies that are JSON objects.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAwsProvider } from "./provider";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const T = {
    bucket: "aws:s3/bucket:Bucket",
    notification: "aws:s3/bucketNotification:BucketNotification",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    key: "aws:kms/key:Key",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
};
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const SOURCE_PINNED = { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-source" }, StringEquals: { "aws:SourceAccount": "111111111111" } };
const HERE = "arn:aws:sns:eu-west-1:111111111111:alerts";
const THERE = "arn:aws:sns:eu-central-1:111111111111:alerts";

async function create(p: FakeAwsProvider, type: string, name: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    await p.check(urn(type, name), {}, inputs);
    return (await p.create(urn(type, name), inputs)).outs ?? {};
}

describe("e2e stand-in aws provider: replication monitoring resources", function () {
    const saved = { ...process.env };
    let a: FakeAwsProvider;
    beforeEach(async function () {
        process.env["STANDIN_AWS_WORLD_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "standin-world-"));
        delete process.env["STANDIN_AWS_RULES"];
        a = new FakeAwsProvider(() => ({ region: "eu-west-1", assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::111111111111:role/deploy", sessionName: "s" }]) }));
        await create(a, T.bucket, "source", { bucket: "acme-source" });
    });
    afterEach(function () {
        fs.rmSync(String(process.env["STANDIN_AWS_WORLD_DIR"]), { recursive: true, force: true });
        process.env = { ...saved };
    });

    it("event notifications go to a topic of the bucket's Region only", async function () {
        await create(a, T.notification, "ok", { bucket: "acme-source", topics: [{ topicArn: HERE, events: ["s3:Replication:OperationFailedReplication"] }] });
        await assert.rejects(create(a, T.notification, "far", { bucket: "acme-source", topics: [{ topicArn: THERE, events: ["s3:Replication:OperationFailedReplication"] }] }),
            /PutBucketNotificationConfiguration, StatusCode: 400, api error InvalidArgument: Unable to validate the following destination configurations/);
    });

    describe("S3 tests the destination when the configuration is put: the topic policy, then an encrypted topic's key policy", function () {
        const events = ["s3:Replication:OperationFailedReplication"];
        const s3Publishes = (topicArn: string, condition: Record<string, unknown> = SOURCE_PINNED) =>
            doc({ Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "SNS:Publish", Resource: topicArn, Condition: condition });

        it("a topic with SNS's default policy, or a policy pinned to another bucket, is refused; one that lets S3 publish for this bucket is accepted", async function () {
            const topic = await create(a, T.topic, "t", { name: "alerts-a" });
            const arn = String(topic["arn"]);
            await assert.rejects(create(a, T.notification, "n", { bucket: "acme-source", topics: [{ topicArn: arn, events }] }), /Unable to validate the following destination configurations[\s\S]*SNS's default policy/);
            await create(a, T.topicPolicy, "p", { arn, policy: s3Publishes(arn, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::another-bucket" } }) });
            await assert.rejects(create(a, T.notification, "n", { bucket: "acme-source", topics: [{ topicArn: arn, events }] }), /does not let s3\.amazonaws\.com publish for bucket acme-source/);
            await create(a, T.topicPolicy, "p", { arn, policy: s3Publishes(arn) });
            await create(a, T.notification, "n", { bucket: "acme-source", topics: [{ topicArn: arn, events }] });
        });

        it("an encrypted topic needs its key policy to let S3 call kms:GenerateDataKey and kms:Decrypt for the bucket", async function () {
            const rootOnly = doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" });
            const key = await create(a, T.key, "k", { enableKeyRotation: true, policy: rootOnly });
            const topic = await create(a, T.topic, "t", { name: "alerts-b", kmsMasterKeyId: key["arn"] });
            const arn = String(topic["arn"]);
            await create(a, T.topicPolicy, "p", { arn, policy: s3Publishes(arn) });
            await assert.rejects(create(a, T.notification, "n", { bucket: "acme-source", topics: [{ topicArn: arn, events }] }), /encrypted under arn:aws:kms:eu-west-1:111111111111:key\/[0-9a-f-]+, whose key policy does not let s3\.amazonaws\.com call kms:GenerateDataKey/);
            const s3UsesKey = { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*", Condition: SOURCE_PINNED };
            await create(a, T.keyPolicy, "kp", { keyId: key["keyId"], policy: doc(JSON.parse(rootOnly).Statement[0], s3UsesKey) });
            await create(a, T.notification, "n", { bucket: "acme-source", topics: [{ topicArn: arn, events }] });
        });
    });

    it("alarm actions go to a topic of the alarm's Region only", async function () {
        await create(a, T.alarm, "ok", { name: "ok", alarmActions: [HERE] });
        await assert.rejects(create(a, T.alarm, "far", { name: "far", alarmActions: [THERE] }), /api error ValidationError: Invalid region eu-central-1 specified\. Only eu-west-1 is supported\./);
    });

    it("a topic policy must be a JSON object", async function () {
        await create(a, T.topicPolicy, "ok", { arn: HERE, policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
        await assert.rejects(create(a, T.topicPolicy, "bad", { arn: HERE, policy: "not json" }), /SetTopicAttributes, StatusCode: 400, api error InvalidParameter/);
    });
});

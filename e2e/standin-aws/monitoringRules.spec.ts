// Replication monitoring resources as the stand-in answers them: same-Region SNS destinations for S3 event
// notifications and CloudWatch alarm actions, and topic policies that are JSON objects.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAwsProvider } from "./provider";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const T = { bucket: "aws:s3/bucket:Bucket", notification: "aws:s3/bucketNotification:BucketNotification", alarm: "aws:cloudwatch/metricAlarm:MetricAlarm", topicPolicy: "aws:sns/topicPolicy:TopicPolicy" };
const HERE = "arn:aws:sns:eu-west-1:111111111111:alerts";
const THERE = "arn:aws:sns:eu-central-1:111111111111:alerts";

async function create(p: FakeAwsProvider, type: string, name: string, inputs: Record<string, unknown>): Promise<void> {
    await p.check(urn(type, name), {}, inputs);
    await p.create(urn(type, name), inputs);
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

    it("alarm actions go to a topic of the alarm's Region only", async function () {
        await create(a, T.alarm, "ok", { name: "ok", alarmActions: [HERE] });
        await assert.rejects(create(a, T.alarm, "far", { name: "far", alarmActions: [THERE] }), /api error ValidationError: Invalid region eu-central-1 specified\. Only eu-west-1 is supported\./);
    });

    it("a topic policy must be a JSON object", async function () {
        await create(a, T.topicPolicy, "ok", { arn: HERE, policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
        await assert.rejects(create(a, T.topicPolicy, "bad", { arn: HERE, policy: "not json" }), /SetTopicAttributes, StatusCode: 400, api error InvalidParameter/);
    });
});

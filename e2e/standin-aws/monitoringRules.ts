// Replication monitoring resources as the stand-in applies AWS's rules to them:
// - S3 event notifications (PutBucketNotificationConfiguration): an SNS destination must be in the bucket's
//   Region, else S3 answers "Unable to validate the following destination configurations" (Amazon S3 User
//   Guide, "Amazon S3 Event Notifications", "Supported event destinations"); and S3 must be able to publish to
//   it, under the topic policy and an encrypted topic's key policy (notificationDelivery.ts).
// - CloudWatch alarms (PutMetricAlarm): an SNS action must be in the alarm's Region (Amazon CloudWatch User
//   Guide, "Using Amazon CloudWatch alarms", "Alarm actions"), else "Invalid region <r> specified".
// - SNS topic policies (SetTopicAttributes Policy): a JSON object of at most 30 KB (Amazon SNS Developer Guide,
//   "Amazon SNS quotas").
import type { Check, Operation } from "./enforce";
import { deliveryRefused } from "./notificationDelivery";
import { grammarProblem } from "./policyGrammar";
import type { World } from "./world";

const regionOfArn = (arn: string): string | undefined => arn.split(":")[3];

function doing(kind: string, what: string, id: string): string {
    return `${kind === "create" ? "creating" : "updating"} ${what} (${id})`;
}

const bucketNotification: Check = async (op) => {
    const bucket = String(op.inputs["bucket"] ?? op.name);
    const region = String(op.outputs["region"] ?? op.ctx.region);
    const topics = Array.isArray(op.inputs["topics"]) ? (op.inputs["topics"] as Array<Record<string, unknown>>) : [];
    const put = { doing: doing(op.kind, "S3 Bucket Notification", bucket), service: "S3", action: "PutBucketNotificationConfiguration" };
    for (const topic of topics) {
        const arn = String(topic["topicArn"] ?? "");
        if (regionOfArn(arn) !== region) {
            return [put, { code: "InvalidArgument", message: "Unable to validate the following destination configurations", rule: `topic ${arn} is not in the bucket's Region ${region}`, source: "Amazon S3 User Guide, \"Amazon S3 Event Notifications\"" }];
        }
        const known = op.world.topic(arn);
        const source = op.world.bucket(bucket);
        if (known === undefined || source === undefined) continue; // another owner's topic or bucket: its policies are not in this world
        const key = known.kmsMasterKeyId === undefined ? undefined : op.world.key(known.kmsMasterKeyId);
        const refused = await deliveryRefused(source, known, key);
        if (refused !== undefined) return [put, refused];
    }
    return undefined;
};

const metricAlarm: Check = (op) => {
    const region = String(op.outputs["region"] ?? op.ctx.region);
    const actions = [op.inputs["alarmActions"], op.inputs["okActions"], op.inputs["insufficientDataActions"]].flatMap((a) => (Array.isArray(a) ? a.map(String) : []));
    for (const action of actions) {
        const actionRegion = regionOfArn(action);
        if (action.startsWith("arn:aws:sns:") && actionRegion !== region) {
            return [
                { doing: doing(op.kind, "CloudWatch Metric Alarm", String(op.inputs["name"] ?? op.name)), service: "CloudWatch", action: "PutMetricAlarm" },
                { code: "ValidationError", message: `Invalid region ${actionRegion} specified. Only ${region} is supported.`, rule: `alarm action ${action} is not in the alarm's Region ${region}`, source: "Amazon CloudWatch User Guide, \"Using Amazon CloudWatch alarms\"" },
            ];
        }
    }
    return undefined;
};

const topicPolicy: Check = (op) => {
    const policy = op.inputs["policy"];
    const text = typeof policy === "string" ? policy : JSON.stringify(policy ?? "");
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        parsed = undefined;
    }
    const call = { doing: doing(op.kind, "SNS Topic Policy", String(op.inputs["arn"] ?? op.name)), service: "SNS", action: "SetTopicAttributes" };
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        return [call, { code: "InvalidParameter", message: "Invalid parameter: Policy Error: null", rule: "the topic policy is not a JSON object", source: "Amazon SNS API Reference, \"SetTopicAttributes\"" }];
    }
    const problem = grammarProblem(parsed, "resource");
    if (problem !== undefined) {
        return [call, { code: "InvalidParameter", message: "Invalid parameter: Policy Error: null", rule: `the topic policy is not a valid resource policy: ${problem}`, source: "Amazon SNS API Reference, \"SetTopicAttributes\"; IAM User Guide, \"Grammar of the IAM JSON policy language\"" }];
    }
    if (Buffer.byteLength(text, "utf8") > 30 * 1024) {
        return [call, { code: "InvalidParameter", message: "Invalid parameter: Policy statement size exceeds the limit", rule: "the topic policy is over 30 KB", source: "Amazon SNS Developer Guide, \"Amazon SNS quotas\"" }];
    }
    return undefined;
};

/** What the world learns of topics: their policy and encryption, for the notifications that publish to them. */
export function recordMonitoring(op: Operation): void {
    if (op.type === "aws:sns/topic:Topic") {
        const arn = String(op.outputs["arn"]);
        const policy = typeof op.inputs["policy"] === "string" && op.inputs["policy"] !== "" ? op.inputs["policy"] : op.world.topic(arn)?.policy;
        const key = op.inputs["kmsMasterKeyId"];
        op.world.putTopic({ arn, accountId: op.ctx.accountId, ...(policy !== undefined ? { policy } : {}), ...(typeof key === "string" && key !== "" ? { kmsMasterKeyId: key } : {}) });
    } else if (op.type === "aws:sns/topicPolicy:TopicPolicy") {
        const policy = op.inputs["policy"];
        op.world.updateTopic(String(op.inputs["arn"]), { policy: typeof policy === "string" ? policy : JSON.stringify(policy) });
    }
}

/** A deleted topic is gone; a deleted topic policy leaves the topic on SNS's default policy. */
export function forgetMonitoring(type: string, props: Record<string, unknown>, world: World): void {
    if (type === "aws:sns/topic:Topic") {
        world.deleteTopic(String(props["arn"]));
    } else if (type === "aws:sns/topicPolicy:TopicPolicy") {
        world.updateTopic(String(props["arn"]), { policy: undefined });
    }
}

export const MONITORING_CHECKS = {
    "aws:s3/bucketNotification:BucketNotification": bucketNotification,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
    "aws:sns/topicPolicy:TopicPolicy": topicPolicy,
};

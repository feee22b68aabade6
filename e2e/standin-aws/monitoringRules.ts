// Replication monitoring resources as the stand-in applies AWS's rules to them:
// - S3 event notifications (PutBucketNotificationConfiguration): an SNS destination must be in the bucket's
//   Region, else S3 answers "Unable to validate the following destination configurations" (Amazon S3 User
//   Guide, "Amazon S3 Event Notifications", "Supported event destinations").
// - CloudWatch alarms (PutMetricAlarm): an SNS action must be in the alarm's Region (Amazon CloudWatch User
//   Guide, "Using Amazon CloudWatch alarms", "Alarm actions"), else "Invalid region <r> specified".
// - SNS topic policies (SetTopicAttributes Policy): a JSON object of at most 30 KB (Amazon SNS Developer Guide,
//   "Amazon SNS quotas").
import type { Check } from "./enforce";

const regionOfArn = (arn: string): string | undefined => arn.split(":")[3];

function doing(kind: string, what: string, id: string): string {
    return `${kind === "create" ? "creating" : "updating"} ${what} (${id})`;
}

const bucketNotification: Check = (op) => {
    const bucket = String(op.inputs["bucket"] ?? op.name);
    const region = String(op.outputs["region"] ?? op.ctx.region);
    const topics = Array.isArray(op.inputs["topics"]) ? (op.inputs["topics"] as Array<Record<string, unknown>>) : [];
    for (const topic of topics) {
        const arn = String(topic["topicArn"] ?? "");
        if (regionOfArn(arn) !== region) {
            return [
                { doing: doing(op.kind, "S3 Bucket Notification", bucket), service: "S3", action: "PutBucketNotificationConfiguration" },
                { code: "InvalidArgument", message: "Unable to validate the following destination configurations", rule: `topic ${arn} is not in the bucket's Region ${region}`, source: "Amazon S3 User Guide, \"Amazon S3 Event Notifications\"" },
            ];
        }
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
    if (Buffer.byteLength(text, "utf8") > 30 * 1024) {
        return [call, { code: "InvalidParameter", message: "Invalid parameter: Policy statement size exceeds the limit", rule: "the topic policy is over 30 KB", source: "Amazon SNS Developer Guide, \"Amazon SNS quotas\"" }];
    }
    return undefined;
};

export const MONITORING_CHECKS = {
    "aws:s3/bucketNotification:BucketNotification": bucketNotification,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
    "aws:sns/topicPolicy:TopicPolicy": topicPolicy,
};

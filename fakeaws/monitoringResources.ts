// SNS topics and topic policies, CloudWatch metric alarms: what AWS computes for them (ARNs, ids).
// SNS: the topic ARN is arn:aws:sns:<region>:<account>:<name> and is the topic's id (Amazon SNS API Reference,
// "CreateTopic"); a TopicPolicy is keyed by its topic ARN. CloudWatch: an alarm's ARN is
// arn:aws:cloudwatch:<region>:<account>:alarm:<name> and its id is the name (Amazon CloudWatch API Reference, "PutMetricAlarm").
import type { AwsContext } from "./context";
import { regionOf } from "./context";
import { autoName } from "./deterministic";

type Inputs = Record<string, unknown>;
type Result = { id: string; outputs: Record<string, unknown> };

function named(inputs: Inputs, key: string, fallback: string): string {
    const value = inputs[key];
    return typeof value === "string" && value !== "" ? value : fallback;
}

function snsTopic(name: string, inputs: Inputs, ctx: AwsContext, type: string): Result {
    const region = regionOf(inputs, ctx);
    const topicName = named(inputs, "name", autoName(name, type, ctx.accountId, region));
    const arn = `arn:aws:sns:${region}:${ctx.accountId}:${topicName}`;
    return { id: arn, outputs: { ...inputs, name: topicName, arn, id: arn, owner: ctx.accountId, region, tagsAll: { ...((inputs["tags"] as Inputs | undefined) ?? {}) } } };
}

function snsTopicPolicy(_name: string, inputs: Inputs, ctx: AwsContext): Result {
    const arn = String(inputs["arn"] ?? "");
    return { id: arn, outputs: { ...inputs, owner: ctx.accountId, region: regionOf(inputs, ctx) } };
}

function metricAlarm(name: string, inputs: Inputs, ctx: AwsContext, type: string): Result {
    const region = regionOf(inputs, ctx);
    const alarmName = named(inputs, "name", named(inputs, "alarmName", autoName(name, type, ctx.accountId, region)));
    return { id: alarmName, outputs: { ...inputs, name: alarmName, arn: `arn:aws:cloudwatch:${region}:${ctx.accountId}:alarm:${alarmName}`, region, tagsAll: { ...((inputs["tags"] as Inputs | undefined) ?? {}) } } };
}

export const MONITORING_BUILDERS = {
    "aws:sns/topic:Topic": snsTopic,
    "aws:sns/topicPolicy:TopicPolicy": snsTopicPolicy,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
};

// Replication monitoring documents (pure): the CloudWatch alarms on S3's replication metrics, the SNS topic
// policy that lets S3 and CloudWatch publish to the alert topic, and the statements of the topic's customer
// managed key. Sources: Amazon S3 User Guide, "Monitoring progress with replication metrics and Amazon S3 event
// notifications" (metrics OperationsFailedReplication and ReplicationLatency in namespace AWS/S3 with dimensions
// SourceBucket, DestinationBucket, RuleId, published for rules with replication metrics, which RTC turns on; the
// s3:Replication:* event types); "Amazon S3 Event Notifications", "Granting permissions to publish event
// notification messages to a destination" (topic policy for s3.amazonaws.com with aws:SourceArn and
// aws:SourceAccount; the key policy of an encrypted topic); Amazon SNS Developer Guide, "Enable compatibility
// between event sources from AWS services and encrypted topics" (kms:GenerateDataKey* and kms:Decrypt for the
// publishing service, CloudWatch included).
import { accountRootArn } from "./arns";
import { serviceSourceCondition } from "./serviceSource";
import { policyDocument, PolicyDocument, PolicyStatement } from "./types";

export const S3_SERVICE = "s3.amazonaws.com";
export const CLOUDWATCH_SERVICE = "cloudwatch.amazonaws.com";

/** The replication events an operator must act on: a failed operation, and a replica later than the RTC threshold. */
export const REPLICATION_FAILURE_EVENTS = ["s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold"] as const;

export const ALERT_TOPIC_SIDS = {
    s3: "AllowS3ReplicationEvents",
    cloudWatch: "AllowCloudWatchReplicationAlarms",
    owner: "AllowOwnerAccountToManageTopic",
} as const;

export const ALERT_KEY_SIDS = {
    s3: "AllowS3ToEncryptReplicationEvents",
    cloudWatch: "AllowCloudWatchToEncryptReplicationAlarms",
} as const;

export interface MonitoredRule {
    ruleId: string;
    sourceBucketName: string;
    destinationBucketName: string;
}

export interface AlarmThresholds {
    /** Alarm when the maximum ReplicationLatency of a minute exceeds this (RTC promises 900 seconds). */
    latencySeconds: number;
    /** Alarm when more operations than this failed within a minute (0: any failure). */
    failedOperations: number;
}

/** One CloudWatch alarm, in the shape of `aws.cloudwatch.MetricAlarm`'s arguments. */
export interface ReplicationAlarmSpec {
    alarmName: string;
    alarmDescription: string;
    namespace: "AWS/S3";
    metricName: "OperationsFailedReplication" | "ReplicationLatency";
    statistic: "Sum" | "Maximum";
    comparisonOperator: "GreaterThanThreshold";
    threshold: number;
    period: number;
    evaluationPeriods: number;
    treatMissingData: "notBreaching";
    dimensions: { SourceBucket: string; DestinationBucket: string; RuleId: string };
}

export function alarmArn(region: string, accountId: string, alarmName: string): string {
    return `arn:aws:cloudwatch:${region}:${accountId}:alarm:${alarmName}`;
}

/** Alarm names are known before anything exists, so the topic and key policies can name the alarms' ARNs. */
export function replicationAlarmNames(topicName: string, ruleId: string): { failed: string; latency: string } {
    return { failed: `${topicName}-${ruleId}-failed`, latency: `${topicName}-${ruleId}-latency` };
}

/** @param alarmName what the alarms are named after; default the rule id (ReplicationMonitoring's `rules[].alarmName`) */
export function replicationAlarms(topicName: string, rule: MonitoredRule, thresholds: AlarmThresholds, alarmName: string = rule.ruleId): ReplicationAlarmSpec[] {
    const names = replicationAlarmNames(topicName, alarmName);
    const dimensions = { SourceBucket: rule.sourceBucketName, DestinationBucket: rule.destinationBucketName, RuleId: rule.ruleId };
    const common = { namespace: "AWS/S3" as const, comparisonOperator: "GreaterThanThreshold" as const, period: 60, evaluationPeriods: 1, treatMissingData: "notBreaching" as const, dimensions };
    return [
        {
            ...common,
            alarmName: names.failed,
            alarmDescription: `S3 replication ${rule.ruleId} (${rule.sourceBucketName} to ${rule.destinationBucketName}): objects failed to replicate`,
            metricName: "OperationsFailedReplication",
            statistic: "Sum",
            threshold: thresholds.failedOperations,
        },
        {
            ...common,
            alarmName: names.latency,
            alarmDescription: `S3 replication ${rule.ruleId} (${rule.sourceBucketName} to ${rule.destinationBucketName}): replicas later than ${thresholds.latencySeconds} seconds`,
            metricName: "ReplicationLatency",
            statistic: "Maximum",
            threshold: thresholds.latencySeconds,
        },
    ];
}

export interface AlertTopicFacts {
    topicArn: string;
    accountId: string;
    sourceBucketArn: string;
    alarmArns: readonly string[];
}

/** The topic policy: S3 for the source bucket, CloudWatch for the named alarms, each from the owner account only. */
export function alertTopicPolicy(facts: AlertTopicFacts): PolicyDocument {
    return policyDocument([
        {
            Sid: ALERT_TOPIC_SIDS.owner,
            Effect: "Allow",
            Principal: { AWS: accountRootArn(facts.accountId) },
            Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic"],
            Resource: facts.topicArn,
        },
        {
            Sid: ALERT_TOPIC_SIDS.s3,
            Effect: "Allow",
            Principal: { Service: S3_SERVICE },
            Action: "SNS:Publish",
            Resource: facts.topicArn,
            Condition: serviceSourceCondition({ sourceArns: [facts.sourceBucketArn], sourceAccount: facts.accountId }),
        },
        {
            Sid: ALERT_TOPIC_SIDS.cloudWatch,
            Effect: "Allow",
            Principal: { Service: CLOUDWATCH_SERVICE },
            Action: "SNS:Publish",
            Resource: facts.topicArn,
            Condition: serviceSourceCondition({ sourceArns: facts.alarmArns, sourceAccount: facts.accountId }),
        },
    ]);
}

/** Statements for the topic's key: the publishers' data keys, for the same sources as the topic policy. */
export function alertKeyStatements(facts: Omit<AlertTopicFacts, "topicArn">): PolicyStatement[] {
    const actions = ["kms:GenerateDataKey*", "kms:Decrypt"];
    return [
        {
            Sid: ALERT_KEY_SIDS.s3,
            Effect: "Allow",
            Principal: { Service: S3_SERVICE },
            Action: actions,
            Resource: "*",
            Condition: serviceSourceCondition({ sourceArns: [facts.sourceBucketArn], sourceAccount: facts.accountId }),
        },
        {
            Sid: ALERT_KEY_SIDS.cloudWatch,
            Effect: "Allow",
            Principal: { Service: CLOUDWATCH_SERVICE },
            Action: actions,
            Resource: "*",
            Condition: serviceSourceCondition({ sourceArns: facts.alarmArns, sourceAccount: facts.accountId }),
        },
    ];
}

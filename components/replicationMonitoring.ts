import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { booleanField, tagsField } from "./args/fields";
import { applyAll } from "./combineOutputs";
import { CustomerManagedKey, CustomerManagedKeyArgs, customerManagedKeyArgsSchema } from "./customerManagedKey";
import { EncryptedBucket } from "./encryptedBucket";
import { fieldPath, issueMessage, parseArgs } from "./args/parseArgs";
import {
    ALERT_KEY_SIDS,
    alarmArn,
    alertKeyStatements,
    alertTopicPolicy,
    REPLICATION_FAILURE_EVENTS,
    replicationAlarmNames,
    replicationAlarms,
} from "./policy/replicationMonitoring";
import { renderPolicy } from "./policy/renderPolicy";
import { InvalidArgumentError } from "./args/parseArgs";

export const REPLICATION_MONITORING_TYPE = "encrypted-buckets:s3:ReplicationMonitoring";

const bucket = z.custom<EncryptedBucket>((v) => v instanceof EncryptedBucket, { error: "is not an EncryptedBucket. Fix: pass the bucket component" });

export const replicationMonitoringArgsSchema = z.strictObject({
    /** The replication's source bucket: the topic, key, alarms and event notifications live in its account and Region. */
    source: bucket,
    /** The monitored rules (`BucketReplication.rules`, or a subset): each needs Replication Time Control. */
    rules: z
        .array(
            z.strictObject({
                ruleId: z.string({ error: "is not a rule id. Fix: pass the replication rule id as text" }).min(1, { error: "is empty. Fix: pass the replication rule id" }),
                destination: bucket,
                replicationTimeControl: booleanField,
                /**
                 * What the rule's alarms are named after (`<topic name>-<alarmName>-failed`); default the rule id. A rule
                 * id follows the names in the program's configuration, while an alarm's name is its physical name:
                 * pass something that survives a rename (the destination bucket's name) so the alarm is kept.
                 */
                alarmName: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, { error: "is not usable in an alarm name. Fix: use 1-200 letters, digits, ., - and _" }).optional(),
            }),
            { error: "is not a list of rules. Fix: pass BucketReplication.rules or a subset" },
        )
        .min(1, { error: "is empty. Fix: pass at least one replication rule to monitor" })
        .readonly(),
    /** Default 900 (RTC's 15 minutes): alarm on a ReplicationLatency maximum above it. */
    latencyThresholdSeconds: z.number({ error: "is not a number. Fix: use 60-86400 seconds" }).int({ error: "is not a whole number. Fix: use 60-86400 seconds" }).min(60, { error: "is below 60. Fix: use 60-86400 seconds (default 900, RTC's 15 minutes)" }).max(86400, { error: "is above 86400. Fix: use 60-86400 seconds" }).default(900),
    /** Default 0: alarm on any failed replication operation. */
    failedOperationsThreshold: z.number({ error: "is not a number. Fix: use 0 (any failure) or more" }).int({ error: "is not a whole number. Fix: use 0 (any failure) or more" }).min(0, { error: "is negative. Fix: use 0 (any failure) or more" }).default(0),
    /** The topic's name; default `<component name>-replication-alerts`. */
    topicName: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, { error: "is not an SNS topic name. Fix: use 1-256 letters, digits, - and _" }).optional(),
    /** KMS alias of the topic's own key; default `alias/encrypted-buckets/<topic name>`. */
    keyAlias: z.string().regex(/^alias\/(?!aws\/)[A-Za-z0-9/_-]{1,250}$/, { error: "is not a KMS alias of your own. Fix: use alias/<name>, not alias/aws/..." }).optional(),
    /** The role that deploys the key (its provider's assumed role), as CustomerManagedKey takes it. */
    deployRoleArn: z.string().optional(),
    /** Default true, as the stack configuration's: Pulumi `protect` on the topic's key. */
    protect: booleanField.default(true),
    tags: tagsField.default({}),
});

export type ReplicationMonitoringArgs = z.input<typeof replicationMonitoringArgsSchema>;

type ResolvedMonitoringArgs = z.output<typeof replicationMonitoringArgsSchema>;

/** The alert key's settings as this component's fields: the key's own `alias` is `keyAlias` here. */
const KEY_FIELD_NAMES: Readonly<Record<PropertyKey, string>> = { alias: "keyAlias" };

/**
 * The topic key's arguments, checked with the key's own schema before this component registers anything, so a
 * bad deployRoleArn or alias (also a default alias made too long by topicName) is this component's argument error,
 * not a CustomerManagedKey's the caller never declared, raised after the component was registered.
 */
function alertKeyArgs(where: string, name: string, resolved: ResolvedMonitoringArgs, topicName: string): CustomerManagedKeyArgs {
    const args: CustomerManagedKeyArgs = {
        accountId: resolved.source.accountId,
        region: resolved.source.region,
        alias: resolved.keyAlias ?? `alias/encrypted-buckets/${topicName}`,
        description: `Encrypts the replication alerts of ${name}`,
        ...(resolved.deployRoleArn !== undefined ? { deployRoleArn: resolved.deployRoleArn } : {}),
        protect: resolved.protect,
        tags: resolved.tags,
    };
    const checked = customerManagedKeyArgsSchema.safeParse(args, { reportInput: true });
    if (!checked.success) {
        throw new InvalidArgumentError(
            where,
            checked.error.issues.map((issue) => ({ field: fieldPath([KEY_FIELD_NAMES[issue.path[0]] ?? issue.path[0], ...issue.path.slice(1)]), message: issueMessage(issue) })),
        );
    }
    return args;
}

/**
 * Replication monitoring of one source bucket (Amazon S3 User Guide, "Monitoring progress with replication
 * metrics and Amazon S3 event notifications"): per monitored rule, CloudWatch alarms on
 * OperationsFailedReplication and ReplicationLatency; the source bucket's event notifications for failed and
 * late replication; one SNS topic receiving both, encrypted with its own customer managed key whose policy, like
 * the topic policy, lets only S3 (for this bucket) and CloudWatch (for these alarms) of this account publish.
 *
 * One topic per source bucket, not per destination: S3 keeps one notification configuration per bucket and
 * refuses two destinations for the same event types ("Configurations overlap"), and replication events cannot
 * be filtered by rule; each event names its rule and destination, and each alarm its rule.
 */
export class ReplicationMonitoring extends pulumi.ComponentResource {
    public readonly key: CustomerManagedKey;
    public readonly topic: aws.sns.Topic;
    public readonly topicPolicy: aws.sns.TopicPolicy;
    public readonly alarms: aws.cloudwatch.MetricAlarm[];
    public readonly notification: aws.s3.BucketNotification;
    public readonly topicName: string;

    constructor(name: string, args: ReplicationMonitoringArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `ReplicationMonitoring "${name}"`;
        const resolved = parseArgs(where, replicationMonitoringArgsSchema, args);
        const { source } = resolved;
        resolved.rules.forEach((rule, i) => {
            if (!rule.replicationTimeControl) {
                throw new InvalidArgumentError(where, `rules[${i}].replicationTimeControl`,
                    `is off for rule ${rule.ruleId}, so S3 publishes no replication metrics or missed-threshold events for it`,
                    "enable Replication Time Control on that replication destination (it turns on the rule's replication metrics), or leave the rule unmonitored");
            }
        });
        const topicName = resolved.topicName ?? `${name}-replication-alerts`;
        const accountId = source.accountId;
        const region = source.region;
        const alarmArns = resolved.rules.flatMap((rule) => Object.values(replicationAlarmNames(topicName, rule.alarmName ?? rule.ruleId)).map((n) => alarmArn(region, accountId, n)));
        const keyArgs = alertKeyArgs(where, name, resolved, topicName);
        super(REPLICATION_MONITORING_TYPE, name, {}, opts);
        this.topicName = topicName;
        const provider = source.provider ?? opts.provider;
        const child = { parent: this, ...(provider !== undefined ? { provider } : {}) };

        this.key = new CustomerManagedKey(`${name}-alerts-cmk`, keyArgs, child);
        this.key.reserveSids(where, Object.values(ALERT_KEY_SIDS));
        this.key.addStatementList(source.arn.apply((sourceBucketArn) => alertKeyStatements({ accountId, sourceBucketArn, alarmArns })));

        this.topic = new aws.sns.Topic(`${name}-alerts`, { name: topicName, kmsMasterKeyId: this.key.arn, region, tags: resolved.tags }, child);
        this.topicPolicy = new aws.sns.TopicPolicy(
            `${name}-alerts-policy`,
            {
                arn: this.topic.arn,
                region,
                policy: applyAll([this.topic.arn, source.arn], ([topicArn, sourceBucketArn]) =>
                    renderPolicy(`${where} topic policy`, "bucket", alertTopicPolicy({ topicArn, accountId, sourceBucketArn, alarmArns })),
                ),
            },
            child,
        );

        const thresholds = { latencySeconds: resolved.latencyThresholdSeconds, failedOperations: resolved.failedOperationsThreshold };
        this.alarms = resolved.rules.flatMap((rule) =>
            replicationAlarms(topicName, { ruleId: rule.ruleId, sourceBucketName: "<source>", destinationBucketName: "<destination>" }, thresholds, rule.alarmName).map(
                ({ alarmName, ...spec }) =>
                    new aws.cloudwatch.MetricAlarm(
                        alarmName,
                        {
                            ...spec,
                            name: alarmName,
                            region,
                            // The bucket names are outputs: the pure spec is rendered again with them.
                            dimensions: pulumi.all([source.bucketName, rule.destination.bucketName]).apply(([sourceBucketName, destinationBucketName]) =>
                                replicationAlarms(topicName, { ruleId: rule.ruleId, sourceBucketName, destinationBucketName }, thresholds, rule.alarmName).find((a) => a.alarmName === alarmName)!.dimensions,
                            ),
                            alarmActions: [this.topic.arn],
                            okActions: [this.topic.arn],
                            tags: resolved.tags,
                        },
                        { ...child, dependsOn: [this.topicPolicy, this.key.keyPolicy] },
                    ),
            ),
        );

        // S3 checks that it may publish when the configuration is put ("Unable to validate the following
        // destination configurations"), so the topic policy and key policy come first.
        this.notification = new aws.s3.BucketNotification(
            `${name}-replication-events`,
            { bucket: source.bucket.id, region, topics: [{ topicArn: this.topic.arn, events: [...REPLICATION_FAILURE_EVENTS] }] },
            { ...child, dependsOn: [this.topicPolicy, this.key.keyPolicy], deletedWith: source.bucket },
        );
        this.registerOutputs({ topicArn: this.topic.arn });
    }
}

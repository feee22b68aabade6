// One ReplicationMonitoring per replicated bucket with at least one `monitoring: true` replica: alarms for those
// replicas' rules, and the bucket's replication failure events, to its encrypted alert topic.
import * as pulumi from "@pulumi/pulumi";
import { EncryptedBucket, replicationAlarmNames, ReplicationMonitoring } from "../components";
import { BucketConfig, StackConfig } from "../config";
import { CreatedReplication } from "./replications";

/** Where a bucket's replication alerts go: subscribe endpoints to `topicArn` (stack output `replicationAlerts`). */
export interface ReplicationAlertOutput {
    topicArn: pulumi.Output<string>;
    /** The source bucket's account and Region: the topic, its key and the alarms live there. */
    accountId: string;
    region: string;
    /** One entry per monitored replica: its bucket and the two alarms on its rule (failed operations, latency). */
    replicas: { account: string; region: string; bucketName: pulumi.Output<string>; alarmNames: string[] }[];
}

export interface CreatedReplicationMonitoring {
    component: ReplicationMonitoring;
    output: ReplicationAlertOutput;
}

export function createReplicationMonitoring(
    bucketConfig: BucketConfig,
    source: EncryptedBucket,
    created: CreatedReplication | undefined,
    config: StackConfig,
    /** The deployed topic's name, kept when the entry has no bucketName (program/continuity.ts). */
    deployedTopicName?: string,
): CreatedReplicationMonitoring | undefined {
    // BucketReplication.rules follow the configured replicas, in order. Rule ids follow the configuration's
    // names (bucket entry, account alias), which may be renamed; topic and alarm names are physical names, so
    // they come from the configured bucket names where there are some, and a rename keeps them
    // (docs/configuration.md, "Replication monitoring").
    const monitored = (created?.replication.rules ?? []).flatMap((rule, j) => {
        const replica = bucketConfig.replicas[j];
        if (replica?.monitoring !== true) return [];
        return [{ account: replica.account, rule: { ...rule, ...(replica.bucketName !== undefined ? { alarmName: physicalNamePart(replica.bucketName) } : {}) } }];
    });
    if (monitored.length === 0) {
        return undefined;
    }
    const component = new ReplicationMonitoring(
        bucketConfig.name,
        {
            source,
            rules: monitored.map((m) => m.rule),
            ...(bucketConfig.bucketName !== undefined
                ? { topicName: `${physicalNamePart(bucketConfig.bucketName)}-replication-alerts` }
                : deployedTopicName !== undefined
                  ? { topicName: deployedTopicName }
                  : {}),
            deployRoleArn: config.accounts[bucketConfig.account].roleArn,
            protect: bucketConfig.protect,
            tags: { ...(config.tags ?? {}), ...(bucketConfig.tags ?? {}) },
        },
        { parent: source },
    );
    return {
        component,
        output: {
            topicArn: component.topic.arn,
            accountId: source.accountId,
            region: source.region,
            replicas: monitored.map(({ account, rule }) => ({
                account,
                region: rule.destination.region,
                bucketName: rule.destination.bucketName,
                alarmNames: Object.values(replicationAlarmNames(component.topicName, rule.alarmName ?? rule.ruleId)),
            })),
        },
    };
}

/** A bucket name as part of an SNS topic or alarm name (dots are not allowed in topic names). */
function physicalNamePart(bucketName: string): string {
    return bucketName.replace(/\./g, "-");
}

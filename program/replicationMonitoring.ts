// One ReplicationMonitoring per replicated bucket with at least one `monitoring: true` replica: alarms for those
// replicas' rules, and the bucket's replication failure events, to its encrypted alert topic.
import { EncryptedBucket, ReplicationMonitoring } from "../components";
import { BucketConfig, StackConfig } from "../config";
import { CreatedReplication } from "./replications";

export function createReplicationMonitoring(
    bucketConfig: BucketConfig,
    source: EncryptedBucket,
    created: CreatedReplication | undefined,
    config: StackConfig,
): ReplicationMonitoring | undefined {
    // BucketReplication.rules follow the configured replicas, in order. Rule ids follow the configuration's
    // names (bucket entry, account alias), which may be renamed; topic and alarm names are physical names, so
    // they come from the configured bucket names where there are some, and a rename keeps them
    // (docs/configuration.md, "Replication monitoring").
    const rules = (created?.replication.rules ?? []).flatMap((rule, j) => {
        const replica = bucketConfig.replicas[j];
        if (replica?.monitoring !== true) return [];
        return [{ ...rule, ...(replica.bucketName !== undefined ? { alarmName: physicalNamePart(replica.bucketName) } : {}) }];
    });
    if (rules.length === 0) {
        return undefined;
    }
    return new ReplicationMonitoring(
        bucketConfig.name,
        {
            source,
            rules,
            ...(bucketConfig.bucketName !== undefined ? { topicName: `${physicalNamePart(bucketConfig.bucketName)}-replication-alerts` } : {}),
            deployRoleArn: config.accounts[bucketConfig.account].roleArn,
            protect: bucketConfig.protect,
            tags: { ...(config.tags ?? {}), ...(bucketConfig.tags ?? {}) },
        },
        { parent: source },
    );
}

/** A bucket name as part of an SNS topic or alarm name (dots are not allowed in topic names). */
function physicalNamePart(bucketName: string): string {
    return bucketName.replace(/\./g, "-");
}

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
    // BucketReplication.rules follow the configured replicas, in order.
    const rules = (created?.replication.rules ?? []).filter((_, j) => bucketConfig.replicas[j]?.monitoring === true);
    if (rules.length === 0) {
        return undefined;
    }
    return new ReplicationMonitoring(
        bucketConfig.name,
        {
            source,
            rules,
            deployRoleArn: config.accounts[bucketConfig.account].roleArn,
            protect: bucketConfig.protect,
            tags: { ...(config.tags ?? {}), ...(bucketConfig.tags ?? {}) },
        },
        { parent: source },
    );
}

// Declares the whole stack from a validated configuration. Everything is declared synchronously so
// the key and bucket policies (which grants and replications extend) seal themselves afterwards.
import { StackConfig } from "../config";
import { createEncryptedBucket } from "./buckets";
import { Continuity, NO_CONTINUITY } from "./continuity";
import { createGrants } from "./grants";
import { retiredKeysOf } from "./retiredKeys";
import { createSharedKeys } from "./keys";
import { BuiltBucket, stackOutputs, StackOutputs } from "./outputs";
import { createAccountProviders } from "./providers";
import { createReplication } from "./replications";
import { createServiceGrants } from "./serviceGrants";
import { createAccessLogging, createLogBuckets, logBucketOutputs } from "./accessLogs";
import { createReplicationMonitoring, ReplicationAlertOutput } from "./replicationMonitoring";

/** @param continuity what the last deployment leaves to keep (program/continuity.ts); none for a new stack */
export function buildStack(config: StackConfig, stack: string, continuity: Continuity = NO_CONTINUITY(config)): StackOutputs {
    const providers = createAccountProviders(config, `encrypted-buckets-${stack}`.slice(0, 64), continuity.providerAliases);
    const keys = createSharedKeys(config, providers, continuity.sharedKeyAliases);
    const logBuckets = createLogBuckets(config, providers, continuity.logBuckets);
    // While `acknowledge.retireKey` stands, the bucket's readers and its replication role keep Decrypt on the old keys.
    const retiredKeys = config.buckets.map((bucketConfig, i) => retiredKeysOf(bucketConfig, keys, continuity.buckets[i]));
    const built: BuiltBucket[] = config.buckets.map((bucketConfig, i) => {
        const bucket = createEncryptedBucket(bucketConfig.name, bucketConfig, bucketConfig, config, providers, keys, continuity.buckets[i]);
        createAccessLogging(bucketConfig, bucket, logBuckets);
        const { grantNamesFrom } = continuity.buckets[i];
        return {
            name: bucketConfig.name,
            account: bucketConfig.account,
            bucket,
            grants: createGrants(bucketConfig, bucket, providers, retiredKeys[i], grantNamesFrom),
            ...(grantNamesFrom !== undefined ? { grantNamesFrom } : {}),
            serviceGrants: createServiceGrants(bucketConfig, bucket, retiredKeys[i]),
        };
    });
    // Replicas after all buckets and grants: a replica bucket may share a key with a source bucket.
    const replicationAlerts: Record<string, ReplicationAlertOutput> = {};
    built.forEach((b, i) => {
        const replication = createReplication(config.buckets[i], b.bucket, stack, config, providers, keys, retiredKeys[i], continuity.buckets[i]);
        if (replication !== undefined) {
            b.replication = replication;
        }
        const monitoring = createReplicationMonitoring(config.buckets[i], b.bucket, replication, config, continuity.buckets[i].alertTopicName);
        if (monitoring !== undefined) {
            replicationAlerts[b.name] = monitoring.output;
        }
    });
    const outputs = { ...stackOutputs(config, keys, built), replicationAlerts };
    return config.logBuckets.length > 0 ? { ...outputs, logBuckets: logBucketOutputs(config, logBuckets) } : outputs;
}

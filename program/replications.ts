// Replica buckets and the BucketReplication that feeds them: one replication (one role) per source
// bucket, one destination per configured replica.
import { EncryptedBucket, ExternalDestination } from "../components";
import { BucketReplication } from "../components/bucketReplication";
import type { RetiredKey } from "../components/retiredKeys";
import { BucketConfig, ExternalReplicaConfig, replicaBucketComponentName, ReplicaConfig, StackConfig } from "../config";
import { BucketSettings, createEncryptedBucket } from "./buckets";
import { SourceContinuity } from "./continuity";
import { SharedKeys } from "./keys";
import { retiredKeysAt } from "./retiredKeys";
import { forwardRoleName, replicaDestinationName, replicationComponentName } from "./replicationRoleNames";
import { AccountProviders } from "./providers";

export interface CreatedReplica {
    config: ReplicaConfig;
    /** Destination name inside the replication (rule id, Sids). */
    name: string;
    bucket: EncryptedBucket;
}

export interface CreatedReplication {
    replicas: CreatedReplica[];
    /** The configured external replicas, in order (their names are the destination names). */
    externalReplicas: ExternalReplicaConfig[];
    replication: BucketReplication;
}

/**
 * What a replica bucket takes from its source, setting by setting (docs/configuration.md, "replicas"):
 * it holds the same data, so the same guardrails, Bucket Key setting, protection and tags; whether
 * `pulumi destroy` may empty it, its lifecycle rules and its Object Lock are the replica's own choice. Grants stay on the source.
 */
export function replicaSettings(source: BucketConfig, replica: ReplicaConfig): BucketSettings {
    return {
        guardrails: source.guardrails,
        bucketKeyEnabled: source.bucketKeyEnabled,
        protect: source.protect,
        ...(source.tags !== undefined ? { tags: source.tags } : {}),
        forceDestroy: replica.forceDestroy,
        // A replica's lifecycle and Object Lock are its own: never inherited from the source.
        lifecycleRules: replica.lifecycleRules,
        objectLock: replica.objectLock,
    };
}

/**
 * A bidirectional replica's retired keys, by destination name, for its return role (which reads the replica): the
 * keys the entry's `acknowledge.retireKey` names in the replica's Region. One-way replicas have no return role.
 */
function replicaRetiredKeysOf(bucketConfig: BucketConfig, replicas: readonly CreatedReplica[], keys: SharedKeys, continuity: SourceContinuity): Record<string, RetiredKey[]> {
    const entries = replicas
        .filter(({ config: replica }) => replica.bidirectional)
        .map(({ config: replica, name }): [string, RetiredKey[]] => [name, retiredKeysAt(bucketConfig, replica, keys, continuity)]);
    return Object.fromEntries(entries.filter(([, retired]) => retired.length > 0));
}

/**
 * @param retiredKeys the source's retired keys (retiredKeysOf): the replication role keeps Decrypt on them, so objects
 * written before a key move still replicate (Batch Replication of existing objects, retries); a bidirectional
 * replica's return role keeps Decrypt on the replica's own (replicaRetiredKeysOf) the same way
 */
export function createReplication(
    bucketConfig: BucketConfig,
    source: EncryptedBucket,
    stack: string,
    config: StackConfig,
    providers: AccountProviders,
    keys: SharedKeys,
    retiredKeys: readonly RetiredKey[],
    continuity: SourceContinuity = { aliases: [], replicas: [] },
): CreatedReplication | undefined {
    if (bucketConfig.replicas.length === 0 && bucketConfig.externalReplicas.length === 0) {
        return undefined;
    }
    const replicas = bucketConfig.replicas.map((replica, j): CreatedReplica => {
        const name = replicaDestinationName(replica);
        const bucket = createEncryptedBucket(
            replicaBucketComponentName(bucketConfig.name, replica.account, replica.region),
            { account: replica.account, region: replica.region, bucketName: replica.bucketName, key: replica.key },
            replicaSettings(bucketConfig, replica),
            config,
            providers,
            keys,
            continuity.replicas[j],
        );
        return { config: replica, name, bucket };
    });
    const replicaRetiredKeys = replicaRetiredKeysOf(bucketConfig, replicas, keys, continuity);
    // A brought role (replicationRoleArn) replaces the created one; config refuses it next to a roleName.
    const role =
        bucketConfig.replicationRoleArn !== undefined
            ? { roleArn: bucketConfig.replicationRoleArn }
            : { roleName: forwardRoleName(bucketConfig, stack, continuity) };
    const replication = new BucketReplication(
        replicationComponentName(bucketConfig),
        {
            source,
            ...role,
            // Config checks same-region per replica; the component takes one switch for all.
            allowSameRegion: bucketConfig.replicas.some((r) => r.allowSameRegion) || bucketConfig.externalReplicas.some((r) => r.allowSameRegion),
            destinations: [
                ...replicas.map(({ config: replica, name, bucket }, j) => ({
                name,
                bucket,
                ...(replica.filter !== undefined ? { filter: replica.filter } : {}),
                priority: replica.priority,
                deleteMarkerReplication: replica.deleteMarkerReplication,
                replicationTime: replica.replicationTime,
                storageClass: replica.storageClass,
                bidirectional: replica.bidirectional,
                ...(replica.bidirectional && continuity.replicas[j]?.roleName !== undefined ? { returnRoleName: continuity.replicas[j].roleName } : {}),
                })),
                ...bucketConfig.externalReplicas.map((entry) => externalDestinationOf(bucketConfig.name, entry)),
            ],
            ...(config.tags !== undefined ? { tags: config.tags } : {}),
            ...(retiredKeys.length > 0 ? { retiredKeys: [...retiredKeys] } : {}),
            ...(Object.keys(replicaRetiredKeys).length > 0 ? { replicaRetiredKeys } : {}),
        },
        { parent: source },
    );
    return { replicas, externalReplicas: bucketConfig.externalReplicas, replication };
}

function externalDestinationOf(bucketName: string, entry: ExternalReplicaConfig) {
    return {
        name: entry.name,
        bucket: new ExternalDestination(`buckets ${bucketName} externalReplicas ${entry.name}`, {
            bucketArn: entry.bucketArn,
            accountId: entry.accountId,
            region: entry.region,
            keyArn: entry.keyArn,
            bucketKeyEnabled: entry.bucketKeyEnabled,
        }),
        ...(entry.filter !== undefined ? { filter: entry.filter } : {}),
        priority: entry.priority,
        deleteMarkerReplication: entry.deleteMarkerReplication,
        replicationTime: entry.replicationTime,
        storageClass: entry.storageClass,
    };
}

// One replication rule of `aws.s3.BucketReplicationConfig`, from plain values. Pure, so the rule
// shape (V2 schema: filter + priority + deleteMarkerReplication) is testable without Pulumi.

export const REPLICATION_STORAGE_CLASSES = [
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "GLACIER_IR",
    "DEEP_ARCHIVE",
] as const;
export type ReplicationStorageClass = (typeof REPLICATION_STORAGE_CLASSES)[number];

/** Which objects a rule replicates: everything, a key prefix, tags, or a prefix and tags together. */
export interface ReplicationFilter {
    prefix?: string;
    tags?: Readonly<Record<string, string>>;
}

/** S3 Replication Time Control: replicas within 15 minutes, and the metrics RTC requires. */
export const REPLICATION_TIME_MINUTES = 15;

export interface ReplicationRuleInput {
    id: string;
    priority: number;
    destinationBucketArn: string;
    /** Key ARN of the destination bucket's CMK, used to encrypt the replicas. */
    replicaKmsKeyArn: string;
    /** Set only for a destination in another account: adds `account` and owner override. */
    destinationAccountId?: string;
    ownerOverride: boolean;
    filter?: ReplicationFilter;
    deleteMarkerReplication: boolean;
    /** Replicate metadata changes made to replicas back (bidirectional replication). */
    replicaModifications: boolean;
    replicationTimeControl: boolean;
    storageClass?: ReplicationStorageClass;
}

type Status = "Enabled" | "Disabled";

export interface ReplicationRuleFilterSpec {
    prefix?: string;
    tag?: { key: string; value: string };
    and?: { prefix?: string; tags: Record<string, string> };
}

export interface ReplicationRuleSpec {
    id: string;
    priority: number;
    status: "Enabled";
    filter: ReplicationRuleFilterSpec;
    deleteMarkerReplication: { status: Status };
    sourceSelectionCriteria: {
        sseKmsEncryptedObjects: { status: "Enabled" };
        replicaModifications?: { status: "Enabled" };
    };
    destination: {
        bucket: string;
        account?: string;
        accessControlTranslation?: { owner: "Destination" };
        encryptionConfiguration: { replicaKmsKeyId: string };
        storageClass?: ReplicationStorageClass;
        replicationTime?: { status: "Enabled"; time: { minutes: number } };
        metrics?: { status: "Enabled"; eventThreshold: { minutes: number } };
    };
}

/**
 * An empty filter still selects the V2 rule schema (the one with priorities and delete-marker
 * replication); a single tag uses `tag`, anything combined uses `and`, as S3 requires.
 */
export function replicationRuleFilter(filter: ReplicationFilter | undefined): ReplicationRuleFilterSpec {
    const prefix = filter?.prefix;
    const tags = Object.entries(filter?.tags ?? {});
    if (tags.length === 0) {
        return prefix === undefined ? {} : { prefix };
    }
    if (tags.length === 1 && prefix === undefined) {
        return { tag: { key: tags[0][0], value: tags[0][1] } };
    }
    const and: { prefix?: string; tags: Record<string, string> } = { tags: Object.fromEntries(tags) };
    if (prefix !== undefined) {
        and.prefix = prefix;
    }
    return { and };
}

function enabled(on: boolean): Status {
    return on ? "Enabled" : "Disabled";
}

export function replicationRule(input: ReplicationRuleInput): ReplicationRuleSpec {
    const destination: ReplicationRuleSpec["destination"] = {
        bucket: input.destinationBucketArn,
        // SSE-KMS objects are only replicated when the rule names the key for the replicas.
        encryptionConfiguration: { replicaKmsKeyId: input.replicaKmsKeyArn },
    };
    if (input.destinationAccountId !== undefined) {
        destination.account = input.destinationAccountId;
        if (input.ownerOverride) {
            destination.accessControlTranslation = { owner: "Destination" };
        }
    }
    if (input.storageClass !== undefined) {
        destination.storageClass = input.storageClass;
    }
    if (input.replicationTimeControl) {
        destination.replicationTime = { status: "Enabled", time: { minutes: REPLICATION_TIME_MINUTES } };
        destination.metrics = { status: "Enabled", eventThreshold: { minutes: REPLICATION_TIME_MINUTES } };
    }
    const sourceSelectionCriteria: ReplicationRuleSpec["sourceSelectionCriteria"] = {
        sseKmsEncryptedObjects: { status: "Enabled" },
    };
    if (input.replicaModifications) {
        sourceSelectionCriteria.replicaModifications = { status: "Enabled" };
    }
    return {
        id: input.id,
        priority: input.priority,
        status: "Enabled",
        filter: replicationRuleFilter(input.filter),
        deleteMarkerReplication: { status: enabled(input.deleteMarkerReplication) },
        sourceSelectionCriteria,
        destination,
    };
}

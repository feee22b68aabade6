// The rules of one replication configuration, written once for both layers: BucketReplication's
// plan (components/bucketReplicationPlan.ts) and the stack configuration's cross-checks
// (config/crossChecks.ts) call these and attach the field path they know. Amazon S3 User Guide,
// "Replicating delete markers between buckets" (no delete-marker replication with a tag filter),
// "Replication configuration file elements" (each rule's Priority is unique), "Requirements and
// considerations for replication" (same-region replication is a deliberate choice, SRR).
import { z } from "zod";
import { iamRoleNameField, keyPrefixField, oneOf } from "./args/fields";
import { REPLICATION_STORAGE_CLASSES, ReplicationFilter } from "./bucketReplicationRules";

const MAX_FILTER_TAG_KEY_LENGTH = 128;
const MAX_FILTER_TAG_VALUE_LENGTH = 256;

/** Which objects a rule replicates: a key prefix, object tags, or both. */
export const replicationFilterField = z.strictObject(
    {
        prefix: keyPrefixField.optional(),
        tags: z
            .record(
                z.string().min(1, { error: "has an empty tag key. Fix: use tag keys of 1-128 characters" }).max(MAX_FILTER_TAG_KEY_LENGTH, { error: `has a tag key over ${MAX_FILTER_TAG_KEY_LENGTH} characters. Fix: shorten it` }),
                z.string({ error: "is not text. Fix: tag values must be text" }).max(MAX_FILTER_TAG_VALUE_LENGTH, { error: `is a tag value over ${MAX_FILTER_TAG_VALUE_LENGTH} characters. Fix: shorten it` }),
                { error: 'is not a map. Fix: pass tags as { "key": "value" }' },
            )
            .optional(),
    },
    { error: 'is not an object. Fix: pass { prefix?: "logs/", tags?: { key: "value" } } or leave it unset' },
);

export const replicationStorageClassField = oneOf(REPLICATION_STORAGE_CLASSES);

/** A replication role name (IAM role name rules). */
export const replicationRoleNameField = iamRoleNameField;

export function isTagFiltered(filter: ReplicationFilter | undefined): boolean {
    return filter?.tags !== undefined && Object.keys(filter.tags).length > 0;
}

/** Delete markers are replicated unless the rule filters by tags, where S3 cannot. */
export function defaultDeleteMarkerReplication(filter: ReplicationFilter | undefined): boolean {
    return !isTagFiltered(filter);
}

/** For the `deleteMarkerReplication` field. */
export function deleteMarkerReplicationProblem(filter: ReplicationFilter | undefined, deleteMarkerReplication: boolean | undefined): string | undefined {
    return deleteMarkerReplication === true && isTagFiltered(filter)
        ? 'is true for a rule filtered by tags. Fix: set deleteMarkerReplication: false (S3 does not replicate delete markers for tag-based rules: Amazon S3 User Guide, "Replicating delete markers between buckets") or filter by prefix only'
        : undefined;
}

/** For the field that places the destination (its bucket or region). */
export function sameRegionProblem(sourceRegion: string, destinationRegion: string, allowSameRegion: boolean): string | undefined {
    return sourceRegion === destinationRegion && !allowSameRegion
        ? `is in ${destinationRegion}, the source's own region. Fix: replicate to another region for disaster recovery, or set allowSameRegion: true if same-region replication is intended`
        : undefined;
}

/** For each rule whose priority an earlier rule already has: its index, and the index of that earlier rule. */
export function duplicatePriorities(priorities: readonly number[]): { index: number; first: number }[] {
    const seen = new Map<number, number>();
    const clashes: { index: number; first: number }[] = [];
    priorities.forEach((priority, index) => {
        const first = seen.get(priority);
        if (first !== undefined) clashes.push({ index, first });
        else seen.set(priority, index);
    });
    return clashes;
}

/** For the `priority` field of a rule that clashes with `firstField`. */
export function duplicatePriorityProblem(priority: number, firstField: string): string {
    return `is ${priority}, the same as ${firstField}. Fix: give each destination a distinct priority (S3 rejects a configuration whose rules share one: Amazon S3 User Guide, "Replication configuration file elements")`;
}

/** One role per account and name: two replication directions sharing one would overwrite each other's policy. */
export function duplicateRoleNames(roles: readonly { accountId: string; roleName: string }[]): { index: number; first: number }[] {
    const seen = new Map<string, number>();
    const clashes: { index: number; first: number }[] = [];
    roles.forEach((role, index) => {
        const key = `${role.accountId}:${role.roleName}`;
        const first = seen.get(key);
        if (first !== undefined) clashes.push({ index, first });
        else seen.set(key, index);
    });
    return clashes;
}

// `externalReplicas` (destinations this program does not own) and `replicationRoleArn` (a
// replication role brought by the user), composed from the components' own fields
// (components/externalDestination/args.ts, components/bucketReplicationPlan.ts), and the checks
// that relate them to the rest of the bucket's entry.
import { z } from "zod";
import { existingRoleArnField, replicationDestinationFields, replicationFields } from "../components/bucketReplicationPlan";
import { bucketNameOfArn, externalDestinationFields, replicaKeyProblems } from "../components/externalDestination/args";
import { configPath } from "./errors";
import { parseIamPrincipalArn } from "../components/policy/arns";
import { sameRegionProblem } from "../components/replicationRules";
import { logicalNameSchema, storageClassSchema } from "./primitives";
import type { ParsedStackConfig } from "./schema";

const destination = replicationDestinationFields(z.never());
const replication = replicationFields(z.never());

/** The settings of one replication rule, as owned replicas and external replicas both take them. */
export const replicaRuleFields = {
    storageClass: storageClassSchema.default("STANDARD"),
    replicationTime: destination.replicationTime,
    /** Default: true, except for tag-filtered rules (S3 cannot replicate delete markers for those). */
    deleteMarkerReplication: destination.deleteMarkerReplication,
    filter: destination.filter,
    priority: destination.priority,
    allowSameRegion: replication.allowSameRegion,
};

/** One rule to a bucket of another owner: where it is, its replica key, and the rule's own settings. */
export const externalReplicaSchema = z
    .strictObject(
        {
            /** Names the destination in the rule id, the Sids and the outputs; unique within the bucket. */
            name: logicalNameSchema,
            ...externalDestinationFields,
            ...replicaRuleFields,
        },
        { error: "must be { name, bucketArn, accountId, region, keyArn, ... }" },
    )
    .superRefine((entry, ctx) => {
        for (const problem of replicaKeyProblems(entry)) {
            ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
        }
    });

export const externalReplicaBucketFields = {
    externalReplicas: z.array(externalReplicaSchema, { error: "must be a list of external replicas" }).default([]),
    /** An existing role of the bucket's account that replicates it to all its replicas (bring your own). */
    replicationRoleArn: existingRoleArnField.optional(),
};

type Path = PropertyKey[];

/** The destination name the program gives an owned replica (program/replications.ts). */
function ownedDestinationName(account: string, region: string): string {
    return `${account}-${region}`;
}

/**
 * An external replica must be a bucket this stack does not declare. The source itself: replication copies objects
 * from a source bucket to destination buckets (Amazon S3 User Guide, "Replicating objects within and across
 * Regions"), and BucketReplication refuses its source as a destination for the same reason. Another bucket of
 * the stack: externalReplicas is for buckets this program does not own. The stack writes that bucket's policy and
 * key policy, so the statements the externalReplicaPolicies output asks its "owner" to add would be overwritten by
 * the next update (a cross-account rule then fails), and the checks an owned destination gets would be skipped.
 */
function ownedBucketProblem(bucketArn: string, source: Path, declared: ReadonlyMap<string, Path>): string | undefined {
    const name = bucketNameOfArn(bucketArn);
    const owner = name === undefined ? undefined : declared.get(name);
    if (owner === undefined) return undefined;
    const field = configPath(owner);
    if (field === configPath(source)) {
        return `is the source bucket itself (${field}). Fix: replicate to another bucket`;
    }
    return (
        `names ${name}, a bucket of this stack (${field}), whose bucket and key policies the stack writes, so it would overwrite the statements an external ` +
        "replica's owner adds. Fix: declare the copy as a replicas entry of this bucket, or name a bucket this stack does not declare"
    );
}

export function checkExternalReplicas(
    config: ParsedStackConfig, i: number, region: string | undefined, declared: ReadonlyMap<string, Path>, add: (path: Path, message: string) => void,
): void {
    const bucket = config.buckets[i];
    const ownedNames = new Map(
        bucket.replicas.map((replica, j) => [ownedDestinationName(replica.account, replica.region ?? config.accounts[replica.account]?.region ?? ""), j] as const),
    );
    const names = new Map<string, number>();
    const arns = new Map<string, number>();
    const sourceLocked = bucket.objectLock !== undefined;
    bucket.externalReplicas.forEach((entry, j) => {
        const path: Path = ["buckets", i, "externalReplicas", j];
        const owned = ownedNames.get(entry.name);
        if (owned !== undefined) add([...path, "name"], `"${entry.name}" is also the destination name of replicas[${owned}]. Fix: give this external replica another name`);
        const firstName = names.get(entry.name);
        if (firstName !== undefined) add([...path, "name"], `"${entry.name}" is also externalReplicas[${firstName}].name. Fix: give each external replica its own name`);
        names.set(entry.name, j);
        const firstArn = arns.get(entry.bucketArn);
        if (firstArn !== undefined) add([...path, "bucketArn"], `is also externalReplicas[${firstArn}].bucketArn. Fix: replicate to each bucket once`);
        arns.set(entry.bucketArn, j);
        const ownBucket = ownedBucketProblem(entry.bucketArn, ["buckets", i, "bucketName"], declared);
        if (ownBucket !== undefined) add([...path, "bucketArn"], ownBucket);
        const sameRegion = region === undefined ? undefined : sameRegionProblem(region, entry.region, entry.allowSameRegion);
        if (sameRegion !== undefined) add([...path, "region"], sameRegion);
        if (sourceLocked) {
            add(
                path,
                "replicates a bucket with objectLock to a bucket this program does not own. Fix: replicate a locked bucket only to replicas of this program with objectLock: " +
                    "S3 accepts the rule whatever the destination is, then fails every replication to a bucket without Object Lock (DstBucketObjectLockConfigMissing), " +
                    "and neither this program nor the policy pack can see another owner's bucket",
            );
        }
    });
    checkReplicationRoleArn(config, i, add);
}

function checkReplicationRoleArn(config: ParsedStackConfig, i: number, add: (path: Path, message: string) => void): void {
    const bucket = config.buckets[i];
    if (bucket.replicationRoleArn === undefined) return;
    const path: Path = ["buckets", i, "replicationRoleArn"];
    if (bucket.replicas.length === 0 && bucket.externalReplicas.length === 0) {
        add(path, "is set but the bucket has no replicas. Fix: add replicas or externalReplicas, or remove replicationRoleArn");
    }
    const roleAccount = parseIamPrincipalArn(bucket.replicationRoleArn)?.accountId;
    const bucketAccount = config.accounts[bucket.account]?.accountId;
    if (roleAccount !== undefined && bucketAccount !== undefined && roleAccount !== bucketAccount) {
        add(
            path,
            `is a role of account ${roleAccount} but the bucket is in accounts.${bucket.account} (${bucketAccount}). Fix: pass a role of account ${bucketAccount}: S3 assumes the replication role in the source bucket's account`,
        );
    }
    bucket.replicas.forEach((replica, j) => {
        if (replica.roleName !== undefined) {
            add(["buckets", i, "replicas", j, "roleName"], "is set together with the bucket's replicationRoleArn. Fix: remove roleName (the existing role replicates to every replica) or remove replicationRoleArn to have the role created");
        }
    });
}

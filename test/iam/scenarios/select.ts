// Fixture pickers: which grants, buckets and replications of a world a scenario applies to.
import { callerFromArn, type Caller } from "../support/requestContext";
import type { BucketFacts, GrantFacts, HeaderMode, ReplicationFacts, World } from "../world/types";
import { grantee, isCrossAccount, reads, writes } from "./requests";

export interface GrantFixture {
    grant: GrantFacts;
    caller: Caller;
}

function grantLabel(grant: GrantFacts): string {
    return `${grant.access} grant on ${grant.bucket.name} to ${grant.principalArn}`;
}

export function grantsWhere(predicate: (grant: GrantFacts) => boolean): (world: World) => Array<{ label: string; fixture: GrantFixture }> {
    return (world) =>
        world.grants.filter(predicate).map((grant) => ({ label: grantLabel(grant), fixture: { grant, caller: grantee(grant) } }));
}

/** Writers whose grant also matches `predicate`. */
export const writersWhere = (predicate: (grant: GrantFacts) => boolean) => grantsWhere((g) => writes(g) && predicate(g));
export const sameAccountWriters = grantsWhere((g) => writes(g) && !isCrossAccount(g));
export const crossAccountWriters = grantsWhere((g) => writes(g) && isCrossAccount(g));
export const sameAccountReaders = grantsWhere((g) => reads(g) && !isCrossAccount(g));
export const crossAccountReaders = grantsWhere((g) => reads(g) && isCrossAccount(g));
/** Writers on buckets in `mode` whose header checks are all on (the default). */
export const writersOnBucketsIn = (mode: HeaderMode) =>
    grantsWhere(
        (g) =>
            writes(g) &&
            g.bucket.guardrails.encryptionHeader === mode &&
            g.bucket.guardrails.denyWrongEncryptionHeaders &&
            g.bucket.guardrails.denyKmsHeaderWithoutKeyId &&
            g.bucket.guardrails.denySseC,
    );

export interface OutsiderFixture {
    bucket: BucketFacts;
    caller: Caller;
}

const EVERYTHING = {
    Version: "2012-10-17" as const,
    Statement: [{ Sid: "AdministratorAccess", Effect: "Allow" as const, Action: ["s3:*", "kms:*"], Resource: "*" }],
};

/** A role in the bucket's own account that no grant names and that has no IAM policy for it. */
export function unrelatedInBucketAccount(world: World): Array<{ label: string; fixture: OutsiderFixture }> {
    return world.buckets.map((bucket) => ({
        label: `bucket ${bucket.name}`,
        fixture: { bucket, caller: callerFromArn("unrelated role", `arn:aws:iam::${bucket.accountId}:role/unrelated-app`, []) },
    }));
}

/**
 * An administrator of another account: its own IAM policies allow s3:* and kms:* on everything,
 * so only the bucket and key policies stand between it and the data. Taken from a grantee's
 * account when the stack has one (the most tempting neighbour), else a third account.
 */
export function adminOfAnotherAccount(world: World): Array<{ label: string; fixture: OutsiderFixture }> {
    return world.buckets.map((bucket) => {
        const neighbour = world.grants.find((g) => g.bucket === bucket && g.principalAccountId !== bucket.accountId)?.principalAccountId;
        const account = neighbour ?? (bucket.accountId === "999999999999" ? "999999999998" : "999999999999");
        return {
            label: `bucket ${bucket.name}, admin of ${account}`,
            fixture: {
                bucket,
                caller: callerFromArn("admin of another account", `arn:aws:iam::${account}:role/Administrator`, [
                    { name: `AdministratorAccess in ${account}`, document: EVERYTHING },
                ]),
            },
        };
    });
}

export interface AdminFixture {
    bucket: BucketFacts;
    caller: Caller;
}

/** Each key administrator named in a key policy, with no IAM policy of its own. */
export function keyAdministrators(world: World): Array<{ label: string; fixture: AdminFixture }> {
    return world.buckets.flatMap((bucket) =>
        bucket.key.administrators.map((admin) => ({
            label: `${admin} on the key of ${bucket.name}`,
            fixture: { bucket, caller: callerFromArn("key administrator", admin, []) },
        })),
    );
}

export interface ReplicationFixture {
    replication: ReplicationFacts;
    role: Caller;
}

export function replicationsWhere(
    predicate: (replication: ReplicationFacts) => boolean,
): (world: World) => Array<{ label: string; fixture: ReplicationFixture }> {
    return (world) =>
        world.replications.filter(predicate).map((replication) => ({
            label: `${replication.source.name} -> ${replication.destination.name}`,
            fixture: { replication, role: callerFromArn("replication role", replication.roleArn, replication.rolePolicies) },
        }));
}

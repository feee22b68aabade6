// Reading a stack's replication rules, shared by the policies that judge them and by the "cannot verify" table
// (cannotVerify.ts), which asks which resources these policies read. Nothing here may import framework.ts: the
// framework imports that table.
import { IndexedResource } from "../model/resources";
import { BucketModel, KeyModel, ReplicationConfig, ReplicationRule, StackIndex } from "../model/stackIndex";
import { anyTri, Tri } from "../model/tri";
import { isUnknown } from "../model/values";
import { externalBucketLabel } from "./externalBuckets";

export interface RuleOf {
    replication: ReplicationConfig;
    rule: ReplicationRule;
    /** Whom a finding is about: the source bucket, or the configuration of a source the stack does not declare. */
    subject: IndexedResource;
}

/** A rule S3 acts on: every status but a known `Disabled` (a disabled rule replicates nothing). */
export function isActive(rule: ReplicationRule): boolean {
    return rule.status !== "Disabled";
}

/**
 * The destinations a check holds an active rule to. In a fresh preview several rules may share candidate
 * destinations (stackIndex's assignUnresolved); when a Disabled rule is among them, a candidate may be that rule's
 * alone (a paused rule to a bucket not ready yet), so none is judged until the ARNs are known.
 */
export function judgedDestinations(rule: ReplicationRule): BucketModel[] {
    return rule.destinationPool.every(isActive) ? rule.destinations : [];
}

/** The replica keys a check holds an active rule to: as judgedDestinations, for rules sharing unknown replica keys. */
export function judgedReplicaKeys(rule: ReplicationRule): KeyModel[] {
    return rule.replicaKeyPool.every(isActive) ? rule.replicaKeys : [];
}

/** The active rules of a replication whose rule list can be read (during preview a list may still be unknown). */
export function activeRules(replication: ReplicationConfig): ReplicationRule[] {
    return isUnknown(replication.rules) ? [] : replication.rules.filter(isActive);
}

/**
 * Every replication configuration of the stack: those of its buckets, then those it writes for buckets it does not
 * declare (judged on their own content: rules, role, destinations, replica keys).
 */
export function allReplications(index: StackIndex): readonly ReplicationConfig[] {
    return index.external.replications.length === 0 ? index.replications : [...index.replications, ...index.external.replications];
}

/** Every active rule of every replication whose rule list can be read, its source's or external ones included. */
export function replicationRules(index: StackIndex): RuleOf[] {
    const out: RuleOf[] = [];
    for (const replication of allReplications(index)) {
        const subject = replication.source?.resource ?? replication.resource;
        for (const rule of activeRules(replication)) {
            out.push({ replication, rule, subject });
        }
    }
    return out;
}

/** How messages name a rule: by its id, else by its position; with the bucket when the stack does not declare it. */
export function ruleName(rule: ReplicationRule, replication: ReplicationConfig): string {
    const name = `rule ${typeof rule.id === "string" ? `"${rule.id}"` : `#${rule.position + 1}`}`;
    return `${name}${externalSource(replication)}`;
}

/**
 * ` of bucket "legacy" (not declared in this stack)` for the replication of a bucket the stack does not declare, as
 * the other checks of such configuration name it; "" otherwise (the replication resource names its source).
 */
export function externalSource(replication: ReplicationConfig): string {
    return replication.source ? "" : ` of ${externalBucketLabel(replication.resource)}`;
}

/** True when some declaration turns Object Lock on; unknown while one can't be read yet. */
export function objectLockOn(bucket: BucketModel): Tri {
    return anyTri(bucket.objectLock.map((d) => d.enabled));
}

// What the replication policies read, per index (a stack evaluation builds one and asks once per policy).
const replicationUrns = new WeakMap<StackIndex, ReadonlySet<string>>();
const lockedReplicationUrns = new WeakMap<StackIndex, ReadonlySet<string>>();
const replicatedVersioningUrns = new WeakMap<StackIndex, ReadonlySet<string>>();
const replicationRoleUrns = new WeakMap<StackIndex, ReadonlySet<string>>();
const replicatedObjectLockUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

function memo(cache: WeakMap<StackIndex, ReadonlySet<string>>, index: StackIndex, build: () => Iterable<string>): ReadonlySet<string> {
    let urns = cache.get(index);
    if (urns === undefined) {
        urns = new Set(build());
        cache.set(index, urns);
    }
    return urns;
}

/**
 * The resources whose replication configuration the replication policies read: a `BucketReplicationConfig`, or a
 * bucket whose inline replication no `BucketReplicationConfig` replaces (stackIndex reads that one as an echo).
 */
export function replicationResources(index: StackIndex): ReadonlySet<string> {
    return memo(replicationUrns, index, () => allReplications(index).map((r) => r.resource.urn));
}

/**
 * The replications s3-replication-object-lock reads: those whose source may have Object Lock. Of the others it
 * reads nothing, and of a source the stack does not declare it can't see the Object Lock at all.
 */
export function lockedReplicationResources(index: StackIndex): ReadonlySet<string> {
    return memo(lockedReplicationUrns, index, () => index.replications.filter((r) => objectLockOn(r.source) !== false).map((r) => r.resource.urn));
}

/**
 * The resources that say whether a replicated bucket is versioned (a source of the stack, or a destination of an
 * active rule): the versioning s3-replication-versioning-enabled reads. A bucket that doesn't replicate is not its concern.
 */
export function replicatedVersioningResources(index: StackIndex): ReadonlySet<string> {
    return memo(replicatedVersioningUrns, index, () => {
        const buckets = new Set<BucketModel>(index.replications.map((r) => r.source));
        for (const { rule } of replicationRules(index)) {
            judgedDestinations(rule).forEach((b) => buckets.add(b));
        }
        return [...buckets].flatMap((b) => b.versioning.map((v) => v.resource.urn));
    });
}

/**
 * The resources holding the IAM policies of a replication's role (the role itself for its inline policies, its
 * role policies, the managed policies attached to it): what the role's KMS policies read of IAM. A role no
 * replication uses is not their concern.
 */
export function replicationRolePolicyResources(index: StackIndex): ReadonlySet<string> {
    return memo(replicationRoleUrns, index, () => allReplications(index).flatMap((replication) =>
        replication.roles.flatMap((role) => [role.resource.urn, ...role.policies.map((p) => p.resource.urn)])));
}

/**
 * The declarations that say whether a replicated bucket has Object Lock (a source of the stack, or an in-stack
 * destination of an active rule): what s3-replication-object-lock reads of the buckets.
 */
export function replicatedObjectLockResources(index: StackIndex): ReadonlySet<string> {
    return memo(replicatedObjectLockUrns, index, () => {
        const buckets = new Set<BucketModel>(index.replications.map((r) => r.source));
        for (const replication of index.replications) {
            for (const rule of activeRules(replication)) {
                judgedDestinations(rule).forEach((b) => buckets.add(b));
            }
        }
        return [...buckets].flatMap((b) => b.objectLock.map((d) => d.resource.urn));
    });
}

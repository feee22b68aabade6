// Which KMS keys S3 uses, read from the stack index: a bucket's default encryption and a replication's replica keys.
// Shared by the policies that judge those keys and by the "cannot verify" table (cannotVerify.ts), which asks
// which keys' properties they read; nothing here may import framework.ts, which imports that table.
import { IndexedResource } from "../model/resources";
import { Maybe } from "../model/policyDocument";
import * as T from "../model/awsTypes";
import { BucketModel, KeyModel, ReplicationConfig, SseConfig, SseRule, StackIndex } from "../model/stackIndex";
import { asBool, isUnknown } from "../model/values";
import { keySpecOf, keyUsageOf } from "./keyFacts";
import { judgedReplicaKeys, replicationRules } from "./replicationFacts";

export const KMS_ALGORITHMS: ReadonlySet<string> = new Set(["aws:kms", "aws:kms:dsse"]);

export function isKmsAlgorithm(algorithm: Maybe<string> | undefined): boolean {
    return typeof algorithm === "string" && KMS_ALGORITHMS.has(algorithm);
}

export interface RuleAt {
    config: SseConfig;
    rule: SseRule;
}

// A dozen policies ask for the same bucket's rules: built once per bucket model (one per stack evaluation).
const rulesOfBucket = new WeakMap<BucketModel, readonly RuleAt[]>();

/** Every known default-encryption rule of the bucket, with the configuration it came from (shared, read-only). */
export function sseRules(bucket: BucketModel): readonly RuleAt[] {
    const known = rulesOfBucket.get(bucket);
    if (known !== undefined) {
        return known;
    }
    const out: RuleAt[] = [];
    for (const config of bucket.sse) {
        if (!isUnknown(config.rules)) {
            for (const rule of config.rules) {
                out.push({ config, rule });
            }
        }
    }
    rulesOfBucket.set(bucket, out);
    return out;
}


/** Keys S3 uses for this bucket's default encryption (in-stack models). */
export function defaultKeys(bucket: BucketModel): KeyModel[] {
    const out: KeyModel[] = [];
    for (const { rule } of sseRules(bucket)) {
        if (isKmsAlgorithm(rule.algorithm)) {
            out.push(...rule.keys);
        }
    }
    return out;
}

/** What S3 uses a key for (its first use: default encryption before replicas), and the resource that uses it. */
export type KeyUse =
    | { kind: "default"; user: IndexedResource }
    | { kind: "replica"; user: IndexedResource; replication: ReplicationConfig };

const usersOfIndex = new WeakMap<StackIndex, ReadonlyMap<KeyModel, KeyUse>>();

/** Every in-stack key S3 uses: buckets' default encryption, then replica keys of active replication rules (built once per index). */
export function keysUsedByS3(index: StackIndex): ReadonlyMap<KeyModel, KeyUse> {
    const known = usersOfIndex.get(index);
    if (known !== undefined) {
        return known;
    }
    const users = new Map<KeyModel, KeyUse>();
    for (const bucket of index.buckets) {
        for (const key of defaultKeys(bucket)) {
            if (!users.has(key)) {
                users.set(key, { kind: "default", user: bucket.resource });
            }
        }
    }
    for (const { replication, rule } of replicationRules(index)) {
        for (const key of judgedReplicaKeys(rule)) {
            if (!users.has(key)) {
                users.set(key, { kind: "replica", user: replication.resource, replication });
            }
        }
    }
    usersOfIndex.set(index, users);
    return users;
}

const compatibilityUsersOfIndex = new WeakMap<StackIndex, ReadonlyMap<KeyModel, KeyUse>>();

/**
 * The keys kms-key-s3-compatible judges: `keysUsedByS3`, plus the stack's keys named by the default encryption of
 * a bucket the stack does not declare (a literal bucket name) or of an `aws.s3.DirectoryBucket` (both among
 * `index.external.sse`). S3 can use only a symmetric encryption key for SSE-KMS (Amazon S3 User Guide, "Using
 * server-side encryption with AWS KMS keys (SSE-KMS)"), whichever bucket names it; the user is the configuration.
 */
export function keysS3MustUse(index: StackIndex): ReadonlyMap<KeyModel, KeyUse> {
    const known = compatibilityUsersOfIndex.get(index);
    if (known !== undefined) {
        return known;
    }
    const users = new Map(keysUsedByS3(index));
    for (const config of index.external.sse) {
        for (const rule of isUnknown(config.rules) ? [] : config.rules) {
            if (isKmsAlgorithm(rule.algorithm)) {
                for (const key of rule.keys) {
                    if (!users.has(key)) {
                        users.set(key, { kind: "default", user: config.resource });
                    }
                }
            }
        }
    }
    compatibilityUsersOfIndex.set(index, users);
    return users;
}

/** The key that carries spec and usage: a replica key inherits them from its primary. */
export function specCarrier(key: KeyModel): KeyModel | undefined {
    return key.replica ? key.primary : key;
}

const specUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

/** The keys whose spec and usage kms-key-s3-compatible reads: those S3 must use (a replica key's primary for it). */
export function s3KeySpecResources(index: StackIndex): ReadonlySet<string> {
    let urns = specUrns.get(index);
    if (urns === undefined) {
        urns = new Set([...keysS3MustUse(index).keys()].flatMap((key) => specCarrier(key)?.resource.urn ?? []));
        specUrns.set(index, urns);
    }
    return urns;
}

/** Where a key says whether it is enabled: `aws.kms.Key.isEnabled`, `ReplicaKey.enabled`, `(Replica)ExternalKey.enabled`, aws-native `Key.enabled`. */
export const KEY_ENABLED_PROPERTY: ReadonlyMap<string, string> = new Map([
    [T.KMS_KEY, "isEnabled"],
    [T.KMS_REPLICA_KEY, "enabled"],
    [T.KMS_EXTERNAL_KEY, "enabled"],
    [T.KMS_REPLICA_EXTERNAL_KEY, "enabled"],
    [T.NATIVE_KMS_KEY, "enabled"],
]);

const usedUrns = new WeakMap<StackIndex, ReadonlySet<string>>();

/** The keys S3 must use, themselves (whether a key is enabled is its own, not its primary's). */
export function s3KeyResources(index: StackIndex): ReadonlySet<string> {
    let urns = usedUrns.get(index);
    if (urns === undefined) {
        urns = new Set([...keysS3MustUse(index).keys()].map((key) => key.resource.urn));
        usedUrns.set(index, urns);
    }
    return urns;
}

/** What makes a key unusable for SSE-KMS, as far as its known inputs tell (each field only when known bad). */
export interface KeyIncompatibility {
    /** The property that disables the key (`isEnabled` / `enabled`), when known false. */
    disabledBy?: string;
    spec?: string;
    usage?: string;
}

/**
 * Why S3 can't use the key, from its known inputs: disabled (AWS KMS Developer Guide, "Enabling and disabling
 * keys"), or a spec or usage other than a symmetric encryption key's, the only kind S3 supports (Amazon S3 User
 * Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)"). A replica key's spec and usage are its
 * primary's. Undefined when nothing known is wrong: an unknown is never a reason.
 */
export function keyIncompatibility(used: KeyModel): KeyIncompatibility | undefined {
    const out: KeyIncompatibility = {};
    const enabledProperty = KEY_ENABLED_PROPERTY.get(used.resource.type);
    if (enabledProperty !== undefined && asBool(used.resource.props[enabledProperty]) === false) {
        out.disabledBy = enabledProperty;
    }
    const key = specCarrier(used);
    if (key) {
        const spec = keySpecOf(key.resource.props);
        const usage = keyUsageOf(key.resource.props);
        if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") {
            out.spec = spec;
        }
        if (typeof usage === "string" && usage !== "ENCRYPT_DECRYPT") {
            out.usage = usage;
        }
    }
    return out.disabledBy === undefined && out.spec === undefined && out.usage === undefined ? undefined : out;
}

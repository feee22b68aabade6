// Turns BucketReplication arguments into a checked plan: one "side" per replication role (the
// forward side, plus one return side per bidirectional destination), each with its rules, names,
// Sids and providers. Pure and generic over the bucket type, so every rejection is testable without
// Pulumi, and the component only wires what the plan says.
import { REPLICATION_STORAGE_CLASSES, ReplicationFilter, ReplicationStorageClass } from "./bucketReplicationRules";
import { assertRoleName, assertRolePath, defaultReplicationRoleName, sidToken } from "./policy/replicationNames";
import { InvalidArgumentError, requireBoolean, requireKeyPrefix, requireOneOf } from "./validation";

/** What the plan needs to know about a bucket, synchronously. */
export interface ReplicationBucketFacts {
    accountId: string;
    region: string;
    bucketKeyEnabled: boolean;
    versioningEnabled: boolean;
    /** The provider that deploys the bucket (identity only); undefined means the default provider. */
    provider: object | undefined;
}

export interface ReplicationDestinationOptions<B> {
    /** Short name of this destination: rule id, Sid fragment, names of the return side's resources. */
    name: string;
    bucket: B;
    filter?: ReplicationFilter;
    /** Rule priority; unique across the rules of one configuration. Default: the destination's index. */
    priority?: number;
    /** Default true (S3 cannot replicate delete markers for tag-filtered rules: set false there). */
    deleteMarkerReplication?: boolean;
    /** S3 Replication Time Control (15 minutes) with replication metrics. Default false. */
    replicationTimeControl?: boolean;
    storageClass?: ReplicationStorageClass;
    /** Replicas owned by the destination account (`accessControlTranslation`). Default true across accounts; same account: not allowed. */
    ownerOverride?: boolean;
    /** Also replicate from this destination back to the source (replica modification sync on both rules). */
    bidirectional?: boolean;
    /** Name of the return side's role (bidirectional only). Default `<name>-<destination name>-replication`. */
    returnRoleName?: string;
}

export interface ReplicationOptions<B> {
    source: B;
    destinations: readonly ReplicationDestinationOptions<B>[];
    /** Default `<name>-replication`; known in advance so other stacks can trust the role. */
    roleName?: string;
    /** Default "/"; used by the return roles of bidirectional destinations too. */
    rolePath?: string;
    /** Replication within one region is rejected unless this is true (it is usually a mistake). */
    allowSameRegion?: boolean;
}

export interface PlannedRule<B> {
    destination: B;
    destinationFacts: ReplicationBucketFacts;
    ruleId: string;
    priority: number;
    /** Sid fragment for this destination inside its side. */
    sidToken: string;
    crossAccount: boolean;
    ownerOverride: boolean;
    filter: ReplicationFilter | undefined;
    deleteMarkerReplication: boolean;
    replicaModifications: boolean;
    replicationTimeControl: boolean;
    storageClass: ReplicationStorageClass | undefined;
}

export interface PlannedSide<B> {
    /** Prefix of the Pulumi names of this side's resources. */
    resourcePrefix: string;
    roleName: string;
    rolePath: string;
    /** Sid fragment naming this side's role (from its role name) in shared key and bucket policies. */
    roleSidToken: string;
    source: B;
    sourceFacts: ReplicationBucketFacts;
    /** The provider of the source account of this side (undefined: default provider). */
    provider: object | undefined;
    rules: PlannedRule<B>[];
}

export interface ReplicationPlan<B> {
    forward: PlannedSide<B>;
    /** One per bidirectional destination, in destination order. */
    returns: { destinationName: string; side: PlannedSide<B> }[];
}

const MAX_RULE_ID_LENGTH = 255;
const MAX_TAG_KEY_LENGTH = 128;
const MAX_TAG_VALUE_LENGTH = 256;

function requireFilter(where: string, field: string, filter: unknown): ReplicationFilter | undefined {
    if (filter === undefined) {
        return undefined;
    }
    if (filter === null || typeof filter !== "object") {
        throw new InvalidArgumentError(where, field, "is not an object", 'pass { prefix?: "logs/", tags?: { key: "value" } } or leave it unset');
    }
    const { prefix, tags, ...rest } = filter as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
        throw new InvalidArgumentError(where, `${field}.${unknownKeys[0]}`, "is not a filter field", "use prefix and/or tags");
    }
    const result: ReplicationFilter = {};
    if (prefix !== undefined) {
        result.prefix = requireKeyPrefix(where, `${field}.prefix`, prefix);
    }
    if (tags !== undefined) {
        if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
            throw new InvalidArgumentError(where, `${field}.tags`, "is not a map", 'pass tags as { "key": "value" }');
        }
        for (const [key, value] of Object.entries(tags)) {
            if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH || typeof value !== "string" || value.length > MAX_TAG_VALUE_LENGTH) {
                throw new InvalidArgumentError(
                    where,
                    `${field}.tags.${key}`,
                    "is not a valid tag",
                    `use a key of 1-${MAX_TAG_KEY_LENGTH} characters and a string value of at most ${MAX_TAG_VALUE_LENGTH}`,
                );
            }
        }
        result.tags = { ...(tags as Record<string, string>) };
    }
    return result;
}

function hasTags(filter: ReplicationFilter | undefined): boolean {
    return filter?.tags !== undefined && Object.keys(filter.tags).length > 0;
}

function requirePriority(where: string, field: string, value: unknown): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        throw new InvalidArgumentError(where, field, `is ${String(value)}`, "pass a whole number >= 0");
    }
    return value;
}

function checkRegions(where: string, field: string, from: ReplicationBucketFacts, to: ReplicationBucketFacts, allowSameRegion: boolean): void {
    if (from.region === to.region && !allowSameRegion) {
        throw new InvalidArgumentError(
            where,
            field,
            `is in ${to.region}, the source's own region`,
            "replicate to a bucket in another region, or set allowSameRegion: true if same-region replication is intended",
        );
    }
}

function checkVersioning(where: string, field: string, facts: ReplicationBucketFacts): void {
    if (!facts.versioningEnabled) {
        throw new InvalidArgumentError(where, field, "has versioning disabled", "enable versioning on the bucket: S3 replicates only versioned buckets, on both sides");
    }
}

/** A bucket in another account must be deployed with a provider of its own, not the source's. */
function checkProviders(where: string, field: string, source: ReplicationBucketFacts, destination: ReplicationBucketFacts): void {
    if (destination.accountId === source.accountId) {
        return;
    }
    if (destination.provider === undefined || destination.provider === source.provider) {
        throw new InvalidArgumentError(
            where,
            field,
            `is in account ${destination.accountId} (the source is in ${source.accountId}) but has no provider of its own`,
            `create the destination EncryptedBucket with { provider: <an aws.Provider for account ${destination.accountId}> }`,
        );
    }
}

function requireName(where: string, field: string, value: unknown): string {
    if (typeof value !== "string" || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(value)) {
        throw new InvalidArgumentError(where, field, `is ${JSON.stringify(value)}`, 'pass a short name of letters, digits and dashes, e.g. "dr-eu"');
    }
    return value;
}

function resolveRoleName(where: string, field: string, value: unknown, fallback: string): string {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "string") {
        throw new InvalidArgumentError(where, field, `is ${String(value)}`, "pass a role name string or leave it unset");
    }
    try {
        assertRoleName(value, field);
    } catch {
        throw new InvalidArgumentError(where, field, `is "${value}", not a valid IAM role name`, "use at most 64 characters of letters, digits and +=,.@_-");
    }
    return value;
}

function ruleId(parts: string[]): string {
    return parts.join("-").slice(0, MAX_RULE_ID_LENGTH);
}

function checkUniquePriorities<B>(where: string, rules: PlannedRule<B>[], fieldOf: (index: number) => string): void {
    const seen = new Map<number, number>();
    rules.forEach((rule, index) => {
        const other = seen.get(rule.priority);
        if (other !== undefined) {
            throw new InvalidArgumentError(
                where,
                fieldOf(index),
                `is ${rule.priority}, the same as ${fieldOf(other)}`,
                "give each destination a distinct priority (S3 rejects a configuration whose rules share one)",
            );
        }
        seen.set(rule.priority, index);
    });
}

/**
 * Checks every argument and returns the sides to build. Throws InvalidArgumentError naming the
 * field and the fix; nothing is registered before this returns.
 */
export function planBucketReplication<B>(name: string, options: ReplicationOptions<B>, factsOf: (bucket: B, field: string) => ReplicationBucketFacts): ReplicationPlan<B> {
    const where = `BucketReplication "${name}"`;
    if (options === undefined || options === null) {
        throw new InvalidArgumentError(where, "args", "is missing", "pass source and destinations");
    }
    if (options.source === undefined || options.source === null) {
        throw new InvalidArgumentError(where, "source", "is missing", "pass the source EncryptedBucket");
    }
    if (!Array.isArray(options.destinations) || options.destinations.length === 0) {
        throw new InvalidArgumentError(where, "destinations", "is empty", "pass at least one destination { name, bucket }");
    }
    const allowSameRegion = options.allowSameRegion === undefined ? false : requireBoolean(where, "allowSameRegion", options.allowSameRegion);
    const rolePath = options.rolePath ?? "/";
    try {
        assertRolePath(rolePath, "rolePath");
    } catch {
        throw new InvalidArgumentError(where, "rolePath", `is "${rolePath}", not an IAM path`, 'use "/" or a path that starts and ends with "/", e.g. "/service-role/"');
    }
    const source = options.source;
    const sourceFacts = factsOf(source, "source");
    checkVersioning(where, "source", sourceFacts);

    const names = new Set<string>();
    const buckets = new Set<B>([source]);
    const forwardRules: PlannedRule<B>[] = [];
    const returns: ReplicationPlan<B>["returns"] = [];
    options.destinations.forEach((destination, index) => {
        const field = `destinations[${index}]`;
        if (destination === undefined || destination === null || typeof destination !== "object") {
            throw new InvalidArgumentError(where, field, "is not an object", "pass { name, bucket, ... }");
        }
        const destName = requireName(where, `${field}.name`, destination.name);
        if (names.has(destName)) {
            throw new InvalidArgumentError(where, `${field}.name`, `"${destName}" is used by another destination`, "give each destination its own name");
        }
        names.add(destName);
        if (destination.bucket === undefined || destination.bucket === null) {
            throw new InvalidArgumentError(where, `${field}.bucket`, "is missing", "pass the destination EncryptedBucket");
        }
        if (buckets.has(destination.bucket)) {
            throw new InvalidArgumentError(
                where,
                `${field}.bucket`,
                destination.bucket === source ? "is the source bucket itself" : "is already a destination of this replication",
                "replicate each bucket to other buckets, each at most once",
            );
        }
        buckets.add(destination.bucket);
        const facts = factsOf(destination.bucket, `${field}.bucket`);
        checkVersioning(where, `${field}.bucket`, facts);
        checkRegions(where, `${field}.bucket`, sourceFacts, facts, allowSameRegion);
        checkProviders(where, `${field}.bucket`, sourceFacts, facts);
        const crossAccount = facts.accountId !== sourceFacts.accountId;

        const ownerOverride = destination.ownerOverride === undefined ? crossAccount : requireBoolean(where, `${field}.ownerOverride`, destination.ownerOverride);
        if (ownerOverride && !crossAccount) {
            throw new InvalidArgumentError(
                where,
                `${field}.ownerOverride`,
                `is true but the destination is in the source's account ${sourceFacts.accountId}`,
                "leave ownerOverride unset: replica ownership can only be changed for a destination in another account",
            );
        }
        const filter = requireFilter(where, `${field}.filter`, destination.filter);
        const deleteMarkerReplication =
            destination.deleteMarkerReplication === undefined
                ? !hasTags(filter)
                : requireBoolean(where, `${field}.deleteMarkerReplication`, destination.deleteMarkerReplication);
        if (deleteMarkerReplication && hasTags(filter)) {
            throw new InvalidArgumentError(
                where,
                `${field}.deleteMarkerReplication`,
                "is true for a rule filtered by tags",
                "set deleteMarkerReplication: false (S3 does not replicate delete markers for tag-based rules) or filter by prefix only",
            );
        }
        const bidirectional = destination.bidirectional === undefined ? false : requireBoolean(where, `${field}.bidirectional`, destination.bidirectional);
        const rule: PlannedRule<B> = {
            destination: destination.bucket,
            destinationFacts: facts,
            ruleId: ruleId([name, "to", destName]),
            priority: destination.priority === undefined ? index : requirePriority(where, `${field}.priority`, destination.priority),
            sidToken: sidToken(destName),
            crossAccount,
            ownerOverride,
            filter,
            deleteMarkerReplication,
            replicaModifications: bidirectional,
            replicationTimeControl:
                destination.replicationTimeControl === undefined ? false : requireBoolean(where, `${field}.replicationTimeControl`, destination.replicationTimeControl),
            storageClass:
                destination.storageClass === undefined ? undefined : requireOneOf(where, `${field}.storageClass`, destination.storageClass, REPLICATION_STORAGE_CLASSES),
        };
        forwardRules.push(rule);

        if (bidirectional) {
            returns.push({ destinationName: destName, side: planReturnSide(name, destName, rule, destination, source, sourceFacts, rolePath, where, field) });
        } else if (destination.returnRoleName !== undefined) {
            throw new InvalidArgumentError(where, `${field}.returnRoleName`, "is set but bidirectional is not", "set bidirectional: true or remove returnRoleName");
        }
    });
    checkUniquePriorities(where, forwardRules, (index) => `destinations[${index}].priority`);

    const forwardRoleName = resolveRoleName(where, "roleName", options.roleName, defaultReplicationRoleName(name));
    const forward: PlannedSide<B> = {
        resourcePrefix: name,
        roleName: forwardRoleName,
        rolePath,
        roleSidToken: sidToken(forwardRoleName),
        source,
        sourceFacts,
        provider: sourceFacts.provider,
        rules: forwardRules,
    };
    checkDistinctRoleNames(where, forward, returns.map((r) => r.side));
    return { forward, returns };
}

/** The way back: the destination replicates to the source with its own role, in its own account. */
function planReturnSide<B>(
    name: string,
    destName: string,
    forwardRule: PlannedRule<B>,
    destination: ReplicationDestinationOptions<B>,
    source: B,
    sourceFacts: ReplicationBucketFacts,
    rolePath: string,
    where: string,
    field: string,
): PlannedSide<B> {
    const prefix = `${name}-${destName}-return`;
    const facts = forwardRule.destinationFacts;
    const roleName = resolveRoleName(where, `${field}.returnRoleName`, destination.returnRoleName, defaultReplicationRoleName(`${name}-${destName}`));
    return {
        resourcePrefix: prefix,
        roleName,
        rolePath,
        roleSidToken: sidToken(roleName),
        source: forwardRule.destination,
        sourceFacts: facts,
        provider: facts.provider,
        rules: [
            {
                destination: source,
                destinationFacts: sourceFacts,
                ruleId: ruleId([name, destName, "return"]),
                priority: 0,
                sidToken: sidToken(`${name}-source`),
                crossAccount: forwardRule.crossAccount,
                ownerOverride: forwardRule.ownerOverride,
                // The same objects flow back: the filter and options mirror the forward rule.
                filter: forwardRule.filter,
                deleteMarkerReplication: forwardRule.deleteMarkerReplication,
                replicaModifications: true,
                replicationTimeControl: forwardRule.replicationTimeControl,
                storageClass: undefined,
            },
        ],
    };
}

/** Two sides in one account with one role name would fight over a single IAM role. */
function checkDistinctRoleNames<B>(where: string, forward: PlannedSide<B>, returns: PlannedSide<B>[]): void {
    const seen = new Map<string, string>();
    for (const side of [forward, ...returns]) {
        const key = `${side.sourceFacts.accountId}:${side.roleName}`;
        const other = seen.get(key);
        if (other !== undefined) {
            throw new InvalidArgumentError(
                where,
                side === forward ? "roleName" : `return role of ${side.resourcePrefix}`,
                `"${side.roleName}" is also the role name of ${other} in account ${side.sourceFacts.accountId}`,
                "give each replication role its own name (roleName / returnRoleName)",
            );
        }
        seen.set(key, side.resourcePrefix);
    }
}

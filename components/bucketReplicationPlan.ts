// Turns BucketReplication arguments into a checked plan: one "side" per replication role (the
// forward side, plus one return side per bidirectional destination), each with its rules, names,
// Sids and providers. Pure and generic over the bucket type, so every rejection is testable without
// Pulumi, and the component only wires what the plan says. The arguments are declared once as a zod
// schema (bucketReplicationArgsSchema); the rules between replication rules come from
// replicationRules.ts, which the stack configuration uses too.
import { objectLockReplicationViolation } from "../awsrules";
import { z } from "zod";
import { argsObjectError, booleanField, iamRolePathField, priorityField, tagsField } from "./args/fields";
import { parseIamPrincipalArn } from "./policy/arns";
import { ArgumentProblem, InvalidArgumentError, problemsOf } from "./args/parseArgs";
import { ReplicationFilter, ReplicationStorageClass } from "./bucketReplicationRules";
import { batchRoleName, defaultReplicationRoleName, defaultReturnRoleName, sidToken } from "./policy/replicationNames";
import {
    defaultDeleteMarkerReplication,
    deleteMarkerReplicationProblem,
    duplicatePriorities,
    duplicatePriorityProblem,
    duplicateRoleNames,
    replicationFilterField,
    replicationRoleNameField,
    replicationStorageClassField,
    sameRegionProblem,
} from "./replicationRules";

/** The fields of one destination; `bucket` is the component's bucket type (generic for the pure plan). */
export function replicationDestinationFields<B>(bucketField: z.ZodType<B>) {
    return {
        /** Short name of this destination: rule id, Sid fragment, names of the return side's resources. */
        name: z
            .string({ error: 'is not text. Fix: pass a short name of letters, digits and dashes, e.g. "dr-eu"' })
            .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, { error: (issue) => `is ${JSON.stringify(issue.input)}. Fix: pass a short name of letters, digits and dashes, e.g. "dr-eu"` }),
        bucket: bucketField,
        filter: replicationFilterField.optional(),
        /** Rule priority; unique across the rules of one configuration. Default: the destination's index. */
        priority: priorityField.optional(),
        /** Default true (S3 cannot replicate delete markers for tag-filtered rules: false there). */
        deleteMarkerReplication: booleanField.optional(),
        /** S3 Replication Time Control (15 minutes) with replication metrics (the stack configuration's `replicationTime`). Default false. */
        replicationTime: booleanField.default(false),
        storageClass: replicationStorageClassField.optional(),
        /** Replicas owned by the destination account (`accessControlTranslation`). Default true across accounts; same account: not allowed. */
        ownerOverride: booleanField.optional(),
        /** Also replicate from this destination back to the source (replica modification sync on both rules). */
        bidirectional: booleanField.default(false),
        /** Name of the return side's role (bidirectional only). Default `<name>-<destination name>-replication`. */
        returnRoleName: replicationRoleNameField.optional(),
    };
}

/** A destination that still uses the older name `replicationTimeControl` (deprecated, still accepted). */
export function usesDeprecatedReplicationTimeControl(destination: unknown): boolean {
    return destination !== null && typeof destination === "object" && "replicationTimeControl" in destination && !("replicationTime" in destination);
}

function renameDeprecatedDestination(destination: unknown): unknown {
    if (!usesDeprecatedReplicationTimeControl(destination)) return destination;
    const { replicationTimeControl, ...rest } = destination as Record<string, unknown>;
    return { ...rest, replicationTime: replicationTimeControl };
}

/** @param sourceField the schema of the source when it is narrower than a destination's (the component's sources are always its own buckets) */
export function replicationFields<B>(bucketField: z.ZodType<B>, sourceField: z.ZodType<B> = bucketField) {
    return {
        source: sourceField,
        destinations: z
            .array(z.preprocess(renameDeprecatedDestination, z.strictObject(replicationDestinationFields(bucketField), { error: "is not an object. Fix: pass { name, bucket, ... }" })), {
                error: "is not a list. Fix: pass at least one destination { name, bucket }",
            })
            .min(1, { error: "is empty. Fix: pass at least one destination { name, bucket }" }),
        /** Default `<name>-replication`; known in advance so other stacks can trust the role. */
        roleName: replicationRoleNameField.optional(),
        /**
         * An existing replication role of the source account (bring your own): no role is created, the
         * rule and the key and bucket policies name this one, and its owner attaches the exported
         * role policy (BucketReplication.rolePolicyJson). Return roles of bidirectional destinations are still created.
         */
        roleArn: existingRoleArnField.optional(),
        /** Default "/"; used by the return roles of bidirectional destinations too. */
        rolePath: iamRolePathField.default("/"),
        /** Replication within one region is rejected unless this is true (it is usually a mistake). */
        allowSameRegion: booleanField.default(false),
        /** On the replication roles. */
        tags: tagsField.default({}),
    };
}

/** An IAM role ARN (paths allowed), the role S3 assumes to replicate. */
export const existingRoleArnField = z
    .string({ error: "is not an IAM role ARN. Fix: pass arn:aws:iam::<source account id>:role/<name> as text" })
    .refine((arn) => parseIamPrincipalArn(arn)?.kind === "role", {
        error: (issue) => `is ${JSON.stringify(issue.input)}, not an IAM role ARN. Fix: pass arn:aws:iam::<source account id>:role/<optional path/><name> (S3 replication assumes a role, never a user or a session)`,
    });

/** Any value but undefined/null: the plan learns about buckets through `factsOf`. */
function anyBucket<B>(): z.ZodType<B> {
    return z.custom<B>((value) => value !== undefined && value !== null, { error: "is missing. Fix: pass the bucket" });
}

export function replicationOptionsSchema<B>(bucketField: z.ZodType<B> = anyBucket<B>(), sourceField: z.ZodType<B> = bucketField) {
    return z.strictObject(replicationFields(bucketField, sourceField), { error: argsObjectError("source and destinations") });
}

type ParsedOptions<B> = z.output<ReturnType<typeof replicationOptionsSchema<B>>>;
type ParsedDestination<B> = ParsedOptions<B>["destinations"][number];

/** What the plan needs to know about a bucket, synchronously. */
export interface ReplicationBucketFacts {
    accountId: string;
    region: string;
    bucketKeyEnabled: boolean;
    versioningEnabled: boolean;
    /** S3 Object Lock on the bucket; undefined reads as off. */
    objectLockEnabled?: boolean;
    /** The provider that deploys the bucket (identity only); undefined means the default provider. */
    provider: object | undefined;
    /** A bucket this program does not own (ExternalDestination): its owner applies the destination-side statements. */
    external?: boolean;
}

export type ReplicationDestinationOptions<B> = z.input<z.ZodObject<ReturnType<typeof replicationDestinationFields<B>>>> & {
    /** @deprecated renamed replicationTime */
    replicationTimeControl?: boolean;
};

export type ReplicationOptions<B> = Omit<z.input<ReturnType<typeof replicationOptionsSchema<B>>>, "destinations"> & {
    destinations: ReplicationDestinationOptions<B>[];
};

export interface PlannedRule<B> {
    destination: B;
    /** The destination's `name` (for a return rule: "source"). */
    destinationName: string;
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
    /** A role brought by the caller (`roleArn`): nothing creates it, its policy is exported. */
    existingRoleArn?: string;
    /**
     * The S3 Batch Operations role that replicates the source's existing objects: created next to a created
     * forward role (a caller who brings the replication role brings this one too); never on a return side.
     */
    batchRoleName?: string;
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
    /** Tags of the replication roles. */
    tags: Record<string, string>;
}

const MAX_RULE_ID_LENGTH = 255;

function ruleId(parts: string[]): string {
    return parts.join("-").slice(0, MAX_RULE_ID_LENGTH);
}

/** Collects the problems of one plan, each at its argument path. */
class Problems {
    readonly list: ArgumentProblem[] = [];
    add(field: string, message: string | undefined): void {
        if (message !== undefined) this.list.push({ field, message });
    }
}

function versioningProblem(facts: ReplicationBucketFacts): string | undefined {
    return facts.versioningEnabled ? undefined : "has versioning disabled. Fix: enable versioning on the bucket: S3 replicates only versioned buckets, on both sides";
}

/** A locked source replicates only to a locked destination (awsrules/s3ObjectLock.ts), in each direction. */
function objectLockProblem(from: ReplicationBucketFacts, to: ReplicationBucketFacts, forward: boolean): string | undefined {
    if (forward && to.external === true && from.objectLockEnabled === true) {
        return (
            "is an external destination of a source with Object Lock. Fix: replicate this source only to EncryptedBuckets of this program with objectLock: " +
            "S3 accepts the rule whatever the destination is, then fails every replication to a bucket without Object Lock (DstBucketObjectLockConfigMissing), " +
            "and neither this program nor the policy pack can see another owner's bucket"
        );
    }
    const broken = objectLockReplicationViolation(
        forward ? "the source" : "the destination",
        from.objectLockEnabled === true,
        forward ? "this destination" : "the source (the way back of a bidirectional rule)",
        to.objectLockEnabled === true,
    );
    if (broken === undefined) return undefined;
    return `${broken.rule} (${broken.source}). Fix: ${forward ? "create the destination EncryptedBucket with objectLock too" : "give the source objectLock too, or make the rule one-way"}`;
}

/** A bucket in another account must be deployed with a provider of its own, not the source's. */
function providerProblem(source: ReplicationBucketFacts, destination: ReplicationBucketFacts): string | undefined {
    if (destination.external === true || destination.accountId === source.accountId || (destination.provider !== undefined && destination.provider !== source.provider)) {
        return undefined;
    }
    return (
        `is in account ${destination.accountId} (the source is in ${source.accountId}) but has no provider of its own. Fix: ` +
        `create the destination EncryptedBucket with { provider: <an aws.Provider for account ${destination.accountId}> }`
    );
}

/**
 * Checks every argument and returns the sides to build. Throws one InvalidArgumentError listing every
 * problem, each naming the field and the fix; nothing is registered before this returns.
 * @param bucketField the schema of a destination's bucket (the component passes EncryptedBucket or ExternalDestination)
 * @param sourceField the schema of the source (default: bucketField; the component passes `instanceof EncryptedBucket`)
 */
export function planBucketReplication<B>(
    name: string,
    options: ReplicationOptions<B>,
    factsOf: (bucket: B, field: string) => ReplicationBucketFacts,
    bucketField?: z.ZodType<B>,
    sourceField?: z.ZodType<B>,
): ReplicationPlan<B> {
    const where = `BucketReplication "${name}"`;
    const parsed = replicationOptionsSchema<B>(bucketField, sourceField ?? bucketField).safeParse(options, { reportInput: true });
    if (!parsed.success) {
        throw new InvalidArgumentError(where, problemsOf(parsed.error));
    }
    const args = parsed.data;
    const problems = new Problems();
    const source = args.source;
    const sourceFacts = factsOf(source, "source");
    problems.add("source", versioningProblem(sourceFacts));

    const names = new Map<string, number>();
    const buckets = new Map<B, number>([[source, -1]]);
    const forwardRules: PlannedRule<B>[] = [];
    const returns: ReplicationPlan<B>["returns"] = [];
    args.destinations.forEach((destination: ParsedDestination<B>, index: number) => {
        const field = `destinations[${index}]`;
        if (names.has(destination.name)) {
            problems.add(`${field}.name`, `"${destination.name}" is used by another destination (destinations[${names.get(destination.name)}]). Fix: give each destination its own name`);
        }
        names.set(destination.name, index);
        const seenAt = buckets.get(destination.bucket);
        if (seenAt !== undefined) {
            problems.add(
                `${field}.bucket`,
                `${seenAt === -1 ? "is the source bucket itself" : "is already a destination of this replication"}. Fix: replicate each bucket to other buckets, each at most once`,
            );
            return;
        }
        buckets.set(destination.bucket, index);
        const facts = factsOf(destination.bucket, `${field}.bucket`);
        problems.add(`${field}.bucket`, versioningProblem(facts));
        problems.add(`${field}.bucket`, objectLockProblem(sourceFacts, facts, true));
        problems.add(`${field}.bucket`, sameRegionProblem(sourceFacts.region, facts.region, args.allowSameRegion));
        problems.add(`${field}.bucket`, providerProblem(sourceFacts, facts));
        const crossAccount = facts.accountId !== sourceFacts.accountId;
        const ownerOverride = destination.ownerOverride ?? crossAccount;
        if (ownerOverride && !crossAccount) {
            problems.add(
                `${field}.ownerOverride`,
                `is true but the destination is in the source's account ${sourceFacts.accountId}. Fix: leave ownerOverride unset: replica ownership can only be changed for a destination in another account`,
            );
        }
        const filter: ReplicationFilter | undefined = destination.filter;
        problems.add(`${field}.deleteMarkerReplication`, deleteMarkerReplicationProblem(filter, destination.deleteMarkerReplication));
        const rule: PlannedRule<B> = {
            destination: destination.bucket,
            destinationName: destination.name,
            destinationFacts: facts,
            ruleId: ruleId([name, "to", destination.name]),
            priority: destination.priority ?? index,
            sidToken: sidToken(destination.name),
            crossAccount,
            ownerOverride,
            filter,
            deleteMarkerReplication: destination.deleteMarkerReplication ?? defaultDeleteMarkerReplication(filter),
            replicaModifications: destination.bidirectional,
            replicationTimeControl: destination.replicationTime,
            storageClass: destination.storageClass,
        };
        forwardRules.push(rule);

        if (destination.bidirectional && facts.external === true) {
            problems.add(
                `${field}.bidirectional`,
                "is true for an external destination. Fix: make the rule one-way: the way back needs a role and a replication configuration in the destination's account, which this program does not manage",
            );
        } else if (destination.bidirectional) {
            problems.add(`${field}.bidirectional`, objectLockProblem(facts, sourceFacts, false));
            returns.push({ destinationName: destination.name, side: planReturnSide(name, destination.name, rule, destination, source, sourceFacts, args.rolePath) });
        } else if (destination.returnRoleName !== undefined) {
            problems.add(`${field}.returnRoleName`, "is set but bidirectional is not. Fix: set bidirectional: true or remove returnRoleName");
        }
    });
    const priorityPath = (rule: PlannedRule<B>) => `destinations[${args.destinations.findIndex((d: ParsedDestination<B>) => d.bucket === rule.destination)}].priority`;
    for (const { index, first } of duplicatePriorities(forwardRules.map((r) => r.priority))) {
        problems.add(priorityPath(forwardRules[index]), duplicatePriorityProblem(forwardRules[index].priority, priorityPath(forwardRules[first])));
    }

    const existingRole = args.roleArn === undefined ? undefined : parseIamPrincipalArn(args.roleArn);
    if (existingRole !== undefined) {
        if (args.roleName !== undefined) {
            problems.add("roleName", "is set together with roleArn. Fix: pass roleArn to use an existing role, or roleName to have one created, not both");
        }
        if (existingRole.accountId !== sourceFacts.accountId) {
            problems.add(
                "roleArn",
                `is a role of account ${existingRole.accountId} but the source bucket is in account ${sourceFacts.accountId}. Fix: pass a role of account ${sourceFacts.accountId}: S3 assumes the replication role in the source bucket's account`,
            );
        }
    }
    const forwardRoleName = existingRole?.name ?? args.roleName ?? defaultReplicationRoleName(name);
    const forward: PlannedSide<B> = {
        resourcePrefix: name,
        roleName: forwardRoleName,
        rolePath: existingRole?.path ?? args.rolePath,
        roleSidToken: sidToken(forwardRoleName),
        ...(existingRole !== undefined ? { existingRoleArn: existingRole.arn } : { batchRoleName: batchRoleName(forwardRoleName) }),
        source,
        sourceFacts,
        provider: sourceFacts.provider,
        rules: forwardRules,
    };
    // The forward side's roles come first: a clash is reported on the return role that repeats a name.
    const roleOf = (side: PlannedSide<B>) => ({ accountId: side.sourceFacts.accountId, roleName: side.roleName, of: side.resourcePrefix, field: side === forward ? "roleName" : `return role of ${side.resourcePrefix}` });
    const roles = [
        roleOf(forward),
        ...(forward.batchRoleName !== undefined ? [{ accountId: sourceFacts.accountId, roleName: forward.batchRoleName, of: `${name} (its S3 Batch Replication role)`, field: "roleName" }] : []),
        ...returns.map((r) => roleOf(r.side)),
    ];
    for (const { index, first } of duplicateRoleNames(roles)) {
        const role = roles[index];
        problems.add(
            role.field,
            `"${role.roleName}" is also the role name of ${roles[first].of} in account ${role.accountId}. Fix: give each replication role its own name (roleName / returnRoleName)`,
        );
    }
    if (problems.list.length > 0) {
        throw new InvalidArgumentError(where, problems.list);
    }
    return { forward, returns, tags: args.tags };
}

/** The way back: the destination replicates to the source with its own role, in its own account. */
function planReturnSide<B>(
    name: string,
    destName: string,
    forwardRule: PlannedRule<B>,
    destination: ParsedDestination<B>,
    source: B,
    sourceFacts: ReplicationBucketFacts,
    rolePath: string,
): PlannedSide<B> {
    const prefix = `${name}-${destName}-return`;
    const facts = forwardRule.destinationFacts;
    const roleName = destination.returnRoleName ?? defaultReturnRoleName(name, destName);
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
                destinationName: "source",
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

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { replicationRule, ReplicationRuleSpec } from "./bucketReplicationRules";
import {
    PlannedRule,
    PlannedSide,
    planBucketReplication,
    ReplicationBucketFacts,
    ReplicationDestinationOptions,
    ReplicationOptions,
    ReplicationPlan,
    usesDeprecatedReplicationTimeControl,
} from "./bucketReplicationPlan";
import { applyAll, applyBoth } from "./combineOutputs";
import { EncryptedBucket } from "./encryptedBucket";
import { renderPolicy } from "./policy/renderPolicy";
import { replicationRolePolicy, replicationTrustPolicy } from "./policy/replication";
import { batchOperationsTrustPolicy, batchReplicationRolePolicy } from "./policy/batchReplication";
import { destinationBucketReplicationSids, destinationBucketReplicationStatements } from "./policy/replicationBucketPolicy";
import { assertKmsKeyArn, ReplicationBucketEnd } from "./policy/replicationEndpoints";
import {
    destinationKeyReplicationSid,
    destinationKeyReplicationStatement,
    sourceKeyReplicationSid,
    sourceKeyReplicationStatement,
    sourceRetiredKeyReplicationSid,
    sourceRetiredKeyReplicationStatement,
} from "./policy/replicationKeyPolicy";
import { z } from "zod";
import { InvalidArgumentError } from "./args/parseArgs";
import { bucketReplicationKeyFields, parseSideRetiredKeys, splitRetiredKeyArgs } from "./bucketReplicationRetiredKeys";
import { CustomerManagedKey } from "./customerManagedKey";
import { RetiredKey, retiredKeyArns, retiredKeysOfProgram } from "./retiredKeys";
import { ExternalDestination } from "./externalDestination";
import { PolicyDocument, policyDocument } from "./policy/types";

// What a program needs to call the component and to name its role from another stack.
export { defaultReplicationRoleName, replicationRoleArn } from "./policy/replicationNames";
export { REPLICATION_STORAGE_CLASSES } from "./bucketReplicationRules";
export { bucketReplicationKeyFields } from "./bucketReplicationRetiredKeys";
export type { ReplicationFilter, ReplicationStorageClass } from "./bucketReplicationRules";

export const BUCKET_REPLICATION_TYPE = "encrypted-buckets:s3:BucketReplication";

/** A bucket of this program, or a destination this program does not own (its owner applies the exported statements). */
export type ReplicationBucket = EncryptedBucket | ExternalDestination;

export type BucketReplicationDestination = ReplicationDestinationOptions<ReplicationBucket>;

export type BucketReplicationArgs = ReplicationOptions<ReplicationBucket> & z.input<z.ZodObject<typeof bucketReplicationKeyFields>>;

/** The resources of one replication direction, all in the account of that direction's source. */
export interface ReplicationSide {
    roleName: string;
    /** Undefined with a role brought by the caller (`roleArn`). */
    role?: aws.iam.Role;
    roleArn: pulumi.Output<string>;
    /** Undefined with a role brought by the caller: its owner attaches `rolePolicyJson`. */
    rolePolicy?: aws.iam.RolePolicy;
    /** The role's identity policy, as the created role gets it (and as a brought role needs it). */
    rolePolicyDocument: pulumi.Output<PolicyDocument>;
    configuration: aws.s3.BucketReplicationConfig;
    /** The S3 Batch Operations role for the source's existing objects: forward side with a created role only. */
    batchRole?: aws.iam.Role;
}

/** What the owner of an external destination must add, by destination name. */
export interface ExternalDestinationStatements {
    bucketArn: string;
    accountId: string;
    region: string;
    keyArn: string;
    /** Statements for the destination bucket's policy (empty for a destination in the source's account, where the role's own policy is enough). */
    bucketPolicy: pulumi.Output<PolicyDocument>;
    /** The statement for the replica key's policy. */
    keyPolicy: pulumi.Output<PolicyDocument>;
}

const replicationBucketField = z.custom<ReplicationBucket>((value) => value instanceof EncryptedBucket || value instanceof ExternalDestination, {
    error: "is not an EncryptedBucket or an ExternalDestination. Fix: pass an EncryptedBucket component (its key and bucket policies are what the replication extends), or new ExternalDestination(...) for a bucket this program does not own",
});

const sourceBucketField = z.custom<ReplicationBucket>((value) => value instanceof EncryptedBucket, {
    error: "is not an EncryptedBucket. Fix: pass an EncryptedBucket component: its key and bucket policies are what the replication extends",
});

function owned(bucket: ReplicationBucket): EncryptedBucket | undefined {
    return bucket instanceof EncryptedBucket ? bucket : undefined;
}

/** Sources are always owned: the plan rejects an external source, and return sides exist only for owned destinations. */
function ownedSource(bucket: ReplicationBucket): EncryptedBucket {
    if (!(bucket instanceof EncryptedBucket)) throw new Error("BucketReplication: a replication source must be an EncryptedBucket");
    return bucket;
}

function factsOf(bucket: ReplicationBucket): ReplicationBucketFacts {
    if (bucket instanceof ExternalDestination) {
        return {
            accountId: bucket.accountId,
            region: bucket.region,
            bucketKeyEnabled: bucket.bucketKeyEnabled,
            // S3 refuses a rule to an unversioned destination at replication time; its owner must version it (docs/configuration.md).
            versioningEnabled: true,
            // Unknown to this program: the plan refuses a locked source to an external destination.
            objectLockEnabled: false,
            provider: undefined,
            external: true,
        };
    }
    return {
        accountId: bucket.accountId,
        region: bucket.region,
        bucketKeyEnabled: bucket.bucketKeyEnabled,
        // EncryptedBucket always enables versioning; a bucket without the resource cannot replicate.
        versioningEnabled: bucket.versioning !== undefined,
        objectLockEnabled: bucket.objectLockEnabled,
        provider: bucket.provider,
    };
}

/** The resolved plain-string view of a bucket for the policy builders. */
function endOf(bucket: ReplicationBucket): pulumi.Output<ReplicationBucketEnd> {
    if (bucket instanceof ExternalDestination) {
        return pulumi.output({
            bucketArn: bucket.bucketArn,
            keyArn: bucket.keyArn,
            region: bucket.region,
            accountId: bucket.accountId,
            bucketKeyEnabled: bucket.bucketKeyEnabled,
        });
    }
    return applyBoth(bucket.arn, bucket.key.arn, (bucketArn, keyArn) => ({
        bucketArn,
        keyArn,
        region: bucket.region,
        accountId: bucket.accountId,
        bucketKeyEnabled: bucket.bucketKeyEnabled,
        objectLockEnabled: bucket.objectLockEnabled,
    }));
}

/** S3 keeps one replication configuration per bucket: a second one would silently replace the first. */
const configuredSources = new WeakMap<EncryptedBucket, string>();

/** The buckets this replication configures, checked against earlier replications; records nothing. */
function checkSourcesFree(where: string, plan: ReplicationPlan<ReplicationBucket>): EncryptedBucket[] {
    const claims: [EncryptedBucket, string][] = [
        [ownedSource(plan.forward.source), "source"],
        ...plan.returns.map(({ destinationName, side }): [EncryptedBucket, string] => [ownedSource(side.source), `destinations "${destinationName}" (bidirectional)`]),
    ];
    for (const [bucket, field] of claims) {
        const holder = configuredSources.get(bucket);
        if (holder !== undefined) {
            throw new InvalidArgumentError(
                where,
                field,
                `already gets its replication configuration from ${holder}`,
                "declare every destination of a bucket in one BucketReplication (S3 keeps a single replication configuration per bucket)",
            );
        }
    }
    return claims.map(([bucket]) => bucket);
}

/**
 * Claims every Sid this replication will add to shared key and bucket policies. Runs before any
 * resource is registered, so a policy that is already sealed or a Sid clash fails first.
 * @param retiredOfProgram the side's source's retired keys this program writes
 */
function reserveSids(where: string, side: PlannedSide<ReplicationBucket>, retiredOfProgram: readonly CustomerManagedKey[]): void {
    ownedSource(side.source).key.reserveSids(where, [sourceKeyReplicationSid(side.roleSidToken)]);
    for (const retired of retiredOfProgram) {
        retired.reserveSids(where, [sourceRetiredKeyReplicationSid(side.roleSidToken)]);
    }
    for (const rule of side.rules) {
        const destination = owned(rule.destination);
        if (destination === undefined) continue;
        destination.key.reserveSids(where, [destinationKeyReplicationSid(side.roleSidToken, rule.sidToken)]);
        if (rule.crossAccount) {
            destination.reservePolicySids(where, destinationBucketReplicationSids(side.roleSidToken));
        }
    }
}

/**
 * Cross-region (and optionally cross-account, bidirectional) replication of an EncryptedBucket in
 * one deployment: the replication role and its least-privilege policy in the source account, the
 * paired statements on the source key (Decrypt) and on each destination key (Encrypt,
 * GenerateDataKey, + Decrypt with a bucket key), the destination bucket policy statements for a
 * role from another account, and the BucketReplicationConfig, ordered after all of them.
 *
 * Resources of a direction use the provider of that direction's source bucket, so no provider
 * needs to be passed here; a destination in another account must have been created with its own.
 */
export class BucketReplication extends pulumi.ComponentResource {
    /** The source-to-destinations direction. */
    public readonly forward: ReplicationSide;
    /** Destination-to-source directions of bidirectional destinations, by destination name. */
    public readonly returns: Readonly<Record<string, ReplicationSide>>;
    /** Undefined with a role brought by the caller (`roleArn`). */
    public readonly role: aws.iam.Role | undefined;
    public readonly roleArn: pulumi.Output<string>;
    public readonly roleName: string;
    public readonly configuration: aws.s3.BucketReplicationConfig;
    /** The forward role's identity policy as JSON: what a role brought with `roleArn` must have attached. */
    public readonly rolePolicyJson: pulumi.Output<string>;
    /**
     * The S3 Batch Operations role that replicates the source's existing and failed objects (S3 Batch Replication;
     * `batchReplicationCommand` starts the job). Undefined with a role brought by the caller (`roleArn`).
     */
    public readonly batchRole: aws.iam.Role | undefined;
    /** What each external destination's owner must add to its bucket and key policies, by destination name. */
    public readonly externalDestinations: Readonly<Record<string, ExternalDestinationStatements>>;
    /** The forward rules to EncryptedBucket destinations, in destination order (what ReplicationMonitoring watches). */
    public readonly rules: ReadonlyArray<{ ruleId: string; destination: EncryptedBucket; replicationTimeControl: boolean }>;

    constructor(name: string, args: BucketReplicationArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `BucketReplication "${name}"`;
        const { options, keyArgs } = splitRetiredKeyArgs(args);
        const plan = planBucketReplication(name, options, factsOf, replicationBucketField, sourceBucketField);
        const retiredKeys = parseSideRetiredKeys(where, keyArgs, plan, (bucket) => {
            const key = ownedSource(bucket).key;
            return key instanceof CustomerManagedKey ? key : undefined;
        });
        (args.destinations ?? []).forEach((destination, i) => {
            if (usesDeprecatedReplicationTimeControl(destination)) {
                void pulumi.log.warn(`${where}: destinations[${i}].replicationTimeControl is deprecated; use replicationTime (the same value)`);
            }
        });
        const sourceProvider = ownedSource(plan.forward.source).provider;
        if (opts.provider !== undefined && sourceProvider !== undefined && opts.provider !== sourceProvider) {
            throw new InvalidArgumentError(
                where,
                "opts.provider",
                "is not the provider of the source bucket",
                "leave it unset (the replication uses the source bucket's provider) or pass that same provider",
            );
        }
        const configured = checkSourcesFree(where, plan);
        reserveSids(where, plan.forward, retiredKeysOfProgram(retiredKeys.forward));
        for (const { destinationName, side } of plan.returns) {
            reserveSids(where, side, retiredKeysOfProgram(retiredKeys.returns[destinationName] ?? []));
        }
        for (const bucket of configured) {
            configuredSources.set(bucket, where);
        }
        super(BUCKET_REPLICATION_TYPE, name, {}, opts);

        const tags = plan.tags;
        this.forward = this.buildSide(plan.forward, tags, opts.provider, retiredKeys.forward);
        const returns: Record<string, ReplicationSide> = {};
        for (const { destinationName, side } of plan.returns) {
            // The return role reads the replica: it keeps Decrypt on the keys the replica retired.
            returns[destinationName] = this.buildSide(side, tags, undefined, retiredKeys.returns[destinationName] ?? []);
        }
        this.returns = returns;
        this.role = this.forward.role;
        this.roleArn = this.forward.roleArn;
        this.roleName = this.forward.roleName;
        this.configuration = this.forward.configuration;
        this.batchRole = this.forward.batchRole;
        this.rolePolicyJson = this.forward.rolePolicyDocument.apply((doc) => JSON.stringify(doc));
        this.rules = plan.forward.rules.flatMap((r) => {
            const destination = owned(r.destination);
            return destination === undefined ? [] : [{ ruleId: r.ruleId, destination, replicationTimeControl: r.replicationTimeControl }];
        });
        this.externalDestinations = externalDestinationStatements(plan.forward, this.forward.roleArn);

        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            rolePolicyJson: this.rolePolicyJson,
            ...(this.batchRole !== undefined ? { batchRoleArn: this.batchRole.arn } : {}),
        });
    }

    /** @param retiredKeys the keys the side's source used before its current one (the source's, or a bidirectional replica's) */
    private buildSide(
        side: PlannedSide<ReplicationBucket>,
        tags: Record<string, string>,
        fallbackProvider: pulumi.ProviderResource | undefined,
        retiredKeys: readonly RetiredKey[],
    ): ReplicationSide {
        const source = ownedSource(side.source);
        const provider = source.provider ?? fallbackProvider;
        const child: pulumi.CustomResourceOptions = provider === undefined ? { parent: this } : { parent: this, provider };
        const prefix = side.resourcePrefix;

        const sourceEnd = endOf(source);
        const destinationEnds = side.rules.map((rule) => endOf(rule.destination));
        const rolePolicyOf = (sourceRetiredKeyArns: readonly string[]): pulumi.Output<PolicyDocument> =>
            applyAll([sourceEnd, ...destinationEnds], ([sourceValues, ...destinations]) =>
                replicationRolePolicy({
                    source: sourceValues,
                    destinations: destinations.map((end, index) => ({
                        ...end,
                        sidToken: side.rules[index].sidToken,
                        ownerOverride: side.rules[index].ownerOverride,
                    })),
                    sourceRetiredKeyArns,
                }),
            );
        // Without retired keys, no Output more than before: every bucket and replication pays for each one.
        const rolePolicyDocument = retiredKeys.length === 0 ? rolePolicyOf([]) : retiredKeyArns(retiredKeys).apply(rolePolicyOf);
        const retiredOfProgram = retiredKeysOfProgram(retiredKeys);

        let role: aws.iam.Role | undefined;
        let rolePolicy: aws.iam.RolePolicy | undefined;
        let roleArn: pulumi.Output<string>;
        if (side.existingRoleArn !== undefined) {
            // A role brought by the caller: its owner attaches rolePolicyJson; this stack only names it.
            roleArn = pulumi.output(side.existingRoleArn);
        } else {
            role = new aws.iam.Role(
                `${prefix}-role`,
                {
                    name: side.roleName,
                    path: side.rolePath,
                    description: `S3 replication from ${source.region} (${side.rules.length} destination(s)), managed by ${prefix}`,
                    assumeRolePolicy: JSON.stringify(replicationTrustPolicy()),
                    tags,
                },
                child,
            );
            rolePolicy = new aws.iam.RolePolicy(
                `${prefix}-role-policy`,
                {
                    role: role.name,
                    name: "s3-replication",
                    policy: rolePolicyDocument.apply((doc) => renderPolicy(`BucketReplication role ${side.roleName} policy s3-replication`, "inlineRole", doc)),
                },
                child,
            );
            roleArn = role.arn;
        }
        const batchRole = side.batchRoleName === undefined ? undefined : batchReplicationRole(side, side.batchRoleName, source, tags, child);

        // The statements name the role through role.arn: KMS and S3 reject a policy whose
        // principal does not exist yet, and the Output makes both policies wait for the role.
        source.key.addStatements(
            applyBoth(roleArn, sourceEnd, (arn, sourceValues) => sourceKeyReplicationStatement({ roleArn: arn, roleSidToken: side.roleSidToken, source: sourceValues })),
        );
        // A retired key of this program is still managed here (another bucket uses it): its policy keeps the role's Decrypt.
        for (const retired of retiredOfProgram) {
            retired.addStatements(
                applyBoth(roleArn, sourceEnd, (arn, sourceValues) => sourceRetiredKeyReplicationStatement({ roleArn: arn, roleSidToken: side.roleSidToken, source: sourceValues })),
            );
        }
        side.rules.forEach((rule, index) => {
            const destinationBucket = owned(rule.destination);
            if (destinationBucket === undefined) return; // its owner applies externalDestinations
            const destination = destinationEnds[index];
            destinationBucket.key.addStatements(
                applyBoth(roleArn, destination, (arn, end) =>
                    destinationKeyReplicationStatement({ roleArn: arn, roleSidToken: side.roleSidToken, destinationSidToken: rule.sidToken, destination: end }),
                ),
            );
            if (rule.crossAccount) {
                destinationBucket.addPolicyStatementList(
                    applyBoth(roleArn, destination, (arn, end) =>
                        destinationBucketReplicationStatements({ roleArn: arn, roleSidToken: side.roleSidToken, destinationBucketArn: end.bucketArn, ownerOverride: rule.ownerOverride }),
                    ),
                );
            }
        });

        const configuration = new aws.s3.BucketReplicationConfig(
            `${prefix}-config`,
            {
                bucket: source.bucketName,
                role: roleArn,
                region: source.region,
                rules: side.rules.map((rule, index) => destinationEnds[index].apply((end) => ruleFor(rule, end))),
            },
            // S3 refuses a configuration on an unversioned bucket, and replication starts at once:
            // every permission it relies on must be in place, not just the resources it names.
            // Deleted with the source bucket by S3: a failed delete of a bucket that still holds data keeps replicating.
            { ...child, dependsOn: dependenciesOf(side, rolePolicy, retiredOfProgram), deletedWith: source.bucket },
        );

        return {
            roleName: side.roleName,
            ...(role !== undefined ? { role } : {}),
            roleArn,
            ...(rolePolicy !== undefined ? { rolePolicy } : {}),
            rolePolicyDocument,
            configuration,
            ...(batchRole !== undefined ? { batchRole } : {}),
        };
    }
}

/**
 * The role an S3 Batch Replication job of the source runs with, in the source's account, with the replication
 * role's path and tags. Nothing in the stack names it: the job is started by hand (`batchReplicationCommand`).
 */
function batchReplicationRole(
    side: PlannedSide<ReplicationBucket>,
    roleName: string,
    source: EncryptedBucket,
    tags: Record<string, string>,
    child: pulumi.CustomResourceOptions,
): aws.iam.Role {
    const prefix = side.resourcePrefix;
    const role = new aws.iam.Role(
        `${prefix}-batch-role`,
        {
            name: roleName,
            path: side.rolePath,
            description: `S3 Batch Replication of the existing objects of the source of ${prefix}`,
            assumeRolePolicy: JSON.stringify(batchOperationsTrustPolicy()),
            tags,
        },
        child,
    );
    new aws.iam.RolePolicy(
        `${prefix}-batch-role-policy`,
        {
            role: role.name,
            name: "s3-batch-replication",
            policy: source.arn.apply((arn) => renderPolicy(`BucketReplication batch role ${roleName} policy s3-batch-replication`, "inlineRole", batchReplicationRolePolicy(arn))),
        },
        child,
    );
    return role;
}

/**
 * The destination-side statements of each external destination, from the same builders an owned
 * destination's policies get, so the pair (role policy here, resource policies there) stays one.
 */
function externalDestinationStatements(side: PlannedSide<ReplicationBucket>, roleArn: pulumi.Output<string>): Record<string, ExternalDestinationStatements> {
    const result: Record<string, ExternalDestinationStatements> = {};
    for (const rule of side.rules) {
        const destination = rule.destination;
        if (!(destination instanceof ExternalDestination)) continue;
        const end = endOf(destination);
        result[rule.destinationName] = {
            bucketArn: destination.bucketArn,
            accountId: destination.accountId,
            region: destination.region,
            keyArn: destination.keyArn,
            bucketPolicy: roleArn.apply((arn) =>
                policyDocument(
                    rule.crossAccount
                        ? destinationBucketReplicationStatements({ roleArn: arn, roleSidToken: side.roleSidToken, destinationBucketArn: destination.bucketArn, ownerOverride: rule.ownerOverride })
                        : [],
                ),
            ),
            keyPolicy: applyBoth(roleArn, end, (arn, values) =>
                policyDocument([destinationKeyReplicationStatement({ roleArn: arn, roleSidToken: side.roleSidToken, destinationSidToken: rule.sidToken, destination: values })]),
            ),
        };
    }
    return result;
}

function ruleFor(rule: PlannedRule<ReplicationBucket>, destination: ReplicationBucketEnd): ReplicationRuleSpec {
    assertKmsKeyArn(destination.keyArn, `replicaKmsKeyId of rule ${rule.ruleId}`);
    return replicationRule({
        id: rule.ruleId,
        priority: rule.priority,
        destinationBucketArn: destination.bucketArn,
        replicaKmsKeyArn: destination.keyArn,
        destinationAccountId: rule.crossAccount ? destination.accountId : undefined,
        ownerOverride: rule.ownerOverride,
        filter: rule.filter,
        deleteMarkerReplication: rule.deleteMarkerReplication,
        replicaModifications: rule.replicaModifications,
        replicationTimeControl: rule.replicationTimeControl,
        storageClass: rule.storageClass,
    });
}

/** Versioning of both sides, both key policies (and the retired keys' of this program), the destination bucket policies (cross-account) and the role policy. */
function dependenciesOf(side: PlannedSide<ReplicationBucket>, rolePolicy: aws.iam.RolePolicy | undefined, retiredOfProgram: readonly CustomerManagedKey[]): pulumi.Resource[] {
    // An existing key or an external destination has no policy resource here: its owner applies the exported statements.
    const source = ownedSource(side.source);
    const destinations = side.rules.flatMap((rule) => {
        const destination = owned(rule.destination);
        return destination === undefined ? [] : [{ destination, crossAccount: rule.crossAccount }];
    });
    const keyPolicies = [source.key.keyPolicy, ...destinations.map(({ destination }) => destination.key.keyPolicy), ...retiredOfProgram.map((key) => key.keyPolicy)].filter(
        (p): p is pulumi.Resource => p !== undefined,
    );
    const dependencies: pulumi.Resource[] = [source.versioning, ...keyPolicies];
    for (const { destination, crossAccount } of destinations) {
        dependencies.push(destination.versioning);
        if (crossAccount) {
            dependencies.push(destination.bucketPolicy);
        }
    }
    if (rolePolicy !== undefined) dependencies.push(rolePolicy);
    return [...new Set(dependencies)];
}

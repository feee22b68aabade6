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
import { destinationBucketReplicationSids, destinationBucketReplicationStatements } from "./policy/replicationBucketPolicy";
import { assertKmsKeyArn, ReplicationBucketEnd } from "./policy/replicationEndpoints";
import {
    destinationKeyReplicationSid,
    destinationKeyReplicationStatement,
    sourceKeyReplicationSid,
    sourceKeyReplicationStatement,
} from "./policy/replicationKeyPolicy";
import { z } from "zod";
import { InvalidArgumentError } from "./args/parseArgs";

// What a program needs to call the component and to name its role from another stack.
export { defaultReplicationRoleName, replicationRoleArn } from "./policy/replicationNames";
export { REPLICATION_STORAGE_CLASSES } from "./bucketReplicationRules";
export type { ReplicationFilter, ReplicationStorageClass } from "./bucketReplicationRules";

export const BUCKET_REPLICATION_TYPE = "encrypted-buckets:s3:BucketReplication";

export type BucketReplicationDestination = ReplicationDestinationOptions<EncryptedBucket>;

export type BucketReplicationArgs = ReplicationOptions<EncryptedBucket>;

/** The resources of one replication direction, all in the account of that direction's source. */
export interface ReplicationSide {
    roleName: string;
    role: aws.iam.Role;
    roleArn: pulumi.Output<string>;
    rolePolicy: aws.iam.RolePolicy;
    configuration: aws.s3.BucketReplicationConfig;
}

const encryptedBucketField = z.custom<EncryptedBucket>((value) => value instanceof EncryptedBucket, {
    error: "is not an EncryptedBucket. Fix: pass an EncryptedBucket component: its key and bucket policies are what the replication extends",
});

function factsOf(bucket: EncryptedBucket): ReplicationBucketFacts {
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
function endOf(bucket: EncryptedBucket): pulumi.Output<ReplicationBucketEnd> {
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
function checkSourcesFree(where: string, plan: ReplicationPlan<EncryptedBucket>): EncryptedBucket[] {
    const claims: [EncryptedBucket, string][] = [
        [plan.forward.source, "source"],
        ...plan.returns.map(({ destinationName, side }): [EncryptedBucket, string] => [side.source, `destinations "${destinationName}" (bidirectional)`]),
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
 */
function reserveSids(where: string, side: PlannedSide<EncryptedBucket>): void {
    side.source.key.reserveSids(where, [sourceKeyReplicationSid(side.roleSidToken)]);
    for (const rule of side.rules) {
        rule.destination.key.reserveSids(where, [destinationKeyReplicationSid(side.roleSidToken, rule.sidToken)]);
        if (rule.crossAccount) {
            rule.destination.reservePolicySids(where, destinationBucketReplicationSids(side.roleSidToken));
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
    public readonly role: aws.iam.Role;
    public readonly roleArn: pulumi.Output<string>;
    public readonly roleName: string;
    public readonly configuration: aws.s3.BucketReplicationConfig;
    /** The forward rules in destination order (what ReplicationMonitoring watches). */
    public readonly rules: ReadonlyArray<{ ruleId: string; destination: EncryptedBucket; replicationTimeControl: boolean }>;

    constructor(name: string, args: BucketReplicationArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `BucketReplication "${name}"`;
        const plan = planBucketReplication(name, args, factsOf, encryptedBucketField);
        (args.destinations ?? []).forEach((destination, i) => {
            if (usesDeprecatedReplicationTimeControl(destination)) {
                void pulumi.log.warn(`${where}: destinations[${i}].replicationTimeControl is deprecated; use replicationTime (the same value)`);
            }
        });
        const sourceProvider = plan.forward.source.provider;
        if (opts.provider !== undefined && sourceProvider !== undefined && opts.provider !== sourceProvider) {
            throw new InvalidArgumentError(
                where,
                "opts.provider",
                "is not the provider of the source bucket",
                "leave it unset (the replication uses the source bucket's provider) or pass that same provider",
            );
        }
        const configured = checkSourcesFree(where, plan);
        for (const side of [plan.forward, ...plan.returns.map((r) => r.side)]) {
            reserveSids(where, side);
        }
        for (const bucket of configured) {
            configuredSources.set(bucket, where);
        }
        super(BUCKET_REPLICATION_TYPE, name, {}, opts);

        const tags = plan.tags;
        this.forward = this.buildSide(plan.forward, tags, opts.provider);
        const returns: Record<string, ReplicationSide> = {};
        for (const { destinationName, side } of plan.returns) {
            returns[destinationName] = this.buildSide(side, tags, undefined);
        }
        this.returns = returns;
        this.role = this.forward.role;
        this.roleArn = this.forward.roleArn;
        this.roleName = this.forward.roleName;
        this.configuration = this.forward.configuration;
        this.rules = plan.forward.rules.map((r) => ({ ruleId: r.ruleId, destination: r.destination, replicationTimeControl: r.replicationTimeControl }));

        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }

    private buildSide(
        side: PlannedSide<EncryptedBucket>,
        tags: Record<string, string>,
        fallbackProvider: pulumi.ProviderResource | undefined,
    ): ReplicationSide {
        const provider = side.source.provider ?? fallbackProvider;
        const child: pulumi.CustomResourceOptions = provider === undefined ? { parent: this } : { parent: this, provider };
        const prefix = side.resourcePrefix;

        const role = new aws.iam.Role(
            `${prefix}-role`,
            {
                name: side.roleName,
                path: side.rolePath,
                description: `S3 replication from ${side.source.region} (${side.rules.length} destination(s)), managed by ${prefix}`,
                assumeRolePolicy: JSON.stringify(replicationTrustPolicy()),
                tags,
            },
            child,
        );

        const sourceEnd = endOf(side.source);
        const destinationEnds = side.rules.map((rule) => endOf(rule.destination));
        const rolePolicy = new aws.iam.RolePolicy(
            `${prefix}-role-policy`,
            {
                role: role.name,
                name: "s3-replication",
                policy: applyAll([sourceEnd, ...destinationEnds], ([source, ...destinations]) =>
                    renderPolicy(
                        `BucketReplication role ${side.roleName} policy s3-replication`,
                        "inlineRole",
                        replicationRolePolicy({
                            source,
                            destinations: destinations.map((end, index) => ({
                                ...end,
                                sidToken: side.rules[index].sidToken,
                                ownerOverride: side.rules[index].ownerOverride,
                            })),
                        }),
                    ),
                ),
            },
            child,
        );

        // The statements name the role through role.arn: KMS and S3 reject a policy whose
        // principal does not exist yet, and the Output makes both policies wait for the role.
        side.source.key.addStatements(
            applyBoth(role.arn, sourceEnd, (roleArn, source) => sourceKeyReplicationStatement({ roleArn, roleSidToken: side.roleSidToken, source })),
        );
        side.rules.forEach((rule, index) => {
            const destination = destinationEnds[index];
            rule.destination.key.addStatements(
                applyBoth(role.arn, destination, (roleArn, end) =>
                    destinationKeyReplicationStatement({
                        roleArn,
                        roleSidToken: side.roleSidToken,
                        destinationSidToken: rule.sidToken,
                        destination: end,
                    }),
                ),
            );
            if (rule.crossAccount) {
                rule.destination.addPolicyStatementList(
                    applyBoth(role.arn, destination, (roleArn, end) =>
                        destinationBucketReplicationStatements({
                            roleArn,
                            roleSidToken: side.roleSidToken,
                            destinationBucketArn: end.bucketArn,
                            ownerOverride: rule.ownerOverride,
                        }),
                    ),
                );
            }
        });

        const configuration = new aws.s3.BucketReplicationConfig(
            `${prefix}-config`,
            {
                bucket: side.source.bucketName,
                role: role.arn,
                region: side.source.region,
                rules: side.rules.map((rule, index) => destinationEnds[index].apply((end) => ruleFor(rule, end))),
            },
            // S3 refuses a configuration on an unversioned bucket, and replication starts at once:
            // every permission it relies on must be in place, not just the resources it names.
            // Deleted with the source bucket by S3: a failed delete of a bucket that still holds data keeps replicating.
            { ...child, dependsOn: dependenciesOf(side, rolePolicy), deletedWith: side.source.bucket },
        );

        return { roleName: side.roleName, role, roleArn: role.arn, rolePolicy, configuration };
    }
}

function ruleFor(rule: PlannedRule<EncryptedBucket>, destination: ReplicationBucketEnd): ReplicationRuleSpec {
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

/** Versioning of both sides, both key policies, the destination bucket policies (cross-account) and the role policy. */
function dependenciesOf(side: PlannedSide<EncryptedBucket>, rolePolicy: aws.iam.RolePolicy): pulumi.Resource[] {
    // An existing key has no key policy resource here: its owner applies the exported statements.
    const keyPolicies = [side.source.key.keyPolicy, ...side.rules.map((rule) => rule.destination.key.keyPolicy)].filter((p): p is pulumi.Resource => p !== undefined);
    const dependencies: pulumi.Resource[] = [side.source.versioning, ...keyPolicies];
    for (const rule of side.rules) {
        dependencies.push(rule.destination.versioning);
        if (rule.crossAccount) {
            dependencies.push(rule.destination.bucketPolicy);
        }
    }
    dependencies.push(rolePolicy);
    return [...new Set(dependencies)];
}

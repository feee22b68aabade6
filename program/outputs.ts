// The stack outputs: where every bucket and key is, the consumer policies other accounts must
// attach, and the replication roles other stacks may need to trust.
import * as pulumi from "@pulumi/pulumi";
import { batchReplicationCommand, EncryptedBucket, ExternalKey } from "../components";
import { StackConfig } from "../config";
import { CreatedGrant } from "./grants";
import { SharedKeys } from "./keys";
import { CreatedReplication } from "./replications";
import { CreatedServiceGrants } from "./serviceGrants";
import type { LogBucketOutput } from "./accessLogs";
import type { ReplicationAlertOutput } from "./replicationMonitoring";

/** Where one bucket is: its account, region, name, ARN and key. */
export interface ReplicaOutput {
    account: string;
    accountId: string;
    region: string;
    bucketName: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    keyArn: pulumi.Output<string>;
    keyAlias: string;
    /** S3 Object Lock: read back by the next update, which refuses to turn it on or off in place (a replacement). */
    objectLockEnabled: boolean;
    /** The role replicating this replica back to its source (bidirectional replicas). */
    returnRoleArn?: pulumi.Output<string>;
}

export interface BucketOutput extends ReplicaOutput {
    replicas: ReplicaOutput[];
    replicationRoleArn?: pulumi.Output<string>;
    /** The S3 Batch Operations role the `existingObjectReplication` command runs with (absent with a brought replication role). */
    batchReplicationRoleArn?: pulumi.Output<string>;
    /** The replication role was brought (replicationRoleArn): the next update must not take over its name. */
    replicationRoleBrought?: true;
    /**
     * The entry name its grants' IAM policy names were derived from, when the entry was renamed since: read back by
     * every later update, which would otherwise derive them from the new name and replace the policies.
     */
    grantNamesFrom?: string;
}

export interface ConsumerPolicyOutput {
    bucket: string;
    principal: string;
    access: string;
    prefix?: string;
    /** Alias of the account whose provider created the policy; absent when it is only exported. */
    createdIn?: string;
    policyJson: pulumi.Output<string>;
}

/** The IAM policy a member account's principals attach to use an organisation read. */
export interface OrganizationPolicyOutput {
    bucket: string;
    organizationId: string;
    prefix?: string;
    policyJson: pulumi.Output<string>;
}

/** The statements the owner of an existing key must add to its key policy for one bucket of this stack. */
export interface ExistingKeyPolicyOutput {
    keyArn: string;
    bucket: pulumi.Output<string>;
    policyJson: pulumi.Output<string>;
}

/**
 * What the owner of a destination this program does not own must add before replication can write
 * to it: statements for the destination bucket's policy and for the replica key's policy.
 */
export interface ExternalReplicaPolicyOutput {
    /** The source bucket (physical name). */
    sourceBucket: pulumi.Output<string>;
    destinationBucketArn: string;
    destinationAccountId: string;
    destinationRegion: string;
    replicaKeyArn: string;
    /** The replication role the statements name. */
    roleArn: pulumi.Output<string>;
    /** A policy document of the statements to merge into the destination bucket's policy (none for a destination in the source's account). */
    bucketPolicyJson: pulumi.Output<string>;
    /** A policy document of the statement to merge into the replica key's policy. */
    keyPolicyJson: pulumi.Output<string>;
}

/** The identity policy a replication role brought with `replicationRoleArn` must have. */
export interface ReplicationRolePolicyOutput {
    roleArn: string;
    /** The inline policy to attach to the role (what a created role gets). */
    policyJson: pulumi.Output<string>;
}

export interface KeyOutput {
    account: string;
    region: string;
    arn: pulumi.Output<string>;
    alias: string;
}

export interface StackOutputs {
    buckets: Record<string, BucketOutput>;
    sharedKeys: Record<string, KeyOutput>;
    /** By BucketGrant resource name; cross-account grants only. */
    consumerPolicies: Record<string, ConsumerPolicyOutput>;
    replicationRoleArns: Record<string, pulumi.Output<string>>;
    /** By bucket name, replicated buckets only: the AWS CLI call that replicates the objects stored before replication (S3 Batch Replication). */
    existingObjectReplication: Record<string, pulumi.Output<string>>;
    /** By BucketOrganizationRead resource name. */
    organizationPolicies: Record<string, OrganizationPolicyOutput>;
    /** By ExternalKey resource name: what each existing key's owner must add (grants, replication, the deployer's DescribeKey). */
    existingKeyPolicies: Record<string, ExistingKeyPolicyOutput>;
    /** By bucket name, buckets with a monitored replica only: the alert topic to subscribe to, and the alarms per replica. */
    replicationAlerts?: Record<string, ReplicationAlertOutput>;
    /** By `<bucket>-<external replica name>` (only in stacks that declare external replicas): what each destination's owner must add. */
    externalReplicaPolicies?: Record<string, ExternalReplicaPolicyOutput>;
    /** By bucket name (only for buckets with replicationRoleArn): the policy to attach to the brought role. */
    replicationRolePolicies?: Record<string, ReplicationRolePolicyOutput>;
    /** Server access log buckets (only in stacks that declare some). */
    logBuckets?: Record<string, LogBucketOutput>;
}

export interface BuiltBucket {
    name: string;
    account: string;
    bucket: EncryptedBucket;
    grants: CreatedGrant[];
    /** The entry's deployed name its grants' IAM policy names keep (SourceContinuity.grantNamesFrom). */
    grantNamesFrom?: string;
    replication?: CreatedReplication;
    serviceGrants?: CreatedServiceGrants;
}

function placement(bucket: EncryptedBucket) {
    return { accountId: bucket.accountId, region: bucket.region, bucketName: bucket.bucketName, arn: bucket.arn, keyArn: bucket.key.arn, keyAlias: bucket.key.aliasName, objectLockEnabled: bucket.objectLockEnabled };
}

export function stackOutputs(config: StackConfig, keys: SharedKeys, built: BuiltBucket[]): StackOutputs {
    const buckets: Record<string, BucketOutput> = {};
    const consumerPolicies: Record<string, ConsumerPolicyOutput> = {};
    const replicationRoleArns: Record<string, pulumi.Output<string>> = {};
    const existingObjectReplication: Record<string, pulumi.Output<string>> = {};
    const organizationPolicies: Record<string, OrganizationPolicyOutput> = {};
    const existingKeyPolicies: Record<string, ExistingKeyPolicyOutput> = {};
    const externalReplicaPolicies: Record<string, ExternalReplicaPolicyOutput> = {};
    const replicationRolePolicies: Record<string, ReplicationRolePolicyOutput> = {};
    const noteExistingKey = (bucket: EncryptedBucket) => {
        if (bucket.key instanceof ExternalKey) {
            const key = bucket.key;
            existingKeyPolicies[key.name] = { keyArn: key.arnValue, bucket: bucket.bucketName, policyJson: key.requiredPolicyJson };
        }
    };
    for (const b of built) {
        noteExistingKey(b.bucket);
        (b.replication?.replicas ?? []).forEach((r) => noteExistingKey(r.bucket));
        for (const read of b.serviceGrants?.organizationReads ?? []) {
            organizationPolicies[read.name] = {
                bucket: read.bucket,
                organizationId: read.config.organizationId,
                ...(read.config.prefix !== undefined ? { prefix: read.config.prefix } : {}),
                policyJson: read.component.memberPolicyJson,
            };
        }
        buckets[b.name] = {
            account: b.account,
            ...placement(b.bucket),
            replicas: (b.replication?.replicas ?? []).map((r) => {
                const returnSide = b.replication?.replication.returns[r.name];
                return { account: r.config.account, ...placement(r.bucket), ...(returnSide !== undefined ? { returnRoleArn: returnSide.roleArn } : {}) };
            }),
            ...(b.replication !== undefined ? { replicationRoleArn: b.replication.replication.roleArn } : {}),
            ...(b.replication?.replication.batchRole !== undefined ? { batchReplicationRoleArn: b.replication.replication.batchRole.arn } : {}),
            ...(b.replication?.replication.role === undefined && b.replication !== undefined ? { replicationRoleBrought: true as const } : {}),
            ...(b.grantNamesFrom !== undefined ? { grantNamesFrom: b.grantNamesFrom } : {}),
        };
        if (b.replication !== undefined) {
            replicationRoleArns[b.name] = b.replication.replication.roleArn;
            const source = b.bucket;
            const batchRoleArn = b.replication.replication.batchRole?.arn ?? pulumi.output(undefined);
            existingObjectReplication[b.name] = pulumi
                .all([source.bucketName, batchRoleArn])
                .apply(([bucketName, roleArn]) => batchReplicationCommand({ accountId: source.accountId, region: source.region, bucketName, ...(roleArn !== undefined ? { roleArn } : {}) }));
            const replication = b.replication.replication;
            for (const [name, statements] of Object.entries(replication.externalDestinations)) {
                externalReplicaPolicies[`${b.name}-${name}`] = {
                    sourceBucket: source.bucketName,
                    destinationBucketArn: statements.bucketArn,
                    destinationAccountId: statements.accountId,
                    destinationRegion: statements.region,
                    replicaKeyArn: statements.keyArn,
                    roleArn: replication.roleArn,
                    bucketPolicyJson: statements.bucketPolicy.apply((doc) => JSON.stringify(doc)),
                    keyPolicyJson: statements.keyPolicy.apply((doc) => JSON.stringify(doc)),
                };
            }
            const bucketConfig = config.buckets.find((c) => c.name === b.name);
            if (bucketConfig?.replicationRoleArn !== undefined) {
                replicationRolePolicies[b.name] = { roleArn: bucketConfig.replicationRoleArn, policyJson: replication.rolePolicyJson };
            }
        }
        for (const grant of b.grants.filter((g) => g.config.crossAccount)) {
            consumerPolicies[grant.name] = {
                bucket: grant.bucket,
                principal: grant.config.principal,
                access: grant.config.access,
                ...(grant.config.prefix !== undefined ? { prefix: grant.config.prefix } : {}),
                ...(grant.config.consumerAccount !== undefined ? { createdIn: grant.config.consumerAccount } : {}),
                policyJson: grant.component.consumerPolicyJson,
            };
        }
    }
    const sharedKeys: Record<string, KeyOutput> = {};
    for (const shared of Object.values(config.keys)) {
        sharedKeys[shared.name] = { account: shared.account, region: shared.region, arn: keys[shared.name].arn, alias: shared.alias };
    }
    return {
        buckets,
        sharedKeys,
        consumerPolicies,
        replicationRoleArns,
        existingObjectReplication,
        organizationPolicies,
        existingKeyPolicies,
        ...(Object.keys(externalReplicaPolicies).length > 0 ? { externalReplicaPolicies } : {}),
        ...(Object.keys(replicationRolePolicies).length > 0 ? { replicationRolePolicies } : {}),
    };
}


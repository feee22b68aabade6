// The stack outputs: where every bucket and key is, the consumer policies other accounts must
// attach, and the replication roles other stacks may need to trust.
import * as pulumi from "@pulumi/pulumi";
import { EncryptedBucket } from "../components";
import { StackConfig } from "../config";
import { CreatedGrant } from "./grants";
import { SharedKeys } from "./keys";
import { CreatedReplication } from "./replications";
import type { LogBucketOutput } from "./accessLogs";

/** Where one bucket is: its account, region, name, ARN and key. */
export interface ReplicaOutput {
    account: string;
    accountId: string;
    region: string;
    bucketName: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    keyArn: pulumi.Output<string>;
    keyAlias: string;
    /** The role replicating this replica back to its source (bidirectional replicas). */
    returnRoleArn?: pulumi.Output<string>;
}

export interface BucketOutput extends ReplicaOutput {
    replicas: ReplicaOutput[];
    replicationRoleArn?: pulumi.Output<string>;
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
    /** Server access log buckets (only in stacks that declare some). */
    logBuckets?: Record<string, LogBucketOutput>;
}

export interface BuiltBucket {
    name: string;
    account: string;
    bucket: EncryptedBucket;
    grants: CreatedGrant[];
    replication?: CreatedReplication;
}

function placement(bucket: EncryptedBucket) {
    return { accountId: bucket.accountId, region: bucket.region, bucketName: bucket.bucketName, arn: bucket.arn, keyArn: bucket.key.arn, keyAlias: bucket.key.aliasName };
}

export function stackOutputs(config: StackConfig, keys: SharedKeys, built: BuiltBucket[]): StackOutputs {
    const buckets: Record<string, BucketOutput> = {};
    const consumerPolicies: Record<string, ConsumerPolicyOutput> = {};
    const replicationRoleArns: Record<string, pulumi.Output<string>> = {};
    for (const b of built) {
        buckets[b.name] = {
            account: b.account,
            ...placement(b.bucket),
            replicas: (b.replication?.replicas ?? []).map((r) => {
                const returnSide = b.replication?.replication.returns[r.name];
                return { account: r.config.account, ...placement(r.bucket), ...(returnSide !== undefined ? { returnRoleArn: returnSide.roleArn } : {}) };
            }),
            ...(b.replication !== undefined ? { replicationRoleArn: b.replication.replication.roleArn } : {}),
        };
        if (b.replication !== undefined) {
            replicationRoleArns[b.name] = b.replication.replication.roleArn;
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
    return { buckets, sharedKeys, consumerPolicies, replicationRoleArns };
}


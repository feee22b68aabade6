// The stand-in's diff. The Node provider server hands `diff` the old *outputs* (not old inputs) and
// the new inputs, so only keys present in the new inputs are compared: computed outputs (arn, id,
// tagsAll, ...) never show up as changes, and a second `pulumi up` of an unchanged program is a no-op.
import { isDeepStrictEqual } from "node:util";
import * as T from "../../policypack/model/awsTypes";

// Inputs whose change makes the aws provider replace the resource rather than update it: the top-level
// arguments the provider's resource schemas mark as "forces replacement" (the "Argument Reference" of each
// resource in the Pulumi AWS Registry docs, e.g. "bucket - (Required, Forces new resource)"), for every type
// our components create, the deprecated V2 names of the same resources, and the S3, KMS, IAM and ELB types users
// write next to them. A type not listed is updated in place on any change (an IAM user's rename is, for one).
const S3_BUCKET = ["bucket", "bucketPrefix", "objectLockEnabled"];
const BUCKET_ONLY = ["bucket"];
const BUCKET_AND_OWNER = ["bucket", "expectedBucketOwner"];
const LOAD_BALANCER = ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"];

const REPLACE_ON_CHANGE: Record<string, readonly string[]> = {
    "*": ["region"],
    "aws:s3/bucket:Bucket": S3_BUCKET,
    "aws:s3/bucketV2:BucketV2": S3_BUCKET,
    "aws:s3/bucketPolicy:BucketPolicy": BUCKET_ONLY,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": BUCKET_ONLY,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": BUCKET_ONLY,
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": BUCKET_ONLY,
    "aws:s3/bucketNotification:BucketNotification": BUCKET_ONLY,
    "aws:s3/bucketVersioning:BucketVersioning": BUCKET_AND_OWNER,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": BUCKET_AND_OWNER,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": BUCKET_AND_OWNER,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": BUCKET_AND_OWNER,
    "aws:s3/bucketLogging:BucketLogging": BUCKET_AND_OWNER,
    "aws:s3/bucketLoggingV2:BucketLoggingV2": BUCKET_AND_OWNER,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": BUCKET_AND_OWNER,
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": BUCKET_AND_OWNER,
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": [...BUCKET_AND_OWNER, "objectLockEnabled"],
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": [...BUCKET_AND_OWNER, "objectLockEnabled"],
    // An ACL's expectedBucketOwner replaces it too, except when it goes from unset to the caller's account;
    // the stand-in replaces on every change of it (the stricter reading).
    "aws:s3/bucketAcl:BucketAcl": BUCKET_AND_OWNER,
    "aws:s3/bucketAclV2:BucketAclV2": BUCKET_AND_OWNER,
    "aws:s3/bucketObject:BucketObject": ["bucket", "key"],
    "aws:s3/bucketObjectv2:BucketObjectv2": ["bucket", "key"],
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": ["accountId"],
    // A KeyPolicy's keyId is not among them: the provider puts the new policy on the new key in place.
    "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
    "aws:kms/replicaKey:ReplicaKey": ["primaryKeyArn"],
    "aws:kms/alias:Alias": ["name", "namePrefix"],
    "aws:kms/grant:Grant": ["constraints", "grantCreationTokens", "granteePrincipal", "keyId", "name", "operations", "retireOnDelete", "retiringPrincipal"],
    "aws:iam/role:Role": ["name", "namePrefix", "path"],
    "aws:iam/policy:Policy": ["name", "namePrefix", "path"],
    "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["policyArn", "role"],
    "aws:iam/userPolicy:UserPolicy": ["name", "namePrefix", "user"],
    "aws:sns/topic:Topic": ["name", "namePrefix", "fifoTopic"],
    "aws:sns/topicPolicy:TopicPolicy": ["arn"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
    // aws_lb: name, name_prefix, internal, load_balancer_type and customer_owned_ipv4_pool force a new load balancer.
    "aws:lb/loadBalancer:LoadBalancer": LOAD_BALANCER,
    "aws:alb/loadBalancer:LoadBalancer": LOAD_BALANCER,
    // aws_elb: name, name_prefix and internal force a new Classic Load Balancer.
    [T.CLASSIC_LOAD_BALANCER]: ["name", "namePrefix", "internal"],
};

export interface InputDiff {
    changed: string[];
    replaces: string[];
    /** Delete the old resource before creating its replacement (see `deletesBeforeReplace`). */
    deleteBeforeReplace: boolean;
}

// The aws provider (pulumi-terraform-bridge, `nameRequiresDeleteBeforeReplace`) replaces a resource delete-first
// when its name was written by the user, not generated, and the replacement keeps it: the new one could not be
// created next to the old one. Modelled for IAM roles, whose names the stand-in holds per account (enforce.ts).
const USER_NAMED: Record<string, string> = {
    "aws:iam/role:Role": "name",
};

function deletesBeforeReplace(type: string, olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
    const key = USER_NAMED[type];
    if (key === undefined) return false;
    const name = news[key];
    return typeof name === "string" && name !== "" && name === olds[key];
}

export function diffInputs(type: string, olds: Record<string, unknown>, news: Record<string, unknown>): InputDiff {
    const changed = Object.keys(news)
        .filter((key) => !isDeepStrictEqual(olds[key], news[key]))
        .sort();
    const replaceKeys = new Set([...(REPLACE_ON_CHANGE["*"] ?? []), ...(REPLACE_ON_CHANGE[type] ?? [])]);
    const replaces = changed.filter((key) => replaceKeys.has(key));
    return { changed, replaces, deleteBeforeReplace: replaces.length > 0 && deletesBeforeReplace(type, olds, news) };
}

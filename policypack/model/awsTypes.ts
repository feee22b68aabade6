// Type tokens of the @pulumi/aws 7.x (and @pulumi/aws-native 1.x) resources the pack reads. Strings, not SDK classes: importing
// @pulumi/aws costs seconds at pack start and the tokens are what the engine sends anyway.

export const BUCKET = "aws:s3/bucket:Bucket"; // v7 (ex-BucketV2) and the legacy v5/v6 Bucket
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const BUCKET_TYPES: ReadonlySet<string> = new Set([BUCKET, BUCKET_V2]);

export const SSE_CONFIG = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const SSE_CONFIG_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const SSE_CONFIG_TYPES: ReadonlySet<string> = new Set([SSE_CONFIG, SSE_CONFIG_V2]);

export const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
export const VERSIONING_TYPES: ReadonlySet<string> = new Set([VERSIONING, VERSIONING_V2]);

export const REPLICATION_CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
/** Server access logging: the separate resources; the deprecated inline `Bucket.logging` / `BucketV2.loggings` are read with the bucket. */
export const BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";
export const BUCKET_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";

/**
 * Elastic Load Balancing v2 load balancers, which deliver access and connection logs into an S3 bucket they name:
 * `aws.lb.LoadBalancer`, its alias `aws.alb.LoadBalancer`, and aws-native's (attributes `access_logs.s3.*`).
 */
export const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer";
export const NATIVE_LOAD_BALANCER = "aws-native:elasticloadbalancingv2:LoadBalancer";
/**
 * A Classic Load Balancer, `aws.elb.LoadBalancer`, which delivers access logs into the S3 bucket of its `accessLogs`
 * block (`{ bucket, bucketPrefix, interval, enabled }`). @pulumi/aws 7 has no class for the older token
 * `aws:elasticloadbalancing/loadBalancer:LoadBalancer`, only an alias to it, but the state of a stack last updated
 * with an older major still carries it, and `policy analyze` or a stack export sends what the state holds.
 */
export const CLASSIC_LOAD_BALANCER = "aws:elb/loadBalancer:LoadBalancer";
export const CLASSIC_LOAD_BALANCER_ALIAS = "aws:elasticloadbalancing/loadBalancer:LoadBalancer";
export const CLASSIC_LOAD_BALANCER_TYPES: ReadonlySet<string> = new Set([CLASSIC_LOAD_BALANCER, CLASSIC_LOAD_BALANCER_ALIAS]);
/** Every load balancer that delivers logs into S3: Elastic Load Balancing v2 and Classic. */
export const LOAD_BALANCER_TYPES: ReadonlySet<string> = new Set([LOAD_BALANCER, ALB_LOAD_BALANCER, NATIVE_LOAD_BALANCER, ...CLASSIC_LOAD_BALANCER_TYPES]);

/**
 * Amazon Redshift database audit logging, which delivers into the S3 bucket it names: `aws.redshift.Logging`
 * (`{ clusterIdentifier, logDestinationType, bucketName, s3KeyPrefix }`), and the inline `logging` block
 * (`{ enable, bucketName, s3KeyPrefix, logDestinationType }`) of `aws.redshift.Cluster`, deprecated in @pulumi/aws 6
 * and gone from 7, but still in the state (and the program) of a stack last updated with an older major.
 */
export const REDSHIFT_LOGGING = "aws:redshift/logging:Logging";
export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";
export const REDSHIFT_LOG_TYPES: ReadonlySet<string> = new Set([REDSHIFT_LOGGING, REDSHIFT_CLUSTER]);

/**
 * AWS services a stack points at a bucket to write objects into, each with its own encryption setting
 * (model/serviceDeliveryShapes.ts): CloudTrail trails, AWS Config delivery channels, Amazon Data Firehose streams
 * (extended S3 destination), S3 Inventory reports and Athena workgroups' query results.
 */
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";
export const CONFIG_DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
export const FIREHOSE_DELIVERY_STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
export const S3_INVENTORY = "aws:s3/inventory:Inventory";
export const ATHENA_WORKGROUP = "aws:athena/workgroup:Workgroup";
/**
 * The same services in @pulumi/aws-native 1.x (Cloud Control). aws-native's S3 Inventory is the bucket's own
 * `inventoryConfigurations`, whose destination has no encryption setting (AWS CloudFormation Template Reference,
 * "AWS::S3::Bucket Destination": BucketAccountId, BucketArn, Format, Prefix): it asks S3 for nothing, so the bucket's
 * default applies and there is nothing to judge. `aws-native:configuration:DeliveryChannel` is marked deprecated by
 * the SDK ("not yet supported by AWS Native, so its creation will currently fail"), but a program may declare it.
 */
export const NATIVE_CLOUDTRAIL_TRAIL = "aws-native:cloudtrail:Trail";
export const NATIVE_CONFIG_DELIVERY_CHANNEL = "aws-native:configuration:DeliveryChannel";
export const NATIVE_FIREHOSE_DELIVERY_STREAM = "aws-native:kinesisfirehose:DeliveryStream";
export const NATIVE_ATHENA_WORKGROUP = "aws-native:athena:WorkGroup";
export const SERVICE_DELIVERY_TYPES: ReadonlySet<string> = new Set([
    CLOUDTRAIL_TRAIL, CONFIG_DELIVERY_CHANNEL, FIREHOSE_DELIVERY_STREAM, S3_INVENTORY, ATHENA_WORKGROUP,
    NATIVE_CLOUDTRAIL_TRAIL, NATIVE_CONFIG_DELIVERY_CHANNEL, NATIVE_FIREHOSE_DELIVERY_STREAM, NATIVE_ATHENA_WORKGROUP,
]);

export const OBJECT_LOCK_CONFIG = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
export const OBJECT_LOCK_CONFIG_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
export const LIFECYCLE_CONFIG = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
export const LIFECYCLE_CONFIG_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";

export const KMS_KEY = "aws:kms/key:Key";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
/**
 * Keys with imported key material: keys like any other to S3 and to their key policy (spec, usage, enabled,
 * policy, lockout switch, deletion window), with no automatic rotation (AWS KMS API Reference, "EnableKeyRotation":
 * automatic rotation can't be enabled on keys with imported key material), so kms-key-rotation-enabled skips them.
 */
export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";
export const KMS_REPLICA_EXTERNAL_KEY = "aws:kms/replicaExternalKey:ReplicaExternalKey";
export const KMS_KEY_TYPES: ReadonlySet<string> = new Set([KMS_KEY, KMS_REPLICA_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_EXTERNAL_KEY]);
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const KMS_ALIAS = "aws:kms/alias:Alias";

export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
/**
 * `aws.iam.PolicyAttachment`: one managed policy attached to lists of `roles`, `users` and `groups` (exclusive across
 * the account, still an @pulumi/aws v7 resource). The stack index reads its roles like a RolePolicyAttachment's role.
 */
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";

export const BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
export const BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const BUCKET_ACL_TYPES: ReadonlySet<string> = new Set([BUCKET_ACL, BUCKET_ACL_V2]);
export const BUCKET_OBJECT = "aws:s3/bucketObject:BucketObject";
export const BUCKET_OBJECT_V2 = "aws:s3/bucketObjectv2:BucketObjectv2";
/**
 * `aws.s3.ObjectCopy`: an object the stack writes by copying another one. Its own encryption and ACL settings apply
 * to the new object as a BucketObject's do ("Amazon S3 API Reference, CopyObject": the encryption setting in the
 * request takes precedence over the destination bucket's default encryption).
 */
export const OBJECT_COPY = "aws:s3/objectCopy:ObjectCopy";
/** Resources that write an object into a bucket with settings of their own. */
export const BUCKET_OBJECT_TYPES: ReadonlySet<string> = new Set([BUCKET_OBJECT, BUCKET_OBJECT_V2, OBJECT_COPY]);
export const ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
export const KMS_GRANT = "aws:kms/grant:Grant";

// @pulumi/aws-native 1.x (Cloud Control): one resource per bucket or key, configuration nested in it.
export const NATIVE_BUCKET = "aws-native:s3:Bucket";
export const NATIVE_BUCKET_POLICY = "aws-native:s3:BucketPolicy";
export const NATIVE_KMS_KEY = "aws-native:kms:Key";
export const NATIVE_KMS_ALIAS = "aws-native:kms:Alias";

/**
 * An S3 Express One Zone bucket. Not a bucket to the stack index (no versioning, replication, ACLs or configurable
 * public access block): only its default encryption is judged (policies/directoryBucketFacts.ts).
 */
export const DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";

export const AWS_PROVIDER = "pulumi:providers:aws";
/** The root stack resource: its outputs are the program's exports. */
export const STACK = "pulumi:pulumi:Stack";

/** Every type the stack index reads; the rest of a stack is skipped without touching its props. */
export const INDEXED_TYPES: ReadonlySet<string> = new Set([
    BUCKET, BUCKET_V2, SSE_CONFIG, SSE_CONFIG_V2, VERSIONING, VERSIONING_V2, REPLICATION_CONFIG, BUCKET_POLICY,
    PUBLIC_ACCESS_BLOCK, OWNERSHIP_CONTROLS, KMS_KEY, KMS_REPLICA_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_EXTERNAL_KEY, KMS_KEY_POLICY, KMS_ALIAS, IAM_ROLE,
    IAM_ROLE_POLICY, IAM_POLICY, IAM_ROLE_POLICY_ATTACHMENT, IAM_POLICY_ATTACHMENT, BUCKET_ACL, BUCKET_ACL_V2, BUCKET_OBJECT, BUCKET_OBJECT_V2, OBJECT_COPY,
    ACCOUNT_PUBLIC_ACCESS_BLOCK, NATIVE_BUCKET, NATIVE_BUCKET_POLICY, NATIVE_KMS_KEY, NATIVE_KMS_ALIAS,
    OBJECT_LOCK_CONFIG, OBJECT_LOCK_CONFIG_V2, LIFECYCLE_CONFIG, LIFECYCLE_CONFIG_V2, KMS_GRANT,
    BUCKET_LOGGING, BUCKET_LOGGING_V2, DIRECTORY_BUCKET, ...LOAD_BALANCER_TYPES, ...REDSHIFT_LOG_TYPES,
    ...SERVICE_DELIVERY_TYPES,
]);

/** Key policies: `aws.kms.Key.policy`, `ReplicaKey.policy`, `ExternalKey.policy`, `ReplicaExternalKey.policy`, `KeyPolicy.policy`, `aws-native:kms:Key.keyPolicy`. */
export const KEY_POLICY_DOCUMENTS: ReadonlyMap<string, string> = new Map([
    [KMS_KEY, "policy"],
    [KMS_REPLICA_KEY, "policy"],
    [KMS_EXTERNAL_KEY, "policy"],
    [KMS_REPLICA_EXTERNAL_KEY, "policy"],
    [KMS_KEY_POLICY, "policy"],
    [NATIVE_KMS_KEY, "keyPolicy"],
]);

/** Bucket policies: `BucketPolicy.policy`, the deprecated inline `Bucket.policy`, `aws-native:s3:BucketPolicy.policyDocument`. */
export const BUCKET_POLICY_DOCUMENTS: ReadonlyMap<string, string> = new Map([
    [BUCKET_POLICY, "policy"],
    [BUCKET, "policy"],
    [BUCKET_V2, "policy"],
    [NATIVE_BUCKET_POLICY, "policyDocument"],
]);

/** The property of a resource of `type` that holds its key or bucket policy, if it has one. */
export function documentProperty(type: string): string | undefined {
    return KEY_POLICY_DOCUMENTS.get(type) ?? BUCKET_POLICY_DOCUMENTS.get(type);
}

// AWS's deploy-time rules as pure functions, shared by the stack configuration (config/), the
// components (components/) and the e2e stand-in provider (e2e/standin-aws/), so a rule is written
// once. Each returns undefined when AWS would accept, else the error AWS answers and the rule in words.
export type { AwsRuleViolation } from "./violation";
export type { RotatedKeyFacts } from "./kms";
export { isAwsRegion, regionViolation } from "./regions";
export { autoNamedBucketViolation, bucketAlreadyExists, bucketNameRuleBroken, bucketNameViolation, PULUMI_AUTONAME_SUFFIX_LENGTH } from "./s3BucketNames";
export { MAX_TAGS, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, tagRuleBroken, tagsViolation } from "./tags";
export type { TaggedService } from "./tags";
export { POLICY_LIMITS, policySize, policySizeViolation } from "./policySizes";
export type { PolicyKind } from "./policySizes";
export { awsPrincipalProblem, malformedAwsPrincipal, principalFormatViolation } from "./policyPrincipals";
export { roleAlreadyExists, rolePathViolation, roleNameViolation, trustPolicyViolation } from "./iam";
export { aliasTargetViolation, deletionWindowViolation, keyRotationViolation, kmsAliasNameViolation, MAX_ROTATION_PERIOD_DAYS, MIN_ROTATION_PERIOD_DAYS, MAX_DELETION_WINDOW_DAYS, MAX_KEY_DESCRIPTION_LENGTH, MIN_DELETION_WINDOW_DAYS, grantOperationsViolation, keySpecUsageViolation, KMS_GRANT_OPERATIONS, replicaKeyExists, replicaKeyViolation, s3DefaultKeyViolation } from "./kms";
export { bucketPolicyStatementsViolation, globCanMatchPrefix, resourceKinds } from "./s3BucketPolicyStatements";
export type { S3ActionCatalogue, S3ResourceKind } from "./s3BucketPolicyStatements";
export { accountPublicAccessBlockViolation, aclsDisabledViolation, createBucketAclViolation, bucketPolicyJsonViolation, publicPolicyBlockedViolation, publicStatements } from "./s3Policies";
export { destinationViolation, replicationDestinationViolation, replicationRoleViolation, replicationRulesViolation, sourceVersioningViolation } from "./s3Replication";
export type { ReplicationRuleFacts } from "./s3Replication";
export { MAX_REPLICATION_RULES, replicationSchemaViolation } from "./s3ReplicationSchema";
export type { ReplicationSchemaFacts } from "./s3ReplicationSchema";
export { LIFECYCLE_MINIMUM_TRANSITION_DAYS, LIFECYCLE_STORAGE_CLASSES, lifecycleRulesViolation, MAX_LIFECYCLE_RULES, MAX_NEWER_NONCURRENT_VERSIONS } from "./s3Lifecycle";
export type { LifecycleRuleFacts, LifecycleStorageClass, LifecycleTransitionFacts } from "./s3Lifecycle";
export {
    defaultRetentionViolation,
    OBJECT_LOCK_MODES,
    OBJECT_LOCK_REPLICATION_SOURCE_ACTIONS,
    objectLockBucketViolation,
    objectLockReplicationViolation,
    objectLockVersioningViolation,
} from "./s3ObjectLock";
export type { DefaultRetentionFacts, ObjectLockMode } from "./s3ObjectLock";
export { logTargetGrantsViolation, logTargetViolation } from "./s3Logging";
export type { LogTargetFacts } from "./s3Logging";
export { ALB_LOGS_SOURCE, APPLICATION, CLASSIC, CLB_LOGS_SOURCE, elbAccessDenied, ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, elbLogTargetViolation, elbLogTestObjectKey, NLB_LOGS_SOURCE, SSE_S3_ONLY_LOG_DELIVERERS } from "./elbLogs";
export type { ElbLogTargetFacts } from "./elbLogs";
// Which resources a service principal acts for (the aws:SourceArn it sends): declared once, with the pack that
// reports a grant pinned to another service's ARN.
export { foreignSourceArnServices, sourceArnServicesOf } from "../policypack/model/serviceSources";

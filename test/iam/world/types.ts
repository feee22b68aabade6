// What the scenarios need to know about one deployed stack: the intent (who is granted what, which
// header mode, bucket keys on or off: from the stack's configuration) and the policy documents
// that would be deployed (from the synth output). The scenarios never look at how either was made.
import type { GuardrailsConfig } from "../../../config/types";
import type { PolicyKind } from "../policyChecks";
import type { NamedPolicy } from "../support/oracle";

export type HeaderMode = GuardrailsConfig["encryptionHeader"];
export type GrantAccess = "read" | "write" | "read-write";

export interface KeyFacts {
    name: string;
    arn: string;
    accountId: string;
    region: string;
    policy: NamedPolicy;
    administrators: readonly string[];
    rootDelegation: boolean;
}

export interface BucketFacts {
    /** Logical name from the stack configuration. */
    name: string;
    bucketName: string;
    arn: string;
    accountId: string;
    region: string;
    key: KeyFacts;
    bucketKeyEnabled: boolean;
    /** The guardrails the stack configuration asks for (intent, not read back from the policy). */
    guardrails: GuardrailsConfig;
    /** Absent only if the stack deploys no bucket policy (every bucket here should have one). */
    policy: NamedPolicy | undefined;
    /** S3 Object Lock, as the stack configuration asks (intent); unset reads as off. */
    objectLockEnabled?: boolean;
}

export interface GrantFacts {
    principalArn: string;
    principalAccountId: string;
    access: GrantAccess;
    prefix?: string;
    bucket: BucketFacts;
    /** The consumer's IAM policy: attached in the stack (same account) or exported as JSON. */
    identityPolicy: NamedPolicy;
}

/** An AWS service principal allowed on a bucket while it acts for `sourceAccount` (and `sourceArn`). */
export interface ServiceGrantFacts {
    service: string;
    access: GrantAccess;
    prefix?: string;
    sourceAccount: string;
    sourceArn?: string;
    bucket: BucketFacts;
}

/** Read for every other account of an AWS Organization; members attach `memberPolicy` (a stack output). */
export interface OrganizationReadFacts {
    organizationId: string;
    prefix?: string;
    bucket: BucketFacts;
    memberPolicy: NamedPolicy;
}

export interface ReplicationFacts {
    roleArn: string;
    /** Every identity policy attached to the role (a brought role: the policy the stack exports for it). */
    rolePolicies: readonly NamedPolicy[];
    /** Undefined for a brought role (`replicationRoleArn`): its trust policy is its owner's. */
    trustPolicy: NamedPolicy | undefined;
    /** The role is brought by the configuration, not created by the stack. */
    broughtRole: boolean;
    /**
     * The destination is not the stack's (`externalReplicas`): its bucket policy is the exported statements, its
     * key policy the default one (root delegation) plus the exported statement, as its owner is told to apply them.
     */
    external: boolean;
    source: BucketFacts;
    destination: BucketFacts;
    /** The rule makes the destination account owner of replicas (accessControlTranslation). */
    ownerOverride: boolean;
}

/** The S3 Batch Operations role a replicated bucket's `existingObjectReplication` command runs with. */
export interface BatchRoleFacts {
    roleArn: string;
    trustPolicy: NamedPolicy;
    rolePolicies: readonly NamedPolicy[];
    source: BucketFacts;
    /** The stack output's command for this bucket (`existingObjectReplication`). */
    command: string;
}

/** A server access log bucket and the source buckets whose logs it takes (log delivery only). */
export interface LogBucketFacts {
    name: string;
    bucketName: string;
    arn: string;
    accountId: string;
    region: string;
    policy: NamedPolicy | undefined;
    sources: ReadonlyArray<{ bucketArn: string; accountId: string; prefix: string }>;
}

/** The SNS topic of replication alerts: S3 publishes for the source bucket, CloudWatch for the alarms. */
export interface AlertTopicFacts {
    arn: string;
    accountId: string;
    region: string;
    policy: NamedPolicy;
    sourceBucketArn: string;
    alarmArns: readonly string[];
}

export interface LintTarget {
    policy: NamedPolicy;
    kind: PolicyKind;
}

export interface World {
    /** Where the facts come from, for test names: "stack dev", "builders (reference topology)". */
    label: string;
    buckets: readonly BucketFacts[];
    grants: readonly GrantFacts[];
    replications: readonly ReplicationFacts[];
    batchRoles: readonly BatchRoleFacts[];
    serviceGrants: readonly ServiceGrantFacts[];
    organizationReads: readonly OrganizationReadFacts[];
    logBuckets: readonly LogBucketFacts[];
    alertTopics: readonly AlertTopicFacts[];
    /** Every policy document of the stack, for the lint. */
    policies: readonly LintTarget[];
}

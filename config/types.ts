import type { AccessLogsConfig, LogBucketConfig } from "./accessLogs";
export type { AccessLogsConfig, LogBucketConfig } from "./accessLogs";

// The validated stack configuration the program consumes: defaults filled in, aliases resolved,
// every region explicit. Produced only by parseStackConfig. Option types are the components'.
import type { GrantAccess } from "../components/policy/actions";
import type { BucketGuardrails, MinimumTlsVersion } from "../components/policy/bucketPolicy";
import type { STORAGE_CLASSES } from "./schema";
import type { LifecycleRule } from "../components/bucketLifecycle";
import type { ObjectLock } from "../components/bucketObjectLock";

export type { GrantAccess } from "../components/policy/actions";
export type { EncryptionHeaderMode } from "../components/policy/bucketPolicy";
export type StorageClass = (typeof STORAGE_CLASSES)[number];

export interface AccountConfig {
    /** The key of this entry in `accounts`, e.g. `data`. */
    alias: string;
    accountId: string;
    /** The account's default region (its provider's region). */
    region: string;
    /** Role the account's provider assumes. Always in `accountId`. */
    roleArn: string;
    sessionName?: string;
    externalId?: string;
}

/** Settings of a key the stack creates (CustomerManagedKey args). */
export interface KeySpec {
    alias: string;
    description?: string;
    administrators: string[];
    /** Whether `administrators` may schedule and cancel key deletion (the console's "Allow key administrators to delete this key"). */
    administratorsMayDeleteKey: boolean;
    users: string[];
    serviceUsers: string[];
    deletionWindowInDays: number;
    rootDelegation: boolean;
    /** True when `alias` is the default derived from the bucket's name (a deployed key keeps its alias). */
    aliasDefaulted?: boolean;
}

export interface SharedKeyConfig extends KeySpec {
    /** The key of this entry in `keys`. */
    name: string;
    account: string;
    region: string;
    /** Pulumi `protect` on the key. */
    protect: boolean;
}

/** A bucket's key: its own (created with the bucket) or an entry of `keys`. */
export type KeyChoice = { kind: "own"; spec: KeySpec } | { kind: "shared"; name: string } | { kind: "external"; arn: string; verify: boolean };

/** EncryptedBucket's guardrails; the configuration always keeps the TLS version statement. */
export type GuardrailsConfig = Omit<BucketGuardrails, "minimumTlsVersion"> & { minimumTlsVersion: MinimumTlsVersion };

export interface GrantConfig {
    principal: string;
    /** Account and kind parsed from `principal`. */
    principalAccountId: string;
    principalKind: "user" | "role";
    access: GrantAccess;
    prefix?: string;
    /** Account alias whose provider creates the consumer IAM policy (cross-account only). */
    consumerAccount?: string;
    /** True when the principal is in another account than the bucket. */
    crossAccount: boolean;
}

/** An AWS service principal allowed to use the bucket while it acts for `sourceAccount` (and `sourceArn`). */
export interface ServiceGrantConfig {
    service: string;
    access: GrantAccess;
    prefix?: string;
    /** Resolved account id (an alias in the YAML, or the bucket's account by default). */
    sourceAccount: string;
    sourceArn?: string;
}

/** Read access for every account of an AWS Organization except the bucket's own. */
export interface OrganizationReadConfig {
    organizationId: string;
    prefix?: string;
}

/** The settings of one replication rule (owned and external replicas alike). */
export interface ReplicaRuleConfig {
    storageClass: StorageClass;
    replicationTime: boolean;
    deleteMarkerReplication: boolean;
    filter?: { prefix?: string; tags?: Record<string, string> };
    /** Rule priority; defaults to the replica's position (external replicas: after the owned ones). */
    priority: number;
    allowSameRegion: boolean;
}

export interface ReplicaConfig extends ReplicaRuleConfig {
    account: string;
    region: string;
    bucketName?: string;
    key: KeyChoice;
    bidirectional: boolean;
    roleName?: string;
    /** The replica's own setting (default false), never the source bucket's. */
    forceDestroy: boolean;
    /** The replica's own lifecycle rules, never the source bucket's. */
    lifecycleRules: LifecycleRule[];
    /** The replica's own Object Lock; required when its source has one. */
    objectLock?: ObjectLock;
    /** CloudWatch alarms and replication failure events to the source bucket's alert topic (needs replicationTime). */
    monitoring: boolean;
}

/** A replication destination this program does not own (docs/configuration.md, "externalReplicas"). */
export interface ExternalReplicaConfig extends ReplicaRuleConfig {
    name: string;
    bucketArn: string;
    accountId: string;
    region: string;
    keyArn: string;
    bucketKeyEnabled: boolean;
}

/** Explicit consent to edits the program otherwise refuses (docs/operations.md). */
export interface Acknowledgements {
    /** forceDestroy: true in a protected stack. */
    forceDestroy: boolean;
    /** Physical names of deployed buckets (this bucket or its replicas) that this edit may replace or orphan. */
    replaceBucket: string[];
    /** ARNs of deployed keys this bucket or its replicas may stop using. */
    retireKey: string[];
}

export interface BucketConfig {
    /** Logical name, unique in the stack; Pulumi resource names derive from it. */
    name: string;
    account: string;
    region: string;
    bucketName?: string;
    key: KeyChoice;
    bucketKeyEnabled: boolean;
    guardrails: GuardrailsConfig;
    grants: GrantConfig[];
    serviceGrants: ServiceGrantConfig[];
    organizationReads: OrganizationReadConfig[];
    replicas: ReplicaConfig[];
    /** Destinations this program does not own; their owners apply the exported statements. */
    externalReplicas: ExternalReplicaConfig[];
    /** An existing replication role of the bucket's account (no role is created; its policy is exported). */
    replicationRoleArn?: string;
    forceDestroy: boolean;
    /** Pulumi `protect` on the bucket, its replicas and the keys they own (stack default unless set). */
    protect: boolean;
    acknowledge: Acknowledgements;
    tags?: Record<string, string>;
    lifecycleRules: LifecycleRule[];
    objectLock?: ObjectLock;
    /** Server access logging into an entry of `logBuckets`. */
    accessLogs?: AccessLogsConfig;
}

export interface StackConfig {
    accounts: Record<string, AccountConfig>;
    keys: Record<string, SharedKeyConfig>;
    buckets: BucketConfig[];
    logBuckets: LogBucketConfig[];
    tags?: Record<string, string>;
    /** Stack default for `protect`; true also makes forceDestroy need an acknowledgement. */
    protect: boolean;
}

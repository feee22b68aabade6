// The validated stack configuration the program consumes: defaults filled in, aliases resolved,
// every region explicit. Produced only by parseStackConfig.

export type GrantAccess = "read" | "write" | "read-write";
export type EncryptionHeaderMode = "compatible" | "strict" | "strict-key";
export type StorageClass = "STANDARD" | "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING" | "GLACIER" | "GLACIER_IR" | "DEEP_ARCHIVE";

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
    users: string[];
    serviceUsers: string[];
    deletionWindowInDays: number;
    rootDelegation: boolean;
}

export interface SharedKeyConfig extends KeySpec {
    /** The key of this entry in `keys`. */
    name: string;
    account: string;
    region: string;
}

/** A bucket's key: its own (created with the bucket) or an entry of `keys`. */
export type KeyChoice = { kind: "own"; spec: KeySpec } | { kind: "shared"; name: string };

export interface GuardrailsConfig {
    encryptionHeader: EncryptionHeaderMode;
    requireTls: boolean;
    /** Deny a present encryption header other than aws:kms, or a key-id header naming another key. */
    denyWrongEncryptionHeaders: boolean;
    /** Deny aws:kms without a key-id header (S3 would otherwise pick the AWS managed aws/s3 key). */
    denyKmsHeaderWithoutKeyId: boolean;
    minimumTlsVersion: "1.2" | "1.3";
    denySigV2: boolean;
    denySseC: boolean;
}

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

export interface ReplicaConfig {
    account: string;
    region: string;
    bucketName?: string;
    key: KeyChoice;
    storageClass: StorageClass;
    replicationTime: boolean;
    deleteMarkerReplication: boolean;
    filter?: { prefix?: string; tags?: Record<string, string> };
    /** Rule priority; defaults to the replica's position. */
    priority: number;
    allowSameRegion: boolean;
    bidirectional: boolean;
    roleName?: string;
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
    replicas: ReplicaConfig[];
    forceDestroy: boolean;
    tags?: Record<string, string>;
}

export interface StackConfig {
    accounts: Record<string, AccountConfig>;
    keys: Record<string, SharedKeyConfig>;
    buckets: BucketConfig[];
    tags?: Record<string, string>;
}

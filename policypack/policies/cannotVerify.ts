// Outside a preview, a value a policy must read but can't is a "cannot verify" at that policy's level, never a
// pass: a secret that `pulumi policy analyze` could not decrypt (it hands the pack the string "[secret]"), an
// encrypted secret in an export made without --show-secrets (the offline checker reads it the same way), or an
// unknown (during `pulumi up`, or left in a state). The checks themselves treat all of these as "not known
// yet", which is right in a preview; the framework adds these findings when the run is not a preview
// (model/runMode.ts says which it is). The table below says, per type and down to the field, what each policy's
// verdict reads (a secret anywhere else is no finding), and, where that depends on the stack, of which resources:
// a bucket's versioning is read only if the bucket replicates, an inline replication only if no separate resource
// replaces it.
import * as T from "../model/awsTypes";
import { RunMode } from "../model/runMode";
import { IndexedResource } from "../model/resources";
import { StackIndex } from "../model/stackIndex";
import { isRedactedSecret, isUnknown, normalize, Value, ValueObject } from "../model/values";
import { KEY_ENABLED_PROPERTY, s3KeyResources, s3KeySpecResources } from "./keysUsedByS3";
import { serviceLogResourcesToRead } from "./accessLogFacts";
import { accountBlocksToRead, aclResourcesToRead, externalAclAccountBlocksToRead, ownershipResourcesToRead } from "./publicAccessFacts";
import {
    lockedReplicationResources, replicatedObjectLockResources, replicatedVersioningResources, replicationResources, replicationRolePolicyResources,
} from "./replicationFacts";

const SSE = "s3-bucket-sse-kms";
const TLS = "s3-bucket-policy-deny-insecure-transport";
const PAB = "s3-bucket-public-access-block";
const ROTATION = "kms-key-rotation-enabled";
const KEY_POLICY = "kms-key-policy-no-public-principal";
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const REPLICATION_SSE = "s3-replication-sse-kms";
const REPLICATION_VERSIONING = "s3-replication-versioning-enabled";
const REPLICATION_CROSS_ACCOUNT = "s3-replication-cross-account";
const REPLICATION_ROLE_KMS = "s3-replication-role-kms-access";
const REPLICATION_ROLE_LEAST_PRIVILEGE = "s3-replication-role-kms-least-privilege";
const REPLICATION_OBJECT_LOCK = "s3-replication-object-lock";
const DELETION_WINDOW = "kms-key-deletion-window";
const KEY_S3_COMPATIBLE = "kms-key-s3-compatible";
const OWNERSHIP = "s3-bucket-ownership-controls";
const REPLICATION_ROLE_TRUST = "s3-replication-role-trust";
const OBJECT_SSE = "s3-object-sse-kms";
const LIFECYCLE = "s3-lifecycle-noncurrent-retention";
const GRANT = "kms-grant-in-account";
const LOCKOUT = "kms-key-policy-lockout-safety-check";
const PUBLIC_ACL = "s3-bucket-no-public-acl";
const SERVICE_DELIVERY = "s3-service-delivery-sse-kms";

/** One step into a value: a field, by its names (the v7 singular first, then the V2 plural); a list on the way is read item by item. */
type Step = readonly string[];
type Path = readonly Step[];

/** A property a policy's verdict reads: where it is in the resource's inputs, and whose verdict it is. */
interface Read {
    path: Path;
    policy: string;
    /**
     * The resources (by URN) whose property the verdict reads, when that depends on the rest of the stack: a bucket's
     * versioning matters to the replication policy only if the bucket replicates. Absent: every resource of the type.
     */
    readFor?: (index: StackIndex) => ReadonlySet<string>;
}

function reads(policy: string, ...props: string[]): Read[] {
    return props.map((prop) => ({ path: [[prop]], policy }));
}

// A replication configuration's fields as stackIndex reads them (s3Shapes' replicationRuleFields): the
// BucketReplicationConfig shape (`rules[].destination.encryptionConfiguration.replicaKmsKeyId`, ...), the
// deprecated inline ones of Bucket (`replicaKmsKeyId`, `accountId` on the destination) and BucketV2 (lists:
// `destinations`, `sourceSelectionCriterias`, `accessControlTranslations`), and aws-native's (the first shape).
const RULES: Step = ["rule", "rules"];
const DESTINATION: Step = ["destination", "destinations"];
const DESTINATION_BUCKET: Path = [RULES, DESTINATION, ["bucket"]];
const REPLICA_KEY: readonly Path[] = [
    [RULES, DESTINATION, ["encryptionConfiguration", "encryptionConfigurations"], ["replicaKmsKeyId"]],
    [RULES, DESTINATION, ["replicaKmsKeyId"]],
];
const ROLE: Path = [["role"]];

/**
 * Per replication policy, what its verdict reads of a configuration: whether a rule replicates SSE-KMS objects and
 * with which replica key (s3-replication-sse-kms), which buckets it writes to (versioning, cross-account, Object Lock),
 * in which account and with which owner (cross-account), and with which role (the role's KMS and Object Lock
 * permissions, the destination bucket policy's grant to it). A rule's id, filter, priority or storage class is read by none.
 */
const REPLICATION_READS: readonly Read[] = [
    { path: [RULES, ["sourceSelectionCriteria", "sourceSelectionCriterias"], ["sseKmsEncryptedObjects"]], policy: REPLICATION_SSE },
    ...REPLICA_KEY.map((path) => ({ path, policy: REPLICATION_SSE })),
    ...REPLICA_KEY.map((path) => ({ path, policy: REPLICATION_ROLE_KMS })),
    { path: DESTINATION_BUCKET, policy: REPLICATION_VERSIONING },
    { path: DESTINATION_BUCKET, policy: REPLICATION_CROSS_ACCOUNT },
    { path: [RULES, DESTINATION, ["account", "accountId"]], policy: REPLICATION_CROSS_ACCOUNT },
    { path: [RULES, DESTINATION, ["accessControlTranslation", "accessControlTranslations"], ["owner"]], policy: REPLICATION_CROSS_ACCOUNT },
    { path: ROLE, policy: REPLICATION_CROSS_ACCOUNT },
    { path: ROLE, policy: REPLICATION_ROLE_KMS },
    { path: ROLE, policy: REPLICATION_ROLE_LEAST_PRIVILEGE },
    { path: DESTINATION_BUCKET, policy: REPLICATION_OBJECT_LOCK, readFor: lockedReplicationResources },
    { path: ROLE, policy: REPLICATION_OBJECT_LOCK, readFor: lockedReplicationResources },
].map((read) => ({ readFor: replicationResources, ...read }));

/** The replication reads of a bucket's own (deprecated inline, or aws-native) `replicationConfiguration`. */
const INLINE_REPLICATION_READS: readonly Read[] = REPLICATION_READS.map((read) => ({
    ...read, path: [["replicationConfiguration", "replicationConfigurations"], ...read.path],
}));

/** The versioning a replication needs on its buckets ("Requirements and considerations for replication": both versioned). */
function versioningRead(...path: Step[]): Read {
    return { path, policy: REPLICATION_VERSIONING, readFor: replicatedVersioningResources };
}

/**
 * What the role's KMS policies read of a replication role's IAM: its policy documents (whether they allow kms:Decrypt
 * and kms:Encrypt with the keys, and how broadly), and which managed policies it carries.
 */
function roleReads(...path: Step[]): Read[] {
    return [REPLICATION_ROLE_KMS, REPLICATION_ROLE_LEAST_PRIVILEGE].map((policy) => ({ path, policy, readFor: replicationRolePolicyResources }));
}

/**
 * What kms-key-s3-compatible reads of a key S3 uses: its spec and usage (`props`, a replica key's on its primary) and
 * whether it is enabled; and the lockout safety check switch every key policy policy reads.
 */
function keyReads(type: string, ...props: string[]): Read[] {
    const enabled = KEY_ENABLED_PROPERTY.get(type);
    return [
        ...props.map((prop) => ({ path: [[prop]], policy: KEY_S3_COMPATIBLE, readFor: s3KeySpecResources })),
        ...(enabled === undefined ? [] : [{ path: [[enabled]], policy: KEY_S3_COMPATIBLE, readFor: s3KeyResources }]),
        ...reads(LOCKOUT, "bypassPolicyLockoutSafetyCheck"),
    ];
}

/** The Object Lock switch of a bucket that replicates, read by s3-replication-object-lock (dataProtectionShapes' reading). */
const OBJECT_LOCK_READS: readonly Read[] = [[["objectLockEnabled"]], [["objectLockConfiguration", "objectLockConfigurations"], ["objectLockEnabled"]]]
    .map((path) => ({ path, policy: REPLICATION_OBJECT_LOCK, readFor: replicatedObjectLockResources }));

/** What s3-lifecycle-noncurrent-retention reads of each rule under `rules` (dataProtectionShapes' lifecycleRules): whether it is on, and when it expires noncurrent versions. */
function lifecycleReads(...rules: Step[]): Read[] {
    const ruleFields: Path[] = [
        [["status"]], [["enabled"]], [["noncurrentVersionExpirationInDays"]],
        [["noncurrentVersionExpiration", "noncurrentVersionExpirations"], ["noncurrentDays", "days"]],
    ];
    return ruleFields.map((field) => ({ path: [...rules, ...field], policy: LIFECYCLE }));
}

/** What s3-bucket-no-public-acl reads of an ACL (s3Shapes' publicAclGrants), where the bucket doesn't disable or ignore ACLs. */
function aclReads(...props: string[]): Read[] {
    return props.map((prop) => ({ path: [[prop]], policy: PUBLIC_ACL, readFor: aclResourcesToRead }));
}

/**
 * Whether a load balancer delivers ALB or Classic logs, or Redshift audit logs (model/elbLogShapes.ts,
 * model/redshiftLogShapes.ts), where that decides if its bucket may use SSE-S3.
 */
function serviceLogReads(...props: string[]): Read[] {
    return props.map((prop) => ({ path: [[prop]], policy: SSE, readFor: serviceLogResourcesToRead }));
}

/** Per type, the properties an encryption, policy-document, public-access, rotation or replication verdict reads, and whose verdict it is. */
const READ: ReadonlyMap<string, readonly Read[]> = new Map<string, Read[]>([
    [T.SSE_CONFIG, reads(SSE, "rules")],
    [T.SSE_CONFIG_V2, reads(SSE, "rules")],
    [T.BUCKET, [
        ...reads(SSE, "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"), ...reads(TLS, "policy"),
        ...INLINE_REPLICATION_READS, versioningRead(["versioning", "versionings"], ["enabled"]), ...OBJECT_LOCK_READS, ...lifecycleReads(["lifecycleRules"]),
        ...aclReads("acl", "grants"),
    ]],
    [T.BUCKET_V2, [
        ...reads(SSE, "serverSideEncryptionConfigurations"), ...reads(TLS, "policy"),
        ...INLINE_REPLICATION_READS, versioningRead(["versionings", "versioning"], ["enabled"]), ...OBJECT_LOCK_READS, ...lifecycleReads(["lifecycleRules"]),
        ...aclReads("acl", "grants"),
    ]],
    [T.BUCKET_ACL, aclReads("acl", "accessControlPolicy")],
    [T.BUCKET_ACL_V2, aclReads("acl", "accessControlPolicy")],
    [T.OBJECT_LOCK_CONFIG, [...OBJECT_LOCK_READS]],
    [T.OBJECT_LOCK_CONFIG_V2, [...OBJECT_LOCK_READS]],
    [T.LIFECYCLE_CONFIG, lifecycleReads(["rules", "rule"])],
    [T.LIFECYCLE_CONFIG_V2, lifecycleReads(["rules", "rule"])],
    [T.KMS_GRANT, reads(GRANT, "keyId", "granteePrincipal", "retiringPrincipal")],
    [T.BUCKET_POLICY, reads(TLS, "policy")],
    [T.NATIVE_BUCKET_POLICY, reads(TLS, "policyDocument")],
    [T.IAM_ROLE, [
        ...roleReads(["inlinePolicies"], ["policy"]), ...roleReads(["managedPolicyArns"]),
        { path: [["assumeRolePolicy"]], policy: REPLICATION_ROLE_TRUST, readFor: replicationRolePolicyResources },
    ]],
    [T.IAM_ROLE_POLICY, roleReads(["policy"])],
    [T.IAM_POLICY, roleReads(["policy"])],
    // An attachment's ARN is read when no policy of the stack explains it (it then stands for the role's permissions).
    [T.IAM_ROLE_POLICY_ATTACHMENT, roleReads(["policyArn"])],
    [T.IAM_POLICY_ATTACHMENT, roleReads(["policyArn"])],
    [T.PUBLIC_ACCESS_BLOCK, reads(PAB, ...PAB_FLAGS)],
    // An account-level block counts for the buckets of its account whose own block leaves a setting off.
    [T.ACCOUNT_PUBLIC_ACCESS_BLOCK, [
        ...PAB_FLAGS.map((flag) => ({ path: [[flag]], policy: PAB, readFor: accountBlocksToRead })),
        // The one setting that neutralises a public ACL written for a bucket the stack does not declare.
        { path: [["ignorePublicAcls"]], policy: PUBLIC_ACL, readFor: externalAclAccountBlocksToRead },
    ]],
    [T.OWNERSHIP_CONTROLS, [
        ...reads(OWNERSHIP, "rule", "rules"),
        ...["rule", "rules"].map((prop) => ({ path: [[prop]], policy: PUBLIC_ACL, readFor: ownershipResourcesToRead })),
    ]],
    [T.BUCKET_OBJECT, [...reads(OBJECT_SSE, "serverSideEncryption", "kmsKeyId"), ...aclReads("acl")]],
    [T.BUCKET_OBJECT_V2, [...reads(OBJECT_SSE, "serverSideEncryption", "kmsKeyId"), ...aclReads("acl")]],
    [T.OBJECT_COPY, [...reads(OBJECT_SSE, "serverSideEncryption", "kmsKeyId", "customerAlgorithm"), ...aclReads("acl", "grants")]],
    [T.KMS_KEY, [
        ...reads(ROTATION, "enableKeyRotation"), ...reads(KEY_POLICY, "policy"), ...reads(DELETION_WINDOW, "deletionWindowInDays"),
        ...keyReads(T.KMS_KEY, "customerMasterKeySpec", "keySpec", "keyUsage"),
    ]],
    [T.KMS_REPLICA_KEY, [...reads(KEY_POLICY, "policy"), ...reads(DELETION_WINDOW, "deletionWindowInDays"), ...keyReads(T.KMS_REPLICA_KEY)]],
    [T.KMS_EXTERNAL_KEY, [...reads(KEY_POLICY, "policy"), ...reads(DELETION_WINDOW, "deletionWindowInDays"), ...keyReads(T.KMS_EXTERNAL_KEY, "keySpec", "keyUsage")]],
    [T.KMS_REPLICA_EXTERNAL_KEY, [...reads(KEY_POLICY, "policy"), ...reads(DELETION_WINDOW, "deletionWindowInDays"), ...keyReads(T.KMS_REPLICA_EXTERNAL_KEY)]],
    [T.KMS_KEY_POLICY, [...reads(KEY_POLICY, "policy"), ...reads(LOCKOUT, "bypassPolicyLockoutSafetyCheck")]],
    [T.REPLICATION_CONFIG, [...REPLICATION_READS]],
    [T.VERSIONING, [versioningRead(["versioningConfiguration"], ["status"])]],
    [T.VERSIONING_V2, [versioningRead(["versioningConfiguration"], ["status"])]],
    [T.NATIVE_BUCKET, [
        ...reads(SSE, "bucketEncryption"), ...reads(PAB, "publicAccessBlockConfiguration"),
        ...INLINE_REPLICATION_READS, versioningRead(["versioningConfiguration"], ["status"]), ...OBJECT_LOCK_READS,
        ...lifecycleReads(["lifecycleConfiguration"], ["rules"]), ...aclReads("accessControl"),
        { path: [["ownershipControls"]], policy: PUBLIC_ACL, readFor: ownershipResourcesToRead }, ...reads(OWNERSHIP, "ownershipControls"),
    ]],
    [T.LOAD_BALANCER, serviceLogReads("accessLogs", "connectionLogs", "loadBalancerType")],
    [T.ALB_LOAD_BALANCER, serviceLogReads("accessLogs", "connectionLogs", "loadBalancerType")],
    [T.NATIVE_LOAD_BALANCER, serviceLogReads("loadBalancerAttributes", "type")],
    ...[...T.CLASSIC_LOAD_BALANCER_TYPES].map((type): [string, Read[]] => [type, serviceLogReads("accessLogs")]),
    [T.REDSHIFT_LOGGING, serviceLogReads("bucketName", "logDestinationType")],
    [T.REDSHIFT_CLUSTER, serviceLogReads("logging")],
    // The bucket an AWS service writes into and the encryption it asks for (model/serviceDeliveryShapes.ts).
    [T.CLOUDTRAIL_TRAIL, reads(SERVICE_DELIVERY, "s3BucketName", "kmsKeyId")],
    [T.CONFIG_DELIVERY_CHANNEL, reads(SERVICE_DELIVERY, "s3BucketName", "s3KmsKeyArn")],
    [T.FIREHOSE_DELIVERY_STREAM, [
        ...reads(SERVICE_DELIVERY, "destination"),
        ...["bucketArn", "kmsKeyArn"].map((prop) => ({ path: [["extendedS3Configuration"], [prop]], policy: SERVICE_DELIVERY })),
    ]],
    [T.S3_INVENTORY, ["bucketArn", "encryption"].map((prop) => ({ path: [["destination"], ["bucket"], [prop]], policy: SERVICE_DELIVERY }))],
    [T.ATHENA_WORKGROUP, ["outputLocation", "encryptionConfiguration"].map((prop) => ({ path: [["configuration"], ["resultConfiguration"], [prop]], policy: SERVICE_DELIVERY }))],
    [T.NATIVE_CLOUDTRAIL_TRAIL, reads(SERVICE_DELIVERY, "s3BucketName", "kmsKeyId")],
    [T.NATIVE_CONFIG_DELIVERY_CHANNEL, reads(SERVICE_DELIVERY, "s3BucketName", "s3KmsKeyArn")],
    [T.NATIVE_FIREHOSE_DELIVERY_STREAM, ["bucketArn", "encryptionConfiguration"].map((prop) => ({
        path: [["extendedS3DestinationConfiguration", "s3DestinationConfiguration"], [prop]], policy: SERVICE_DELIVERY,
    }))],
    [T.NATIVE_ATHENA_WORKGROUP, ["outputLocation", "encryptionConfiguration"].map((prop) => ({ path: [["workGroupConfiguration"], ["resultConfiguration"], [prop]], policy: SERVICE_DELIVERY }))],
    [T.NATIVE_KMS_KEY, [
        ...reads(ROTATION, "enableKeyRotation"), ...reads(KEY_POLICY, "keyPolicy"), ...reads(DELETION_WINDOW, "pendingWindowInDays"),
        ...keyReads(T.NATIVE_KMS_KEY, "keySpec", "keyUsage"),
    ]],
]);

const NO_TYPES: ReadonlySet<string> = new Set();
const TYPES_READ_BY = new Map<string, Set<string>>();
// The table by type and policy: a call is asked for one policy's reads of one type, thousands of times a stack.
const READS_OF = new Map<string, Map<string, Read[]>>();
for (const [type, typeReads] of READ) {
    const byPolicy = new Map<string, Read[]>();
    READS_OF.set(type, byPolicy);
    for (const read of typeReads) {
        let types = TYPES_READ_BY.get(read.policy);
        if (types === undefined) {
            types = new Set();
            TYPES_READ_BY.set(read.policy, types);
        }
        types.add(type);
        const reads = byPolicy.get(read.policy);
        if (reads === undefined) {
            byPolicy.set(read.policy, [read]);
        } else {
            reads.push(read);
        }
    }
}

/** The types whose values `policy` reads (the others never get a "cannot verify" from it): a set lookup per resource. */
export function typesReadBy(policy: string): ReadonlySet<string> {
    return TYPES_READ_BY.get(policy) ?? NO_TYPES;
}

/** Every policy the table names (the registry spec checks each is registered: a misspelt name would never fire). */
export function policiesWithReads(): readonly string[] {
    return [...TYPES_READ_BY.keys()];
}

type Unreadable = "an encrypted secret" | "an unknown value";

/** Depth-first; a policy document or rule list is small. */
function unreadable(v: Value | undefined): Unreadable | undefined {
    if (isRedactedSecret(v)) {
        return "an encrypted secret";
    }
    if (isUnknown(v)) {
        return "an unknown value";
    }
    if (v !== null && typeof v === "object") {
        for (const child of Array.isArray(v) ? v : Object.values(v)) {
            const found = unreadable(child);
            if (found) {
                return found;
            }
        }
    }
    return undefined;
}

// Outside a preview almost every resource is fully readable: one walk per props object answers for every policy
// and read of it, where the reads below walk their paths once per policy. Props are never mutated during a run.
const readableProps = new WeakMap<object, boolean>();

function fullyReadable(props: ValueObject): boolean {
    let readable = readableProps.get(props);
    if (readable === undefined) {
        readable = !hasUnreadable(props);
        readableProps.set(props, readable);
    }
    return readable;
}

/**
 * `unreadable(v) !== undefined`, for the walk over every resource's whole props: it only needs a yes or no, so it
 * tests strings (nearly every leaf) first and visits an object's fields in place instead of copying them out
 * (`Object.values`), which for 10k resources was most of the cost of this table outside a preview.
 */
function hasUnreadable(v: Value | undefined): boolean {
    if (typeof v === "string") {
        return isUnknown(v);
    }
    if (v === null || typeof v !== "object") {
        return false;
    }
    if (isUnknown(v)) {
        return true;
    }
    if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
            if (hasUnreadable(v[i])) {
                return true;
            }
        }
        return false;
    }
    for (const key in v) {
        // Own fields only, as `Object.values` (props are plain data; this guards against anything inherited).
        if (Object.prototype.hasOwnProperty.call(v, key) && hasUnreadable(v[key])) {
            return true;
        }
    }
    return false;
}

/** The props `cannotVerify` looks into: a plain object with something unreadable in it, else undefined. */
function unreadableProps(raw: unknown): ValueObject | undefined {
    const props = normalize(raw);
    return props !== null && typeof props === "object" && !Array.isArray(props) && !isUnknown(props) && !fullyReadable(props) ? props : undefined;
}

/** `BucketPolicy` of `aws:s3/bucketPolicy:BucketPolicy`: how a "cannot verify" names the resource's type. */
function shortType(type: string): string {
    return /:([^:]+)$/.exec(type)?.[1] ?? type;
}

// Each stack policy asks for the reasons of every resource of the types it reads: twenty policies over the same
// few thousand resources, of which outside a preview almost none has anything unreadable. Which ones do is
// decided once per index and type; the policies then visit only those (the same resources, in stack order).
const unreadableByIndex = new WeakMap<StackIndex, Map<string, readonly IndexedResource[]>>();

/** The resources of `type` in `index`, in stack order, for which `cannotVerify` may have a reason. */
export function resourcesToVerify(index: StackIndex, type: string): readonly IndexedResource[] {
    let byType = unreadableByIndex.get(index);
    if (byType === undefined) {
        byType = new Map();
        unreadableByIndex.set(index, byType);
    }
    let found = byType.get(type);
    if (found === undefined) {
        found = index.resourcesOfType(type).filter((r) => unreadableProps(r.props) !== undefined);
        byType.set(type, found);
    }
    return found;
}

/**
 * Where along `path` from `v` a value can't be read, as the property path a message shows (`rules[0].destination`),
 * with what it is: a secret or unknown on the way hides everything below it; at the end, anything inside the value.
 */
function unreadableAt(v: Value | undefined, path: Path, step: number, at: string): [string, Unreadable] | undefined {
    if (step === path.length) {
        const what = unreadable(v);
        return what && [at, what];
    }
    if (isRedactedSecret(v) || isUnknown(v)) {
        return [at, isRedactedSecret(v) ? "an encrypted secret" : "an unknown value"];
    }
    if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
            const found = unreadableAt(v[i], path, step, `${at}[${i}]`);
            if (found) {
                return found;
            }
        }
        return undefined;
    }
    if (v === null || v === undefined || typeof v !== "object") {
        return undefined;
    }
    for (const name of path[step]) {
        const found = unreadableAt(v[name], path, step + 1, at === "" ? name : `${at}.${name}`);
        if (found) {
            return found;
        }
    }
    return undefined;
}

function fix(what: Unreadable, mode: RunMode): string {
    if (what === "an encrypted secret") {
        return "check it where the secret can be decrypted: `pulumi policy analyze --stack` with the stack's secrets provider available, "
            + "or export the stack with `pulumi stack export --show-secrets` and check that file; or make the value non-secret in the program";
    }
    return mode === "update"
        ? "make the value known before the resource is created (a literal, or an output of a resource created earlier), "
            + "or check the deployed state with `pulumi policy analyze --stack`"
        : "export the stack again after a completed `pulumi up` (unknown values belong to a preview)";
}

// Nearly every call finds nothing: one shared empty answer instead of an array per resource and policy.
const NO_REASONS: readonly string[] = [];

/**
 * The "cannot verify" reasons of `policy` for one resource's properties (none in a preview; the engine's placeholder of
 * a resource an update does not create never gets here: model/placeholders.ts). `index` says which
 * resources a stack-dependent read applies to; without one (a resource policy) every read of the type applies.
 */
export function cannotVerify(
    policy: string, mode: RunMode, r: { type: string; name: string; urn?: string; props: unknown }, index?: StackIndex,
): readonly string[] {
    if (mode === "preview") {
        return NO_REASONS;
    }
    const policyReads = READS_OF.get(r.type)?.get(policy);
    if (policyReads === undefined) {
        return NO_REASONS;
    }
    const props = unreadableProps(r.props);
    if (props === undefined) {
        return NO_REASONS;
    }
    for (const read of policyReads) {
        if (read.readFor && index && r.urn !== undefined && !read.readFor(index).has(r.urn)) {
            continue;
        }
        const found = unreadableAt(props, read.path, 0, "");
        if (found) {
            // One per resource and policy: the first property it can't read says enough.
            const [prop, what] = found;
            return [`cannot verify: ${shortType(r.type)} "${r.name}" has ${prop} as ${what}, so the policy can't read it. Fix: ${fix(what, mode)}`];
        }
    }
    return NO_REASONS;
}

/** How a "cannot verify" names the account a resource deploys into, which its provider's assumed role says. */
export const PROVIDER_ACCOUNT_SETTING = "its account (from its provider's assumed role)";

/**
 * The same finding for a setting a policy reads from the resource's provider (its region, the account or role it
 * deploys as), which the table above can't name: outside a preview an unreadable provider setting (a secret
 * `assumeRoles` or `region` in an export made without --show-secrets) is a finding, never a pass.
 */
export function cannotVerifyProviderSetting(mode: RunMode, r: { type: string; name: string }, setting: string, value: unknown): string | undefined {
    if (mode === "preview" || !isUnknown(value)) {
        return undefined;
    }
    // The provider's facts are already reduced to "not readable": a secret is the usual cause outside a preview.
    return `cannot verify: ${shortType(r.type)} "${r.name}" has ${setting} as an encrypted secret or an unknown value, so the policy can't read it. Fix: ${fix("an encrypted secret", mode)}`;
}

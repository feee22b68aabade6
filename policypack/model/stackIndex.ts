// The cross-resource model of a stack, built once per stack evaluation in O(resources + edges):
// buckets with every configuration that applies to them (inline legacy properties, V2 lists, the
// separate configuration resources), keys with their policies and aliases, replication roles with
// their identity policies, and replication rules with their source, destinations and replica keys.
import { PolicyResource } from "@pulumi/policy";
import * as T from "./awsTypes";
import { parseArn } from "./arn";
import { Maybe, ParsedPolicy, parsePolicy } from "./policyDocument";
import { knownString, ReferenceTable } from "./references";
import {
    bucketArnOf, bucketNameOf, objectOwnershipSettings, publicAclGrants, ReplicationRuleFields, replicationRuleFields, serverAccessLogConfigs,
    serverAccessLogTarget, SseRuleFields, sseRuleFields,
    INLINE_BLOCK_FIELDS, inlineBlock, NATIVE_BLOCK_FIELDS,
} from "./s3Shapes";
import { IndexedResource, indexResource } from "./resources";
import { isEnginePlaceholder } from "./placeholders";
import { NativeBlock, nativeDeclarationsOf } from "./runMemory";
import { ElbLogSetting, elbLogSettings, loadBalancerType } from "./elbLogShapes";
import { RedshiftLogSetting, redshiftLogSettings } from "./redshiftLogShapes";
import { ServiceDeliverySetting, serviceDeliverySettings } from "./serviceDeliveryShapes";
import { bucketObjectLockEnabled, LifecycleRuleModel, lifecycleRules, nativeLifecycleRules, objectLockConfigurationEnabled } from "./dataProtectionShapes";
import {
    asBool, asString, children, field, isUnknown, normalize, Unknown, UNKNOWN, Value, ValueObject,
} from "./values";

export interface AttachedPolicy {
    /** The resource that carries the document (bucket/key/role for inline, else the policy resource). */
    resource: IndexedResource;
    inline: boolean;
    statements: ParsedPolicy;
    /** The text is not a JSON policy document. */
    invalid: boolean;
}

export interface SseRule extends SseRuleFields {
    /** Keys of this stack the rule uses (resolved by literal, alias, or dependency). */
    keys: KeyModel[];
}

export interface SseConfig {
    resource: IndexedResource;
    inline: boolean;
    rules: SseRule[] | Unknown;
}

export interface VersioningConfig {
    resource: IndexedResource;
    inline: boolean;
    /** `Enabled` | `Suspended` | `Disabled` (inline `enabled: true` reads as `Enabled`). */
    status: Maybe<string> | undefined;
}

export type PublicAccessFlag = "blockPublicAcls" | "blockPublicPolicy" | "ignorePublicAcls" | "restrictPublicBuckets";
export const PUBLIC_ACCESS_FLAGS: readonly PublicAccessFlag[] = [
    "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets",
];

export interface PublicAccessBlockConfig {
    resource: IndexedResource;
    flags: Record<PublicAccessFlag, Maybe<boolean> | undefined>;
}

/** An ACL the stack writes: the bucket's own (`acl`, `grants`, aws-native `accessControl`), a `BucketAcl`, or an object's `acl`. */
export interface AclConfig {
    resource: IndexedResource;
    /** What in it is public (`canned ACL "public-read"`, `a grant to AllUsers`); UNKNOWN while it can't be read. */
    publicGrants: string[] | Unknown;
}

export interface OwnershipConfig {
    resource: IndexedResource;
    objectOwnership: Maybe<string> | undefined;
}

export interface BucketModel {
    resource: IndexedResource;
    name: Maybe<string> | undefined;
    arn: Maybe<string> | undefined;
    sse: SseConfig[];
    versioning: VersioningConfig[];
    policies: AttachedPolicy[];
    publicAccessBlocks: PublicAccessBlockConfig[];
    acls: AclConfig[];
    ownership: OwnershipConfig[];
    /** Replications whose source is this bucket. */
    replications: ReplicationModel[];
    /** What turns S3 Object Lock on: the bucket's own inputs, BucketObjectLockConfiguration(V2). */
    objectLock: ObjectLockDeclaration[];
    lifecycle: LifecycleDeclaration[];
    /** Server access logging configurations that deliver into this bucket (it is a log bucket). */
    logTargetOf: LoggingModel[];
    /**
     * Other services' log settings that name this bucket (load balancers, Redshift audit logging), whatever their
     * type, switch and Region: the policies judge those (policies/serviceLogFacts.ts).
     */
    serviceLogTargetOf: ServiceLogDelivery[];
}

export interface ObjectLockDeclaration {
    resource: IndexedResource;
    enabled: Maybe<boolean>;
}

export interface LifecycleDeclaration {
    resource: IndexedResource;
    inline: boolean;
    rules: LifecycleRuleModel[] | Unknown;
}

/** A server access logging configuration: `BucketLogging(V2)`, or the deprecated inline `logging`/`loggings` of a bucket. */
export interface LoggingModel {
    resource: IndexedResource;
    inline: boolean;
    /** The logged bucket, when it is in this stack. */
    source: BucketModel | undefined;
    /** The target bucket's name as written (UNKNOWN while it is an output). */
    targetRef: Maybe<string> | undefined;
    /** Target buckets of this stack (by literal, else by dependency). */
    targets: BucketModel[];
}

/** One log setting of a load balancer, ELBv2 or Classic (model/elbLogShapes.ts), and the buckets of this stack it names. */
export interface ElbLogDelivery extends ElbLogSetting {
    service: "elb";
    resource: IndexedResource;
    /** "application" (ELBv2's default) | "network" | "gateway" | "classic"; UNKNOWN while it is an output. */
    loadBalancerType: Maybe<string>;
    /** Buckets of this stack (by literal name, else by dependency). */
    targets: BucketModel[];
}

/** Redshift audit logging into S3 (model/redshiftLogShapes.ts), and the buckets of this stack it names. */
export interface RedshiftLogDelivery extends RedshiftLogSetting {
    service: "redshift";
    resource: IndexedResource;
    /** Buckets of this stack (by literal name, else by dependency). */
    targets: BucketModel[];
}

/** A log delivery of another AWS service into a bucket it names. */
export type ServiceLogDelivery = ElbLogDelivery | RedshiftLogDelivery;

/** An AWS service the stack points at a bucket to write objects into, with its own encryption setting (model/serviceDeliveryShapes.ts). */
export interface ServiceDelivery extends ServiceDeliverySetting {
    resource: IndexedResource;
    /** Buckets of this stack it names (by literal name, else by dependency). */
    targets: BucketModel[];
    /** The stack's keys `keyRef` names (a key outside the stack: none), as a bucket's default encryption names them. */
    keys: KeyModel[];
}

export interface KeyModel {
    resource: IndexedResource;
    replica: boolean;
    /** For a ReplicaKey: its primary, when the primary is in this stack. */
    primary: KeyModel | undefined;
    arn: Maybe<string> | undefined;
    policies: AttachedPolicy[];
    /** The stack's `aws.kms.Grant`s of this key. */
    grants: KeyGrant[];
}

/**
 * A KMS grant of a key of this stack (`aws.kms.Grant`): its grantee may use the key for its operations without any
 * key policy or IAM policy statement ("AWS KMS Developer Guide", "Grants in AWS KMS"); an explicit Deny still wins.
 */
export interface KeyGrant {
    resource: IndexedResource;
    grantee: Maybe<string> | undefined;
    /** Grant operations as KMS names them (`Decrypt`, `Encrypt`, ...); UNKNOWN while they can't be read. */
    operations: Maybe<string>[] | Unknown;
    /** The grant carries encryption-context constraints, or they can't be read: it may not cover S3's requests. */
    constrained: boolean;
}

export interface RoleModel {
    resource: IndexedResource;
    arn: Maybe<string> | undefined;
    policies: AttachedPolicy[];
    /**
     * Managed policies attached by a known ARN that names no policy of this stack (an AWS managed policy, one another
     * stack owns): the pack can't read them, so a finding about the role's IAM permissions says so.
     */
    externalPolicyArns: string[];
}

export interface ReplicationRule extends ReplicationRuleFields {
    position: number;
    /** In-stack destination buckets (by literal, else the replication's unclaimed dependencies). */
    destinations: BucketModel[];
    replicaKeys: KeyModel[];
    /**
     * The rules (two or more, this one included) whose unknown destination drew on the same candidates: in a fresh
     * preview the replication's dependencies don't say which rule names which bucket. Empty when the rule's own.
     */
    destinationPool: ReplicationRule[];
    /** The same for an unknown replica key. */
    replicaKeyPool: ReplicationRule[];
}

/** What a replication configuration says, whether or not the stack declares the bucket it replicates. */
export interface ReplicationConfig {
    resource: IndexedResource;
    inline: boolean;
    /** The source bucket, when the stack declares it. */
    source: BucketModel | undefined;
    roleRef: Maybe<string> | undefined;
    roles: RoleModel[];
    rules: ReplicationRule[] | Unknown;
}

/** A replication of a bucket the stack declares. */
export interface ReplicationModel extends ReplicationConfig {
    source: BucketModel;
}

/**
 * Configuration the stack writes for buckets it does not declare (an existing bucket named by a literal,
 * or one no dependency leads to). Only its content can be judged: what else such a bucket has is unknown.
 */
export interface ExternalBucketConfigs {
    sse: SseConfig[];
    policies: AttachedPolicy[];
    publicAccessBlocks: PublicAccessBlockConfig[];
    /** ACLs the stack writes for such a bucket or its objects (`BucketAcl(V2)`, `BucketObject(v2)`, `ObjectCopy`). */
    acls: AclConfig[];
    ownership: OwnershipConfig[];
    /** `BucketReplicationConfig`s: their rules, role, destinations and replica keys are read like any other's. */
    replications: ReplicationConfig[];
}

export interface StackIndex {
    resourcesByUrn: ReadonlyMap<string, IndexedResource>;
    buckets: BucketModel[];
    keys: KeyModel[];
    roles: RoleModel[];
    replications: ReplicationModel[];
    loggings: LoggingModel[];
    serviceLogDeliveries: ServiceLogDelivery[];
    serviceDeliveries: ServiceDelivery[];
    external: ExternalBucketConfigs;
    /** `aws.s3.AccountPublicAccessBlock`s: they apply to every bucket of their account. */
    accountPublicAccessBlocks: PublicAccessBlockConfig[];
    /**
     * The stack's keys that a stack output names (by key ARN, key id, alias name or alias ARN, at any depth), with
     * the first output path that does: other stacks read such a key through a StackReference, so their data depends
     * on it although no bucket of this stack uses it. Known values only (a fresh preview's outputs are unknown).
     */
    exportedKeys: ReadonlyMap<KeyModel, string>;
    bucketOf(urn: string): BucketModel | undefined;
    /** The indexed resources of `type`, in stack order (none for a type the index doesn't read). */
    resourcesOfType(type: string): readonly IndexedResource[];
}

function attach(resource: IndexedResource, inline: boolean, raw: Value | undefined): AttachedPolicy {
    try {
        return { resource, inline, statements: parsePolicy(raw), invalid: false };
    } catch {
        return { resource, inline, statements: [], invalid: true };
    }
}

const NONE: readonly IndexedResource[] = [];

class IndexBuilder {
    readonly resourcesByUrn = new Map<string, IndexedResource>();
    readonly byType = new Map<string, IndexedResource[]>();
    readonly buckets = new ReferenceTable<BucketModel>();
    readonly keys = new ReferenceTable<KeyModel>();
    /**
     * The stack's keys by the alias name or key id a program names them with, per account and Region: KMS resolves an
     * alias name or key id within the requester's account and Region ("Amazon S3 API Reference, PutBucketEncryption"),
     * so the same name means another key, or none, for a bucket in another account or Region.
     */
    private readonly keysByScopedName = new Map<string, KeyModel>();
    /** Names of keys whose account or Region can't be told (ambient credentials): no per-account answer for them. */
    private readonly unscopedKeyNames = new Set<string>();
    readonly roles = new ReferenceTable<RoleModel>();
    readonly iamPolicies = new ReferenceTable<AttachedPolicy>();
    readonly bucketList: BucketModel[] = [];
    readonly keyList: KeyModel[] = [];
    readonly roleList: RoleModel[] = [];
    readonly replications: ReplicationModel[] = [];
    readonly loggings: LoggingModel[] = [];
    readonly serviceLogDeliveries: ServiceLogDelivery[] = [];
    readonly serviceDeliveries: ServiceDelivery[] = [];
    readonly external: ExternalBucketConfigs = { sse: [], policies: [], publicAccessBlocks: [], acls: [], ownership: [], replications: [] };
    readonly accountPublicAccessBlocks: PublicAccessBlockConfig[] = [];
    /** The root stack resource's outputs (the program's exports), when the engine sent it. */
    private stackOutputs: Value | undefined;

    constructor(resources: readonly PolicyResource[]) {
        for (const r of resources) {
            if (r.type === T.STACK && r.parent === undefined) {
                // Unwrapped once: reading an unknown output through the engine's proxy would throw (model/values.ts).
                this.stackOutputs = normalize(r.props);
            }
            // A placeholder is a resource this update does not create: as if the stack did not declare it.
            if (!T.INDEXED_TYPES.has(r.type) || isEnginePlaceholder(r)) {
                continue;
            }
            const indexed = indexResource(r);
            this.resourcesByUrn.set(indexed.urn, indexed);
            const list = this.byType.get(indexed.type);
            if (list) {
                list.push(indexed);
            } else {
                this.byType.set(indexed.type, [indexed]);
            }
        }
    }

    of(...types: string[]): IndexedResource[] {
        const out: IndexedResource[] = [];
        for (const t of types) {
            out.push(...(this.byType.get(t) ?? []));
        }
        return out;
    }

    build(): StackIndex {
        this.addKeys();
        this.addAliases();
        this.addKeyPolicies();
        this.addKeyGrants();
        this.addRoles();
        this.addBuckets();
        this.addSseConfigs();
        this.addVersioning();
        this.addBucketPolicies();
        this.addPublicAccessBlocks();
        this.addAcls();
        this.addOwnershipControls();
        this.addDataProtection();
        for (const bucket of this.bucketList) {
            if (bucket.resource.type === T.NATIVE_BUCKET) {
                this.addNativeBucketConfig(bucket);
                dropNativeReadBack(bucket);
            }
        }
        this.addReplicationConfigs();
        this.addLoggingConfigs();
        this.addServiceLogDeliveries();
        this.addServiceDeliveries();
        for (const bucket of this.bucketList) {
            if (bucket.resource.type !== T.NATIVE_BUCKET) {
                this.addInlineBucketConfig(bucket);
            }
        }
        const buckets = this.buckets;
        const byType = this.byType;
        return {
            resourcesByUrn: this.resourcesByUrn,
            buckets: this.bucketList,
            keys: this.keyList,
            roles: this.roleList,
            replications: this.replications,
            loggings: this.loggings,
            serviceLogDeliveries: this.serviceLogDeliveries,
            serviceDeliveries: this.serviceDeliveries,
            external: this.external,
            accountPublicAccessBlocks: this.accountPublicAccessBlocks,
            exportedKeys: this.exportedKeys(),
            bucketOf: (urn) => buckets.byResourceUrn(urn),
            resourcesOfType: (type) => byType.get(type) ?? NONE,
        };
    }

    private exportedKeys(): Map<KeyModel, string> {
        const out = new Map<KeyModel, string>();
        const visit = (value: unknown, at: string): void => {
            if (typeof value === "string" && !isUnknown(value)) {
                const key = this.keys.byValue(value);
                if (key !== undefined && !out.has(key)) out.set(key, at);
            } else if (Array.isArray(value)) {
                value.forEach((v, i) => visit(v, `${at}[${i}]`));
            } else if (value !== null && typeof value === "object" && !isUnknown(value)) {
                for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, at === "" ? k : `${at}.${k}`);
            }
        };
        if (this.stackOutputs !== undefined) visit(this.stackOutputs, "");
        return out;
    }

    private addKeys(): void {
        for (const r of this.of(T.KMS_KEY, T.KMS_REPLICA_KEY, T.KMS_EXTERNAL_KEY, T.KMS_REPLICA_EXTERNAL_KEY, T.NATIVE_KMS_KEY)) {
            const arn = asString(r.props["arn"]);
            const key: KeyModel = {
                resource: r, replica: r.type === T.KMS_REPLICA_KEY || r.type === T.KMS_REPLICA_EXTERNAL_KEY, primary: undefined, arn, policies: [], grants: [],
            };
            const policy = r.props[T.documentProperty(r.type) ?? "policy"];
            if (policy !== undefined && policy !== null) {
                key.policies.push(attach(r, true, policy));
            }
            this.keys.addResource(r.urn, key);
            this.keys.addLiteral(arn, key);
            this.keys.addLiteral(asString(r.props["keyId"]), key);
            this.addScopedKeyName(asString(r.props["keyId"]), r, key);
            this.keyList.push(key);
        }
        for (const key of this.keyList) {
            if (key.replica) {
                const r = key.resource;
                key.primary = this.keys.resolve(r, ["primaryKeyArn"], asString(r.props["primaryKeyArn"]))[0];
            }
        }
    }

    private addAliases(): void {
        for (const r of this.of(T.KMS_ALIAS, T.NATIVE_KMS_ALIAS)) {
            const target = this.keys.resolve(r, ["targetKeyId"], asString(r.props["targetKeyId"]))[0];
            if (!target) {
                continue;
            }
            this.keys.addResource(r.urn, target);
            const name = asString(r.props["name"] ?? r.props["aliasName"]);
            this.keys.addLiteral(name, target);
            this.addScopedKeyName(name, r, target);
            this.keys.addLiteral(asString(r.props["arn"]), target);
            // The alias ARN a program writes literally ("AWS KMS Developer Guide, Key identifiers (KeyId)": alias ARN
            // arn:aws:kms:<region>:<account>:alias/<name>) names this alias before its `arn` output is known (a fresh preview).
            this.keys.addLiteral(aliasArn(name, r.region, r.account), target);
        }
    }

    private addKeyPolicies(): void {
        for (const r of this.of(T.KMS_KEY_POLICY)) {
            for (const key of this.keys.resolve(r, ["keyId"], asString(r.props["keyId"]))) {
                // A KeyPolicy replaces the key's policy; the key's own `policy` output is a read-back.
                key.policies = key.policies.filter((p) => !p.inline);
                key.policies.push(attach(r, false, r.props["policy"]));
            }
        }
    }

    private addKeyGrants(): void {
        for (const r of this.of(T.KMS_GRANT)) {
            const operations = field(r.props, "operations");
            const constraints = field(r.props, "constraints");
            const grant: KeyGrant = {
                resource: r,
                grantee: asString(r.props["granteePrincipal"]),
                operations: isUnknown(operations) ? UNKNOWN : Array.isArray(operations) ? operations.map((o) => asString(o) ?? UNKNOWN) : [],
                constrained: constraints !== undefined && !(Array.isArray(constraints) && constraints.length === 0),
            };
            for (const key of this.keys.resolve(r, ["keyId"], asString(r.props["keyId"]))) {
                key.grants.push(grant);
            }
        }
    }

    private addRoles(): void {
        for (const r of this.of(T.IAM_POLICY)) {
            const policy = attach(r, false, r.props["policy"]);
            this.iamPolicies.addResource(r.urn, policy);
            this.iamPolicies.addLiteral(asString(r.props["arn"]), policy);
        }
        for (const r of this.of(T.IAM_ROLE)) {
            const role: RoleModel = { resource: r, arn: asString(r.props["arn"]), policies: [], externalPolicyArns: [] };
            const inline = children(r.props, "inlinePolicies");
            if (isUnknown(inline)) {
                role.policies.push({ resource: r, inline: true, statements: UNKNOWN, invalid: false });
            } else {
                for (const p of inline) {
                    role.policies.push(attach(r, true, field(p, "policy")));
                }
            }
            role.policies.push(...this.managedPolicies(r, role));
            this.roles.addResource(r.urn, role);
            this.roles.addLiteral(role.arn, role);
            this.roles.addLiteral(asString(r.props["name"]), role);
            this.roleList.push(role);
        }
        for (const r of this.of(T.IAM_ROLE_POLICY)) {
            for (const role of this.roles.resolve(r, ["role"], asString(r.props["role"]))) {
                role.policies.push(attach(r, false, r.props["policy"]));
            }
        }
        for (const r of this.of(T.IAM_ROLE_POLICY_ATTACHMENT)) {
            this.attachTo(this.roles.resolve(r, ["role"], asString(r.props["role"])), r);
        }
        for (const r of this.of(T.IAM_POLICY_ATTACHMENT)) {
            this.attachTo(this.attachedRoles(r), r);
        }
    }

    /**
     * An attachment's managed policy (`policyArn`), on each role it attaches to; one outside the stack is named. An
     * unknown ARN that no dependency explains (a data source's output in a preview) stands as a policy whose
     * statements are unknown: "can't tell", not "no such permission".
     */
    private attachTo(roles: RoleModel[], attachment: IndexedResource): void {
        const arn = asString(attachment.props["policyArn"]);
        const resolved = this.iamPolicies.resolve(attachment, ["policyArn"], arn);
        const policies: AttachedPolicy[] = isUnknown(arn) && resolved.length === 0
            ? [{ resource: attachment, inline: false, statements: UNKNOWN, invalid: false }]
            : resolved;
        for (const role of roles) {
            role.policies.push(...policies);
            if (typeof arn === "string" && policies.length === 0) {
                role.externalPolicyArns.push(arn);
            }
        }
    }

    /**
     * The roles a PolicyAttachment lists in `roles` (names): each known name by its literal, and every role the list
     * depends on when a name is an unknown (a role created in the same stack, on a fresh stack).
     */
    private attachedRoles(r: IndexedResource): RoleModel[] {
        return this.roles.resolveList(r, "roles", field(r.props, "roles")).models;
    }

    /**
     * The customer managed policies a role lists in its own `managedPolicyArns`. On a fresh stack an ARN of a
     * policy being created is an unknown: the policy is then found through `propertyDependencies`, as for a
     * RolePolicyAttachment's `policyArn`. A listed ARN that stays unknown and names no policy of the stack (a data
     * source's output, a secret `policy analyze` can't decrypt) stands as a policy whose statements are unknown, so
     * a check reads "can't tell" instead of "this role has no such permission".
     */
    private managedPolicies(r: IndexedResource, role: RoleModel): AttachedPolicy[] {
        const { models, outside, unresolved } = this.iamPolicies.resolveList(r, "managedPolicyArns", field(r.props, "managedPolicyArns"));
        role.externalPolicyArns.push(...outside);
        return unresolved ? [...models, { resource: r, inline: false, statements: UNKNOWN, invalid: false }] : models;
    }

    private addBuckets(): void {
        for (const r of this.of(T.BUCKET, T.BUCKET_V2, T.NATIVE_BUCKET)) {
            const name = asString(r.props[r.type === T.NATIVE_BUCKET ? "bucketName" : "bucket"]);
            const arn = asString(r.props["arn"]);
            const bucket: BucketModel = {
                resource: r, name, arn, sse: [], versioning: [], policies: [], publicAccessBlocks: [], acls: [], ownership: [], replications: [],
                objectLock: [], lifecycle: [], logTargetOf: [], serviceLogTargetOf: [],
            };
            this.buckets.addResource(r.urn, bucket);
            this.buckets.addLiteral(name, bucket);
            this.buckets.addLiteral(arn, bucket);
            if (typeof name === "string") {
                this.buckets.addLiteral(bucketArnOf(name), bucket);
            }
            this.bucketList.push(bucket);
        }
    }

    /**
     * The deprecated inline properties of `Bucket` (v7 singular shapes) and `BucketV2` (lists), for the
     * kinds of configuration that no separate resource manages. The provider reads these properties back
     * into the bucket's outputs (e.g. the SSE-S3 default seen at creation, before the separate SSE
     * resource existed), so next to a separate resource they are stale echoes, not a second declaration.
     */
    private addInlineBucketConfig(bucket: BucketModel): void {
        const r = bucket.resource;
        const p = r.props;
        const sse = inlineBlock(p, "sse");
        if ((bucket.sse.length === 0 || declaredInPreview(bucket, sse)) && sse !== undefined && !(Array.isArray(sse) && sse.length === 0)) {
            const configs = children(p, ...INLINE_BLOCK_FIELDS.sse);
            const rules = isUnknown(configs)
                ? UNKNOWN
                : flatten(configs.map((c) => this.sseRules(r, c, [...INLINE_BLOCK_FIELDS.sse])));
            bucket.sse.push({ resource: r, inline: true, rules });
        }
        const versioning = inlineDeclares(bucket, bucket.versioning.length, inlineBlock(p, "versioning")) ? children(p, ...INLINE_BLOCK_FIELDS.versioning) : [];
        if (isUnknown(versioning)) {
            bucket.versioning.push({ resource: r, inline: true, status: UNKNOWN });
        } else {
            for (const v of versioning) {
                const enabled = asBool(field(v, "enabled"));
                if (enabled === undefined) {
                    continue;
                }
                bucket.versioning.push({ resource: r, inline: true, status: isUnknown(enabled) ? UNKNOWN : enabled ? "Enabled" : "Suspended" });
            }
        }
        if (inlineDeclares(bucket, bucket.policies.length, p["policy"]) && p["policy"] !== undefined && p["policy"] !== null && p["policy"] !== "") {
            bucket.policies.push(attach(r, true, p["policy"]));
        }
    }

    /**
     * aws-native's `aws-native:s3:Bucket` carries every configuration in the bucket resource itself
     * (`bucketEncryption.serverSideEncryptionConfiguration[]`, `versioningConfiguration`,
     * `publicAccessBlockConfiguration`, `ownershipControls`, `accessControl`; replication is read with the
     * inline shapes), so each is a declaration, never an echo.
     */
    private addNativeBucketConfig(bucket: BucketModel): void {
        const r = bucket.resource;
        const p = r.props;
        const encryption = children(p, "bucketEncryption");
        if (isUnknown(encryption)) {
            bucket.sse.push({ resource: r, inline: true, rules: UNKNOWN });
        } else if (encryption.length > 0) {
            bucket.sse.push({ resource: r, inline: true, rules: this.sseRules(r, encryption[0], ["bucketEncryption"]) });
        }
        const versioning = children(p, "versioningConfiguration");
        if (isUnknown(versioning)) {
            bucket.versioning.push({ resource: r, inline: true, status: UNKNOWN });
        } else if (versioning.length > 0) {
            bucket.versioning.push({ resource: r, inline: true, status: asString(field(versioning[0], "status")) });
        }
        const pab = children(p, "publicAccessBlockConfiguration");
        if (!isUnknown(pab) && pab.length > 0) {
            bucket.publicAccessBlocks.push({ resource: r, flags: publicAccessFlags(pab[0]) });
        } else if (isUnknown(pab)) {
            bucket.publicAccessBlocks.push({ resource: r, flags: publicAccessFlags(UNKNOWN) });
        }
    }

    private sseRules(from: IndexedResource, config: ValueObject | Unknown, depKeys: string[]): SseRule[] | Unknown {
        const rules = sseRuleFields(config);
        if (isUnknown(rules)) {
            return UNKNOWN;
        }
        return rules.map((rule) => ({ ...rule, keys: rule.keyRef === undefined ? [] : this.defaultKeys(from, depKeys, rule.keyRef) }));
    }

    private addScopedKeyName(name: Maybe<string> | undefined, r: IndexedResource, key: KeyModel): void {
        if (typeof name !== "string" || name === "") {
            return;
        }
        const scope = scopeOf(r);
        if (scope === undefined) {
            this.unscopedKeyNames.add(name);
        } else if (!this.keysByScopedName.has(`${scope}|${name}`)) {
            this.keysByScopedName.set(`${scope}|${name}`, key);
        }
    }

    /**
     * The stack's keys a default encryption rule names. An alias name or key id (not an ARN) is the key of that name in
     * the bucket's account and Region, where S3 has KMS resolve it: an alias of the same name the stack creates in
     * another account or Region is not the bucket's key.
     */
    private defaultKeys(from: IndexedResource, depKeys: string[], ref: Maybe<string>): KeyModel[] {
        const keys = this.keys.resolve(from, depKeys, ref);
        if (typeof ref !== "string" || ref.startsWith("arn:") || this.unscopedKeyNames.has(ref)) {
            return keys;
        }
        const scope = scopeOf(from);
        if (scope === undefined) {
            return keys;
        }
        const inScope = this.keysByScopedName.get(`${scope}|${ref}`);
        return inScope === undefined ? [] : [inScope];
    }

    /** The bucket of this stack a configuration resource belongs to (its `bucket` input), if any. */
    private owningBucket(r: IndexedResource): BucketModel | undefined {
        return this.buckets.resolve(r, ["bucket"], bucketNameOf(asString(r.props["bucket"])))[0];
    }

    private addSseConfigs(): void {
        for (const r of this.of(T.SSE_CONFIG, T.SSE_CONFIG_V2)) {
            const config: SseConfig = { resource: r, inline: false, rules: this.sseRules(r, r.props, ["rule", "rules"]) };
            (this.owningBucket(r)?.sse ?? this.external.sse).push(config);
        }
    }

    private addVersioning(): void {
        for (const r of this.of(T.VERSIONING, T.VERSIONING_V2)) {
            const bucket = this.owningBucket(r);
            if (!bucket) {
                continue;
            }
            const configs = children(r.props, "versioningConfiguration");
            const status = isUnknown(configs) ? UNKNOWN : configs.length === 0 ? undefined : asString(field(configs[0], "status"));
            bucket.versioning.push({ resource: r, inline: false, status });
        }
    }

    private addBucketPolicies(): void {
        for (const r of this.of(T.BUCKET_POLICY, T.NATIVE_BUCKET_POLICY)) {
            const document = r.props[T.documentProperty(r.type) ?? "policy"];
            (this.owningBucket(r)?.policies ?? this.external.policies).push(attach(r, false, document));
        }
    }

    private addPublicAccessBlocks(): void {
        for (const r of this.of(T.PUBLIC_ACCESS_BLOCK)) {
            (this.owningBucket(r)?.publicAccessBlocks ?? this.external.publicAccessBlocks).push({ resource: r, flags: publicAccessFlags(r.props) });
        }
        for (const r of this.of(T.ACCOUNT_PUBLIC_ACCESS_BLOCK)) {
            this.accountPublicAccessBlocks.push({ resource: r, flags: publicAccessFlags(r.props) });
        }
    }

    /** ACLs written for a bucket of this stack: its own inputs, `BucketAcl(V2)` resources, and its objects' `acl` (an `ObjectCopy`'s `grants` too). */
    private addAcls(): void {
        for (const bucket of this.bucketList) {
            const own = publicAclGrants(bucket.resource.props);
            if (isUnknown(own) || own.length > 0) {
                bucket.acls.push({ resource: bucket.resource, publicGrants: own });
            }
        }
        for (const r of this.of(T.BUCKET_ACL, T.BUCKET_ACL_V2, T.BUCKET_OBJECT, T.BUCKET_OBJECT_V2, T.OBJECT_COPY)) {
            (this.owningBucket(r)?.acls ?? this.external.acls).push({ resource: r, publicGrants: publicAclGrants(r.props) });
        }
    }

    private addDataProtection(): void {
        for (const bucket of this.bucketList) {
            const p = bucket.resource.props;
            const enabled = bucketObjectLockEnabled(p);
            if (enabled !== undefined) {
                bucket.objectLock.push({ resource: bucket.resource, enabled });
            }
            const native = bucket.resource.type === T.NATIVE_BUCKET;
            const rules = native ? nativeLifecycleRules(p) : lifecycleRules(p, "lifecycleRules");
            if (isUnknown(rules) || rules.length > 0) {
                bucket.lifecycle.push({ resource: bucket.resource, inline: true, rules });
            }
        }
        for (const r of this.of(T.OBJECT_LOCK_CONFIG, T.OBJECT_LOCK_CONFIG_V2)) {
            this.owningBucket(r)?.objectLock.push({ resource: r, enabled: objectLockConfigurationEnabled(r.props) });
        }
        for (const r of this.of(T.LIFECYCLE_CONFIG, T.LIFECYCLE_CONFIG_V2)) {
            this.owningBucket(r)?.lifecycle.push({ resource: r, inline: false, rules: lifecycleRules(r.props, "rules", "rule") });
        }
    }

    private addOwnershipControls(): void {
        for (const r of this.of(T.OWNERSHIP_CONTROLS)) {
            const settings = objectOwnershipSettings(r.type, r.props);
            (this.owningBucket(r)?.ownership ?? this.external.ownership).push({ resource: r, objectOwnership: isUnknown(settings) ? UNKNOWN : settings[0] });
        }
        for (const bucket of this.bucketList) {
            if (bucket.resource.type !== T.NATIVE_BUCKET) {
                continue;
            }
            const settings = objectOwnershipSettings(bucket.resource.type, bucket.resource.props);
            if (isUnknown(settings) || settings.length > 0) {
                bucket.ownership.push({ resource: bucket.resource, objectOwnership: isUnknown(settings) ? UNKNOWN : settings[0] });
            }
        }
    }

    /**
     * Server access logging, separate resources first; a bucket's inline `logging` (v7) / `loggings` (V2) only
     * when no separate resource configures it (the provider reads the setting back into the bucket's outputs).
     * aws-native's `loggingConfiguration` is the bucket's only way to declare it: always a declaration.
     */
    private addLoggingConfigs(): void {
        const configured = new Set<BucketModel>();
        for (const r of this.of(T.BUCKET_LOGGING, T.BUCKET_LOGGING_V2)) {
            const source = this.owningBucket(r);
            if (source) {
                configured.add(source);
            }
            const { configs, depKeys } = serverAccessLogConfigs(r.type, r.props, true);
            this.addLoggings(r, false, source, configs, depKeys);
        }
        for (const bucket of this.bucketList) {
            if (!inlineDeclares(bucket, configured.has(bucket) ? 1 : 0, inlineBlock(bucket.resource.props, "logging"))) {
                continue;
            }
            // Not readable yet (written from an output): the buckets it depends on may be its log target, and a log
            // bucket is judged as one (SSE-S3 allowed) rather than blocked as a data bucket during the preview.
            const { configs, depKeys } = serverAccessLogConfigs(bucket.resource.type, bucket.resource.props, false);
            this.addLoggings(bucket.resource, true, bucket, configs, depKeys);
        }
    }

    private addLoggings(r: IndexedResource, inline: boolean, source: BucketModel | undefined, configs: (ValueObject | Unknown)[] | Unknown, depKeys: string[]): void {
        for (const config of isUnknown(configs) ? [UNKNOWN] : configs) {
            this.addLogging(r, inline, source, config, depKeys);
        }
    }

    private addLogging(r: IndexedResource, inline: boolean, source: BucketModel | undefined, config: ValueObject | Unknown, depKeys: string[]): void {
        const named = serverAccessLogTarget(r.type, config);
        if (named === undefined) {
            return;
        }
        if (named === "self") {
            if (source !== undefined) {
                const model: LoggingModel = { resource: r, inline, source, targetRef: source.name, targets: [source] };
                source.logTargetOf.push(model);
                this.loggings.push(model);
            }
            return;
        }
        const targetRef = named;
        const candidates = this.buckets.resolve(r, depKeys, bucketNameOf(targetRef));
        // By dependency, the source bucket is a candidate too when the engine sent no property map (every dependency,
        // `bucket` included, then counts): a bucket doesn't count as its own log target by that route. When the
        // property map names the source bucket and nothing else behind `targetBucket` (`targetBucket: data.id` in a
        // fresh preview), the configuration does target its source, and is judged as the deployed one will be.
        const selfByProperty = typeof targetRef !== "string" && source !== undefined && r.propertyDependencies.size > 0
            && candidates.length === 1 && candidates[0] === source;
        const targets = typeof targetRef === "string" || selfByProperty ? candidates : candidates.filter((b) => b !== source);
        const model: LoggingModel = { resource: r, inline, source, targetRef, targets };
        for (const target of targets) {
            target.logTargetOf.push(model);
        }
        this.loggings.push(model);
    }

    /**
     * Load balancers' access and connection log settings and Redshift's audit logging, matched to the buckets they
     * name the way a logging configuration's target is: a literal bucket name decides alone, an output falls back to
     * the dependencies of the property that carries it. Whether the type, switch and Region make a delivery is the
     * policies' business (serviceLogFacts.ts).
     */
    private addServiceLogDeliveries(): void {
        for (const r of this.of(...T.LOAD_BALANCER_TYPES)) {
            const type = loadBalancerType(r.type, r.props);
            for (const setting of elbLogSettings(r.type, r.props)) {
                const targets = this.buckets.resolve(r, setting.depKeys, setting.bucketRef);
                this.addServiceLogDelivery({ ...setting, service: "elb", resource: r, loadBalancerType: type, targets });
            }
        }
        for (const r of this.of(...T.REDSHIFT_LOG_TYPES)) {
            for (const setting of redshiftLogSettings(r.type, r.props)) {
                const targets = this.buckets.resolve(r, setting.depKeys, setting.bucketRef);
                this.addServiceLogDelivery({ ...setting, service: "redshift", resource: r, targets });
            }
        }
    }

    /** Services that write objects into a bucket they name, with the key they ask for resolved as a default encryption's is. */
    private addServiceDeliveries(): void {
        for (const r of this.of(...T.SERVICE_DELIVERY_TYPES)) {
            for (const setting of serviceDeliverySettings(r.type, r.props)) {
                const targets = this.buckets.resolve(r, setting.depKeys, setting.bucketRef);
                const keys = setting.keyRef === undefined ? [] : this.defaultKeys(r, [...setting.depKeys], setting.keyRef);
                this.serviceDeliveries.push({ ...setting, resource: r, targets, keys });
            }
        }
    }

    private addServiceLogDelivery(delivery: ServiceLogDelivery): void {
        for (const target of delivery.targets) {
            target.serviceLogTargetOf.push(delivery);
        }
        this.serviceLogDeliveries.push(delivery);
    }

    private addReplicationConfigs(): void {
        for (const r of this.of(T.REPLICATION_CONFIG)) {
            this.addReplication(r, false, this.owningBucket(r), r.props, ["rule", "rules"], ["role"]);
        }
        for (const bucket of this.bucketList) {
            const p = bucket.resource.props;
            if (!inlineDeclares(bucket, bucket.replications.length, inlineBlock(p, "replication"))) {
                continue; // a BucketReplicationConfig manages it; the inline output only echoes it
            }
            const depKeys = [...INLINE_BLOCK_FIELDS.replication];
            const configs = children(p, ...depKeys);
            if (isUnknown(configs)) {
                this.replications.push({ resource: bucket.resource, inline: true, source: bucket, roleRef: UNKNOWN, roles: [], rules: UNKNOWN });
                continue;
            }
            for (const c of configs) {
                this.addReplication(bucket.resource, true, bucket, c, depKeys, depKeys);
            }
        }
    }

    /** A replication of `source`, or of a bucket the stack does not declare (`index.external`) when there is none. */
    private addReplication(
        r: IndexedResource, inline: boolean, source: BucketModel | undefined, config: ValueObject | Unknown, ruleDeps: string[], roleDeps: string[],
    ): void {
        const roleRef = asString(field(config, "role"));
        const roles = this.roles.resolve(r, roleDeps, roleRef);
        const ruleObjects = children(config, "rule", "rules");
        let rules: ReplicationRule[] | Unknown = UNKNOWN;
        if (!isUnknown(ruleObjects)) {
            rules = ruleObjects.map((rule, position) => this.replicationRule(rule, position));
            this.assignUnresolved(r, ruleDeps, source, rules);
        }
        if (source) {
            const model: ReplicationModel = { resource: r, inline, source, roleRef, roles, rules };
            source.replications.push(model);
            this.replications.push(model);
        } else {
            this.external.replications.push({ resource: r, inline, source, roleRef, roles, rules });
        }
    }

    private replicationRule(rule: ValueObject | Unknown, position: number): ReplicationRule {
        const fields = replicationRuleFields(rule);
        const { destinationRef, replicaKmsKeyId } = fields;
        return {
            position,
            ...fields,
            destinations: typeof destinationRef === "string" ? optional(this.buckets.byValue(destinationRef)) : [],
            replicaKeys: typeof replicaKmsKeyId === "string" ? optional(this.keys.byValue(replicaKmsKeyId)) : [],
            destinationPool: [],
            replicaKeyPool: [],
        };
    }

    /**
     * Rules whose destination bucket or replica key is an unknown output get the candidates from the
     * replication resource's dependencies that no literal claimed. With several such rules the pairing
     * is ambiguous; checks then ask "does any candidate satisfy it".
     */
    private assignUnresolved(r: IndexedResource, deps: string[], source: BucketModel | undefined, rules: ReplicationRule[]): void {
        const claimedBuckets = new Set<BucketModel>(source ? [source] : []);
        const claimedKeys = new Set<KeyModel>();
        for (const rule of rules) {
            rule.destinations.forEach((b) => claimedBuckets.add(b));
            rule.replicaKeys.forEach((k) => claimedKeys.add(k));
        }
        const freeBuckets = this.buckets.viaDependencies(r, deps).filter((b) => !claimedBuckets.has(b));
        const freeKeys = this.keys.viaDependencies(r, deps).filter((k) => !claimedKeys.has(k));
        const bucketPool = rules.filter((rule) => isUnknown(rule.destinationRef) && rule.destinations.length === 0);
        const keyPool = rules.filter((rule) => isUnknown(rule.replicaKmsKeyId) && rule.replicaKeys.length === 0);
        for (const rule of bucketPool) {
            rule.destinations = freeBuckets;
            rule.destinationPool = bucketPool.length > 1 ? bucketPool : [];
        }
        for (const rule of keyPool) {
            rule.replicaKeys = freeKeys;
            rule.replicaKeyPool = keyPool.length > 1 ? keyPool : [];
        }
    }
}

function publicAccessFlags(props: ValueObject | Unknown): Record<PublicAccessFlag, Maybe<boolean> | undefined> {
    if (isUnknown(props)) {
        return { blockPublicAcls: UNKNOWN, blockPublicPolicy: UNKNOWN, ignorePublicAcls: UNKNOWN, restrictPublicBuckets: UNKNOWN };
    }
    // A literal of the four flags (one shape for every block), not keys added one by one.
    return {
        blockPublicAcls: asBool(props["blockPublicAcls"]),
        blockPublicPolicy: asBool(props["blockPublicPolicy"]),
        ignorePublicAcls: asBool(props["ignorePublicAcls"]),
        restrictPublicBuckets: asBool(props["restrictPublicBuckets"]),
    };
}

/**
 * A deprecated inline property next to a separate configuration resource is an echo the provider reads back,
 * except while the bucket is being created: a fresh preview sends the bucket's inputs, where a known inline
 * value (the provider leaves an unset one unknown) is a second declaration that fights the separate resource.
 */
function declaredInPreview(bucket: BucketModel, inline: Value | undefined): boolean {
    return isUnknown(bucket.arn) && inline !== undefined && inline !== null && !isUnknown(inline);
}

/**
 * Whether a bucket's deprecated inline property declares that configuration: alone, or next to `separate` resources
 * for the same thing while the bucket is being created (declaredInPreview), where each of the two is written in turn.
 */
function inlineDeclares(bucket: BucketModel, separate: number, inline: Value | undefined): boolean {
    return separate === 0 || declaredInPreview(bucket, inline);
}

/**
 * An aws-native bucket's own block next to a separate `aws:s3` resource for the same configuration is a second
 * declaration only when the bucket's inputs declare it. Its outputs are Cloud Control's read, which holds what S3
 * applies to every new bucket ("Amazon S3 User Guide": default encryption SSE-S3, Block Public Access on,
 * BucketOwnerEnforced) and what the separate resource wrote, declared or not: counted as a declaration, that read-back
 * would be judged in place of the separate resource (SSE-S3 next to the KMS configuration) or flagged as a duplicate.
 * What the inputs declare comes from the resource part (runMemory); without it, only a fresh preview's known value
 * (the outputs are the inputs then) is a declaration: precision first. Alone, the block is the bucket's setting
 * either way and stays judged, so a bucket truly left on SSE-S3 is still caught.
 */
function dropNativeReadBack(bucket: BucketModel): void {
    const r = bucket.resource;
    const seen = nativeDeclarationsOf(r.urn);
    const declared = (block: NativeBlock): boolean => (seen !== undefined ? seen.has(block) : declaredInPreview(bucket, r.props[NATIVE_BLOCK_FIELDS[block]]));
    const keep = <C extends { resource: IndexedResource }>(configs: C[], block: NativeBlock): C[] =>
        configs.some((c) => c.resource !== r) && !declared(block) ? configs.filter((c) => c.resource !== r) : configs;
    bucket.sse = keep(bucket.sse, "sse");
    bucket.versioning = keep(bucket.versioning, "versioning");
    bucket.publicAccessBlocks = keep(bucket.publicAccessBlocks, "publicAccessBlock");
    bucket.ownership = keep(bucket.ownership, "ownership");
}

function optional<T>(v: T | undefined): T[] {
    return v === undefined ? [] : [v];
}

function flatten<T>(lists: (T[] | Unknown)[]): T[] | Unknown {
    const out: T[] = [];
    for (const l of lists) {
        if (isUnknown(l)) {
            return UNKNOWN;
        }
        out.push(...l);
    }
    return out;
}

export function buildStackIndex(resources: readonly PolicyResource[]): StackIndex {
    return new IndexBuilder(resources).build();
}

/** Region of a KMS key ARN literal (for keys outside the stack). */
export function regionOfKeyRef(ref: string): string | undefined {
    const arn = parseArn(ref);
    return arn && arn.service === "kms" && arn.region !== "" ? arn.region : undefined;
}

/** `<account>|<region>` of a resource, when both are known. */
function scopeOf(r: IndexedResource): string | undefined {
    const account = r.account;
    const region = r.region;
    return typeof account === "string" && typeof region === "string" ? `${account}|${region}` : undefined;
}

/** The ARN of an alias from its name, Region and account (the `aws` partition, the only one the project supports). */
function aliasArn(name: Maybe<string> | undefined, region: Maybe<string> | undefined, account: Maybe<string> | undefined): string | undefined {
    const [n, r, a] = [knownString(name), knownString(region), knownString(account)];
    return n === undefined || !n.startsWith("alias/") || r === undefined || a === undefined ? undefined : `arn:aws:kms:${r}:${a}:${n}`;
}

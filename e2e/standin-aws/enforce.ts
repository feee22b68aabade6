// AWS's deploy-time rules as the stand-in applies them to each create and update, before answering
// with fake AWS. Pure rules live in awsrules/ (shared with config/ and components/); this file finds
// the inputs they judge for each resource type, the state they need (the shared World), and the API
// call AWS would fail. docs/e2e.md lists every rule and what is not modelled.
import {
    aclsDisabledViolation,
    AwsRuleViolation,
    createBucketAclViolation,
    bucketAlreadyExists,
    bucketNameViolation,
    bucketPolicyJsonViolation,
    bucketPolicyStatementsViolation,
    principalFormatViolation,
    deletionWindowViolation,
    destinationViolation,
    POLICY_LIMITS,
    policySize,
    policySizeViolation,
    publicPolicyBlockedViolation,
    regionViolation,
    ReplicationRuleFacts,
    replicationRoleViolation,
    replicationRulesViolation,
    rolePathViolation,
    roleAlreadyExists,
    roleNameViolation,
    s3DefaultKeyViolation,
    sourceVersioningViolation,
    TaggedService,
    tagsViolation,
    trustPolicyViolation,
    replicaKeyExists,
    replicaKeyViolation,
    grantOperationsViolation,
    accountPublicAccessBlockViolation,
    kmsAliasNameViolation,
    keyRotationViolation,
    keySpecUsageViolation,
    aliasTargetViolation,
    replicationDestinationViolation,
    ReplicationSchemaFacts,
    replicationSchemaViolation,
} from "../../awsrules";
import type { AwsContext, Caller } from "../../fakeaws";
import { ApiCall, AwsApiError } from "./awsError";
import { invalidPrincipalViolation, lockoutViolation, missingPrincipal, roleNotCreatedYet } from "./keyPolicyChecks";
import type { DefaultEncryption, World } from "./world";
import { bucketPolicyRefusesUpload, encryptingKey, keyPolicyRefusesUpload, uploadHeaders } from "./objectUploadRules";
import { grammarProblem, PolicyKind } from "./policyGrammar";
import { createGrantRefused } from "./grantRules";
import { DATA_PROTECTION_CHECKS, lockedVersioningCheck, recordObjectLockAtCreation } from "./dataProtection";
import { ACCESS_LOGGING_CHECKS } from "./loggingRules";
import { forgetMonitoring, MONITORING_CHECKS, recordMonitoring } from "./monitoringRules";
import { LOAD_BALANCER_CHECKS } from "./loadBalancerRules";
import { s3ActionCatalogue } from "./s3ActionCatalogue";
import { createBucketAcl, inlineBucketCalls, inlineEncryptionRules } from "./inlineBucketCalls";

type Props = Record<string, unknown>;

export interface Operation {
    kind: "create" | "update";
    type: string;
    /** Logical name (for messages). */
    name: string;
    inputs: Props;
    /** What fake AWS answers (ids, ARNs, generated names). */
    outputs: Props;
    ctx: AwsContext;
    caller: Caller;
    /** On update: the resource's outputs before it (the provider only calls AWS for what changed). */
    previous?: Props;
    /** The provider's defaultTags, which AWS receives merged into each resource's tags. */
    defaultTags: Record<string, string>;
    world: World;
}

export type Check = (op: Operation) => Promise<[ApiCall, AwsRuleViolation] | undefined> | [ApiCall, AwsRuleViolation] | undefined;

function str(props: Props, key: string): string | undefined {
    const value = props[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

function obj(value: unknown): Props {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};
}

function list(value: unknown): Props[] {
    return Array.isArray(value) ? value.map(obj) : [];
}

function parsed(json: string): unknown {
    try {
        return JSON.parse(json) as unknown;
    } catch {
        return undefined;
    }
}

const GRAMMAR_SOURCE = "IAM User Guide, \"Grammar of the IAM JSON policy language\"";

/** The error a service answers for a stored policy (already parsed) that is not one of its kind, or undefined. */
function grammarViolation(document: unknown, kind: PolicyKind, code: string, message: string, service: string): AwsRuleViolation | undefined {
    const problem = document === undefined ? undefined : grammarProblem(document, kind);
    return problem === undefined ? undefined : { code, message, rule: `is not a valid ${kind} policy: ${problem}`, source: `${service}; ${GRAMMAR_SOURCE}` };
}

function call(op: Operation, what: string, id: string, service: string, action: string): ApiCall {
    return { doing: `${op.kind === "create" ? "creating" : "updating"} ${what} (${id})`, service, action };
}

/** The first violation, with the call it fails. */
function first(...found: ([ApiCall, AwsRuleViolation | undefined] | undefined)[]): [ApiCall, AwsRuleViolation] | undefined {
    for (const entry of found) {
        if (entry !== undefined && entry[1] !== undefined) return [entry[0], entry[1]];
    }
    return undefined;
}

function tagCheck(op: Operation, service: TaggedService, apiCall: ApiCall): [ApiCall, AwsRuleViolation | undefined] {
    const tags = { ...op.defaultTags, ...(obj(op.inputs["tags"]) as Record<string, string>) };
    return [apiCall, tagsViolation(tags, service)];
}

function bucketOf(op: Operation): string {
    return str(op.inputs, "bucket") ?? String(op.outputs["bucket"] ?? op.name);
}

const s3Bucket: Check = async (op) => {
    const name = String(op.outputs["bucket"]);
    const create = call(op, "S3 Bucket", name, "S3", "CreateBucket");
    const badRegion = regionViolation(String(op.outputs["region"] ?? op.ctx.region));
    const found = first(
        [create, badRegion && { ...badRegion, code: "InvalidLocationConstraint", message: "The specified location constraint is not valid." }],
        [create, bucketNameViolation(name)],
        // CreateBucket carries the bucket's canned ACL, `private` unless the program's `acl` says otherwise.
        [create, op.kind === "create" ? createBucketAclViolation(createBucketAcl(op.inputs)) : undefined],
        tagCheck(op, "s3", call(op, "S3 Bucket", name, "S3", "PutBucketTagging")),
    );
    if (found !== undefined) return found;
    if (op.kind === "create") {
        const holder = op.world.claimBucket({ name, accountId: op.ctx.accountId, region: String(op.outputs["region"]) });
        if (holder !== undefined) return [create, bucketAlreadyExists(holder.accountId === op.ctx.accountId)];
        recordObjectLockAtCreation(op, name);
    }
    return inlineSettingsCheck(op, name);
};

/**
 * The bucket's deprecated inline settings, judged call by call with the check of the separate resource that makes
 * the same S3 call (inlineBucketCalls.ts maps them), in the provider's order: the versioning put first counts for
 * the replication put after it, as on AWS. A refusal names the inline property.
 */
async function inlineSettingsCheck(op: Operation, name: string): Promise<[ApiCall, AwsRuleViolation] | undefined> {
    for (const inline of inlineBucketCalls(op.type, op.inputs, name, op.kind === "update" ? op.previous : undefined)) {
        const found = await CHECKS[inline.type]?.({ ...op, type: inline.type, inputs: inline.inputs });
        if (found !== undefined) {
            const [apiCall, broken] = found;
            return [{ ...apiCall, doing: `${apiCall.doing} for the inline ${inline.property} of ${op.name}` }, broken];
        }
    }
    return undefined;
}

const bucketVersioning: Check = (op) => {
    const status = str(obj(op.inputs["versioningConfiguration"]), "status");
    const locked = lockedVersioningCheck(op, status);
    if (locked !== undefined) return locked;
    op.world.updateBucket(bucketOf(op), { versioning: status });
    return undefined;
};

const ownershipControls: Check = (op) => {
    op.world.updateBucket(bucketOf(op), { objectOwnership: str(obj(op.inputs["rule"]), "objectOwnership") });
    return undefined;
};

const publicAccessBlock: Check = (op) => {
    op.world.updateBucket(bucketOf(op), { blockPublicPolicy: op.inputs["blockPublicPolicy"] === true });
    return undefined;
};

const bucketPolicy: Check = async (op) => {
    const bucket = bucketOf(op);
    const put = call(op, "S3 Bucket Policy", bucket, "S3", "PutBucketPolicy");
    const json = str(op.inputs, "policy") ?? "";
    const document = parsed(json);
    const malformed = first(
        [put, bucketPolicyJsonViolation(json)],
        [put, policySizeViolation("bucket", json)],
        [put, grammarViolation(document, "resource", "MalformedPolicy", "Policy has invalid elements", "Amazon S3 API Reference, \"PutBucketPolicy\"")],
        [put, principalFormatViolation(document, "s3")],
        [put, bucketPolicyStatementsViolation(document, bucket, await s3ActionCatalogue())],
    );
    if (malformed !== undefined) return malformed;
    const missing = missingPrincipal(document, op.world);
    if (missing !== undefined) return [put, invalidPrincipalViolation("s3", missing)];
    // New buckets have Block Public Access on (Amazon S3 User Guide, "Blocking public access to your
    // Amazon S3 storage"): until a public access block says otherwise, BlockPublicPolicy applies. S3 applies the most
    // restrictive of the bucket's and its account's settings, so the account's BlockPublicPolicy refuses too.
    const record = op.world.bucket(bucket);
    const blocks = (record?.blockPublicPolicy ?? true) || op.world.accountBlocksPublicPolicy(record?.accountId ?? op.ctx.accountId);
    return blocks ? first([put, publicPolicyBlockedViolation(json, bucket)]) : undefined;
};

const bucketAcl: Check = (op) => {
    const bucket = bucketOf(op);
    // New buckets are BucketOwnerEnforced (ACLs disabled) unless ownership controls say otherwise.
    const ownership = op.world.bucket(bucket)?.objectOwnership ?? "BucketOwnerEnforced";
    return ownership === "BucketOwnerEnforced" ? [call(op, "S3 Bucket ACL", bucket, "S3", "PutBucketAcl"), aclsDisabledViolation()] : undefined;
};

const bucketEncryption: Check = (op) => {
    const bucket = bucketOf(op);
    const put = call(op, "S3 Bucket Server-side Encryption Configuration", bucket, "S3", "PutBucketEncryption");
    for (const rule of list(op.inputs["rules"])) {
        const keyRef = str(obj(rule["applyServerSideEncryptionByDefault"]), "kmsMasterKeyId");
        const key = keyRef === undefined ? undefined : op.world.key(keyRef);
        if (key !== undefined) {
            const broken = s3DefaultKeyViolation(key.keySpec, key.keyUsage);
            if (broken !== undefined) return [put, broken];
        }
    }
    return undefined;
};

function ruleFacts(rule: Props): ReplicationRuleFacts {
    const filter = obj(rule["filter"]);
    const and = obj(filter["and"]);
    const tagFiltered = filter["tag"] !== undefined || Object.keys(obj(and["tags"])).length > 0;
    // The provider sends a Priority with every rule that has a Filter, 0 when the program gives none (S3's V2 schema
    // needs one: Amazon S3 API Reference, "ReplicationRule"), so two such rules without priorities overlap.
    const given = rule["priority"];
    const priority = typeof given === "number" ? given : rule["filter"] !== undefined && rule["filter"] !== null ? 0 : undefined;
    return {
        ...(str(rule, "id") !== undefined ? { id: str(rule, "id") } : {}),
        ...(priority !== undefined ? { priority } : {}),
        tagFiltered,
        deleteMarkerReplication: str(obj(rule["deleteMarkerReplication"]), "status") === "Enabled",
        ...(str(obj(rule["destination"]), "bucket") !== undefined ? { destinationBucket: str(obj(rule["destination"]), "bucket") } : {}),
        ...destinationSettings(rule),
    };
}

/** The SSE-KMS and RTC settings of a rule (replicationDestinationViolation judges how they go together). */
function destinationSettings(rule: Props): Pick<ReplicationRuleFacts, "sseKmsEncryptedObjects" | "replicaKmsKeyId" | "replicationTime" | "metrics" | "metricsEventThreshold"> {
    const destination = obj(rule["destination"]);
    const metrics = obj(destination["metrics"]);
    const replicaKmsKeyId = str(obj(destination["encryptionConfiguration"]), "replicaKmsKeyId");
    return {
        sseKmsEncryptedObjects: str(obj(obj(rule["sourceSelectionCriteria"])["sseKmsEncryptedObjects"]), "status") === "Enabled",
        ...(replicaKmsKeyId !== undefined ? { replicaKmsKeyId } : {}),
        replicationTime: str(obj(destination["replicationTime"]), "status") === "Enabled",
        metrics: str(metrics, "status") === "Enabled",
        metricsEventThreshold: metrics["eventThreshold"] !== undefined && metrics["eventThreshold"] !== null,
    };
}

/** What the replication schema rules read of a rule (awsrules/s3ReplicationSchema.ts). */
function schemaFacts(rule: Props): ReplicationSchemaFacts {
    const destination = obj(rule["destination"]);
    const account = str(destination, "account");
    return {
        ...(str(rule, "id") !== undefined ? { id: str(rule, "id") } : {}),
        filtered: rule["filter"] !== undefined && rule["filter"] !== null,
        deleteMarkerReplicationGiven: str(obj(rule["deleteMarkerReplication"]), "status") !== undefined,
        accessControlTranslation: destination["accessControlTranslation"] !== undefined && destination["accessControlTranslation"] !== null,
        ...(account !== undefined ? { account } : {}),
    };
}

const replicationConfig: Check = (op) => {
    const bucket = bucketOf(op);
    const put = call(op, "S3 Bucket Replication Configuration", bucket, "S3", "PutBucketReplication");
    const role = str(op.inputs, "role") ?? "";
    if (op.world.role(role)?.state === "declared") return [put, replicationRoleViolation(role)];
    const source = op.world.bucket(bucket);
    const rules = list(op.inputs["rules"]).map(ruleFacts);
    const found = first(
        [put, replicationSchemaViolation(list(op.inputs["rules"]).map(schemaFacts))],
        [put, sourceVersioningViolation(source?.versioning)],
        [put, replicationRulesViolation(rules)],
        [put, replicationDestinationViolation(rules)],
    );
    if (found !== undefined) return found;
    for (const [index, rule] of rules.entries()) {
        const name = (rule.destinationBucket ?? "").replace(/^arn:aws:s3:::/, "");
        const destination = op.world.bucket(name);
        // A bucket of another account that no stack of this world ever created is another owner's (a program's
        // externalReplicas): taken to exist, versioned by its owner, as roles outside the stack are (keyPolicyChecks.ts).
        const account = str(obj(list(op.inputs["rules"])[index]?.["destination"]), "account");
        if (destination === undefined && account !== undefined && account !== op.ctx.accountId) continue;
        const broken = destinationViolation(name, destination !== undefined, destination?.versioning);
        if (broken !== undefined) return [put, broken];
    }
    return undefined;
};

async function keyPolicyViolation(op: Operation, json: string, keyArn: string, apiCall: ApiCall): Promise<[ApiCall, AwsRuleViolation] | undefined> {
    const document = parsed(json);
    if (document === undefined) {
        return [apiCall, { code: "MalformedPolicyDocumentException", message: "The policy is not valid JSON.", rule: "is not JSON", source: "AWS KMS API Reference, \"PutKeyPolicy\"" }];
    }
    const tooLarge = policySizeViolation("key", json) ?? grammarViolation(document, "resource", "MalformedPolicyDocumentException", "The policy is not syntactically or semantically correct.", "AWS KMS API Reference, \"PutKeyPolicy\"");
    if (tooLarge !== undefined) return [apiCall, tooLarge];
    const malformed = principalFormatViolation(document, "kms");
    if (malformed !== undefined) return [apiCall, malformed];
    const missing = missingPrincipal(document, op.world);
    if (missing !== undefined) return [apiCall, invalidPrincipalViolation("kms", missing)];
    if (op.inputs["bypassPolicyLockoutSafetyCheck"] === true) return undefined;
    const lockout = await lockoutViolation(json, keyArn, op.caller);
    return lockout === undefined ? undefined : [apiCall, lockout];
}

/** A key's own `policy` input: checked as part of the call that creates the key, later as PutKeyPolicy. */
function ownKeyPolicyViolation(op: Operation, arn: string, create: ApiCall, what: string): Promise<[ApiCall, AwsRuleViolation] | undefined> | undefined {
    const policy = str(op.inputs, "policy");
    return policy === undefined ? undefined : keyPolicyViolation(op, policy, arn, op.kind === "create" ? create : call(op, what, arn, "KMS", "PutKeyPolicy"));
}

/** The waiting period a key's deletion will be scheduled with (ScheduleKeyDeletion), for a key or a replica key. */
function windowViolation(op: Operation): AwsRuleViolation | undefined {
    const window = op.inputs["deletionWindowInDays"];
    return typeof window === "number" ? deletionWindowViolation(window) : undefined;
}

/** EnableKeyRotation, which the provider calls after CreateKey (and on update) when rotation is on or a period is given. */
function rotationCheck(op: Operation, enable: ApiCall): [ApiCall, AwsRuleViolation | undefined] {
    const period = op.inputs["rotationPeriodInDays"];
    if (op.inputs["enableKeyRotation"] !== true && typeof period !== "number") return [enable, undefined];
    const facts = {
        keySpec: str(op.outputs, "customerMasterKeySpec") ?? str(op.outputs, "keySpec") ?? "SYMMETRIC_DEFAULT",
        keyUsage: str(op.outputs, "keyUsage") ?? "ENCRYPT_DECRYPT",
        customKeyStore: str(op.inputs, "customKeyStoreId") !== undefined,
    };
    return [enable, keyRotationViolation(facts, typeof period === "number" ? period : undefined)];
}

const kmsKey: Check = async (op) => {
    const arn = String(op.outputs["arn"]);
    const create = call(op, "KMS Key", String(op.outputs["keyId"]), "KMS", "CreateKey");
    const spec = str(op.outputs, "customerMasterKeySpec") ?? str(op.outputs, "keySpec") ?? "SYMMETRIC_DEFAULT";
    const found = first(
        [create, regionViolation(String(op.outputs["region"]))],
        [create, keySpecUsageViolation(spec, str(op.outputs, "keyUsage") ?? "ENCRYPT_DECRYPT")],
        [create, windowViolation(op)],
        rotationCheck(op, call(op, "KMS Key", String(op.outputs["keyId"]), "KMS", "EnableKeyRotation")),
        tagCheck(op, "kms", create),
    );
    return found ?? ownKeyPolicyViolation(op, arn, create, "KMS Key");
};

/** A replica of a multi-Region key: one per Region, never the primary's, with a key policy of its own (checked like any). */
const kmsReplicaKey: Check = async (op) => {
    const arn = String(op.outputs["arn"]);
    const replicate = call(op, "KMS Replica Key", arn, "KMS", "ReplicateKey");
    const region = String(op.outputs["region"]);
    const exists = op.kind === "create" && op.world.key(arn) !== undefined ? replicaKeyExists(arn, region) : undefined;
    const found = first(
        [replicate, regionViolation(region)],
        [replicate, replicaKeyViolation(str(op.inputs, "primaryKeyArn") ?? "", region)],
        [replicate, exists],
        [replicate, windowViolation(op)],
        tagCheck(op, "kms", replicate),
    );
    return found ?? ownKeyPolicyViolation(op, arn, replicate, "KMS Replica Key");
};

/**
 * A grant names operations CreateGrant accepts, and principals that exist ("CreateGrant": InvalidArnException); the
 * caller must be allowed to create it on a key the world knows (grantRules.ts).
 */
const kmsGrant: Check = async (op) => {
    const create = call(op, "KMS Grant", String(op.outputs["grantId"] ?? op.name), "KMS", "CreateGrant");
    const raw = op.inputs["operations"];
    const operations = Array.isArray(raw) ? raw.map(String) : [];
    const found = grantOperationsViolation(operations);
    if (found !== undefined) return [create, found];
    for (const property of ["granteePrincipal", "retiringPrincipal"]) {
        const arn = str(op.inputs, property);
        if (arn !== undefined && roleNotCreatedYet(arn, op.world)) {
            return [create, { code: "InvalidArnException", message: `${property} ${arn} is not valid.`, rule: `names ${arn}, a role of this deployment that does not exist yet`, source: "AWS KMS API Reference, \"CreateGrant\"" }];
        }
    }
    const key = op.world.key(str(op.inputs, "keyId") ?? "");
    if (key === undefined) return undefined; // a key outside this world: its policy is not known here
    const granteePrincipal = str(op.inputs, "granteePrincipal");
    const retiringPrincipal = str(op.inputs, "retiringPrincipal");
    const refused = await createGrantRefused(key, {
        operations,
        ...(granteePrincipal !== undefined ? { granteePrincipal } : {}),
        ...(retiringPrincipal !== undefined ? { retiringPrincipal } : {}),
    }, op.caller);
    return refused === undefined ? undefined : [create, refused];
};

/**
 * The alias's target key, where it can be placed: a key ARN says where its key is; a key id is looked up in the alias's
 * account and Region (where a multi-Region replica shares its primary's id), and judged only for a key of the world.
 */
function aliasTargetOf(op: Operation, aliasArn: string): AwsRuleViolation | undefined {
    const target = str(op.inputs, "targetKeyId");
    if (target === undefined) return undefined;
    if (target.startsWith("arn:")) return aliasTargetViolation(aliasArn, target);
    const [region, account] = aliasArn.split(":").slice(3, 5);
    if (op.world.key(`arn:aws:kms:${region}:${account}:key/${target}`) !== undefined) return undefined;
    const elsewhere = op.world.key(target)?.arn;
    return elsewhere === undefined ? undefined : aliasTargetViolation(aliasArn, elsewhere);
}

/** CreateAlias: AWS's alias name rules (awsrules/kms.ts), and one alias of a name per account and Region. */
const kmsAlias: Check = (op) => {
    const name = String(op.outputs["name"]);
    const arn = String(op.outputs["arn"]);
    const create = call(op, "KMS Alias", name, "KMS", op.kind === "create" ? "CreateAlias" : "UpdateAlias");
    const broken = kmsAliasNameViolation(name) ?? aliasTargetOf(op, arn);
    if (broken !== undefined) return [create, broken];
    if (op.kind === "update" || op.world.claimAlias(arn)) return undefined;
    return [create, { code: "AlreadyExistsException", message: `An alias with the name ${arn} already exists`, rule: `${name} is taken in ${op.ctx.accountId} ${String(op.outputs["region"] ?? op.ctx.region)}`, source: "AWS KMS API Reference, \"CreateAlias\" (AlreadyExistsException)" }];
};

const accountPublicAccessBlock: Check = (op) => {
    const accountId = String(op.outputs["accountId"]);
    const broken = accountPublicAccessBlockViolation(accountId, op.ctx.accountId);
    return broken === undefined ? undefined : [call(op, "S3 Account Public Access Block", accountId, "S3 Control", "PutPublicAccessBlock"), broken];
};

const kmsKeyPolicy: Check = (op) => {
    const keyId = str(op.inputs, "keyId") ?? "";
    const region = String(op.outputs["region"] ?? op.ctx.region);
    const keyArn = op.world.key(keyId)?.arn ?? (keyId.startsWith("arn:") ? keyId : `arn:aws:kms:${region}:${op.ctx.accountId}:key/${keyId}`);
    return keyPolicyViolation(op, str(op.inputs, "policy") ?? "", keyArn, call(op, "KMS Key Policy", keyId, "KMS", "PutKeyPolicy"));
};

const iamRole: Check = (op) => {
    const name = String(op.outputs["name"]);
    const create = call(op, "IAM Role", name, "IAM", "CreateRole");
    const found = first(
        [create, roleNameViolation(name)],
        [create, rolePathViolation(String(op.outputs["path"] ?? "/"))],
        [create, trustPolicyViolation(str(op.inputs, "assumeRolePolicy") ?? "")],
        [create, grammarViolation(parsed(str(op.inputs, "assumeRolePolicy") ?? ""), "trust", "MalformedPolicyDocument", "Syntax errors in policy.", "IAM API Reference, \"CreateRole\"")],
        [create, principalFormatViolation(parsed(str(op.inputs, "assumeRolePolicy") ?? ""), "iam")],
        tagCheck(op, "iam", create),
    );
    // A replacement that keeps its name deletes the old role first (diff.ts), so the name is free by now.
    if (found !== undefined || op.kind === "update") return found;
    return op.world.claimRoleName(op.ctx.accountId, name) ? undefined : [create, roleAlreadyExists(name)];
};

/** IAM counts the inline policies of a role together (IAM User Guide, "IAM and AWS STS quotas"). */
const iamRolePolicy: Check = (op) => {
    const role = str(op.inputs, "role") ?? "";
    const policyName = String(op.outputs["name"]);
    const put = call(op, "IAM Role Policy", `${role}:${policyName}`, "IAM", "PutRolePolicy");
    const json = str(op.inputs, "policy") ?? "";
    const malformed = grammarViolation(parsed(json), "identity", "MalformedPolicyDocument", "Syntax errors in policy.", "IAM API Reference, \"PutRolePolicy\"");
    if (malformed !== undefined) return [put, malformed];
    const own = policySize("inlineRole", json);
    const total = own + op.world.otherRolePolicySizes(`${op.ctx.accountId}:${role}`, policyName).reduce((a, b) => a + b, 0);
    const spec = POLICY_LIMITS.inlineRole;
    if (total > spec.limit) {
        return [put, { code: spec.code, message: `${spec.message} ${role}`, rule: `the inline policies of role ${role} total ${total} characters without white space with this one; at most ${spec.limit}`, source: spec.source }];
    }
    op.world.putRolePolicy(`${op.ctx.accountId}:${role}`, policyName, own);
    return undefined;
};

const iamManagedPolicy: Check = (op) => {
    const name = String(op.outputs["name"]);
    const create = call(op, "IAM Policy", name, "IAM", "CreatePolicy");
    const json = str(op.inputs, "policy") ?? "";
    return first(
        [create, policySizeViolation("managed", json)],
        [create, grammarViolation(parsed(json), "identity", "MalformedPolicyDocument", "Syntax errors in policy.", "IAM API Reference, \"CreatePolicy\"")],
        tagCheck(op, "iam", create),
    );
};

/** An upload: the bucket policy, then the key policy of the key S3 encrypts it with (objectUploadRules.ts). */
const objectUpload: Check = async (op) => {
    const bucketName = bucketOf(op);
    const bucket = op.world.bucket(bucketName);
    if (bucket === undefined) return undefined; // another owner's bucket: its policies are not in this world
    const objectKey = str(op.inputs, "key") ?? op.name;
    const put = call(op, "S3 Object", `${bucketName}/${objectKey}`, "S3", "PutObject");
    const headers = uploadHeaders(op.inputs);
    const refused = await bucketPolicyRefusesUpload(bucket, objectKey, headers, op.caller);
    if (refused !== undefined) return [put, refused];
    const encrypting = encryptingKey(headers, bucket.defaultEncryption);
    const key = encrypting === undefined ? undefined : op.world.key(encrypting.keyRef);
    if (encrypting === undefined || key === undefined) return undefined; // aws/s3, SSE-S3, or a key outside this world
    const denied = await keyPolicyRefusesUpload(bucket, objectKey, key, encrypting.bucketKey, op.caller);
    return denied === undefined ? undefined : [put, denied];
};

const CHECKS: Record<string, Check> = {
    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:s3/bucketVersioning:BucketVersioning": bucketVersioning,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": bucketVersioning,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ownershipControls,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": publicAccessBlock,
    "aws:s3/bucketPolicy:BucketPolicy": bucketPolicy,
    "aws:s3/bucketAcl:BucketAcl": bucketAcl,
    "aws:s3/bucketAclV2:BucketAclV2": bucketAcl,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucketEncryption,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": bucketEncryption,
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": replicationConfig,
    "aws:kms/key:Key": kmsKey,
    "aws:kms/keyPolicy:KeyPolicy": kmsKeyPolicy,
    "aws:kms/replicaKey:ReplicaKey": kmsReplicaKey,
    "aws:kms/grant:Grant": kmsGrant,
    "aws:kms/alias:Alias": kmsAlias,
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": accountPublicAccessBlock,
    "aws:s3/bucketObject:BucketObject": objectUpload,
    "aws:s3/bucketObjectv2:BucketObjectv2": objectUpload,
    "aws:iam/role:Role": iamRole,
    "aws:iam/rolePolicy:RolePolicy": iamRolePolicy,
    "aws:iam/policy:Policy": iamManagedPolicy,
    ...DATA_PROTECTION_CHECKS,
    ...ACCESS_LOGGING_CHECKS,
    ...MONITORING_CHECKS,
    ...LOAD_BALANCER_CHECKS,
};

/** Types the stand-in applies rules to (the others only get the region rule). */
export const ENFORCED_TYPES: readonly string[] = Object.keys(CHECKS);

/** Throws the AwsApiError AWS would answer, or returns when AWS would accept the call. */
export async function enforce(op: Operation): Promise<void> {
    const region = str(op.outputs, "region") ?? str(op.inputs, "region");
    if (region !== undefined && !op.type.startsWith("pulumi:providers:") && op.type !== "aws:s3/bucket:Bucket" && op.type !== "aws:s3/bucketV2:BucketV2") {
        const broken = regionViolation(region);
        if (broken !== undefined) throw new AwsApiError(call(op, op.type, op.name, "AWS", "ResolveEndpoint"), broken);
    }
    const found = await CHECKS[op.type]?.(op);
    if (found !== undefined) {
        throw new AwsApiError(found[0], found[1]);
    }
}

/** The first rule of a default encryption configuration, as S3 applies it to uploads without headers. */
function defaultEncryptionOf(rule: Props | undefined): DefaultEncryption | undefined {
    const byDefault = obj(rule?.["applyServerSideEncryptionByDefault"]);
    const sseAlgorithm = str(byDefault, "sseAlgorithm");
    if (sseAlgorithm === undefined) return undefined;
    const kmsMasterKeyId = str(byDefault, "kmsMasterKeyId");
    return { sseAlgorithm, ...(kmsMasterKeyId !== undefined ? { kmsMasterKeyId } : {}), bucketKeyEnabled: rule?.["bucketKeyEnabled"] === true };
}

/** A bucket's deprecated inline policy and default encryption (`Bucket`: one rule object; `BucketV2`: lists, read through the same mapping as the checks). */
function recordInlineBucketSettings(op: Operation): void {
    const name = String(op.outputs["bucket"]);
    const policy = str(op.inputs, "policy");
    const defaultEncryption = defaultEncryptionOf(inlineEncryptionRules(op.type, op.inputs)[0]);
    const versioning = inlineVersioning(op, name);
    op.world.updateBucket(name, {
        ...(policy !== undefined ? { policy } : {}),
        ...(defaultEncryption !== undefined ? { defaultEncryption } : {}),
        ...(versioning !== undefined ? { versioning } : {}),
    });
}

/**
 * A bucket's deprecated inline versioning (`Bucket`: `versioning.enabled`; `BucketV2`: `versionings[0].enabled`), as the
 * provider puts it with PutBucketVersioning after CreateBucket: Enabled when on; turned off, Suspended once it was on
 * (a bucket never versioned stays unversioned: Amazon S3 User Guide, "Using versioning in S3 buckets"; a new bucket
 * created with versioning off is simply unversioned).
 */
function inlineVersioning(op: Operation, name: string): string | undefined {
    const inline = op.type === "aws:s3/bucket:Bucket" ? obj(op.inputs["versioning"]) : list(op.inputs["versionings"])[0] ?? {};
    if (inline["enabled"] === true) return "Enabled";
    const record = op.world.bucket(name);
    // A bucket created with Object Lock keeps versioning on (S3 refuses to suspend it; dataProtection.ts).
    if (op.kind === "update" && inline["enabled"] === false && record?.versioning === "Enabled" && record.objectLockEnabled !== true) return "Suspended";
    return undefined;
}

/** A key's policy after a create or update: its `policy` input; without one, KMS's default for a new key, or as it was. */
function keyPolicyAfterWrite(op: Operation, arn: string): string | undefined {
    return str(op.inputs, "policy") ?? (op.kind === "update" ? op.world.key(arn)?.policy : undefined);
}

/** What the world learns from a successful create or update. */
export function record(op: Operation): void {
    switch (op.type) {
        case "aws:kms/key:Key": {
            const arn = String(op.outputs["arn"]);
            const policy = keyPolicyAfterWrite(op, arn);
            op.world.putKey({
                arn,
                keyId: String(op.outputs["keyId"]),
                keySpec: str(op.outputs, "customerMasterKeySpec") ?? str(op.outputs, "keySpec") ?? "SYMMETRIC_DEFAULT",
                keyUsage: str(op.outputs, "keyUsage") ?? "ENCRYPT_DECRYPT",
                ...(policy !== undefined ? { policy } : {}),
            });
            return;
        }
        case "aws:kms/replicaKey:ReplicaKey": {
            // By ARN only: the key id is the primary's, shared by every replica.
            const arn = String(op.outputs["arn"]);
            const policy = keyPolicyAfterWrite(op, arn);
            op.world.putKeyArn({ arn, keyId: String(op.outputs["keyId"]), keySpec: str(op.outputs, "keySpec") ?? "SYMMETRIC_DEFAULT", keyUsage: str(op.outputs, "keyUsage") ?? "ENCRYPT_DECRYPT", ...(policy !== undefined ? { policy } : {}) });
            return;
        }
        case "aws:kms/keyPolicy:KeyPolicy": {
            const policy = str(op.inputs, "policy");
            if (policy !== undefined) op.world.putKeyPolicy(str(op.inputs, "keyId") ?? "", policy);
            return;
        }
        case "aws:iam/role:Role":
            op.world.createRole(String(op.outputs["arn"]));
            return;
        case "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock":
            op.world.putAccountBlock(String(op.outputs["accountId"]), op.inputs["blockPublicPolicy"] === true);
            return;
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            recordInlineBucketSettings(op);
            return;
        case "aws:s3/bucketPolicy:BucketPolicy": {
            const policy = str(op.inputs, "policy");
            if (policy !== undefined) op.world.updateBucket(bucketOf(op), { policy });
            return;
        }
        case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
        case "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": {
            const defaultEncryption = defaultEncryptionOf(list(op.inputs["rules"])[0]);
            if (defaultEncryption !== undefined) op.world.updateBucket(bucketOf(op), { defaultEncryption });
            return;
        }
        default:
            recordMonitoring(op);
            return;
    }
}

/** Deleting a resource frees its name and takes it out of the world. */
export function forget(type: string, props: Props, ctx: AwsContext, world: World): void {
    switch (type) {
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            world.deleteBucket(String(props["bucket"]));
            return;
        case "aws:kms/key:Key":
            world.deleteKey({ arn: String(props["arn"]), keyId: String(props["keyId"]), keySpec: "", keyUsage: "" });
            return;
        case "aws:kms/replicaKey:ReplicaKey":
            world.deleteKeyArn(String(props["arn"]));
            return;
        case "aws:iam/role:Role":
            world.deleteRole(String(props["arn"]));
            world.releaseRoleName(ctx.accountId, String(props["name"]));
            return;
        case "aws:iam/rolePolicy:RolePolicy":
            world.deleteRolePolicy(`${ctx.accountId}:${String(props["role"])}`, String(props["name"]));
            return;
        // Deleting the policy or the encryption configuration leaves the bucket without a policy, or on SSE-S3.
        case "aws:s3/bucketPolicy:BucketPolicy":
            world.updateBucket(String(props["bucket"]), { policy: undefined });
            return;
        case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
        case "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
            world.updateBucket(String(props["bucket"]), { defaultEncryption: undefined });
            return;
        case "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock":
            world.deleteAccountBlock(String(props["accountId"]));
            return;
        case "aws:kms/alias:Alias":
            world.releaseAlias(String(props["arn"]));
            return;
        default:
            forgetMonitoring(type, props, world);
            return;
    }
}

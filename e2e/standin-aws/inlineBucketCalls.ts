// The deprecated inline settings of a bucket (`aws.s3.Bucket` v7: `policy`, `versioning`, `acl`/`grants`, `logging`,
// `lifecycleRules`, `replicationConfiguration`, `serverSideEncryptionConfiguration`, `objectLockConfiguration`;
// `BucketV2`: the same as one-element lists) mapped, once, to the S3 API calls the provider makes for them, each in the
// input shape of the separate v7 resource that makes the same call. The stand-in then judges each call with that
// resource's check (enforce.ts), so AWS's rules are written once whichever way a program declares a setting.
//
// Real AWS sees the same calls either way: the provider's bucket create is CreateBucket (with the canned ACL, `private`
// unless `acl` says otherwise, and ObjectLockEnabledForBucket) followed by its update, which puts, in this order and
// only for the settings the program gives (on update: the ones it changed), PutBucketPolicy, PutBucketVersioning
// (on a new bucket only to turn versioning on), PutBucketAcl (a changed `acl`, or `grants`), PutBucketLogging,
// PutBucketLifecycleConfiguration, PutBucketReplication, PutBucketEncryption and PutObjectLockConfiguration. Defaults
// are the provider's: a filtered replication rule is S3's V2 schema (Priority 0 and DeleteMarkerReplication Disabled
// unless given), `metrics` sends an EventThreshold (15 minutes unless given) and both `metrics` and `replicationTime`
// default to Enabled, a lifecycle rule filters by prefix (and its tags, under And) and one without an action gets
// ExpiredObjectDeleteMarker false.
type Props = Record<string, unknown>;

export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

/** One call the provider makes for an inline setting: the separate resource type that makes it, and its inputs. */
export interface InlineCall {
    /** The inline property (for messages): `replicationConfiguration`, `versionings`, ... */
    property: string;
    type: string;
    inputs: Props;
}

function obj(value: unknown): Props | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;
}

function list(value: unknown): Props[] {
    return Array.isArray(value) ? value.map((v) => obj(v) ?? {}) : [];
}

function num(value: unknown): number | undefined {
    return typeof value === "number" ? value : undefined;
}

function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Drops undefined members, so the mapped inputs read like what a program writes. */
function compact(value: Props): Props {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** A one-element block: `Bucket`'s object, or the first element of `BucketV2`'s list. */
function block(value: unknown): Props | undefined {
    return Array.isArray(value) ? obj(value[0]) : obj(value);
}

/** The property names of the two shapes. */
function names(type: string) {
    const v2 = type === BUCKET_V2;
    return {
        versioning: v2 ? "versionings" : "versioning",
        logging: v2 ? "loggings" : "logging",
        replication: v2 ? "replicationConfigurations" : "replicationConfiguration",
        sse: v2 ? "serverSideEncryptionConfigurations" : "serverSideEncryptionConfiguration",
        // Inside blocks: BucketV2 pluralises every nested block.
        expiration: v2 ? "expirations" : "expiration",
        noncurrentExpiration: v2 ? "noncurrentVersionExpirations" : "noncurrentVersionExpiration",
        destination: v2 ? "destinations" : "destination",
        filter: v2 ? "filters" : "filter",
        criteria: v2 ? "sourceSelectionCriterias" : "sourceSelectionCriteria",
        sseKmsObjects: v2 ? "sseKmsEncryptedObjects" : "sseKmsEncryptedObjects",
        acTranslation: v2 ? "accessControlTranslations" : "accessControlTranslation",
        metrics: "metrics",
        replicationTime: v2 ? "replicationTimes" : "replicationTime",
        ruleOrRules: v2 ? "rules" : "rule",
        defaultRetention: v2 ? "defaultRetentions" : "defaultRetention",
        byDefault: v2 ? "applyServerSideEncryptionByDefaults" : "applyServerSideEncryptionByDefault",
    };
}

/** Whether the bucket is created with Object Lock (`objectLockEnabled`, or the deprecated `objectLockConfiguration.objectLockEnabled: "Enabled"`). */
export function createdWithObjectLock(inputs: Props): boolean {
    return inputs["objectLockEnabled"] === true || block(inputs["objectLockConfiguration"])?.["objectLockEnabled"] === "Enabled";
}

/** The canned ACL CreateBucket carries: `acl`, else `private` (the provider's default). */
export function createBucketAcl(inputs: Props): string {
    return str(inputs["acl"]) ?? "private";
}

function lifecycleRule(type: string, rule: Props): Props {
    const n = names(type);
    const expiration = block(rule[n.expiration]);
    const noncurrent = block(rule[n.noncurrentExpiration]);
    const prefix = typeof rule["prefix"] === "string" ? rule["prefix"] : "";
    const tags = obj(rule["tags"]);
    const transitions = list(rule["transitions"]).map((t) => compact({ days: num(t["days"]), date: str(t["date"]), storageClass: str(t["storageClass"]) }));
    const noncurrentTransitions = list(rule["noncurrentVersionTransitions"]).map((t) => compact({ noncurrentDays: num(t["days"]), storageClass: str(t["storageClass"]) }));
    const abort = num(rule["abortIncompleteMultipartUploadDays"]);
    const mapped = compact({
        id: str(rule["id"]),
        status: rule["enabled"] === true ? "Enabled" : "Disabled",
        filter: tags !== undefined && Object.keys(tags).length > 0 ? { and: { prefix, tags } } : { prefix },
        expiration: expiration === undefined ? undefined : compact({ days: num(expiration["days"]), date: str(expiration["date"]), expiredObjectDeleteMarker: expiration["expiredObjectDeleteMarker"] }),
        noncurrentVersionExpiration: noncurrent === undefined ? undefined : compact({ noncurrentDays: num(noncurrent["days"]) }),
        transitions: transitions.length > 0 ? transitions : undefined,
        noncurrentVersionTransitions: noncurrentTransitions.length > 0 ? noncurrentTransitions : undefined,
        abortIncompleteMultipartUpload: abort !== undefined && abort > 0 ? { daysAfterInitiation: abort } : undefined,
    });
    const acts = ["expiration", "noncurrentVersionExpiration", "transitions", "noncurrentVersionTransitions", "abortIncompleteMultipartUpload"];
    return acts.some((a) => mapped[a] !== undefined) ? mapped : { ...mapped, expiration: { expiredObjectDeleteMarker: false } };
}

function replicationRule(type: string, rule: Props): Props {
    const n = names(type);
    const destination = block(rule[n.destination]) ?? {};
    const filter = block(rule[n.filter]);
    const criteria = block(rule[n.criteria]);
    const sseKms = criteria === undefined ? undefined : block(criteria[n.sseKmsObjects]);
    const translation = block(destination[n.acTranslation]);
    const metrics = block(destination[n.metrics]);
    const rtc = block(destination[n.replicationTime]);
    const tags = obj(filter?.["tags"]);
    const prefix = typeof filter?.["prefix"] === "string" ? filter["prefix"] : "";
    return compact({
        id: str(rule["id"]),
        status: str(rule["status"]),
        // Without a filter the rule is S3's V1 schema: a prefix, no priority, no delete marker replication.
        prefix: filter === undefined ? (typeof rule["prefix"] === "string" ? rule["prefix"] : "") : undefined,
        priority: filter === undefined ? undefined : num(rule["priority"]) ?? 0,
        filter: filter === undefined ? undefined : tags !== undefined && Object.keys(tags).length > 0 ? { and: { prefix, tags } } : { prefix },
        deleteMarkerReplication: filter === undefined ? undefined : { status: str(rule["deleteMarkerReplicationStatus"]) ?? "Disabled" },
        sourceSelectionCriteria: sseKms === undefined ? undefined : { sseKmsEncryptedObjects: { status: sseKms["enabled"] === true ? "Enabled" : "Disabled" } },
        destination: compact({
            bucket: str(destination["bucket"]),
            storageClass: str(destination["storageClass"]),
            account: str(destination["accountId"]),
            accessControlTranslation: translation === undefined ? undefined : { owner: str(translation["owner"]) },
            encryptionConfiguration: str(destination["replicaKmsKeyId"]) === undefined ? undefined : { replicaKmsKeyId: str(destination["replicaKmsKeyId"]) },
            metrics: metrics === undefined ? undefined : { status: str(metrics["status"]) ?? "Enabled", eventThreshold: { minutes: num(metrics["minutes"]) ?? 15 } },
            replicationTime: rtc === undefined ? undefined : { status: str(rtc["status"]) ?? "Enabled", time: { minutes: num(rtc["minutes"]) ?? 15 } },
        }),
    });
}

function sseRules(type: string, configuration: Props): Props[] {
    const n = names(type);
    const rules = type === BUCKET_V2 ? list(configuration[n.ruleOrRules]) : [obj(configuration[n.ruleOrRules]) ?? {}];
    return rules.map((rule) => {
        const byDefault = block(rule[n.byDefault]);
        return compact({
            applyServerSideEncryptionByDefault: byDefault === undefined ? undefined : compact({ sseAlgorithm: str(byDefault["sseAlgorithm"]), kmsMasterKeyId: str(byDefault["kmsMasterKeyId"]) }),
            bucketKeyEnabled: typeof rule["bucketKeyEnabled"] === "boolean" ? rule["bucketKeyEnabled"] : undefined,
        });
    });
}

/** The default encryption rules of a bucket's inline configuration, in `BucketServerSideEncryptionConfiguration`'s shape. */
export function inlineEncryptionRules(type: string, inputs: Props): Props[] {
    const configuration = block(inputs[names(type).sse]);
    return configuration === undefined ? [] : sseRules(type, configuration);
}

function objectLock(type: string, configuration: Props): Props {
    const n = names(type);
    const rule = block(configuration[n.ruleOrRules]);
    const retention = rule === undefined ? undefined : block(rule[n.defaultRetention]);
    return compact({
        objectLockEnabled: str(configuration["objectLockEnabled"]),
        rule: retention === undefined ? undefined : { defaultRetention: compact({ mode: str(retention["mode"]), days: num(retention["days"]), years: num(retention["years"]) }) },
    });
}

/** Whether `given` says something `before` does not: each member given differs (a setting left out keeps its value). */
export function changed(given: unknown, before: unknown): boolean {
    if (Array.isArray(given)) {
        return !Array.isArray(before) || given.length !== before.length || given.some((g, i) => changed(g, before[i]));
    }
    const g = obj(given);
    if (g !== undefined) {
        const b = obj(before);
        return b === undefined || Object.entries(g).some(([k, v]) => v !== undefined && changed(v, b[k]));
    }
    return given !== before;
}

/**
 * The calls after CreateBucket, in the provider's order, for a create (`previous` undefined) or an update from the
 * outputs `previous`. Each call's inputs name the bucket.
 */
export function inlineBucketCalls(type: string, inputs: Props, bucket: string, previous?: Props): InlineCall[] {
    const n = names(type);
    const given = (property: string): unknown => {
        const value = inputs[property];
        const present = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== "";
        return present && (previous === undefined || changed(value, previous[property])) ? value : undefined;
    };
    const calls: InlineCall[] = [];
    const add = (property: string, callType: string, callInputs: Props) => calls.push({ property, type: callType, inputs: { bucket, ...callInputs } });

    const policy = given("policy");
    if (typeof policy === "string") add("policy", "aws:s3/bucketPolicy:BucketPolicy", { policy });

    const versioning = block(given(n.versioning));
    // A new bucket is only put when versioning is turned on; an update puts Enabled or Suspended.
    if (versioning !== undefined && (previous !== undefined || versioning["enabled"] === true)) {
        add(n.versioning, "aws:s3/bucketVersioning:BucketVersioning", { versioningConfiguration: { status: versioning["enabled"] === true ? "Enabled" : "Suspended" } });
    }

    // CreateBucket carries the canned ACL (s3Bucket in enforce.ts); an update puts a changed one.
    const acl = previous === undefined ? undefined : given("acl");
    if (typeof acl === "string") add("acl", "aws:s3/bucketAclV2:BucketAclV2", { acl });
    const grants = given("grants");
    if (Array.isArray(grants)) add("grants", "aws:s3/bucketAclV2:BucketAclV2", { accessControlPolicy: { grants } });

    const logging = block(given(n.logging));
    if (logging !== undefined) add(n.logging, "aws:s3/bucketLogging:BucketLogging", compact({ targetBucket: str(logging["targetBucket"]), targetPrefix: str(logging["targetPrefix"]) }));

    const lifecycle = given("lifecycleRules");
    if (Array.isArray(lifecycle)) add("lifecycleRules", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", { rules: list(lifecycle).map((r) => lifecycleRule(type, r)) });

    const replication = block(given(n.replication));
    if (replication !== undefined) {
        add(n.replication, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", compact({ role: str(replication["role"]), rules: list(replication["rules"]).map((r) => replicationRule(type, r)) }));
    }

    const sse = block(given(n.sse));
    if (sse !== undefined) add(n.sse, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { rules: sseRules(type, sse) });

    const lock = block(given("objectLockConfiguration"));
    if (lock !== undefined) add("objectLockConfiguration", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", objectLock(type, lock));

    return calls;
}

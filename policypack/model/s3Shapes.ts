// Reading S3 configuration blocks in every shape users write: v7 singular objects (`rule`,
// `destination`), the V2 lists (`rules`, `destinations`, `...Configurations`), and the legacy inline
// field names (`replicaKmsKeyId` on the destination, `accountId`, `sseKmsEncryptedObjects.enabled`).
// Pure: no references to other resources are resolved here.
import { NATIVE_BUCKET } from "./awsTypes";
import { Maybe } from "./policyDocument";
import { asBool, asString, children, field, isUnknown, Unknown, UNKNOWN, Value, ValueObject } from "./values";

const S3_ARN_PREFIX = "arn:aws:s3:::";

/** A bucket name from a bucket reference that may be its ARN. */
export function bucketNameOf(ref: Maybe<string> | undefined): Maybe<string> | undefined {
    if (typeof ref === "string" && ref.startsWith(S3_ARN_PREFIX)) {
        return ref.slice(S3_ARN_PREFIX.length);
    }
    return ref;
}

export function bucketArnOf(name: string): string {
    return S3_ARN_PREFIX + name;
}

/**
 * The deprecated inline blocks of `aws.s3.Bucket` (v7 singular) and `BucketV2` (lists) that a separate resource
 * also manages (BucketServerSideEncryptionConfiguration, BucketVersioning, BucketReplicationConfig,
 * BucketLogging): the provider writes the inline value on every update of the bucket, over the separate one.
 */
export const INLINE_BLOCK_FIELDS = {
    sse: ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"],
    versioning: ["versioning", "versionings"],
    replication: ["replicationConfiguration", "replicationConfigurations"],
    logging: ["logging", "loggings"],
} as const satisfies Record<string, readonly [string, string]>;

export type InlineBlock = keyof typeof INLINE_BLOCK_FIELDS;

/** The inline block `block` of a bucket's props, v7 or V2 shape (undefined when neither is set). */
export function inlineBlock(props: ValueObject, block: InlineBlock): Value | undefined {
    return field(props, ...INLINE_BLOCK_FIELDS[block]);
}

/**
 * The field name under which a bucket's inputs declare `block`: set, known and not an empty list. Inputs only:
 * in outputs the provider's read-back looks the same. An unknown value is no declaration (precision first).
 */
export function declaredInlineField(props: ValueObject, block: InlineBlock): string | undefined {
    for (const name of INLINE_BLOCK_FIELDS[block]) {
        const v = props[name];
        if (v !== undefined && v !== null && !isUnknown(v) && !(Array.isArray(v) && v.length === 0)) {
            return name;
        }
    }
    return undefined;
}

export interface SseRuleFields {
    algorithm: Maybe<string> | undefined;
    keyRef: Maybe<string> | undefined;
    bucketKeyEnabled: Maybe<boolean> | undefined;
}

/** The rules of an SSE configuration block (`rule` / `rules` / aws-native's list), UNKNOWN when the list itself is. */
export function sseRuleFields(config: ValueObject | Unknown): SseRuleFields[] | Unknown {
    // aws-native: `bucketEncryption.serverSideEncryptionConfiguration[].serverSideEncryptionByDefault`.
    const rules = children(config, "rule", "rules", "serverSideEncryptionConfiguration");
    if (isUnknown(rules)) {
        return UNKNOWN;
    }
    return rules.map((rule) => {
        const defaults = children(rule, "applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults", "serverSideEncryptionByDefault");
        const d = isUnknown(defaults) ? UNKNOWN : defaults[0];
        return {
            algorithm: d === undefined ? undefined : asString(field(d, "sseAlgorithm")),
            keyRef: d === undefined ? undefined : asString(field(d, "kmsMasterKeyId")),
            bucketKeyEnabled: asBool(field(rule, "bucketKeyEnabled")),
        };
    });
}

/**
 * The server access logging declarations of a resource, with the property that carries them (for its dependencies):
 * `BucketLogging(V2)` is one itself; a @pulumi/aws bucket's deprecated inline `logging` (v7) / `loggings` (V2); an
 * aws-native bucket's `loggingConfiguration`. UNKNOWN while the block can't be read.
 */
export function serverAccessLogConfigs(type: string, props: ValueObject, separate: boolean): { configs: (ValueObject | Unknown)[] | Unknown; depKeys: string[] } {
    if (separate) {
        return { configs: [props], depKeys: ["targetBucket"] };
    }
    const depKeys = type === NATIVE_BUCKET ? ["loggingConfiguration"] : [...INLINE_BLOCK_FIELDS.logging];
    return { configs: children(props, ...depKeys), depKeys };
}

/**
 * The target bucket a logging declaration names: `targetBucket` (@pulumi/aws), `destinationBucketName` (aws-native,
 * AWS CloudFormation Template Reference, "AWS::S3::Bucket LoggingConfiguration"). `self` when it names none and the
 * shape then logs into the declaring bucket itself: aws-native's does ("By default, logs are stored in the bucket
 * where the LoggingConfiguration property is defined"); @pulumi/aws requires `targetBucket`.
 */
export function serverAccessLogTarget(type: string, config: ValueObject | Unknown): Maybe<string> | "self" | undefined {
    if (type === NATIVE_BUCKET) {
        const destination = asString(field(config, "destinationBucketName"));
        if (destination !== undefined && destination !== "") {
            return destination;
        }
        // An empty block (as a read-back may show one) says nothing; one with a prefix or key format logs into itself.
        const said = !isUnknown(config) && Object.values(config).some((v) => v !== null && v !== undefined && v !== "");
        return said ? "self" : undefined;
    }
    return asString(field(config, "targetBucket"));
}

/**
 * The objectOwnership settings a resource declares: `BucketOwnershipControls.rule` (`rules` in older majors),
 * aws-native `Bucket.ownershipControls.rules[]` ("AWS::S3::Bucket OwnershipControls"). UNKNOWN while unreadable.
 */
export function objectOwnershipSettings(type: string, props: ValueObject): (Maybe<string> | undefined)[] | Unknown {
    let rules: (ValueObject | Unknown)[] | Unknown;
    if (type === NATIVE_BUCKET) {
        const controls = children(props, "ownershipControls");
        rules = isUnknown(controls) ? UNKNOWN : controls.length === 0 ? [] : children(controls[0], "rules");
    } else {
        rules = children(props, "rule", "rules");
    }
    return isUnknown(rules) ? UNKNOWN : rules.map((rule) => asString(field(rule, "objectOwnership")));
}

export interface ReplicationRuleFields {
    id: Maybe<string> | undefined;
    status: Maybe<string> | undefined;
    /** `sourceSelectionCriteria.sseKmsEncryptedObjects` is Enabled (status, or legacy `enabled`). */
    sseKmsEncryptedObjects: Maybe<boolean> | undefined;
    /** The destination bucket's name (an ARN is reduced to the name). */
    destinationRef: Maybe<string> | undefined;
    replicaKmsKeyId: Maybe<string> | undefined;
    account: Maybe<string> | undefined;
    owner: Maybe<string> | undefined;
}

export function replicationRuleFields(rule: ValueObject | Unknown): ReplicationRuleFields {
    const destinations = children(rule, "destination", "destinations");
    const dest = isUnknown(destinations) ? UNKNOWN : destinations[0];
    const encryption = dest === undefined ? [] : children(dest, "encryptionConfiguration", "encryptionConfigurations");
    const enc = isUnknown(encryption) ? UNKNOWN : encryption[0];
    const translation = dest === undefined ? [] : children(dest, "accessControlTranslation", "accessControlTranslations");
    return {
        id: asString(field(rule, "id")),
        status: asString(field(rule, "status")),
        sseKmsEncryptedObjects: sseKmsSelected(rule),
        destinationRef: dest === undefined ? undefined : bucketNameOf(asString(field(dest, "bucket"))),
        replicaKmsKeyId: enc !== undefined
            ? asString(field(enc, "replicaKmsKeyId"))
            : dest === undefined ? undefined : asString(field(dest, "replicaKmsKeyId")),
        account: dest === undefined ? undefined : asString(field(dest, "account", "accountId")),
        owner: isUnknown(translation) ? UNKNOWN : translation[0] === undefined ? undefined : asString(field(translation[0], "owner")),
    };
}

function sseKmsSelected(rule: ValueObject | Unknown): Maybe<boolean> | undefined {
    const criteria = children(rule, "sourceSelectionCriteria", "sourceSelectionCriterias");
    if (isUnknown(criteria)) {
        return UNKNOWN;
    }
    if (criteria.length === 0) {
        return undefined;
    }
    const objects = children(criteria[0], "sseKmsEncryptedObjects");
    if (isUnknown(objects)) {
        return UNKNOWN;
    }
    if (objects.length === 0) {
        return undefined;
    }
    const status = asString(field(objects[0], "status"));
    if (status !== undefined) {
        return isUnknown(status) ? UNKNOWN : status === "Enabled";
    }
    return asBool(field(objects[0], "enabled"));
}

// "Amazon S3 User Guide: Access control list (ACL) overview, Amazon S3 predefined groups" and "Blocking
// public access to your Amazon S3 storage, The meaning of public": ACLs granting AllUsers or
// AuthenticatedUsers (any AWS account) are public.
const PUBLIC_GROUP_URIS: ReadonlySet<string> = new Set([
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
]);

/** Canned ACLs that grant one of the public groups: @pulumi/aws spelling and aws-native's `accessControl` enum. */
const PUBLIC_CANNED_ACLS: ReadonlySet<string> = new Set([
    "public-read", "public-read-write", "authenticated-read", "PublicRead", "PublicReadWrite", "AuthenticatedRead",
]);

/**
 * What in a resource's ACL inputs is public: a canned ACL (`acl`, aws-native `accessControl`) or grants to a
 * public group (`BucketAcl.accessControlPolicy.grants[].grantee.uri`, the deprecated inline `Bucket.grants[].uri`).
 * UNKNOWN when a part that could be public is not known yet.
 */
export function publicAclGrants(props: ValueObject): string[] | Unknown {
    const out: string[] = [];
    let sawUnknown = false;
    for (const name of ["acl", "accessControl"]) {
        const canned = asString(props[name]);
        if (isUnknown(canned)) {
            sawUnknown = true;
        } else if (canned !== undefined && PUBLIC_CANNED_ACLS.has(canned)) {
            out.push(`canned ACL "${canned}"`);
        }
    }
    const policies = children(props, "accessControlPolicy");
    const grantLists = isUnknown(policies) ? [UNKNOWN] : [...policies.map((p) => field(p, "grant", "grants")), field(props, "grants")];
    for (const list of grantLists) {
        const grants = children({ grants: list ?? null }, "grants");
        if (isUnknown(grants)) {
            sawUnknown = true;
            continue;
        }
        for (const grant of grants) {
            const grantee = children(grant, "grantee");
            const uris = isUnknown(grantee) ? [UNKNOWN] : [asString(field(grant, "uri")), ...grantee.map((g) => asString(field(g, "uri")))];
            for (const uri of uris) {
                if (isUnknown(uri)) {
                    sawUnknown = true;
                } else if (uri !== undefined && PUBLIC_GROUP_URIS.has(uri)) {
                    out.push(`a grant to ${uri.slice(uri.lastIndexOf("/") + 1)}`);
                }
            }
        }
    }
    return out.length === 0 && sawUnknown ? UNKNOWN : out;
}

/** The field of an aws-native bucket that carries each configuration a separate `aws:s3` resource can also write. */
export const NATIVE_BLOCK_FIELDS = {
    sse: "bucketEncryption",
    versioning: "versioningConfiguration",
    publicAccessBlock: "publicAccessBlockConfiguration",
    ownership: "ownershipControls",
} as const;

/**
 * The blocks an aws-native bucket's inputs declare: set, known and not empty. Inputs only: Cloud Control's read
 * fills the outputs with what S3 applies to every new bucket (SSE-S3, Block Public Access, BucketOwnerEnforced)
 * whether or not the program declared it. An unknown value is no declaration (precision first).
 */
export function declaredNativeBlocks(props: ValueObject): Set<keyof typeof NATIVE_BLOCK_FIELDS> {
    const out = new Set<keyof typeof NATIVE_BLOCK_FIELDS>();
    for (const [block, name] of Object.entries(NATIVE_BLOCK_FIELDS) as [keyof typeof NATIVE_BLOCK_FIELDS, string][]) {
        const v = props[name];
        if (v !== undefined && v !== null && !isUnknown(v) && !(Array.isArray(v) && v.length === 0)) {
            out.add(block);
        }
    }
    return out;
}

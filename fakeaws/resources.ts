// The outputs the real `aws` provider would return for the resource types our components and the
// policy pack touch. Outputs are the inputs plus what AWS computes (ARNs, ids, defaults).
import { AwsContext, regionOf } from "./context";
import { autoName, fakeIamUniqueId, fakeUuid, hashHex } from "./deterministic";
import { LOAD_BALANCER_BUILDERS } from "./loadBalancerResources";
import { MONITORING_BUILDERS } from "./monitoringResources";

export interface FakeResourceResult {
    id: string;
    outputs: Record<string, unknown>;
}

type Inputs = Record<string, unknown>;
type Builder = (name: string, inputs: Inputs, ctx: AwsContext, type: string) => FakeResourceResult;

function str(inputs: Inputs, key: string): string | undefined {
    const value = inputs[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** An explicit `name`, else `namePrefix` + suffix, else the Pulumi auto-name of the logical name. */
function physicalName(type: string, name: string, inputs: Inputs, ctx: AwsContext, nameKey = "name", prefixKey = "namePrefix"): string {
    const explicit = str(inputs, nameKey);
    if (explicit !== undefined) {
        return explicit;
    }
    const prefix = str(inputs, prefixKey);
    if (prefix !== undefined) {
        return `${prefix}${hashHex(type, name, ctx.accountId).slice(0, 26)}`;
    }
    return autoName(name, type, ctx.accountId);
}

function tagsAll(inputs: Inputs): Record<string, unknown> {
    const tags = inputs["tags"];
    return tags !== null && typeof tags === "object" ? { ...(tags as Record<string, unknown>) } : {};
}

const KMS_KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** What KMS computes for a key of this Region and account, primary or replica. */
function keyIdentity(keyId: string, region: string, ctx: AwsContext, inputs: Inputs): Inputs {
    return { arn: `arn:aws:kms:${region}:${ctx.accountId}:key/${keyId}`, keyId, id: keyId, region, tagsAll: tagsAll(inputs) };
}

/** Multi-Region key ids are mrk- and 32 hex digits (AWS KMS Developer Guide, "Multi-Region key identifiers"). */
function multiRegionKeyId(type: string, name: string, ctx: AwsContext, region: string): string {
    return `mrk-${hashHex(type, name, ctx.accountId, region).slice(0, 32)}`;
}

function kmsKey(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    const keyId = inputs["multiRegion"] === true ? multiRegionKeyId(type, name, ctx, region) : fakeUuid(type, name, ctx.accountId, region);
    const rotation = inputs["enableKeyRotation"] === true;
    return {
        id: keyId,
        outputs: {
            bypassPolicyLockoutSafetyCheck: false,
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            deletionWindowInDays: 30,
            enableKeyRotation: false,
            isEnabled: true,
            keyUsage: "ENCRYPT_DECRYPT",
            multiRegion: false,
            ...inputs,
            ...(rotation && inputs["rotationPeriodInDays"] === undefined ? { rotationPeriodInDays: 365 } : {}),
            ...keyIdentity(keyId, region, ctx, inputs),
        },
    };
}

/**
 * A replica of a multi-Region key: the primary's key id (and key spec and usage) in this provider's Region and
 * account ("ReplicateKey", AWS KMS API Reference: "They have the same key ID and key material").
 */
function kmsReplicaKey(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    const primaryId = /:key\/([^/]+)$/.exec(str(inputs, "primaryKeyArn") ?? "")?.[1];
    const keyId = primaryId ?? multiRegionKeyId(type, name, ctx, region);
    return {
        id: keyId,
        outputs: {
            bypassPolicyLockoutSafetyCheck: false,
            deletionWindowInDays: 30,
            enabled: true,
            keySpec: "SYMMETRIC_DEFAULT",
            keyUsage: "ENCRYPT_DECRYPT",
            ...inputs,
            ...keyIdentity(keyId, region, ctx, inputs),
        },
    };
}

/** A grant: KMS answers with a grant id and a grant token ("CreateGrant", AWS KMS API Reference). */
function kmsGrant(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    const grantId = hashHex(type, name, ctx.accountId, region).slice(0, 64);
    const keyId = str(inputs, "keyId") ?? "";
    return { id: `${keyId}:${grantId}`, outputs: { retireOnDelete: false, ...inputs, grantId, grantToken: `AQpAM${grantId}`, region } };
}

/** The account's own S3 Block Public Access settings: one per account, identified by the account id. */
function accountPublicAccessBlock(_name: string, inputs: Inputs, ctx: AwsContext): FakeResourceResult {
    const accountId = str(inputs, "accountId") ?? ctx.accountId;
    return {
        id: accountId,
        outputs: { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false, ...inputs, accountId, region: regionOf(inputs, ctx) },
    };
}

/** A key reference as KMS accepts it (id, key ARN, alias ARN) turned into the key ARN when possible. */
function keyArnOf(reference: string | undefined, region: string, ctx: AwsContext): string | undefined {
    if (reference === undefined) {
        return undefined;
    }
    if (reference.startsWith("arn:")) {
        return reference;
    }
    return KMS_KEY_ID.test(reference) ? `arn:aws:kms:${region}:${ctx.accountId}:key/${reference}` : undefined;
}

function kmsAlias(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    const aliasName = str(inputs, "name") ?? `${str(inputs, "namePrefix") ?? "alias/"}${hashHex(type, name, ctx.accountId, region).slice(0, 26)}`;
    const targetKeyArn = keyArnOf(str(inputs, "targetKeyId"), region, ctx);
    return {
        id: aliasName,
        outputs: {
            ...inputs,
            name: aliasName,
            arn: `arn:aws:kms:${region}:${ctx.accountId}:${aliasName}`,
            ...(targetKeyArn !== undefined ? { targetKeyArn } : {}),
            region,
        },
    };
}

/**
 * An S3 access point: its ARN and alias follow from its name, account and Region (Amazon S3 User Guide, "Referencing
 * access points": `arn:aws:s3:<region>:<account>:accesspoint/<name>`, an alias `<name>-<suffix>-s3alias`); the
 * provider's id is `<account>:<name>`. Without a VPC configuration its network origin is the internet.
 */
function s3AccessPoint(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    const pointName = str(inputs, "name") ?? autoName(name, type, ctx.accountId, region);
    const account = str(inputs, "accountId") ?? ctx.accountId;
    const arn = `arn:aws:s3:${region}:${account}:accesspoint/${pointName}`;
    return {
        id: `${account}:${pointName}`,
        outputs: {
            ...inputs,
            name: pointName,
            accountId: account,
            arn,
            alias: `${pointName}-${hashHex(type, arn).slice(0, 26)}-s3alias`,
            bucketAccountId: account,
            networkOrigin: inputs["vpcConfiguration"] !== undefined && inputs["vpcConfiguration"] !== null ? "VPC" : "Internet",
            region,
        },
    };
}

/** An access point's policy as its own resource: the provider's id is the access point's ARN. */
function s3AccessPointPolicy(name: string, inputs: Inputs, ctx: AwsContext): FakeResourceResult {
    return { id: str(inputs, "accessPointArn") ?? autoName(name, ctx.accountId), outputs: { ...inputs, hasPublicAccessPolicy: false } };
}

/** S3 Inventory and Storage Class Analysis configurations: the provider's id is `<bucket>:<name>`. */
function s3BucketNamedConfiguration(name: string, inputs: Inputs, ctx: AwsContext): FakeResourceResult {
    return { id: `${str(inputs, "bucket") ?? autoName(name, ctx.accountId)}:${str(inputs, "name") ?? name}`, outputs: { ...inputs } };
}

function kmsKeyPolicy(name: string, inputs: Inputs, ctx: AwsContext): FakeResourceResult {
    const keyId = str(inputs, "keyId") ?? autoName(name, ctx.accountId);
    return {
        id: keyId,
        outputs: { bypassPolicyLockoutSafetyCheck: false, ...inputs, region: regionOf(inputs, ctx) },
    };
}

const S3_HOSTED_ZONES: Record<string, string> = {
    "us-east-1": "Z3AQBSTGFYJSTF",
    "us-east-2": "Z2O1EMRO9K5GLX",
    "us-west-1": "Z2F56UZL2M1ACD",
    "us-west-2": "Z3BJ6K6RIION7M",
    "eu-west-1": "Z1BKCTXD74EZPE",
    "eu-west-2": "Z3GKZC51ZF0DB4",
    "eu-west-3": "Z3R1K369G5AVDG",
    "eu-central-1": "Z21DNDUVLTQW6Q",
    "eu-north-1": "Z3BAZG2TWCNX0D",
    "ap-southeast-1": "Z3O0J2DXBE1FTB",
    "ap-southeast-2": "Z1WCIGYICN2BYD",
    "ap-northeast-1": "Z2M4EHUR26P7ZW",
};

/**
 * The bucket's name: as written, else `bucketPrefix` + suffix, else the auto-name of the logical name (the one the
 * e2e stand-in's Check fills in, so a bucket created from checked inputs gets this same name).
 */
export function s3BucketName(name: string, inputs: Inputs, ctx: AwsContext, type: string): string {
    const region = regionOf(inputs, ctx);
    const prefix = str(inputs, "bucketPrefix");
    return str(inputs, "bucket") ??
        (prefix !== undefined
            ? `${prefix}${hashHex(type, name, ctx.accountId, region).slice(0, 26)}`
            : autoName(name.toLowerCase(), type, ctx.accountId, region));
}

/**
 * What the bridged provider reads back into a new bucket's outputs whatever the program declared: S3 encrypts every
 * new bucket with SSE-S3 ("Amazon S3 User Guide": "Setting default server-side encryption behavior for Amazon S3
 * buckets"), a new bucket is unversioned ("Using versioning in S3 buckets"), and its ACL grants the owner full control
 * ("Access control list (ACL) overview"). The provider reads them into the deprecated inline blocks (v7 `Bucket`'s
 * singular ones, `BucketV2`'s lists); declared inputs override them.
 */
function bucketReadBack(type: string, ctx: AwsContext): Inputs {
    const rule = { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "" }, bucketKeyEnabled: false };
    const versioning = { enabled: false, mfaDelete: false };
    const grants = [{ id: hashHex("canonical-user", ctx.accountId).slice(0, 64), type: "CanonicalUser", permissions: ["FULL_CONTROL"], uri: "" }];
    return type === "aws:s3/bucketV2:BucketV2"
        ? { serverSideEncryptionConfigurations: [{ rules: [rule] }], versionings: [versioning], grants }
        : { serverSideEncryptionConfiguration: { rule }, versioning, grants };
}

function s3Bucket(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    const bucket = s3BucketName(name, inputs, ctx, type);
    return {
        id: bucket,
        outputs: {
            forceDestroy: false,
            objectLockEnabled: false,
            ...bucketReadBack(type, ctx),
            ...inputs,
            bucket,
            id: bucket,
            arn: `arn:aws:s3:::${bucket}`,
            bucketDomainName: `${bucket}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
            bucketRegion: region,
            region,
            ...(S3_HOSTED_ZONES[region] !== undefined ? { hostedZoneId: S3_HOSTED_ZONES[region] } : {}),
            tagsAll: tagsAll(inputs),
        },
    };
}

/** Bucket sub-resources (encryption, versioning, policy, replication, ...): AWS ids them by bucket name. */
function s3BucketConfiguration(name: string, inputs: Inputs, ctx: AwsContext): FakeResourceResult {
    const bucket = str(inputs, "bucket") ?? autoName(name, ctx.accountId);
    return { id: bucket, outputs: { ...inputs, region: regionOf(inputs, ctx) } };
}

function iamPath(inputs: Inputs): string {
    return str(inputs, "path") ?? "/";
}

function iamRole(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const roleName = physicalName(type, name, inputs, ctx);
    const path = iamPath(inputs);
    return {
        id: roleName,
        outputs: {
            forceDetachPolicies: false,
            maxSessionDuration: 3600,
            description: "",
            ...inputs,
            name: roleName,
            path,
            arn: `arn:aws:iam::${ctx.accountId}:role${path}${roleName}`,
            uniqueId: fakeIamUniqueId("AROA", type, name, ctx.accountId),
            tagsAll: tagsAll(inputs),
        },
    };
}

function iamUser(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const userName = physicalName(type, name, inputs, ctx);
    const path = iamPath(inputs);
    return {
        id: userName,
        outputs: {
            forceDestroy: false,
            ...inputs,
            name: userName,
            path,
            arn: `arn:aws:iam::${ctx.accountId}:user${path}${userName}`,
            uniqueId: fakeIamUniqueId("AIDA", type, name, ctx.accountId),
            tagsAll: tagsAll(inputs),
        },
    };
}

/** Inline policies are identified by `<owner>:<policy name>`; the owner is a role or user name. */
function iamInlinePolicy(ownerKey: "role" | "user") {
    return (name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult => {
        const policyName = physicalName(type, name, inputs, ctx);
        const owner = str(inputs, ownerKey) ?? "unknown";
        return { id: `${owner}:${policyName}`, outputs: { ...inputs, name: policyName } };
    };
}

function iamManagedPolicy(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const policyName = physicalName(type, name, inputs, ctx);
    const path = iamPath(inputs);
    const arn = `arn:aws:iam::${ctx.accountId}:policy${path}${policyName}`;
    return {
        id: arn,
        outputs: {
            description: "",
            ...inputs,
            name: policyName,
            path,
            arn,
            policyId: fakeIamUniqueId("ANPA", type, name, ctx.accountId),
            attachmentCount: 0,
            tagsAll: tagsAll(inputs),
        },
    };
}

function iamPolicyAttachment(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const owner = str(inputs, "role") ?? str(inputs, "user") ?? str(inputs, "group") ?? "unknown";
    return { id: `${owner}-${hashHex(type, name, ctx.accountId).slice(0, 20)}`, outputs: { ...inputs } };
}

/** Explicit providers: outputs are their inputs (as the engine records them), id is a UUID. */
function provider(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    return { id: fakeUuid(type, name, ctx.accountId, ctx.region), outputs: { ...inputs } };
}

function generic(name: string, inputs: Inputs, ctx: AwsContext, type: string): FakeResourceResult {
    const region = regionOf(inputs, ctx);
    return { id: autoName(name, type, ctx.accountId, region), outputs: { ...inputs } };
}

const BUILDERS: Record<string, Builder> = {
    "aws:kms/key:Key": kmsKey,
    "aws:kms/alias:Alias": kmsAlias,
    "aws:kms/keyPolicy:KeyPolicy": kmsKeyPolicy,
    "aws:kms/replicaKey:ReplicaKey": kmsReplicaKey,
    "aws:kms/grant:Grant": kmsGrant,
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": accountPublicAccessBlock,
    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:s3/accessPoint:AccessPoint": s3AccessPoint,
    "aws:s3control/accessPointPolicy:AccessPointPolicy": s3AccessPointPolicy,
    "aws:s3/inventory:Inventory": s3BucketNamedConfiguration,
    "aws:s3/analyticsConfiguration:AnalyticsConfiguration": s3BucketNamedConfiguration,
    "aws:iam/role:Role": iamRole,
    "aws:iam/user:User": iamUser,
    "aws:iam/rolePolicy:RolePolicy": iamInlinePolicy("role"),
    "aws:iam/userPolicy:UserPolicy": iamInlinePolicy("user"),
    "aws:iam/policy:Policy": iamManagedPolicy,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": iamPolicyAttachment,
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": iamPolicyAttachment,
    ...MONITORING_BUILDERS,
    ...LOAD_BALANCER_BUILDERS,
};

/** Types with a builder of their own: their outputs carry what AWS computes, not only the inputs. */
export const MODELLED_RESOURCE_TYPES: readonly string[] = Object.keys(BUILDERS);

function builderFor(type: string): Builder {
    const exact = BUILDERS[type];
    if (exact !== undefined) {
        return exact;
    }
    if (type.startsWith("pulumi:providers:")) {
        return provider;
    }
    // Every other aws:s3/bucketXxx resource (encryption, versioning, policy, public access block,
    // ownership controls, replication config, lifecycle, logging, ...) is keyed by its bucket.
    if (type.startsWith("aws:s3/bucket")) {
        return s3BucketConfiguration;
    }
    return generic;
}

/** Outputs = inputs + what AWS computes. Deterministic in (type, name, account, region). */
export function fakeResource(type: string, name: string, inputs: Record<string, unknown>, ctx: AwsContext): FakeResourceResult {
    return builderFor(type)(name, inputs, ctx, type);
}

// Compliant resource sets, written the way users write them, in each supported shape. Specs break one
// thing at a time and expect exactly that policy to fire.
import { json, out, StackBuilder, T } from "./stackBuilder";

export type BucketShape = "v7" | "v2" | "inline";

export interface SecureBucket {
    key: string;
    keyPolicy: string;
    alias: string;
    bucket: string;
    /** The SSE configuration resource (v7/V2), or the bucket itself for inline. */
    sse: string;
    /** The versioning resource (v7/V2), or the bucket itself for inline. */
    versioning: string;
    pab: string;
    /** The BucketPolicy resource, or the bucket itself for inline. */
    policy: string;
}

export interface SecureBucketOptions {
    shape?: BucketShape;
    provider?: string;
    region?: string;
    /** Extra key policy statements (e.g. the replication role's). */
    keyStatements?: unknown[];
    /** Extra bucket policy statements (e.g. a cross-account replication grant). */
    bucketStatements?: (bucketArn: (v?: string) => unknown) => unknown[];
    account?: string;
}

export function rootStatement(account: string): unknown {
    return { Sid: "EnableRootAccess", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" };
}

export function secureBucket(b: StackBuilder, name: string, opts: SecureBucketOptions = {}): SecureBucket {
    const shape = opts.shape ?? "v7";
    const account = opts.account ?? "111111111111";
    const common = { provider: opts.provider };
    const region = opts.region ? { region: opts.region } : {};
    const key = b.add(T.key, `${name}-key`, {
        description: `${name} bucket key`, enableKeyRotation: true, deletionWindowInDays: 30,
        customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", ...region,
    }, { ...common, protect: true });
    const keyPolicy = b.add(T.keyPolicy, `${name}-key-policy`, {
        keyId: out(key, "keyId"), ...region,
        policy: json({ Version: "2012-10-17", Statement: [rootStatement(account), ...(opts.keyStatements ?? [])] }),
    }, common);
    const alias = b.add(T.alias, `${name}-alias`, { name: `alias/${name}`, targetKeyId: out(key, "keyId"), ...region }, common);
    const arn = (suffix = "") => (bucketUrn: string) => out(bucketUrn, "arn", (v) => v + suffix);
    const statements = (bucketUrn: string): unknown[] => [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn()(bucketUrn), arn("/*")(bucketUrn)], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn("/*")(bucketUrn), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
        { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn("/*")(bucketUrn), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": out(key, "arn") } } },
        ...(opts.bucketStatements ? opts.bucketStatements((suffix?: string) => arn(suffix)(bucketUrn)) : []),
    ];
    let bucket: string;
    let sse: string;
    let versioning: string;
    let policy: string;
    if (shape === "inline") {
        // The deprecated inline properties of aws.s3.Bucket (v7 singular shapes); the policy needs the
        // bucket's own ARN, so it is written with the literal name like users do.
        const bucketName = `${name}-bucket`;
        const literalArn = `arn:aws:s3:::${bucketName}`;
        bucket = b.add(T.bucket, name, {
            bucket: bucketName, ...region,
            serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true } },
            versioning: { enabled: true },
            policy: json({ Version: "2012-10-17", Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [literalArn, `${literalArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${literalArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${literalArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": out(key, "arn") } } },
            ] }),
        }, common);
        sse = versioning = policy = bucket;
    } else if (shape === "v2") {
        bucket = b.add(T.bucketV2, name, { ...region }, common);
        sse = b.add(T.sseV2, `${name}-sse`, {
            bucket: out(bucket, "id"), ...region,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }],
        }, common);
        versioning = b.add(T.versioningV2, `${name}-versioning`, { bucket: out(bucket, "id"), versioningConfiguration: { status: "Enabled" }, ...region }, common);
        policy = b.add(T.bucketPolicy, `${name}-policy`, { bucket: out(bucket, "id"), policy: json({ Version: "2012-10-17", Statement: statements(bucket) }), ...region }, common);
    } else {
        bucket = b.add(T.bucket, name, { ...region, tags: { app: name } }, common);
        sse = b.add(T.sse, `${name}-sse`, {
            bucket: out(bucket, "id"), ...region,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }],
        }, common);
        versioning = b.add(T.versioning, `${name}-versioning`, { bucket: out(bucket, "id"), versioningConfiguration: { status: "Enabled" }, ...region }, common);
        policy = b.add(T.bucketPolicy, `${name}-policy`, { bucket: out(bucket, "id"), policy: json({ Version: "2012-10-17", Statement: statements(bucket) }), ...region }, common);
    }
    const pab = b.add(T.pab, `${name}-pab`, {
        bucket: out(bucket, "id"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...region,
    }, common);
    b.add(T.ownership, `${name}-ownership`, { bucket: out(bucket, "id"), rule: { objectOwnership: "BucketOwnerEnforced" }, ...region }, common);
    return { key, keyPolicy, alias, bucket, sse, versioning, pab, policy };
}

export interface ReplicatedPair {
    b: StackBuilder;
    source: SecureBucket;
    destination: SecureBucket;
    role: string;
    rolePolicy: string;
    replication: string;
    destProvider: string;
}

const ASSUME_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] };

/** Source in eu-west-1 replicating to a destination in eu-central-1, same or another account. */
export function replicatedPair(opts: { crossAccount?: boolean; shape?: BucketShape } = {}): ReplicatedPair {
    const b = new StackBuilder();
    const destAccount = opts.crossAccount ? "222222222222" : "111111111111";
    const destProvider = b.provider("destination", { region: "eu-central-1", account: destAccount });
    const role = b.add(T.role, "replication-role", { name: "replication-role", assumeRolePolicy: json(ASSUME_S3) });
    const roleStatement = (sid: string) => ({
        Sid: sid, Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource: "*",
    });
    const source = secureBucket(b, "source", { shape: opts.shape, keyStatements: [roleStatement("AllowS3ReplicationSourceRoleToUseTheKey")] });
    const destination = secureBucket(b, "destination", {
        provider: destProvider, account: destAccount,
        keyStatements: [roleStatement("AllowS3ReplicationDestinationRoleToUseTheKey")],
        bucketStatements: opts.crossAccount ? (arn) => [
            { Sid: "AllowReplication", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: arn("/*") },
        ] : undefined,
    });
    const rolePolicy = b.add(T.rolePolicy, "replication-role-policy", {
        role: out(role, "id"),
        policy: json({ Version: "2012-10-17", Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: out(source.bucket, "arn") },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: out(source.bucket, "arn", (v) => `${v}/*`) },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: out(destination.bucket, "arn", (v) => `${v}/*`) },
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: out(source.key, "arn"), Condition: { StringLike: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: out(destination.key, "arn") },
        ] }),
    });
    const destinationBlock: Record<string, unknown> = {
        bucket: out(destination.bucket, "arn"),
        storageClass: "STANDARD",
        encryptionConfiguration: { replicaKmsKeyId: out(destination.key, "arn") },
    };
    if (opts.crossAccount) {
        destinationBlock["account"] = destAccount;
        destinationBlock["accessControlTranslation"] = { owner: "Destination" };
    }
    const replication = b.add(T.replication, "replication", {
        bucket: out(source.bucket, "id"),
        role: out(role, "arn"),
        rules: [{
            id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: destinationBlock,
        }],
    }, { dependsOn: [source.versioning, destination.versioning] });
    return { b, source, destination, role, rolePolicy, replication, destProvider };
}

/**
 * The replicated pair with its keys delegating to their account root and the role's inline RolePolicy moved into a
 * customer managed policy (`policy`, not attached yet: each test attaches it its own way); `withKms: false` drops the
 * policy's KMS statements.
 */
export function replicatedPairWithManagedPolicy(withKms: boolean): { pair: ReplicatedPair; policy: string } {
    const pair = replicatedPair();
    for (const keyPolicy of [pair.source.keyPolicy, pair.destination.keyPolicy]) {
        pair.b.patch(keyPolicy, (i) => {
            i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] });
        });
    }
    const rolePolicy = pair.b.build().find((r) => r.urn === pair.rolePolicy);
    const doc = JSON.parse(String(rolePolicy?.inputs?.["policy"])) as { Statement: { Action: string[] }[] };
    if (!withKms) {
        doc.Statement = doc.Statement.filter((s) => !s.Action.some((a) => a.startsWith("kms:")));
    }
    pair.b.remove(pair.rolePolicy);
    const policy = pair.b.add(T.iamPolicy, "replication-permissions", { policy: JSON.stringify(doc) });
    return { pair, policy };
}

export interface ExternalReplication {
    b: StackBuilder;
    destination: SecureBucket;
    role: string;
    rolePolicy: string;
    replication: string;
}

/**
 * A `BucketReplicationConfig` for `sourceName`, an existing bucket the stack does not declare, into the stack's
 * `destination` (eu-central-1, same or another account) with the stack's role: what a user writes to replicate a
 * bucket created elsewhere. Compliant as built.
 */
export function externalReplication(sourceName: string, opts: { crossAccount?: boolean } = {}): ExternalReplication {
    const b = new StackBuilder();
    const destAccount = opts.crossAccount ? "222222222222" : "111111111111";
    const destProvider = b.provider("destination", { region: "eu-central-1", account: destAccount });
    const role = b.add(T.role, "replication-role", { name: "replication-role", assumeRolePolicy: json(ASSUME_S3) });
    const destination = secureBucket(b, "destination", {
        provider: destProvider, account: destAccount,
        keyStatements: [{ Sid: "AllowS3ReplicationDestinationRoleToUseTheKey", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["kms:GenerateDataKey", "kms:Encrypt"], Resource: "*" }],
        bucketStatements: opts.crossAccount ? (arn) => [
            { Sid: "AllowReplication", Effect: "Allow", Principal: { AWS: out(role, "arn") }, Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: arn("/*") },
        ] : undefined,
    });
    const sourceArn = `arn:aws:s3:::${sourceName}`;
    const rolePolicy = b.add(T.rolePolicy, "replication-role-policy", {
        role: out(role, "id"),
        policy: json({ Version: "2012-10-17", Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: sourceArn },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${sourceArn}/*` },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: out(destination.bucket, "arn", (v) => `${v}/*`) },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: out(destination.key, "arn") },
        ] }),
    });
    const replication = b.add(T.replication, "replication", {
        bucket: sourceName,
        role: out(role, "arn"),
        rules: [{
            id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
                bucket: out(destination.bucket, "arn"), storageClass: "STANDARD",
                encryptionConfiguration: { replicaKmsKeyId: out(destination.key, "arn") },
                ...(opts.crossAccount ? { account: destAccount, accessControlTranslation: { owner: "Destination" } } : {}),
            },
        }],
    }, { dependsOn: [destination.versioning] });
    return { b, destination, role, rolePolicy, replication };
}

/** A compliant aws-native bucket, key, alias and bucket policy (aws-native 1.79 shapes: policies are objects, tags lists). */
export interface NativeBucket {
    b: StackBuilder;
    provider: string;
    key: string;
    bucket: string;
    policy: string;
}

export function nativeBucket(b: StackBuilder, name: string, opts: { provider?: string; account?: string; region?: string; keyStatements?: unknown[]; bucketProps?: Record<string, unknown> } = {}): NativeBucket {
    const account = opts.account ?? "111111111111";
    const provider = opts.provider ?? b.nativeProvider(`${name}-native`, { region: opts.region ?? "eu-west-1", account });
    const key = b.add(T.nativeKey, `${name}-key`, {
        description: `${name} key`, enableKeyRotation: true, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", pendingWindowInDays: 30,
        keyPolicy: { Version: "2012-10-17", Statement: [rootStatement(account), ...(opts.keyStatements ?? [])] },
        tags: [{ key: "app", value: name }],
    }, { provider, protect: true });
    b.add(T.nativeAlias, `${name}-alias`, { aliasName: `alias/${name}`, targetKeyId: out(key, "keyId") }, { provider });
    const bucket = b.add(T.nativeBucket, name, {
        bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }] },
        versioningConfiguration: { status: "Enabled" },
        publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] },
        tags: [{ key: "app", value: name }],
        ...(opts.bucketProps ?? {}),
    }, { provider });
    const arn = (suffix = "") => out(bucket, "arn", (v) => v + suffix);
    const policy = b.add(T.nativeBucketPolicy, `${name}-policy`, {
        bucket: out(bucket, "id"),
        policyDocument: { Version: "2012-10-17", Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn(), arn("/*")], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn("/*"), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: arn("/*"), Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": out(key, "arn") } } },
        ] },
    }, { provider });
    return { b, provider, key, bucket, policy };
}

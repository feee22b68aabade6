// A compliant stack of the v7 configuration resources a records team writes by hand: an Object Lock ledger bucket
// (default GOVERNANCE retention) replicated to an Object Lock replica in another Region, its lifecycle and its
// server access logging as separate resources, and an archive bucket under dual-layer SSE-KMS (`aws:kms:dsse`).
// The guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const replicaRegion = "us-east-1";
const deployer = `arn:aws:iam::${account}:role/deployer`;

const home = new aws.Provider("home", { region, assumeRoles: [{ roleArn: deployer }] });
const away = new aws.Provider("away", { region: replicaRegion, assumeRoles: [{ roleArn: deployer }] });

const keyPolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
});
function key(name: string, provider: aws.Provider): aws.kms.Key {
    return new aws.kms.Key(name, { description: `${name} objects`, enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy }, { provider, protect: true });
}
const ledgerKey = key("ledger", home);
const replicaKey = key("ledger-replica", away);
const archiveKey = key("archive", home);

/** The guardrail statements of a bucket under `algorithm` with `keyArn`, as a JSON document around its ARN. */
function guardedPolicy(bucket: aws.s3.Bucket, keyArn: pulumi.Output<string>, algorithm: string, extra: unknown[] = []) {
    return pulumi.all([bucket.arn, keyArn]).apply(([arn, keyId]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyOtherEncryption", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": algorithm } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyId } } },
            ...extra,
        ],
    }));
}

/** Versioning, default encryption, no public access, ACLs off: what every bucket here has. */
function basics(name: string, bucket: aws.s3.Bucket, provider: aws.Provider, encryption: aws.types.input.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault) {
    const versioning = new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, { provider });
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: encryption, bucketKeyEnabled: encryption.sseAlgorithm === "aws:kms" }],
    }, { provider });
    const block = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, { provider });
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { provider });
    return { versioning, block };
}

// Server access logs of the ledger: SSE-S3 (all log delivery accepts), written by log delivery only.
const logs = new aws.s3.Bucket("access-logs", { bucket: "records-access-logs" }, { provider: home });
const logBasics = basics("access-logs", logs, home, { sseAlgorithm: "AES256" });
new aws.s3.BucketPolicy("access-logs", {
    bucket: logs.id,
    policy: logs.arn.apply((arn) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            {
                Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn}/ledger/*`,
                Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": "arn:aws:s3:::records-ledger" } },
            },
            { Sid: "OnlyLogDeliveryWrites", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } } },
        ],
    })),
}, { provider: home, dependsOn: [logBasics.block] });

// The ledger: Object Lock from creation, a default retention, noncurrent versions kept 90 days.
const ledger = new aws.s3.Bucket("ledger", { bucket: "records-ledger", objectLockEnabled: true }, { provider: home });
const ledgerBasics = basics("ledger", ledger, home, { sseAlgorithm: "aws:kms", kmsMasterKeyId: ledgerKey.arn });
new aws.s3.BucketObjectLockConfiguration("ledger", {
    bucket: ledger.id,
    rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } },
}, { provider: home, dependsOn: [ledgerBasics.versioning] });
new aws.s3.BucketLifecycleConfiguration("ledger", {
    bucket: ledger.id,
    rules: [{
        id: "old-versions",
        status: "Enabled",
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: 90 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }],
}, { provider: home, dependsOn: [ledgerBasics.versioning] });
new aws.s3.BucketLogging("ledger", { bucket: ledger.id, targetBucket: logs.id, targetPrefix: "ledger/" }, { provider: home });
new aws.s3.BucketPolicy("ledger", { bucket: ledger.id, policy: guardedPolicy(ledger, ledgerKey.arn, "aws:kms") }, { provider: home, dependsOn: [ledgerBasics.block] });

// Its replica: Object Lock too (S3 replicates retention only into a locked bucket).
const replica = new aws.s3.Bucket("ledger-replica", { bucket: "records-ledger-replica", objectLockEnabled: true }, { provider: away });
const replicaBasics = basics("ledger-replica", replica, away, { sseAlgorithm: "aws:kms", kmsMasterKeyId: replicaKey.arn });
new aws.s3.BucketPolicy("ledger-replica", { bucket: replica.id, policy: guardedPolicy(replica, replicaKey.arn, "aws:kms") }, { provider: away, dependsOn: [replicaBasics.block] });

const role = new aws.iam.Role("ledger-replication", {
    name: "records-ledger-replication",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    }),
}, { provider: home });
new aws.iam.RolePolicy("ledger-replication", {
    role: role.id,
    policy: pulumi.all([ledger.arn, replica.arn, ledgerKey.arn, replicaKey.arn]).apply(([source, destination, sourceKey, destinationKey]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source },
            {
                Effect: "Allow",
                Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"],
                Resource: `${source}/*`,
            },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${destination}/*` },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: sourceKey, Condition: { StringLike: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: destinationKey, Condition: { StringLike: { "kms:ViaService": `s3.${replicaRegion}.amazonaws.com` } } },
        ],
    })),
}, { provider: home });
new aws.s3.BucketReplicationConfig("ledger", {
    bucket: ledger.id,
    role: role.arn,
    rules: [{
        id: "ledger-to-replica",
        status: "Enabled",
        filter: { prefix: "" },
        deleteMarkerReplication: { status: "Disabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: { bucket: replica.arn, encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn } },
    }],
}, { provider: home, dependsOn: [ledgerBasics.versioning, replicaBasics.versioning] });

// The archive: dual-layer SSE-KMS, and its policy requires that header.
const archive = new aws.s3.Bucket("archive", { bucket: "records-archive" }, { provider: home });
const archiveBasics = basics("archive", archive, home, { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: archiveKey.arn });
new aws.s3.BucketPolicy("archive", { bucket: archive.id, policy: guardedPolicy(archive, archiveKey.arn, "aws:kms:dsse") }, { provider: home, dependsOn: [archiveBasics.block] });

export const ledgerBucket = ledger.bucket;

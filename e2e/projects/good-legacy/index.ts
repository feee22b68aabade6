// A compliant stack in one account, written by hand with the legacy inline properties of `aws.s3.Bucket` (inline
// encryption, versioning, policy, lifecycle rules, logging and replication, as programs written for @pulumi/aws 6
// still do), a key whose policy separates administrators from users, a consumer role that reads and writes through
// its own IAM policy, an object uploaded under the bucket's key, and a server access log bucket (SSE-S3, the one
// encryption log delivery accepts). The guardrails pack must let it through at preview, during `up` and on the
// deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const replicaRegion = "eu-central-1";

const provider = new aws.Provider("main", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const replicaProvider = new aws.Provider("replica-region", { region: replicaRegion, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

const trustedBy = (principal: Record<string, string>) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
});
const keyAdmin = new aws.iam.Role("key-admin", { name: "legacy-key-admin", assumeRolePolicy: trustedBy({ AWS: `arn:aws:iam::${account}:root` }) }, opts);
const consumer = new aws.iam.Role("consumer", { name: "legacy-consumer", assumeRolePolicy: trustedBy({ Service: "ec2.amazonaws.com" }) }, opts);
const replicationRole = new aws.iam.Role("replication", { name: "legacy-replication", assumeRolePolicy: trustedBy({ Service: "s3.amazonaws.com" }) }, opts);

/** Administrators manage the key and never use it; users use it and never manage it. */
function keyPolicy(users: pulumi.Input<string>[]) {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "KeyAdministrators",
                Effect: "Allow",
                Principal: { AWS: keyAdmin.arn },
                Action: [
                    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
                    "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                ],
                Resource: "*",
            },
            {
                Sid: "KeyUsers",
                Effect: "Allow",
                Principal: { AWS: users },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
            },
        ],
    });
}

const dataKey = new aws.kms.Key("data", {
    description: "legacy data bucket",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy([consumer.arn, replicationRole.arn]),
}, { ...opts, protect: true });
const replicaKey = new aws.kms.Key("replica", {
    description: "legacy data replicas",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy([replicationRole.arn]),
}, { provider: replicaProvider, protect: true });

function guardrails(bucket: string, keyArn?: pulumi.Input<string>): unknown[] {
    const arn = `arn:aws:s3:::${bucket}`;
    const statements: unknown[] = [{
        Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    }];
    if (keyArn !== undefined) {
        statements.push(
            { Sid: "DenyNonKmsUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } } },
        );
    }
    return statements;
}

// Server access logs: SSE-S3, written by log delivery only ("Enabling Amazon S3 server access logging").
const logBucketName = "legacy-access-logs";
const logBucket = new aws.s3.Bucket("logs", {
    bucket: logBucketName,
    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
    versioning: { enabled: true },
    lifecycleRules: [{ id: "expire-logs", enabled: true, expiration: { days: 365 }, noncurrentVersionExpiration: { days: 30 } }],
}, opts);
const logBlock = new aws.s3.BucketPublicAccessBlock("logs", {
    bucket: logBucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);
new aws.s3.BucketOwnershipControls("logs", { bucket: logBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
new aws.s3.BucketPolicy("logs", {
    bucket: logBucket.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            ...guardrails(logBucketName),
            {
                Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${logBucketName}/data/*`,
                Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::legacy-data" }, StringEquals: { "aws:SourceAccount": account } },
            },
            {
                Sid: "DenyWritesOtherThanLogDelivery", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `arn:aws:s3:::${logBucketName}/*`,
                Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } },
            },
        ],
    }),
}, { ...opts, dependsOn: [logBlock] });

// The replica, in another Region of the same account.
const replicaName = "legacy-data-replica";
const replica = new aws.s3.Bucket("replica", {
    bucket: replicaName,
    region: replicaRegion,
    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: replicaKey.arn }, bucketKeyEnabled: true } },
    versioning: { enabled: true },
    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: guardrails(replicaName, replicaKey.arn) }),
}, { provider: replicaProvider });
new aws.s3.BucketPublicAccessBlock("replica", {
    bucket: replica.id, region: replicaRegion, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, { provider: replicaProvider });
new aws.s3.BucketOwnershipControls("replica", { bucket: replica.id, region: replicaRegion, rule: { objectOwnership: "BucketOwnerEnforced" } }, { provider: replicaProvider });

// The data bucket: everything inline.
const dataName = "legacy-data";
const data = new aws.s3.Bucket("data", {
    bucket: dataName,
    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true } },
    versioning: { enabled: true },
    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: guardrails(dataName, dataKey.arn) }),
    lifecycleRules: [{ id: "keep-old-versions-90-days", enabled: true, noncurrentVersionExpiration: { days: 90 } }],
    logging: { targetBucket: logBucket.id, targetPrefix: "data/" },
    replicationConfiguration: {
        role: replicationRole.arn,
        rules: [{
            id: "to-replica",
            status: "Enabled",
            priority: 1,
            filter: {},
            deleteMarkerReplicationStatus: "Enabled",
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } },
            destination: { bucket: replica.arn, storageClass: "STANDARD", replicaKmsKeyId: replicaKey.arn },
        }],
    },
}, opts);
new aws.s3.BucketPublicAccessBlock("data", {
    bucket: data.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);
new aws.s3.BucketOwnershipControls("data", { bucket: data.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);

new aws.iam.RolePolicy("replication", {
    role: replicationRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: `arn:aws:s3:::${dataName}` },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `arn:aws:s3:::${dataName}/*` },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `arn:aws:s3:::${replicaName}/*` },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: dataKey.arn, Condition: { StringLike: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: replicaKey.arn, Condition: { StringLike: { "kms:ViaService": `s3.${replicaRegion}.amazonaws.com` } } },
        ],
    }),
}, opts);

// The consumer reads and writes objects under the bucket's key through its own IAM policy (same account: the
// key policy names it as a user, the bucket policy needs no grant).
new aws.iam.RolePolicy("consumer", {
    role: consumer.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${dataName}/*` },
            { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${dataName}` },
            { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: dataKey.arn },
        ],
    }),
}, opts);

new aws.s3.BucketObjectv2("readme", {
    bucket: data.id,
    key: "README.txt",
    content: "Encrypted under the bucket's customer managed key.",
    serverSideEncryption: "aws:kms",
    kmsKeyId: dataKey.arn,
}, opts);

export const dataBucket = data.bucket;

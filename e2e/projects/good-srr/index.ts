// A compliant same-Region replication (SRR) in one account, written by hand: auto-named buckets (`bucketPrefix`,
// so even their names are unknown at preview), default encryption naming the key by its alias ARN, a replication
// rule for one prefix, the role's permissions in a managed policy attached to it with the encryption-context
// conditions AWS documents for buckets with an S3 Bucket Key, and an IAM user that audits through the key policy
// and its own user policy. The guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("main", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

const auditor = new aws.iam.User("auditor", { name: "reports-auditor" }, opts);
const role = new aws.iam.Role("replication", {
    namePrefix: "reports-replication-",
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] },
}, opts);

const key = new aws.kms.Key("reports", {
    description: "reports and their replicas",
    enableKeyRotation: true,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "AuditorDecrypts", Effect: "Allow", Principal: { AWS: auditor.arn }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" },
        ],
    }),
}, { ...opts, protect: true });
const alias = new aws.kms.Alias("reports", { name: "alias/reports", targetKeyId: key.keyId }, opts);

function bucket(name: string): { bucket: aws.s3.Bucket; versioning: aws.s3.BucketVersioning } {
    const b = new aws.s3.Bucket(name, { bucketPrefix: `${name}-` }, opts);
    const versioning = new aws.s3.BucketVersioning(name, { bucket: b.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: b.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: alias.arn }, bucketKeyEnabled: true }],
    }, opts);
    const block = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: b.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    new aws.s3.BucketPolicy(name, {
        bucket: b.id,
        policy: pulumi.all([b.arn, key.arn]).apply(([arn, keyArn]) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyUnencryptedUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } } },
            ],
        })),
    }, { ...opts, dependsOn: [block] });
    return { bucket: b, versioning };
}

const reports = bucket("reports");
const copies = bucket("reports-copy");

// "Replicating encrypted objects": with an S3 Bucket Key the encryption context is the bucket's ARN.
const permissions = new aws.iam.Policy("replication", {
    namePrefix: "reports-replication-",
    policy: pulumi.all([reports.bucket.arn, copies.bucket.arn, key.arn]).apply(([source, destination, keyArn]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: `${source}/monthly/*` },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${destination}/monthly/*` },
            {
                Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn,
                Condition: { StringLike: { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": source } },
            },
            {
                Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: keyArn,
                Condition: { StringLike: { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": destination } },
            },
        ],
    })),
}, opts);
const attachment = new aws.iam.RolePolicyAttachment("replication", { role: role.name, policyArn: permissions.arn }, opts);

new aws.s3.BucketReplicationConfig("reports", {
    bucket: reports.bucket.id,
    role: role.arn,
    rules: [{
        id: "monthly",
        status: "Enabled",
        filter: { prefix: "monthly/" },
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: { bucket: copies.bucket.arn, storageClass: "STANDARD_IA", encryptionConfiguration: { replicaKmsKeyId: key.arn } },
    }],
}, { ...opts, dependsOn: [reports.versioning, copies.versioning, attachment] });

new aws.iam.UserPolicy("auditor", {
    user: auditor.name,
    policy: pulumi.all([reports.bucket.arn, key.arn]).apply(([arn, keyArn]) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [arn, `${arn}/*`] },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn },
        ],
    })),
}, opts);

export const reportsBucket = reports.bucket.bucket;

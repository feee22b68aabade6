// Every resource here breaks a guardrail on purpose. Names are explicit so the violating properties
// are known already at preview time (computed ids and ARNs are unknown there, and a policy that
// needs an unknown value is only advisory during preview).
import * as aws from "@pulumi/aws";

const account = "111111111111";
const region = "us-east-1";
const provider = new aws.Provider("bad", {
    region,
    assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }],
});
const opts = { provider };

// Unencrypted bucket: no server-side encryption configuration at all, versioning suspended.
const plain = new aws.s3.Bucket("plain", { bucket: "eb-bad-plain", region }, opts);
new aws.s3.BucketVersioning("plain", { bucket: plain.bucket, region, versioningConfiguration: { status: "Suspended" } }, opts);

// SSE-S3 (AES256) instead of SSE-KMS, and no bucket key.
const sses3 = new aws.s3.Bucket("sse-s3", { bucket: "eb-bad-sse-s3", region }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("sse-s3", {
    bucket: sses3.bucket,
    region,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }],
}, opts);

// Asymmetric key used for encryption, and a symmetric key without rotation.
const asymmetric = new aws.kms.Key("asymmetric", {
    region,
    customerMasterKeySpec: "RSA_2048",
    keyUsage: "ENCRYPT_DECRYPT",
    enableKeyRotation: false,
    deletionWindowInDays: 7,
}, opts);
const unrotated = new aws.kms.Key("unrotated", { region, enableKeyRotation: false, deletionWindowInDays: 30 }, opts);

// Key policy granting every KMS action to everyone.
new aws.kms.KeyPolicy("unrotated", {
    keyId: unrotated.keyId,
    region,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }],
    }),
}, opts);

// Encrypted source bucket whose replication sends SSE-KMS objects without a replica key.
const source = new aws.s3.Bucket("source", { bucket: "eb-bad-source", region }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("source", {
    bucket: source.bucket,
    region,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: asymmetric.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketVersioning("source", { bucket: source.bucket, region, versioningConfiguration: { status: "Enabled" } }, opts);
const destination = new aws.s3.Bucket("destination", { bucket: "eb-bad-destination", region: "us-west-2" }, opts);
const replicationRole = new aws.iam.Role("replication", {
    name: "eb-bad-replication",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        // Trusts EC2, not S3: S3 accepts the replication configuration, then can't assume the role for any object.
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
}, opts);
new aws.s3.BucketReplicationConfig("source", {
    bucket: source.bucket,
    region,
    role: replicationRole.arn,
    rules: [{
        id: "everything",
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: { bucket: "arn:aws:s3:::eb-bad-destination" },
    }],
}, opts);

// Public access block with every switch off.
const destinationAccess = new aws.s3.BucketPublicAccessBlock("destination", {
    bucket: destination.bucket,
    region: "us-west-2",
    blockPublicAcls: false,
    blockPublicPolicy: false,
    ignorePublicAcls: false,
    restrictPublicBuckets: false,
}, opts);

// Bucket policy with no statement denying requests over plain HTTP, and a public-read grant. After
// the public access block: a new bucket blocks public policies until that block turns it off.
new aws.s3.BucketPolicy("destination", {
    bucket: destination.bucket,
    region: "us-west-2",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::eb-bad-destination/*" }],
    }),
}, { ...opts, dependsOn: [destinationAccess] });

// Cross-Region replication in one account under one multi-Region key, as the pack's kms-key-region-matches-bucket
// suggests: the primary key encrypts the source bucket in eu-west-1, an aws.kms.ReplicaKey of it (same key id and
// key material, its own key policy) encrypts the replicas in eu-central-1. Raw @pulumi/aws v7, one provider per Region.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const primaryRegion = "eu-west-1";
const replicaRegion = "eu-central-1";
const primary = new aws.Provider("primary", { region: primaryRegion, assumeRoles: [{ roleArn: deployer }] });
const secondary = new aws.Provider("secondary", { region: replicaRegion, assumeRoles: [{ roleArn: deployer }] });

const role = new aws.iam.Role("replication", {
    name: "good-mrk-replication",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    }),
}, { provider: primary });

const keyPolicy = (roleActions: string[]) => pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "ReplicationRole", Effect: "Allow", Principal: { AWS: role.arn }, Action: roleActions, Resource: "*" },
    ],
});

const key = new aws.kms.Key("data", {
    description: "good-mrk data, every Region",
    multiRegion: true,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy(["kms:Decrypt"]),
}, { provider: primary, protect: true });
const replicaKey = new aws.kms.ReplicaKey("data", {
    description: "good-mrk data, replica Region",
    primaryKeyArn: key.arn,
    deletionWindowInDays: 30,
    policy: keyPolicy(["kms:Encrypt", "kms:GenerateDataKey"]),
}, { provider: secondary, protect: true });

function encryptedBucket(name: string, keyArn: pulumi.Output<string>, provider: aws.Provider) {
    const opts = { provider };
    const bucket = new aws.s3.Bucket(name, { bucket: `good-mrk-${name}` }, opts);
    const versioning = new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
    }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    const block = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    const objects = pulumi.interpolate`${bucket.arn}/*`;
    new aws.s3.BucketPolicy(name, {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, objects], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyNonKmsUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } } },
            ],
        }),
    }, { ...opts, dependsOn: [block] });
    return { bucket, versioning };
}

const source = encryptedBucket("source", key.arn, primary);
const replica = encryptedBucket("replica", replicaKey.arn, secondary);

new aws.iam.RolePolicy("replication", {
    role: role.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source.bucket.arn },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: pulumi.interpolate`${source.bucket.arn}/*` },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: pulumi.interpolate`${replica.bucket.arn}/*` },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn, Condition: { StringLike: { "kms:ViaService": `s3.${primaryRegion}.amazonaws.com` } } },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: replicaKey.arn, Condition: { StringLike: { "kms:ViaService": `s3.${replicaRegion}.amazonaws.com` } } },
        ],
    }),
}, { provider: primary });

new aws.s3.BucketReplicationConfig("source", {
    bucket: source.bucket.id,
    role: role.arn,
    rules: [{
        id: "to-replica-region",
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: { bucket: replica.bucket.arn, storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn } },
    }],
}, { provider: primary, dependsOn: [source.versioning, replica.versioning] });

export const replicaKeyArn = replicaKey.arn;

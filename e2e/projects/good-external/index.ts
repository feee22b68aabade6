// A compliant bucket that replicates to a bucket another team owns in another account: only the source side is in
// this stack. The destination bucket and its key are named by literal ARNs (their owner's stack grants this role,
// as "Granting permissions when the source and destination buckets are owned by different AWS accounts" asks), and
// replicas become the destination account's. The guardrails pack must let it through at preview, during `up` and
// on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const partnerAccount = "444444444444";
const region = "eu-west-1";
const partnerRegion = "eu-north-1";
const partnerBucketArn = "arn:aws:s3:::partner-landing-zone";
const partnerKeyArn = `arn:aws:kms:${partnerRegion}:${partnerAccount}:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9`;

const provider = new aws.Provider("main", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

const key = new aws.kms.Key("outbound", {
    description: "outbound exports",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
}, { ...opts, protect: true });

const bucket = new aws.s3.Bucket("outbound", { bucket: "exports-outbound-111111111111" }, opts);
const versioning = new aws.s3.BucketVersioning("outbound", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("outbound", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("outbound", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("outbound", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);
new aws.s3.BucketPolicy("outbound", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyUnencryptedUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucket.arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucket.arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn } } },
        ],
    }),
}, { ...opts, dependsOn: [block] });

const role = new aws.iam.Role("outbound-replication", {
    name: "exports-outbound-replication",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    }),
    inlinePolicies: [{
        name: "replicate-to-partner",
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: bucket.arn },
                { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: pulumi.interpolate`${bucket.arn}/*` },
                { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"], Resource: `${partnerBucketArn}/*` },
                { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn, Condition: { StringLike: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
                { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: partnerKeyArn, Condition: { StringLike: { "kms:ViaService": `s3.${partnerRegion}.amazonaws.com` } } },
            ],
        }),
    }],
}, opts);

new aws.s3.BucketReplicationConfig("outbound", {
    bucket: bucket.id,
    role: role.arn,
    rules: [{
        id: "to-partner",
        status: "Enabled",
        filter: { prefix: "exports/" },
        deleteMarkerReplication: { status: "Disabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
            bucket: partnerBucketArn,
            account: partnerAccount,
            accessControlTranslation: { owner: "Destination" },
            encryptionConfiguration: { replicaKmsKeyId: partnerKeyArn },
        },
    }],
}, { ...opts, dependsOn: [versioning] });

export const outboundBucket = bucket.bucket;

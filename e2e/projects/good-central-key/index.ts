// A compliant pattern of organisations that keep keys in a security account: the data account's bucket encrypts
// by default with a key the security account owns (named by its full ARN, as S3 requires for a key of another
// account), whose policy lets the data account use it through S3 only. Objects tagged for DR replicate with
// S3 Replication Time Control to a bucket of the data account in another Region, under that account's own key.
// The guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const dataAccount = "111111111111";
const securityAccount = "555555555555";
const region = "eu-west-1";
const drRegion = "eu-west-3";

const data = new aws.Provider("data", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] });
const dr = new aws.Provider("dr", { region: drRegion, assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] });
const security = new aws.Provider("security", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${securityAccount}:role/deployer` }] });

const centralKey = new aws.kms.Key("central", {
    description: "payments data, owned by the security account",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${securityAccount}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "DataAccountUsesTheKeyThroughS3",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${dataAccount}:root` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
            },
        ],
    }),
}, { provider: security, protect: true });

const drKey = new aws.kms.Key("dr", { description: "payments replicas", enableKeyRotation: true }, { provider: dr, protect: true });

function secureBucket(name: string, bucketName: string, provider: aws.Provider, keyArn: pulumi.Output<string>) {
    const bucket = new aws.s3.Bucket(name, { bucket: bucketName }, { provider });
    const versioning = new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, { provider });
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
    }, { provider });
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { provider });
    const block = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, { provider });
    new aws.s3.BucketPolicy(name, {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyUnencryptedUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucket.arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${bucket.arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } } },
            ],
        }),
    }, { provider, dependsOn: [block] });
    return { bucket, versioning };
}

const payments = secureBucket("payments", "payments-111111111111", data, centralKey.arn);
const paymentsDr = secureBucket("payments-dr", "payments-dr-111111111111", dr, drKey.arn);

const role = new aws.iam.Role("payments-replication", {
    name: "payments-replication",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
}, { provider: data });
new aws.iam.RolePolicy("payments-replication", {
    role: role.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: payments.bucket.arn },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: pulumi.interpolate`${payments.bucket.arn}/*` },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: pulumi.interpolate`${paymentsDr.bucket.arn}/*` },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: centralKey.arn, Condition: { StringLike: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
            { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: drKey.arn, Condition: { StringLike: { "kms:ViaService": `s3.${drRegion}.amazonaws.com` } } },
        ],
    }),
}, { provider: data });

new aws.s3.BucketReplicationConfig("payments", {
    bucket: payments.bucket.id,
    role: role.arn,
    rules: [{
        id: "dr-tagged",
        status: "Enabled",
        priority: 10,
        // A tag filter can't replicate delete markers: S3 refuses DeleteMarkerReplication Enabled with one.
        filter: { and: { prefix: "ledger/", tags: { dr: "true" } } },
        deleteMarkerReplication: { status: "Disabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
            bucket: paymentsDr.bucket.arn,
            storageClass: "STANDARD",
            encryptionConfiguration: { replicaKmsKeyId: drKey.arn },
            replicationTime: { status: "Enabled", time: { minutes: 15 } },
            metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
    }],
}, { provider: data, dependsOn: [payments.versioning, paymentsDr.versioning] });

export const paymentsBucket = payments.bucket.bucket;

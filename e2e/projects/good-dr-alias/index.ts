// Cross-Region replication in one account, each Region under a key of its own, written by hand with idioms the
// other good programs don't use: the replicas' key named by its alias ARN (`replicaKmsKeyId` takes a key ARN or an
// alias ARN: Amazon S3 API Reference, "EncryptionConfiguration"), the replication role's permissions a customer
// managed policy given in the role's own `managedPolicyArns` (deprecated in v7, still accepted) and written as a
// typed `aws.iam.PolicyDocument` with `pulumi.interpolate`d ARNs, the bucket policies built with
// `pulumi.all([...]).apply`, the key policies as separate `aws.kms.KeyPolicy` resources. The guardrails pack must let
// it through at preview (every ARN unknown), during `up` and on the deployed state, with no violation of any level.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const sourceRegion = "eu-west-1";
const drRegion = "eu-central-1";
const source = new aws.Provider("source", { region: sourceRegion, assumeRoles: [{ roleArn: deployer }] });
const dr = new aws.Provider("dr", { region: drRegion, assumeRoles: [{ roleArn: deployer }] });

function regionalKey(name: string, provider: aws.Provider): { key: aws.kms.Key; alias: aws.kms.Alias } {
    const key = new aws.kms.Key(name, { description: `good-dr-alias ${name}`, enableKeyRotation: true, deletionWindowInDays: 30 }, { provider, protect: true });
    new aws.kms.KeyPolicy(name, {
        keyId: key.id,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
        }),
    }, { provider });
    const alias = new aws.kms.Alias(name, { name: `alias/good-dr-alias-${name}`, targetKeyId: key.keyId }, { provider });
    return { key, alias };
}

const sourceKey = regionalKey("source", source);
const drKey = regionalKey("dr", dr);

function encryptedBucket(name: string, keyArn: pulumi.Output<string>, provider: aws.Provider) {
    const opts = { provider };
    const bucket = new aws.s3.Bucket(name, { bucket: `good-dr-alias-${name}` }, opts);
    const versioning = new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
    }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    const block = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    new aws.s3.BucketPolicy(name, {
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, keyArn]).apply(([arn, key]) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyNonKmsUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key } } },
            ],
        })),
    }, { ...opts, dependsOn: [block] });
    return { bucket, versioning };
}

const primary = encryptedBucket("primary", sourceKey.key.arn, source);
const copy = encryptedBucket("copy", drKey.key.arn, dr);

// IAM evaluates kms:Encrypt against the key's ARN, never its alias: the role names the key.
const document: aws.iam.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: primary.bucket.arn },
        { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: pulumi.interpolate`${primary.bucket.arn}/*` },
        { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: pulumi.interpolate`${copy.bucket.arn}/*` },
        { Effect: "Allow", Action: "kms:Decrypt", Resource: sourceKey.key.arn, Condition: { StringLike: { "kms:ViaService": `s3.${sourceRegion}.amazonaws.com` } } },
        { Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: drKey.key.arn, Condition: { StringLike: { "kms:ViaService": `s3.${drRegion}.amazonaws.com` } } },
    ],
};
const permissions = new aws.iam.Policy("replication", { name: "good-dr-alias-replication", policy: document }, { provider: source });
const role = new aws.iam.Role("replication", {
    name: "good-dr-alias-replication",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }],
    }),
    managedPolicyArns: [permissions.arn],
}, { provider: source });

new aws.s3.BucketReplicationConfig("primary", {
    bucket: primary.bucket.id,
    role: role.arn,
    rules: [{
        id: "to-dr",
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: { bucket: copy.bucket.arn, storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: drKey.alias.arn } },
    }],
}, { provider: source, dependsOn: [primary.versioning, copy.versioning] });

export const drAliasArn = drKey.alias.arn;

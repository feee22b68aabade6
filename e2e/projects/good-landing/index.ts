// A data landing zone written by hand: the program uploads a manifest into a bucket whose policy requires the
// SSE-KMS headers and the bucket's own key (so the upload names both), and S3 announces every new object on an SNS
// topic encrypted with a key of its own, whose topic and key policies let S3 publish for this bucket only (Amazon S3
// User Guide, "Amazon S3 Event Notifications"; Amazon SNS Developer Guide, "Enable compatibility between event sources
// from AWS services and encrypted topics"). The guardrails pack must let it through at preview, during `up` and on the
// deployed state, and the stand-in evaluates the upload and the notification's destination as S3 would.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const provider = new aws.Provider("main", { region, assumeRoles: [{ roleArn: deployer }] });
const opts = { provider };
const bucketName = "landing-111111111111-eu-west-1";
const bucketArn = `arn:aws:s3:::${bucketName}`;
const root = `arn:aws:iam::${account}:root`;

const dataKey = new aws.kms.Key("landing", {
    description: "landing objects",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" }],
    }),
}, { ...opts, protect: true });

const bucket = new aws.s3.Bucket("landing", { bucket: bucketName }, opts);
new aws.s3.BucketVersioning("landing", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
const encryption = new aws.s3.BucketServerSideEncryptionConfiguration("landing", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("landing", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("landing", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);
const bucketPolicy = new aws.s3.BucketPolicy("landing", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "DenyIncorrectEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${bucketArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${bucketArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": dataKey.arn } } },
        ],
    }),
}, { ...opts, dependsOn: [block] });

// The manifest the program uploads: the policy above requires both headers, so both are sent.
new aws.s3.BucketObjectv2("manifest", {
    bucket: bucket.id,
    key: "manifest.json",
    content: JSON.stringify({ layout: ["incoming/", "processed/"] }),
    contentType: "application/json",
    serverSideEncryption: "aws:kms",
    kmsKeyId: dataKey.arn,
}, { ...opts, dependsOn: [bucketPolicy, encryption] });

// New objects are announced on an SNS topic under a key of its own; S3 may publish, and use that key, for this bucket only.
const s3ForThisBucket = { ArnLike: { "aws:SourceArn": bucketArn }, StringEquals: { "aws:SourceAccount": account } };
const topicKey = new aws.kms.Key("landing-events", {
    description: "landing event notifications",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
            { Sid: "S3PublishesEncryptedEvents", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*", Condition: s3ForThisBucket },
        ],
    }),
}, { ...opts, protect: true });
const topic = new aws.sns.Topic("landing-events", { name: "landing-events", kmsMasterKeyId: topicKey.arn }, opts);
const topicPolicy = new aws.sns.TopicPolicy("landing-events", {
    arn: topic.arn,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "OwnerManages", Effect: "Allow", Principal: { AWS: root }, Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:Subscribe"], Resource: topic.arn },
            { Sid: "S3PublishesEvents", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "SNS:Publish", Resource: topic.arn, Condition: s3ForThisBucket },
        ],
    }),
}, opts);
new aws.s3.BucketNotification("landing", {
    bucket: bucket.id,
    topics: [{ topicArn: topic.arn, events: ["s3:ObjectCreated:*"], filterPrefix: "incoming/" }],
}, { ...opts, dependsOn: [topicPolicy] });

export const landingBucket = bucket.bucket;
export const eventsTopic = topic.arn;

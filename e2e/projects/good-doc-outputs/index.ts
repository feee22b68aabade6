// A compliant claims bucket whose documents are all provider invokes: the key policy (an `aws.kms.KeyPolicy`), the
// bucket policy and the role's trust policy are the `minifiedJson` of `aws.iam.getPolicyDocumentOutput`, so the key
// and bucket policies, which name ARNs that exist only once the resources do, are unknown at preview; the role's
// permissions are an `aws.iam.Policy` given as a typed object with `pulumi.interpolate`d ARNs, attached by a
// `RolePolicyAttachment` whose policy ARN is unknown at preview. The bucket's name and the key's administrator come
// from project configuration. The program uploads a reference object naming only `kmsKeyId`: the aws provider sends
// `x-amz-server-side-encryption: aws:kms` whenever a key id is set (Amazon S3 API Reference, "PutObject": the key id
// header goes with that algorithm). The guardrails pack must let it through at preview, during `up` and on the
// deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const bucketName = config.require("bucketName");
const keyAdministrator = config.require("keyAdministrator");
const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("claims", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };
const invokeOpts = { provider };

const app = new aws.iam.Role("claims-app", {
    name: "claims-app",
    assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }],
    }, invokeOpts).minifiedJson,
}, opts);

const key = new aws.kms.Key("claims", { description: "claims", enableKeyRotation: true, deletionWindowInDays: 30 }, { ...opts, protect: true });
new aws.kms.KeyPolicy("claims", {
    keyId: key.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { sid: "EnableIamPolicies", actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }] },
            { sid: "KeyAdministration", actions: ["kms:Describe*", "kms:Put*", "kms:Update*", "kms:Enable*", "kms:Disable*", "kms:Get*", "kms:List*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], resources: ["*"], principals: [{ type: "AWS", identifiers: [keyAdministrator] }] },
            {
                sid: "ClaimsAppThroughS3",
                actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: [app.arn] }],
                conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],
            },
        ],
    }, invokeOpts).minifiedJson,
}, opts);

const bucket = new aws.s3.Bucket("claims", { bucket: bucketName }, { ...opts, protect: true });
new aws.s3.BucketVersioning("claims", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
const encryption = new aws.s3.BucketServerSideEncryptionConfiguration("claims", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("claims", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("claims", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);

const everyone = [{ type: "*", identifiers: ["*"] }];
const objects = pulumi.interpolate`${bucket.arn}/*`;
const bucketPolicy = new aws.s3.BucketPolicy("claims", {
    bucket: bucket.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { sid: "DenyInsecureTransport", effect: "Deny", principals: everyone, actions: ["s3:*"], resources: [bucket.arn, objects], conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] },
            // Uploads may rely on the default encryption (no header); one that sends a header must name SSE-KMS and this key.
            {
                sid: "DenyOtherAlgorithms", effect: "Deny", principals: everyone, actions: ["s3:PutObject"], resources: [objects],
                conditions: [
                    { test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] },
                    { test: "Null", variable: "s3:x-amz-server-side-encryption", values: ["false"] },
                ],
            },
            {
                sid: "DenyOtherKeys", effect: "Deny", principals: everyone, actions: ["s3:PutObject"], resources: [objects],
                conditions: [
                    { test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [key.arn] },
                    { test: "Null", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: ["false"] },
                ],
            },
            {
                sid: "DenyKmsWithoutKeyId", effect: "Deny", principals: everyone, actions: ["s3:PutObject"], resources: [objects],
                conditions: [
                    { test: "StringEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] },
                    { test: "Null", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: ["true"] },
                ],
            },
        ],
    }, invokeOpts).minifiedJson,
}, { ...opts, dependsOn: [block] });

// The role's permissions: a typed document, attached by a policy ARN that exists only once the policy does.
const permissions = new aws.iam.Policy("claims-app", {
    name: "claims-app",
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadWriteClaims", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [objects] },
            { Sid: "UseTheKeyThroughS3", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [key.arn], Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
        ],
    },
}, opts);
new aws.iam.RolePolicyAttachment("claims-app", { role: app.name, policyArn: permissions.arn }, opts);

new aws.s3.BucketObjectv2("reference", {
    bucket: bucket.id,
    key: "reference/codes.csv",
    content: "code,meaning\nA1,accepted\nR1,rejected\n",
    contentType: "text/csv",
    kmsKeyId: key.arn,
}, { ...opts, dependsOn: [bucketPolicy, encryption] });

export const claimsBucket = bucket.bucket;

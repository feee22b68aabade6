// A private bucket behind CloudFront, written the way AWS documents it: CloudFront reads objects through origin
// access control (a service principal pinned to the distribution by AWS:SourceArn, in the bucket policy and in the
// key policy, since the objects are SSE-KMS), and everyone else reaches the bucket only through one VPC endpoint
// (a Deny on aws:SourceVpce that spares AWS services and the deploying and break-glass roles). The application role
// of the same account reads and writes through the endpoint with its own IAM policy. The distribution lives in
// another stack, so its ARN is a literal here.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const distributionArn = `arn:aws:cloudfront::${account}:distribution/E2EXAMPLE1ABCD`;
const vpcEndpoint = "vpce-0a1b2c3d4e5f67890";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const breakGlass = `arn:aws:iam::${account}:role/break-glass`;

const provider = new aws.Provider("site", { region, assumeRoles: [{ roleArn: deployer }] });
const opts = { provider };

const app = new aws.iam.Role("app", {
    name: "site-publisher",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
}, opts);

const key = new aws.kms.Key("site", {
    description: "private site content",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            {
                sid: "EnableIamPolicies",
                actions: ["kms:*"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }],
            },
            {
                sid: "AllowCloudFrontServicePrincipalSSE-KMS",
                actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
                resources: ["*"],
                principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
                conditions: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }],
            },
        ],
    }, opts).json,
}, { ...opts, protect: true });

const bucket = new aws.s3.Bucket("site", { bucket: "private-site-content-111111111111" }, opts);
new aws.s3.BucketVersioning("site", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("site", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("site", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("site", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
}, opts);

const objects = pulumi.interpolate`${bucket.arn}/*`;
new aws.s3.BucketPolicy("site", {
    bucket: bucket.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            {
                sid: "DenyInsecureTransport",
                effect: "Deny",
                principals: [{ type: "*", identifiers: ["*"] }],
                actions: ["s3:*"],
                resources: [bucket.arn, objects],
                conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
            },
            {
                sid: "DenyOutsideTheVpcEndpoint",
                effect: "Deny",
                principals: [{ type: "*", identifiers: ["*"] }],
                actions: ["s3:*"],
                resources: [bucket.arn, objects],
                conditions: [
                    { test: "StringNotEquals", variable: "aws:SourceVpce", values: [vpcEndpoint] },
                    { test: "Bool", variable: "aws:PrincipalIsAWSService", values: ["false"] },
                    { test: "ArnNotLike", variable: "aws:PrincipalArn", values: [deployer, breakGlass] },
                ],
            },
            {
                sid: "DenyUploadsWithoutKms",
                effect: "Deny",
                principals: [{ type: "*", identifiers: ["*"] }],
                actions: ["s3:PutObject"],
                resources: [objects],
                conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
            },
            {
                sid: "DenyUploadsWithAnotherKey",
                effect: "Deny",
                principals: [{ type: "*", identifiers: ["*"] }],
                actions: ["s3:PutObject"],
                resources: [objects],
                conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [key.arn] }],
            },
            {
                sid: "AllowCloudFrontServicePrincipalReadOnly",
                principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
                actions: ["s3:GetObject"],
                resources: [objects],
                conditions: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }],
            },
        ],
    }, opts).json,
}, { ...opts, dependsOn: [block] });

// The application's side: same account, so its IAM policy alone grants it the bucket and, through S3, the key.
new aws.iam.RolePolicy("app", {
    role: app.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { actions: ["s3:GetObject", "s3:PutObject"], resources: [objects] },
            { actions: ["s3:ListBucket"], resources: [bucket.arn] },
            {
                actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                resources: [key.arn],
                conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],
            },
        ],
    }, opts).json,
}, opts);

export const siteBucket = bucket.bucket;

// A compliant bucket shared the three ways AWS documents for a customer managed key: a role of another account
// reads and writes (key policy + bucket policy + the role's own IAM policy), and every principal of the
// organisation reads (`aws:PrincipalOrgID` in both resource policies). The bucket policy is given as an object,
// not a JSON string (`aws.iam.PolicyDocument`), so its known parts are visible at preview while the ARNs are not.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const dataAccount = "111111111111";
const consumerAccount = "333333333333";
const organization = "o-a1b2c3d4e5";
const region = "eu-west-1";

const dataProvider = new aws.Provider("data", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${dataAccount}:role/deployer` }] });
const consumerProvider = new aws.Provider("consumer", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${consumerAccount}:role/deployer` }] });
const inData = { provider: dataProvider };
const inConsumer = { provider: consumerProvider };

const analytics = new aws.iam.Role("analytics", {
    name: "analytics-reader",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
}, inConsumer);

const key = new aws.kms.Key("shared", {
    description: "shared datasets",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${dataAccount}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "AnalyticsUsesTheKey",
                Effect: "Allow",
                Principal: { AWS: analytics.arn },
                Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
                Resource: "*",
            },
            {
                Sid: "OrganisationDecryptsThroughS3",
                Effect: "Allow",
                Principal: "*",
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:PrincipalOrgID": organization, "kms:ViaService": `s3.${region}.amazonaws.com` },
                },
            },
        ],
    }),
}, { ...inData, protect: true });

const bucket = new aws.s3.Bucket("shared", { bucket: "shared-datasets-111111111111" }, inData);
new aws.s3.BucketVersioning("shared", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, inData);
new aws.s3.BucketServerSideEncryptionConfiguration("shared", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, inData);
new aws.s3.BucketOwnershipControls("shared", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, inData);
const block = new aws.s3.BucketPublicAccessBlock("shared", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
}, inData);

const objects = pulumi.interpolate`${bucket.arn}/*`;
const policy: aws.iam.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, objects],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyNonKmsUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        },
        {
            Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn } },
        },
        { Sid: "AnalyticsReadsAndWrites", Effect: "Allow", Principal: { AWS: analytics.arn }, Action: ["s3:GetObject", "s3:PutObject"], Resource: objects },
        { Sid: "AnalyticsLists", Effect: "Allow", Principal: { AWS: analytics.arn }, Action: "s3:ListBucket", Resource: bucket.arn },
        {
            Sid: "OrganisationReads", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: objects,
            Condition: { StringEquals: { "aws:PrincipalOrgID": organization } },
        },
    ],
};
new aws.s3.BucketPolicy("shared", { bucket: bucket.id, policy }, { ...inData, dependsOn: [block] });

// The consumer's side: its own IAM policy names the bucket and the key of the other account.
new aws.iam.RolePolicy("analytics", {
    role: analytics.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: objects },
            { Effect: "Allow", Action: "s3:ListBucket", Resource: bucket.arn },
            { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key.arn },
        ],
    }),
}, inConsumer);

export const sharedBucket = bucket.bucket;

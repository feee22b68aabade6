// A compliant key policy written as role lists, the way terraform-aws-kms writes one, without the account-root
// statement: the deploying role administers the key (and can still change its policy, which KMS's lockout safety
// check requires), the application role uses it only through S3, and may create grants only for AWS resources.
// A bucket encrypts with that key. The guardrails pack must let it through at preview, during `up` and on the
// deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const provider = new aws.Provider("main", { region, assumeRoles: [{ roleArn: deployer }] });
const opts = { provider };

const app = new aws.iam.Role("app", {
    name: "invoices-app",
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
}, opts);

const key = new aws.kms.Key("invoices", { description: "invoices", enableKeyRotation: true, deletionWindowInDays: 14 }, { ...opts, protect: true });

const administrators = [deployer];
new aws.kms.KeyPolicy("invoices", {
    keyId: key.id,
    bypassPolicyLockoutSafetyCheck: false,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "KeyAdministration",
                Effect: "Allow",
                Principal: { AWS: administrators },
                Action: [
                    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
                    "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
                ],
                Resource: "*",
            },
            {
                Sid: "KeyUsageThroughS3",
                Effect: "Allow",
                Principal: { AWS: app.arn },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:CallerAccount": account } },
            },
            {
                Sid: "KeyServiceUsers",
                Effect: "Allow",
                Principal: { AWS: app.arn },
                Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        ],
    }),
}, opts);

const bucket = new aws.s3.Bucket("invoices", { bucket: "invoices-111111111111-eu-west-1" }, opts);
new aws.s3.BucketVersioning("invoices", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("invoices", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("invoices", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("invoices", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);
new aws.s3.BucketPolicy("invoices", {
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

new aws.iam.RolePolicy("app", {
    role: app.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: pulumi.interpolate`${bucket.arn}/*` },
            { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key.arn },
        ],
    }),
}, opts);

export const invoicesBucket = bucket.bucket;

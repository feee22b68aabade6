// A compliant program in two generations. Generation 1, as written for @pulumi/aws 6: a reports bucket with the
// deprecated V2 names (`BucketV2`, `BucketVersioningV2`, `BucketServerSideEncryptionConfigurationV2`,
// `BucketLoggingV2`) through an explicit, non-default provider with `defaultTags`, its key policy an
// `aws.iam.getPolicyDocumentOutput`, its bucket policy a `pulumi.jsonStringify` with output ARNs inside, its server
// access logs in an SSE-S3 log bucket whose policy is written out in full (its writers' deny keyed on
// aws:PrincipalServiceName). Generation 2 (the same stack updated):
// the team renames the reports resources and moves them to the v7 names, with `aliases` naming the old name and type
// token, the upgrade path the @pulumi/aws 7 migration guide gives. The rename must replace and delete nothing (the
// bucket keeps its data and its guardrails), and the guardrails pack must let both generations through.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const generation: number = 1;
const renamed = generation === 2;

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("reporting", {
    region,
    assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }],
    defaultTags: { tags: { team: "reporting", "data-classification": "internal" } },
});
const opts = { provider };

/** The reports resources' logical name in this generation, and the alias to the first generation's. */
function reportsOpts(v1Type?: string): pulumi.CustomResourceOptions {
    return renamed ? { ...opts, aliases: [{ name: "reports", ...(v1Type ? { type: v1Type } : {}) }] } : opts;
}
const reportsName = renamed ? "quarterly-reports" : "reports";

const reader = new aws.iam.Role("reader", {
    name: "reporting-reader",
    assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }] }],
    }, opts).json,
}, opts);

const key = new aws.kms.Key("reports", {
    description: "reporting buckets",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { sid: "EnableIamPolicies", actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }] },
            {
                sid: "ReaderDecryptsThroughS3",
                actions: ["kms:Decrypt"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: [reader.arn] }],
                conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],
            },
        ],
    }, opts).json,
}, { ...opts, protect: true });

// Server access logs: SSE-S3, written by log delivery only ("Enabling Amazon S3 server access logging").
const logsName = `reporting-logs-${account}-${region}`;
const reportsBucketName = `reporting-reports-${account}-${region}`;
const logs = new aws.s3.BucketV2("logs", { bucket: logsName }, opts);
new aws.s3.BucketVersioningV2("logs", { bucket: logs.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfigurationV2("logs", { bucket: logs.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, opts);
const logsBlock = new aws.s3.BucketPublicAccessBlock("logs", {
    bucket: logs.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);
new aws.s3.BucketOwnershipControls("logs", { bucket: logs.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
new aws.s3.BucketPolicy("logs", {
    bucket: logs.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${logsName}`, `arn:aws:s3:::${logsName}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                // Stricter than AWS's `Bool aws:PrincipalIsAWSService = false`: every caller but log delivery, other AWS services too.
                Sid: "DenyWritesOtherThanLogDelivery", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `arn:aws:s3:::${logsName}/*`,
                Condition: { StringNotEquals: { "aws:PrincipalServiceName": "logging.s3.amazonaws.com" } },
            },
            {
                Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${logsName}/reports/*`,
                Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${reportsBucketName}` }, StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    }),
}, { ...opts, dependsOn: [logsBlock] });

// The reports bucket: the deprecated V2 names in generation 1, the v7 names (aliased) in generation 2.
const reports: aws.s3.BucketV2 | aws.s3.Bucket = renamed
    ? new aws.s3.Bucket(reportsName, { bucket: reportsBucketName }, reportsOpts("aws:s3/bucketV2:BucketV2"))
    : new aws.s3.BucketV2(reportsName, { bucket: reportsBucketName }, opts);
const versioningArgs = { bucket: reports.id, versioningConfiguration: { status: "Enabled" } };
if (renamed) {
    new aws.s3.BucketVersioning(reportsName, versioningArgs, reportsOpts("aws:s3/bucketVersioningV2:BucketVersioningV2"));
} else {
    new aws.s3.BucketVersioningV2(reportsName, versioningArgs, opts);
}
const encryptionArgs = {
    bucket: reports.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
};
if (renamed) {
    new aws.s3.BucketServerSideEncryptionConfiguration(reportsName, encryptionArgs, reportsOpts("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"));
} else {
    new aws.s3.BucketServerSideEncryptionConfigurationV2(reportsName, encryptionArgs, opts);
}
const loggingArgs = { bucket: reports.id, targetBucket: logs.id, targetPrefix: "reports/" };
if (renamed) {
    new aws.s3.BucketLogging(reportsName, loggingArgs, reportsOpts("aws:s3/bucketLoggingV2:BucketLoggingV2"));
} else {
    new aws.s3.BucketLoggingV2(reportsName, loggingArgs, opts);
}
const reportsBlock = new aws.s3.BucketPublicAccessBlock(reportsName, {
    bucket: reports.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, reportsOpts());
new aws.s3.BucketOwnershipControls(reportsName, { bucket: reports.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, reportsOpts());
new aws.s3.BucketPolicy(reportsName, {
    bucket: reports.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [reports.arn, pulumi.interpolate`${reports.arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${reports.arn}/*`,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${reports.arn}/*`,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn } },
            },
            { Sid: "ReaderReads", Effect: "Allow", Principal: { AWS: reader.arn }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: [reports.arn, pulumi.interpolate`${reports.arn}/*`] },
        ],
    }),
}, { ...reportsOpts(), dependsOn: [reportsBlock] });

export const reportsBucket = reports.bucket;
export const logBucket = logs.bucket;

// A compliant Object Lock ledger written with the deprecated V2 names a program migrated from @pulumi/aws 6 still
// uses: `BucketV2` and its `...V2` configuration resources (versioning, default encryption, lifecycle, Object Lock
// default retention, server access logging), the default encryption naming the stack's key by its bare key id (S3
// accepts a key id, alias or key ARN for a key of the bucket's own account: Amazon S3 API Reference,
// "PutBucketEncryption"; a key of another account needs the full ARN), every document an
// `aws.iam.getPolicyDocumentOutput`. Its server access logs go to an SSE-S3 log bucket that only log delivery
// writes (Amazon S3 User Guide, "Enabling Amazon S3 server access logging": SSE-S3 is the target's only default
// encryption). The guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("ledger", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

const keyPolicy = aws.iam.getPolicyDocumentOutput({
    statements: [{
        sid: "EnableIamPolicies",
        effect: "Allow",
        principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }],
        actions: ["kms:*"],
        resources: ["*"],
    }],
}, opts);
const key = new aws.kms.Key("ledger", {
    description: "payments ledger",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy.json,
}, { ...opts, protect: true });
new aws.kms.Alias("ledger", { name: "alias/payments-ledger", targetKeyId: key.keyId }, opts);

/** Private, owner enforced. */
function lockDown(name: string, bucket: aws.s3.BucketV2): aws.s3.BucketPublicAccessBlock {
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    return new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
}

const tlsOnly = (bucket: aws.s3.BucketV2): aws.types.input.iam.GetPolicyDocumentStatementArgs => ({
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
    conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
});

// The log bucket: SSE-S3, written by log delivery for the ledger only (every other writer denied).
const logs = new aws.s3.BucketV2("logs", { bucket: `payments-logs-${account}` }, opts);
new aws.s3.BucketVersioningV2("logs", { bucket: logs.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfigurationV2("logs", {
    bucket: logs.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
}, opts);
const logsBlock = lockDown("logs", logs);

const ledger = new aws.s3.BucketV2("ledger", { bucket: `payments-ledger-${account}`, objectLockEnabled: true }, opts);
const ledgerObjects = pulumi.interpolate`${ledger.arn}/*`;

const logsPolicy = aws.iam.getPolicyDocumentOutput({
    statements: [
        tlsOnly(logs),
        {
            sid: "S3ServerAccessLogs",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
            actions: ["s3:PutObject"],
            resources: [pulumi.interpolate`${logs.arn}/ledger/*`],
            conditions: [
                { test: "ArnLike", variable: "aws:SourceArn", values: [ledger.arn] },
                { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
            ],
        },
        {
            sid: "DenyWritesOtherThanLogDelivery",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:PutObject"],
            resources: [pulumi.interpolate`${logs.arn}/*`],
            conditions: [{ test: "Bool", variable: "aws:PrincipalIsAWSService", values: ["false"] }],
        },
    ],
}, opts);
new aws.s3.BucketPolicy("logs", { bucket: logs.id, policy: logsPolicy.json }, { ...opts, dependsOn: [logsBlock] });

const versioning = new aws.s3.BucketVersioningV2("ledger", { bucket: ledger.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfigurationV2("ledger", {
    bucket: ledger.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.keyId }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketObjectLockConfigurationV2("ledger", {
    bucket: ledger.id,
    rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } },
}, { ...opts, dependsOn: [versioning] });
new aws.s3.BucketLifecycleConfigurationV2("ledger", {
    bucket: ledger.id,
    rules: [
        { id: "abandoned-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        {
            id: "age-out",
            status: "Enabled",
            filter: { prefix: "entries/" },
            transitions: [{ days: 90, storageClass: "GLACIER_IR" }],
            noncurrentVersionExpiration: { noncurrentDays: 400 },
        },
    ],
}, { ...opts, dependsOn: [versioning] });
new aws.s3.BucketLoggingV2("ledger", { bucket: ledger.id, targetBucket: logs.id, targetPrefix: "ledger/" }, opts);
const ledgerBlock = lockDown("ledger", ledger);

const ledgerPolicy = aws.iam.getPolicyDocumentOutput({
    statements: [
        tlsOnly(ledger),
        {
            sid: "DenyOtherAlgorithms",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:PutObject"],
            resources: [ledgerObjects],
            conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
        },
        {
            sid: "DenyOtherKeys",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:PutObject"],
            resources: [ledgerObjects],
            conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [key.arn] }],
        },
    ],
}, opts);
new aws.s3.BucketPolicy("ledger", { bucket: ledger.id, policy: ledgerPolicy.json }, { ...opts, dependsOn: [ledgerBlock] });

export const ledgerBucket = ledger.bucket;
export const logBucket = logs.bucket;

// A compliant sales bucket that S3 reports on, written by hand: a daily S3 Inventory report (encrypted with the
// reports bucket's own key, `encryption.sseKms`) and a Storage Class Analysis export land in an SSE-KMS reports
// bucket; Intelligent-Tiering archives cold objects. S3 writes the reports as the service principal
// s3.amazonaws.com, so the reports bucket's policy and its key's policy admit it for the source bucket and account
// only, as the Amazon S3 User Guide documents ("Configuring Amazon S3 Inventory": the destination bucket policy;
// "Granting Amazon S3 permission to use your customer managed key for encryption": the key policy). The
// guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("sales", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

const rootStatement = { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" };
const dataKey = new aws.kms.Key("sales-data", {
    description: "sales data",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement] }),
}, { ...opts, protect: true });

// The source bucket's ARN is known from its name, so the reports key's policy names it before the bucket exists.
const salesName = `sales-data-${account}`;
const salesArn = `arn:aws:s3:::${salesName}`;
const s3ForSales = { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": salesArn } };
const reportsKey = new aws.kms.Key("sales-reports", {
    description: "sales inventory and analytics reports",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            rootStatement,
            { Sid: "S3EncryptsReports", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "kms:GenerateDataKey", Resource: "*", Condition: s3ForSales },
        ],
    }),
}, { ...opts, protect: true });

/** A private, versioned SSE-KMS bucket with its owner enforced. */
function privateBucket(name: string, bucketName: string, key: aws.kms.Key): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(name, { bucket: bucketName }, opts);
    new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    return bucket;
}

/**
 * TLS only, SSE-KMS under the bucket's own key when an upload asks for an encryption (S3's deliveries may not), and
 * no `aws:kms` without a key id: S3 would use the AWS managed key aws/s3 (Amazon S3 API Reference, "PutObject").
 */
function guardrailStatements(bucket: aws.s3.Bucket, key: aws.kms.Key): pulumi.Input<object>[] {
    const objects = pulumi.interpolate`${bucket.arn}/*`;
    return [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, objects], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        {
            Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } },
        },
        {
            Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } },
        },
        {
            Sid: "DenyKmsWithoutKeyId", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
            Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } },
        },
    ];
}

const sales = privateBucket("sales", salesName, dataKey);
const reports = privateBucket("reports", `sales-reports-${account}`, reportsKey);

new aws.s3.BucketPolicy("sales", {
    bucket: sales.id,
    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: guardrailStatements(sales, dataKey) }),
}, opts);
new aws.s3.BucketPolicy("reports", {
    bucket: reports.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            ...guardrailStatements(reports, reportsKey),
            {
                Sid: "S3WritesInventoryAndAnalytics", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "s3:PutObject",
                Resource: pulumi.interpolate`${reports.arn}/*`,
                Condition: { StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" }, ArnLike: { "aws:SourceArn": salesArn } },
            },
        ],
    }),
}, opts);

new aws.s3.Inventory("sales-daily", {
    bucket: sales.id,
    name: "daily",
    includedObjectVersions: "All",
    schedule: { frequency: "Daily" },
    optionalFields: ["Size", "LastModifiedDate", "StorageClass", "EncryptionStatus", "BucketKeyStatus", "IntelligentTieringAccessTier"],
    destination: {
        bucket: {
            format: "Parquet",
            bucketArn: reports.arn,
            accountId: account,
            prefix: "inventory",
            encryption: { sseKms: { keyId: reportsKey.arn } },
        },
    },
}, opts);

new aws.s3.AnalyticsConfiguration("sales-access-patterns", {
    bucket: sales.id,
    name: "access-patterns",
    storageClassAnalysis: {
        dataExport: {
            outputSchemaVersion: "V_1",
            destination: { s3BucketDestination: { bucketArn: reports.arn, bucketAccountId: account, format: "CSV", prefix: "analytics" } },
        },
    },
}, opts);

new aws.s3.BucketIntelligentTieringConfiguration("sales-archive", {
    bucket: sales.id,
    name: "archive-cold",
    tierings: [{ accessTier: "ARCHIVE_ACCESS", days: 90 }, { accessTier: "DEEP_ARCHIVE_ACCESS", days: 180 }],
}, opts);

export const salesBucket = sales.bucket;
export const reportsBucket = reports.bucket;

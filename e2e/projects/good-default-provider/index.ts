// A compliant stack written the way most programs start: no explicit provider, so every resource uses the default
// aws provider, its Region from configuration and its account whatever the ambient credentials are (read with
// `aws.getCallerIdentityOutput`, so the key policy's account statement and every ARN the program builds are outputs).
// A data bucket under a customer managed key logs its requests into an SSE-S3 log bucket of the same account and
// Region; an object is uploaded under the bucket's key. The guardrails pack must let it through at preview, during
// `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const caller = aws.getCallerIdentityOutput();
const account = caller.accountId;
const region = aws.config.requireRegion();

const key = new aws.kms.Key("data", {
    description: "application data",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
    }),
}, { protect: true });

/** Private and owner enforced, versioned. */
function privateBucket(name: string): { bucket: aws.s3.Bucket; block: aws.s3.BucketPublicAccessBlock } {
    const bucket = new aws.s3.Bucket(name, { bucket: pulumi.interpolate`${name}-${account}-${region}` });
    new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const block = new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    return { bucket, block };
}

const logs = privateBucket("app-logs");
new aws.s3.BucketServerSideEncryptionConfiguration("app-logs", {
    bucket: logs.bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});

const data = privateBucket("app-data");
const sse = new aws.s3.BucketServerSideEncryptionConfiguration("app-data", {
    bucket: data.bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
});
new aws.s3.BucketLogging("app-data", { bucket: data.bucket.id, targetBucket: logs.bucket.id, targetPrefix: "app-data/" });

const tlsOnly = (arn: pulumi.Output<string>) => ({
    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, pulumi.interpolate`${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});
new aws.s3.BucketPolicy("app-logs", {
    bucket: logs.bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            tlsOnly(logs.bucket.arn),
            {
                Sid: "DenyWritesOtherThanLogDelivery", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: pulumi.interpolate`${logs.bucket.arn}/*`,
                Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } },
            },
            {
                Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
                Resource: pulumi.interpolate`${logs.bucket.arn}/app-data/*`,
                Condition: { ArnLike: { "aws:SourceArn": data.bucket.arn }, StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    }),
}, { dependsOn: [logs.block] });

const objects = pulumi.interpolate`${data.bucket.arn}/*`;
const dataPolicy = new aws.s3.BucketPolicy("app-data", {
    bucket: data.bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            tlsOnly(data.bucket.arn),
            {
                Sid: "DenyNonKmsUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn } },
            },
        ],
    }),
}, { dependsOn: [data.block] });

new aws.s3.BucketObjectv2("settings", {
    bucket: data.bucket.id,
    key: "config/settings.json",
    content: JSON.stringify({ retentionDays: 30 }),
    contentType: "application/json",
    serverSideEncryption: "aws:kms",
    kmsKeyId: key.arn,
}, { dependsOn: [dataPolicy, sse] });

export const dataBucket = data.bucket.bucket;
export const logBucket = logs.bucket.bucket;

// An Application Load Balancer written by hand with @pulumi/aws 7, delivering its access logs into a bucket of its
// own, beside the SSE-KMS data bucket the service behind it writes. Elastic Load Balancing User Guide, "Enable access
// logs for your Application Load Balancer": the log bucket is in the load balancer's Region, its only supported
// server-side encryption is SSE-S3, and its policy lets the Elastic Load Balancing account of the Region (eu-west-1,
// available before August 2022) put objects under <prefix>/AWSLogs/<account>/. ELB checks that it can write when the
// logs are enabled, so the load balancer waits for the bucket policy and the encryption configuration. The guardrails
// pack must let it through (the log bucket is SSE-S3 because an ALB of the stack delivers to it), and the stand-in
// checks the delivery as ELB does. Subnets and security groups are literal ids: EC2 is not modelled.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const deployer = `arn:aws:iam::${account}:role/deployer`;
const provider = new aws.Provider("main", { region, assumeRoles: [{ roleArn: deployer }] });
const opts = { provider };
const root = `arn:aws:iam::${account}:root`;

function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
    return { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
}

/** Versioning, ownership controls (ACLs disabled) and every Block Public Access setting: what every bucket here gets. */
function privateVersioned(name: string, bucket: aws.s3.Bucket): aws.s3.BucketPublicAccessBlock {
    new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    return new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
}

// The data bucket: SSE-KMS under a customer managed key, uploads with another algorithm or key denied.
// The account administers and uses the key through IAM (AWS KMS Developer Guide, "Default key policy").
const accountKeyPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" }] });
const dataKey = new aws.kms.Key("orders", { description: "orders data", enableKeyRotation: true, deletionWindowInDays: 30, policy: accountKeyPolicy }, { ...opts, protect: true });
const dataName = "orders-111111111111-eu-west-1";
const dataArn = `arn:aws:s3:::${dataName}`;
const data = new aws.s3.Bucket("orders", { bucket: dataName }, opts);
const dataBlock = privateVersioned("orders", data);
new aws.s3.BucketServerSideEncryptionConfiguration("orders", {
    bucket: data.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketPolicy("orders", {
    bucket: data.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(dataArn),
            { Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${dataArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${dataArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": dataKey.arn } } },
        ],
    }),
}, { ...opts, dependsOn: [dataBlock] });

// The log bucket: SSE-S3, the only encryption ELB delivers ALB logs into; old log versions expire after 90 days.
const logsName = "web-logs-111111111111-eu-west-1";
const logsArn = `arn:aws:s3:::${logsName}`;
const logPrefix = "web";
const logs = new aws.s3.Bucket("web-logs", { bucket: logsName }, opts);
const logsBlock = privateVersioned("web-logs", logs);
const logsEncryption = new aws.s3.BucketServerSideEncryptionConfiguration("web-logs", {
    bucket: logs.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
}, opts);
new aws.s3.BucketLifecycleConfiguration("web-logs", {
    bucket: logs.id,
    rules: [{ id: "expire-logs", status: "Enabled", filter: {}, expiration: { days: 365 }, noncurrentVersionExpiration: { noncurrentDays: 90 } }],
}, opts);
// eu-west-1's Elastic Load Balancing account ("Regions available before August 2022").
const elbAccount = "156460612806";
const logsPolicy = new aws.s3.BucketPolicy("web-logs", {
    bucket: logs.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(logsArn),
            { Sid: "AllowElbLogDelivery", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${elbAccount}:root` }, Action: "s3:PutObject", Resource: `${logsArn}/${logPrefix}/AWSLogs/${account}/*` },
        ],
    }),
}, { ...opts, dependsOn: [logsBlock] });

const web = new aws.lb.LoadBalancer("web", {
    name: "orders-web",
    loadBalancerType: "application",
    internal: false,
    subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    securityGroups: ["sg-0123456789abcdef0"],
    dropInvalidHeaderFields: true,
    accessLogs: { bucket: logs.bucket, prefix: logPrefix, enabled: true },
}, { ...opts, dependsOn: [logsPolicy, logsEncryption] });

export const dataBucket = data.bucket;
export const logBucket = logs.bucket;
export const webDnsName = web.dnsName;

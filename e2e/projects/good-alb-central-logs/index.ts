// A platform team's central log archive, written by hand with @pulumi/aws 7: the application account runs an
// Application Load Balancer and a Classic Load Balancer still in service, both delivering their access logs into one
// bucket the log-archive account owns, beside the SSE-KMS data bucket the service writes. Elastic Load Balancing User
// Guide, "Enable access logs for your Application Load Balancer" and "Enable access logs for your Classic Load
// Balancer" (bucket requirements): "The bucket must be located in the same Region as the load balancer. The bucket and
// the load balancer can be owned by different accounts", and "The only server-side encryption option that's supported
// is Amazon S3-managed keys (SSE-S3)". The bucket policy lets the Elastic Load Balancing account of the Region
// (eu-west-1, available before August 2022) put objects under <prefix>/AWSLogs/<load balancer account>/: ELB writes
// under the application account's id, not the bucket owner's. ELB checks that it can write when the logs are enabled,
// so each load balancer waits for the bucket policy and the encryption configuration. The guardrails pack must let the
// SSE-S3 archive bucket through (load balancers of the stack deliver to it), and the stand-in checks each delivery as
// ELB does. Subnets and security groups are literal ids: EC2 is not modelled.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "eu-west-1";
const appAccount = "111111111111";
const archiveAccount = "444444444444";
const app = new aws.Provider("app", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${appAccount}:role/deployer` }] });
const archive = new aws.Provider("archive", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${archiveAccount}:role/deployer` }] });
const inApp = { provider: app };
const inArchive = { provider: archive };

function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
    return { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
}

/** Versioning, ownership controls (ACLs disabled) and every Block Public Access setting: what every bucket here gets. */
function privateVersioned(name: string, bucket: aws.s3.Bucket, opts: pulumi.CustomResourceOptions): aws.s3.BucketPublicAccessBlock {
    new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    return new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
}

// The application account's data bucket: SSE-KMS under a customer managed key, uploads with another algorithm or key
// denied. The account administers and uses the key through IAM (AWS KMS Developer Guide, "Default key policy").
const accountKeyPolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${appAccount}:root` }, Action: "kms:*", Resource: "*" }],
});
const dataKey = new aws.kms.Key("payments", { description: "payments data", enableKeyRotation: true, deletionWindowInDays: 30, policy: accountKeyPolicy }, { ...inApp, protect: true });
const dataName = `payments-${appAccount}-${region}`;
const dataArn = `arn:aws:s3:::${dataName}`;
const data = new aws.s3.Bucket("payments", { bucket: dataName }, inApp);
const dataBlock = privateVersioned("payments", data, inApp);
new aws.s3.BucketServerSideEncryptionConfiguration("payments", {
    bucket: data.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }],
}, inApp);
new aws.s3.BucketPolicy("payments", {
    bucket: data.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(dataArn),
            { Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${dataArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${dataArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": dataKey.arn } } },
        ],
    }),
}, { ...inApp, dependsOn: [dataBlock] });

// The log-archive account's bucket: SSE-S3, the only encryption ELB delivers ALB and Classic logs into; old log
// versions expire after 90 days. One prefix per load balancer.
const archiveName = `elb-logs-${archiveAccount}-${region}`;
const archiveArn = `arn:aws:s3:::${archiveName}`;
const prefixes = { alb: "payments-web", classic: "payments-legacy" };
const logs = new aws.s3.Bucket("elb-logs", { bucket: archiveName }, inArchive);
const logsBlock = privateVersioned("elb-logs", logs, inArchive);
const logsEncryption = new aws.s3.BucketServerSideEncryptionConfiguration("elb-logs", {
    bucket: logs.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
}, inArchive);
new aws.s3.BucketLifecycleConfiguration("elb-logs", {
    bucket: logs.id,
    rules: [{ id: "expire-logs", status: "Enabled", filter: {}, expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 90 } }],
}, inArchive);
// eu-west-1's Elastic Load Balancing account ("Regions available before August 2022"), writing for the application
// account under each load balancer's prefix.
const elbAccount = "156460612806";
const logsPolicy = new aws.s3.BucketPolicy("elb-logs", {
    bucket: logs.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(archiveArn),
            {
                Sid: "AllowElbLogDelivery", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${elbAccount}:root` }, Action: "s3:PutObject",
                Resource: Object.values(prefixes).map((prefix) => `${archiveArn}/${prefix}/AWSLogs/${appAccount}/*`),
            },
        ],
    }),
}, { ...inArchive, dependsOn: [logsBlock] });
const afterLogBucket = { ...inApp, dependsOn: [logsPolicy, logsEncryption] };

const web = new aws.lb.LoadBalancer("payments-web", {
    name: "payments-web",
    loadBalancerType: "application",
    internal: false,
    subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    securityGroups: ["sg-0123456789abcdef0"],
    dropInvalidHeaderFields: true,
    accessLogs: { bucket: logs.bucket, prefix: prefixes.alb, enabled: true },
}, afterLogBucket);

// The Classic Load Balancer's access logs are on by the provider's default: no `enabled` needed.
const legacy = new aws.elb.LoadBalancer("payments-legacy", {
    name: "payments-legacy",
    subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    securityGroups: ["sg-0123456789abcdef0"],
    listeners: [{ instancePort: 8080, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }],
    accessLogs: { bucket: logs.bucket, bucketPrefix: prefixes.classic, interval: 60 },
}, afterLogBucket);

export const dataBucket = data.bucket;
export const logBucket = logs.bucket;
export const webDnsName = web.dnsName;
export const legacyDnsName = legacy.dnsName;

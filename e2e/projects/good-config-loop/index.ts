// A compliant program driven by a structured configuration object (`pulumi.Config().requireObject`): one bucket per
// entry, built in a loop, each name a `pulumi.interpolate` of the configured prefix and the account and Region read
// from the provider (`aws.getCallerIdentityOutput`, `aws.getRegionOutput`), each with its noncurrent-version
// retention from the entry and, where the entry has one, a seed object uploaded with `aws.s3.BucketObjectv2` under
// the stack's key (`kmsKeyId`). The key is `protect`ed and the buckets and key are kept by `retainOnDelete`: data
// outlives the stack. The guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

interface BucketEntry {
    name: string;
    noncurrentDays: number;
    seed?: { key: string; content: string };
}

interface Storage {
    prefix: string;
    account: string;
    region: string;
    readerRole: string;
    buckets: BucketEntry[];
}

const storage = new pulumi.Config().requireObject<Storage>("storage");
const provider = new aws.Provider("billing", {
    region: storage.region as aws.Region,
    assumeRoles: [{ roleArn: `arn:aws:iam::${storage.account}:role/deployer` }],
});
const opts = { provider };
const account = aws.getCallerIdentityOutput({}, opts).accountId;
const region = aws.getRegionOutput({}, opts).region;

const key = new aws.kms.Key("billing", {
    description: `${storage.prefix} buckets`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
    }),
}, { ...opts, protect: true, retainOnDelete: true });

const reader = new aws.iam.Role("reader", {
    name: storage.readerRole,
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
}, opts);

/** The bucket policy of one bucket: TLS only, uploads under the stack's key only, and the reader's reads. */
function bucketPolicy(bucketArn: pulumi.Output<string>) {
    const objects = pulumi.interpolate`${bucketArn}/*`;
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                // A string operator on the Boolean key, as many hand-written policies have it: IAM compares "false" as text.
                Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, objects],
                Condition: { StringEquals: { "aws:SecureTransport": "false" } },
            },
            { Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn } } },
            { Sid: "ReaderReads", Effect: "Allow", Principal: { AWS: reader.arn }, Action: "s3:GetObject", Resource: objects },
        ],
    });
}

const names: Record<string, pulumi.Output<string>> = {};
for (const entry of storage.buckets) {
    const bucketName = pulumi.interpolate`${storage.prefix}-${entry.name}-${account}-${region}`;
    const bucket = new aws.s3.Bucket(entry.name, { bucket: bucketName }, { ...opts, retainOnDelete: true });
    const child = { ...opts, parent: bucket };
    new aws.s3.BucketVersioning(entry.name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(entry.name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    }, child);
    const block = new aws.s3.BucketPublicAccessBlock(entry.name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, child);
    new aws.s3.BucketOwnershipControls(entry.name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    new aws.s3.BucketLifecycleConfiguration(entry.name, {
        bucket: bucket.id,
        rules: [{ id: "noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: entry.noncurrentDays } }],
    }, child);
    const policy = new aws.s3.BucketPolicy(entry.name, { bucket: bucket.id, policy: bucketPolicy(pulumi.interpolate`arn:aws:s3:::${bucketName}`) }, { ...child, dependsOn: [block] });
    if (entry.seed) {
        new aws.s3.BucketObjectv2(`${entry.name}-seed`, {
            bucket: bucket.id,
            key: entry.seed.key,
            content: entry.seed.content,
            serverSideEncryption: "aws:kms",
            kmsKeyId: key.arn,
        }, { ...child, dependsOn: [policy, encryption] });
    }
    names[entry.name] = bucket.bucket;
}

// The reader decrypts through S3 only.
new aws.iam.RolePolicy("reader", {
    role: reader.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: Object.values(names).map((name) => pulumi.interpolate`arn:aws:s3:::${name}/*`) },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn, Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${region}.amazonaws.com` } } },
        ],
    }),
}, opts);

export const buckets = names;
export const keyArn = key.arn;

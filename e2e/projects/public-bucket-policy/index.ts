// An encrypted bucket whose policy is computed from the bucket's ARN, as real programs build it:
// at preview the documents are unknown, so only the policy pack's resource policies, which see the
// BucketPolicy's resolved inputs during `pulumi up`, can stop them before they are created.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const provider = new aws.Provider("main", {
    region: "eu-west-1",
    assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/deployer" }],
});
const opts = { provider };

// Tags that exempt the bucket (the pack sees the bucket, tags included, before its BucketPolicy, and must
// honour them when it judges the policy): `exemptPolicy` for the `encrypted-buckets:exempt` tag (one policy:
// AWS tag values allow no comma), `dataClass` for a `data-class` tag a pack config's `exemptTags` can name.
const config = new pulumi.Config();
const exemptPolicy = config.get("exemptPolicy");
const dataClass = config.get("dataClass");
const exemptTags = exemptPolicy || dataClass
    ? { ...(exemptPolicy ? { "encrypted-buckets:exempt": exemptPolicy } : {}), ...(dataClass ? { "data-class": dataClass } : {}) }
    : undefined;

function encryptedBucket(name: string): aws.s3.Bucket {
    // `secretRotation`: the rotation flag as a secret, so an export without --show-secrets holds it encrypted.
    const rotation = config.getBoolean("secretRotation") ? pulumi.secret(true) : true;
    const key = new aws.kms.Key(`${name}-key`, { enableKeyRotation: rotation, deletionWindowInDays: 30 }, opts);
    const bucket = new aws.s3.Bucket(name, { tags: exemptTags }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(name, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    }, opts);
    new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    return bucket;
}

// Which way the program builds its bucket policy (one stack per way: the engine stops at the first violation);
// `none`: no bucket policy.
const style = new pulumi.Config().require("policyStyle");
const site = encryptedBucket("site");

if (style === "jsonStringify") {
    // A public-read grant, with pulumi.jsonStringify around the bucket ARN (and no TLS deny).
    new aws.s3.BucketPolicy("site-public-read", {
        bucket: site.id,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [{
                Sid: "PublicRead",
                Effect: "Allow",
                Principal: "*",
                Action: "s3:GetObject",
                Resource: pulumi.interpolate`${site.arn}/*`,
            }],
        }),
    }, opts);
} else if (style === "getPolicyDocument") {
    // A reader grant built with getPolicyDocumentOutput: names its principal, but denies nothing over plain HTTP.
    const readers = aws.iam.getPolicyDocumentOutput({
        statements: [{
            sid: "Readers",
            effect: "Allow",
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:role/reader"] }],
            actions: ["s3:GetObject"],
            resources: [pulumi.interpolate`${site.arn}/*`],
        }],
    }, opts);
    new aws.s3.BucketPolicy("site-readers", { bucket: site.id, policy: readers.json }, opts);
}

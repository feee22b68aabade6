// A compliant program in which the team writes its buckets bare (a name, and for one of them the team's own read
// grant as `policy`) and the platform's resource transforms (`platform.ts`) add the guardrails: a stack transform
// registered with `pulumi.runtime.registerResourceTransform` gives every `aws.s3.Bucket` its default encryption under
// the platform's key, versioning and the guardrail statements of its bucket policy; a `transforms` resource option
// adds a noncurrent-version lifecycle rule to one bucket. The public access block and ownership controls are
// separate resources the team declares in a loop. The guardrails pack sees the transformed inputs, so it must let
// the stack through at preview, during `up` and on the deployed state, with no violation of any level.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardrailsTransform, keepNoncurrentVersions } from "./platform";

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("data", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

const key = new aws.kms.Key("platform", {
    description: "the team's buckets",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
    }),
}, { ...opts, protect: true });

// Registered before any bucket: a stack transform applies to the resources registered after it.
pulumi.runtime.registerResourceTransform(guardrailsTransform(key.arn));

const reader = new aws.iam.Role("reader", {
    name: "transforms-reader",
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
}, opts);

const ordersName = `orders-${account}-${region}`;
const orders = new aws.s3.Bucket("orders", {
    bucket: ordersName,
    // The team's statement; the transform puts the guardrail statements in front of it.
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "ReaderReads", Effect: "Allow", Principal: { AWS: reader.arn }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${ordersName}/*` }],
    }),
}, opts);
const exportsBucket = new aws.s3.Bucket("exports", { bucket: `exports-${account}-${region}` }, { ...opts, transforms: [keepNoncurrentVersions(30)] });

for (const [name, bucket] of Object.entries({ orders, exports: exportsBucket })) {
    new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, opts);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
}

// The reader uses the key through S3 (same account: its IAM policy and the key policy's account statement).
new aws.iam.RolePolicy("reader", {
    role: reader.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${orders.arn}/*` },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn, Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
        ],
    }),
}, opts);

export const ordersBucket = orders.bucket;
export const exportsBucketName = exportsBucket.bucket;

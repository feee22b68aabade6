// A compliant data lake bucket whose policy delegates access control to its access points, the way the Amazon S3
// User Guide documents it ("Configuring IAM policies for using access points", delegating access control to access
// points): the bucket policy allows every principal, but only for requests made through the team's access points
// (`s3:DataAccessPointArn` with a wildcard in the access point name only, which "The meaning of 'public'" keeps
// non-public as long as the account is fixed). Each access point carries its own policy: an ingest access point (policy inline on
// `aws.s3.AccessPoint`) lets the ingest role write, a VPC-only analytics access point (policy as its own
// `aws.s3control.AccessPointPolicy`) lets the analyst role read. Both roles use the key only through S3. The
// guardrails pack must let it through at preview, during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const vpcId = "vpc-0a1b2c3d4e5f60718";
const provider = new aws.Provider("lake", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

/** An access point's ARN is known from its name (Amazon S3 User Guide, "Referencing access points"). */
const accessPointArn = (name: string): string => `arn:aws:s3:${region}:${account}:accesspoint/${name}`;
const ingestPoint = "orders-ingest";
const analyticsPoint = "orders-analytics";

const assumedBy = (service: string): string => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
const ingest = new aws.iam.Role("ingest", { name: "orders-ingest", assumeRolePolicy: assumedBy("lambda.amazonaws.com") }, opts);
const analyst = new aws.iam.Role("analyst", { name: "orders-analyst", assumeRolePolicy: assumedBy("ec2.amazonaws.com") }, opts);

const key = new aws.kms.Key("lake", {
    description: "orders data lake",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "LakeRolesUseTheKeyThroughS3",
                Effect: "Allow",
                Principal: { AWS: [ingest.arn, analyst.arn] },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:CallerAccount": account } },
            },
        ],
    }),
}, { ...opts, protect: true });

const bucket = new aws.s3.Bucket("lake", { bucket: `orders-lake-${account}` }, opts);
new aws.s3.BucketVersioning("lake", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("lake", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("lake", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("lake", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
}, opts);

const objects = pulumi.interpolate`${bucket.arn}/*`;
new aws.s3.BucketPolicy("lake", {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, objects],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "DenyNonKmsUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
            {
                Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
                Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn } },
            },
            {
                // Any access point of this account and Region whose name starts with "orders-": a wildcard in the
                // access point name keeps the policy non-public while the account is fixed (Amazon S3 User Guide, "The
                // meaning of 'public'", s3:DataAccessPointArn).
                Sid: "DelegateToAccessPoints", Effect: "Allow", Principal: { AWS: "*" }, Action: "*", Resource: [bucket.arn, objects],
                Condition: { StringLike: { "s3:DataAccessPointArn": accessPointArn("orders-*") } },
            },
        ],
    }),
}, { ...opts, dependsOn: [block] });

const privatePoint = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
new aws.s3.AccessPoint("ingest", {
    bucket: bucket.id,
    name: ingestPoint,
    publicAccessBlockConfiguration: privatePoint,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "IngestWrites", Effect: "Allow", Principal: { AWS: ingest.arn }, Action: "s3:PutObject",
            Resource: `${accessPointArn(ingestPoint)}/object/incoming/*`,
        }],
    }),
}, opts);

const analytics = new aws.s3.AccessPoint("analytics", {
    bucket: bucket.id,
    name: analyticsPoint,
    vpcConfiguration: { vpcId },
    publicAccessBlockConfiguration: privatePoint,
}, opts);
new aws.s3control.AccessPointPolicy("analytics", {
    accessPointArn: analytics.arn,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AnalystReads", Effect: "Allow", Principal: { AWS: analyst.arn }, Action: "s3:GetObject", Resource: `${accessPointArn(analyticsPoint)}/object/*` },
            { Sid: "AnalystLists", Effect: "Allow", Principal: { AWS: analyst.arn }, Action: "s3:ListBucket", Resource: accessPointArn(analyticsPoint) },
        ],
    }),
}, opts);

// Each role's own IAM policy names the access point it goes through and the key.
new aws.iam.RolePolicy("ingest", {
    role: ingest.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "s3:PutObject", Resource: `${accessPointArn(ingestPoint)}/object/incoming/*` },
            { Effect: "Allow", Action: "kms:GenerateDataKey", Resource: key.arn },
        ],
    }),
}, opts);
new aws.iam.RolePolicy("analyst", {
    role: analyst.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [accessPointArn(analyticsPoint), `${accessPointArn(analyticsPoint)}/object/*`] },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn },
        ],
    }),
}, opts);

export const lakeBucket = bucket.bucket;
export const analyticsAlias = analytics.alias;

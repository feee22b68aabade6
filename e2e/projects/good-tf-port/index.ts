// A team's stack ported from Terraform the way such ports read: the deploying role is found at run time
// (getCallerIdentity, then getSessionContext for the role behind the session, path included) and administers the
// key; the Region, partition and organization come from the provider (the organization reads one prefix); every document is a getPolicyDocument, and the bucket
// policy is layered: a baseline of guardrail statements (sourcePolicyDocuments), the team's statements, and an
// override document that narrows one of them by its sid. The guardrails pack must let it through at preview,
// during `up` and on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const provider = new aws.Provider("main", {
    region: "eu-west-1",
    assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/platform/deployer", sessionName: "ci" }],
});
const opts = { provider };

const caller = aws.getCallerIdentityOutput({}, opts);
const deployer = aws.iam.getSessionContextOutput({ arn: caller.arn }, opts);
const region = aws.getRegionOutput({}, opts);
const partition = aws.getPartitionOutput({}, opts);
const organization = aws.organizations.getOrganizationOutput({}, opts);

const reader = new aws.iam.Role("reader", {
    name: "ledger-reader",
    assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }] }],
    }, opts).json,
}, opts);

const keyPolicy = aws.iam.getPolicyDocumentOutput({
    statements: [
        {
            sid: "KeyAdministrators",
            principals: [{ type: "AWS", identifiers: [deployer.issuerArn] }],
            actions: [
                "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
                "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
            ],
            resources: ["*"],
        },
        {
            sid: "KeyUsersThroughS3",
            principals: [{ type: "AWS", identifiers: [reader.arn] }],
            actions: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
            resources: ["*"],
            conditions: [
                { test: "StringEquals", variable: "kms:ViaService", values: [pulumi.interpolate`s3.${region.region}.amazonaws.com`] },
                { test: "StringEquals", variable: "kms:CallerAccount", values: [caller.accountId] },
            ],
        },
        {
            sid: "OrganizationDecryptsThroughS3",
            principals: [{ type: "AWS", identifiers: ["*"] }],
            actions: ["kms:Decrypt"],
            resources: ["*"],
            conditions: [
                { test: "StringEquals", variable: "aws:PrincipalOrgID", values: [organization.id] },
                { test: "StringEquals", variable: "kms:ViaService", values: [pulumi.interpolate`s3.${region.region}.amazonaws.com`] },
            ],
        },
    ],
}, opts);

const key = new aws.kms.Key("ledger", {
    description: "ledger objects",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: keyPolicy.json,
}, { ...opts, protect: true });

const bucket = new aws.s3.Bucket("ledger", { bucketPrefix: "ledger-" }, opts);
const objects = pulumi.interpolate`${bucket.arn}/*`;
new aws.s3.BucketVersioning("ledger", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
new aws.s3.BucketServerSideEncryptionConfiguration("ledger", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("ledger", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("ledger", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);

const everyone = [{ type: "*", identifiers: ["*"] }];
const guardrails = aws.iam.getPolicyDocumentOutput({
    statements: [
        {
            sid: "DenyInsecureTransport", effect: "Deny", principals: everyone, actions: ["s3:*"], resources: [bucket.arn, objects],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        {
            sid: "DenyOtherAlgorithms", effect: "Deny", principals: everyone, actions: ["s3:PutObject"], resources: [objects],
            conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
        },
        {
            sid: "DenyOtherKeys", effect: "Deny", principals: everyone, actions: ["s3:PutObject"], resources: [objects],
            conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [key.arn] }],
        },
    ],
}, opts);

// The team's own statement, and the override that narrows it to one prefix (same sid: it replaces it in place).
const narrowedSid = "ReaderAccess";
const narrowed = aws.iam.getPolicyDocumentOutput({
    statements: [{
        sid: narrowedSid,
        principals: [{ type: "AWS", identifiers: [reader.arn] }],
        actions: ["s3:GetObject"],
        resources: [pulumi.interpolate`${bucket.arn}/reports/*`],
    }],
}, opts);
new aws.s3.BucketPolicy("ledger", {
    bucket: bucket.id,
    policy: aws.iam.getPolicyDocumentOutput({
        sourcePolicyDocuments: [guardrails.json],
        statements: [
            { sid: "ReaderAccess", principals: [{ type: "AWS", identifiers: [reader.arn] }], actions: ["s3:GetObject"], resources: [objects] },
            {
                sid: "OrganizationReadsShared",
                principals: [{ type: "AWS", identifiers: ["*"] }],
                actions: ["s3:GetObject"],
                resources: [pulumi.interpolate`${bucket.arn}/shared/*`],
                conditions: [{ test: "StringEquals", variable: "aws:PrincipalOrgID", values: [organization.id] }],
            },
        ],
        overridePolicyDocuments: [narrowed.json],
    }, opts).json,
}, { ...opts, dependsOn: [block] });

new aws.iam.RolePolicy("reader", {
    role: reader.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { actions: ["s3:GetObject"], resources: [pulumi.interpolate`${bucket.arn}/reports/*`] },
            { actions: ["kms:Decrypt"], resources: [key.arn] },
        ],
    }, opts).json,
}, opts);

export const ledgerBucket = bucket.bucket;
export const keyAdministrator = deployer.issuerArn;
export const partitionName = partition.partition;

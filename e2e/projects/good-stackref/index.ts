// A team's bucket stack under a key that lives in another stack: the platform team's key stack
// (`good-stackref-keys`) exports the key's ARN as a secret, and this stack reads it through a `pulumi.StackReference`, so the
// key is outside this stack (a `destroy` here never schedules its deletion) while every bucket setting names it:
// the default encryption (by key ARN, as S3 needs for a key it must find from a bucket of any stack), the bucket
// policy's encryption-header denies, the application role's IAM policy (the key policy delegates to IAM) and the
// objects this program uploads with `aws.s3.BucketObjectv2` (`serverSideEncryption` and `kmsKeyId`, the headers the
// bucket policy requires). The bucket policy, the role's trust policy and its permissions are typed objects
// (`aws.iam.PolicyDocument`), not JSON strings. The guardrails pack must let it through at preview, during `up` and
// on the deployed state.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("reports", { region, assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }] });
const opts = { provider };

// The key stack's outputs are read at preview too (the referenced stack is deployed), so the key ARN is known then;
// it stays a secret wherever it goes (the policy documents, the uploads' kmsKeyId).
const keys = new pulumi.StackReference("organization/good-stackref-keys/platform");
const keyArn = keys.requireOutput("keyArn").apply((arn) => String(arn));

const bucket = new aws.s3.Bucket("reports", { bucket: "reports-111111111111-eu-west-1" }, { ...opts, protect: true });
new aws.s3.BucketVersioning("reports", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
const encryption = new aws.s3.BucketServerSideEncryptionConfiguration("reports", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
}, opts);
new aws.s3.BucketOwnershipControls("reports", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
const block = new aws.s3.BucketPublicAccessBlock("reports", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
}, opts);

const objects = pulumi.interpolate`${bucket.arn}/*`;
const bucketPolicy: aws.types.input.s3.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, objects], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyIncorrectEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
        { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } } },
    ],
};
const policy = new aws.s3.BucketPolicy("reports", { bucket: bucket.id, policy: bucketPolicy }, { ...opts, dependsOn: [block] });

// The application role: trust and permissions as typed documents; the key is used through S3 only.
const app = new aws.iam.Role("reports-app", {
    name: "reports-app",
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    },
}, opts);
new aws.iam.RolePolicy("reports-app", {
    role: app.name,
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadWriteReports", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: objects },
            { Sid: "ListReports", Effect: "Allow", Action: "s3:ListBucket", Resource: bucket.arn },
            {
                Sid: "UseTheKeyThroughS3",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: keyArn,
                Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
            },
        ],
    },
}, opts);

// The objects this program ships: each names the key the bucket policy requires.
const uploaded = { ...opts, dependsOn: [policy, encryption] };
new aws.s3.BucketObjectv2("readme", {
    bucket: bucket.id,
    key: "README.md",
    content: "# reports\nMonthly reports land under monthly/.\n",
    contentType: "text/markdown",
    serverSideEncryption: "aws:kms",
    kmsKeyId: keyArn,
}, uploaded);
new aws.s3.BucketObjectv2("schema", {
    bucket: bucket.id,
    key: "monthly/schema.json",
    source: new pulumi.asset.StringAsset(JSON.stringify({ columns: ["month", "revenue"] })),
    contentType: "application/json",
    serverSideEncryption: "aws:kms",
    kmsKeyId: keyArn,
    bucketKeyEnabled: true,
}, uploaded);

export const bucketName = bucket.bucket;
export const key = keyArn;

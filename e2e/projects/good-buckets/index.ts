// A compliant stack written the way a platform team writes it without our components: raw @pulumi/aws v7
// resources, documents from `aws.iam.getPolicyDocumentOutput` and `pulumi.jsonStringify` around ARNs that are
// unknown until the resources exist, a deprecated `V2` name on one side, one provider per account. The guardrails
// pack must let it through at preview, during `up` and on the deployed state: a pack that blocks a stack like this
// one is a pack teams switch off.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const sourceAccount = "111111111111";
const replicaAccount = "222222222222";
const sourceRegion = "eu-west-1";
const replicaRegion = "eu-central-1";

const sourceProvider = new aws.Provider("source", {
    region: sourceRegion,
    assumeRoles: [{ roleArn: `arn:aws:iam::${sourceAccount}:role/deployer` }],
});
const replicaProvider = new aws.Provider("replica", {
    region: replicaRegion,
    assumeRoles: [{ roleArn: `arn:aws:iam::${replicaAccount}:role/deployer` }],
});
const inSource = { provider: sourceProvider };
const inReplica = { provider: replicaProvider };

const rootStatement = (account: string): aws.types.input.iam.GetPolicyDocumentStatementArgs => ({
    sid: "EnableIamPolicies",
    actions: ["kms:*"],
    resources: ["*"],
    principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account}:root`] }],
});

// S3 assumes the role; pinned to the source account against the confused deputy.
const replicationRole = new aws.iam.Role("replication", {
    name: "good-buckets-replication",
    assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{
            actions: ["sts:AssumeRole"],
            principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }],
            conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [sourceAccount] }],
        }],
    }, inSource).json,
}, inSource);

const sourceKey = new aws.kms.Key("source", {
    description: "good-buckets source data",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            rootStatement(sourceAccount),
            {
                sid: "ReplicationReadsSourceObjects",
                actions: ["kms:Decrypt"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: [replicationRole.arn] }],
            },
        ],
    }, inSource).json,
}, { ...inSource, protect: true });

const replicaKey = new aws.kms.Key("replica", {
    description: "good-buckets replicas",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
}, { ...inReplica, protect: true });
new aws.kms.KeyPolicy("replica", {
    keyId: replicaKey.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            rootStatement(replicaAccount),
            {
                sid: "ReplicationWritesReplicas",
                actions: ["kms:Encrypt", "kms:GenerateDataKey"],
                resources: ["*"],
                principals: [{ type: "AWS", identifiers: [replicationRole.arn] }],
            },
        ],
    }, inReplica).json,
}, inReplica);
new aws.kms.Alias("replica", { name: "alias/good-buckets-replicas", targetKeyId: replicaKey.keyId }, inReplica);

/** TLS only, SSE-KMS under the bucket's own key only: the bucket policy statements every bucket carries. */
function guardrailStatements(bucketArn: pulumi.Output<string>, keyArn: pulumi.Output<string>) {
    return [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyUnencryptedUploads",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/*`,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        },
        {
            Sid: "DenyOtherKeys",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/*`,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn } },
        },
    ];
}

// ---- source: aws.s3.Bucket with its configuration resources ----
const sourceBucket = new aws.s3.Bucket("source", { bucket: "good-buckets-source" }, inSource);
const sourceVersioning = new aws.s3.BucketVersioning("source", {
    bucket: sourceBucket.id,
    versioningConfiguration: { status: "Enabled" },
}, inSource);
new aws.s3.BucketServerSideEncryptionConfiguration("source", {
    bucket: sourceBucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: sourceKey.arn }, bucketKeyEnabled: true }],
}, inSource);
new aws.s3.BucketOwnershipControls("source", { bucket: sourceBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, inSource);
const sourceBlock = new aws.s3.BucketPublicAccessBlock("source", {
    bucket: sourceBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
}, inSource);
new aws.s3.BucketPolicy("source", {
    bucket: sourceBucket.id,
    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: guardrailStatements(sourceBucket.arn, sourceKey.arn) }),
}, { ...inSource, dependsOn: [sourceBlock] });

// ---- replica: the deprecated V2 names, in the other account ----
const replicaBucket = new aws.s3.BucketV2("replica", { bucket: "good-buckets-replica" }, inReplica);
const replicaVersioning = new aws.s3.BucketVersioningV2("replica", {
    bucket: replicaBucket.id,
    versioningConfiguration: { status: "Enabled" },
}, inReplica);
new aws.s3.BucketServerSideEncryptionConfigurationV2("replica", {
    bucket: replicaBucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: replicaKey.arn }, bucketKeyEnabled: true }],
}, inReplica);
new aws.s3.BucketOwnershipControls("replica", { bucket: replicaBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, inReplica);
const replicaBlock = new aws.s3.BucketPublicAccessBlock("replica", {
    bucket: replicaBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
}, inReplica);
// The source account's role may write replicas and hand their ownership to this account
// ("Granting permissions when the source and destination buckets are owned by different AWS accounts").
const replicaBucketPolicy = new aws.s3.BucketPolicy("replica", {
    bucket: replicaBucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            ...guardrailStatements(replicaBucket.arn, replicaKey.arn),
            {
                Sid: "SourceRoleWritesReplicas",
                Effect: "Allow",
                Principal: { AWS: replicationRole.arn },
                Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                Resource: pulumi.interpolate`${replicaBucket.arn}/*`,
            },
            {
                Sid: "SourceRoleReadsVersioning",
                Effect: "Allow",
                Principal: { AWS: replicationRole.arn },
                Action: ["s3:GetBucketVersioning", "s3:PutBucketVersioning"],
                Resource: replicaBucket.arn,
            },
        ],
    }),
}, { ...inReplica, dependsOn: [replicaBlock] });

// ---- the role's own permissions, then the rule ----
new aws.iam.RolePolicy("replication", {
    role: replicationRole.id,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"], resources: [sourceBucket.arn] },
            {
                actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                resources: [pulumi.interpolate`${sourceBucket.arn}/*`],
            },
            {
                actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                resources: [pulumi.interpolate`${replicaBucket.arn}/*`],
            },
            {
                actions: ["kms:Decrypt"],
                resources: [sourceKey.arn],
                conditions: [{ test: "StringLike", variable: "kms:ViaService", values: [`s3.${sourceRegion}.amazonaws.com`] }],
            },
            {
                actions: ["kms:Encrypt", "kms:GenerateDataKey"],
                resources: [replicaKey.arn],
                conditions: [{ test: "StringLike", variable: "kms:ViaService", values: [`s3.${replicaRegion}.amazonaws.com`] }],
            },
        ],
    }, inSource).json,
}, inSource);

new aws.s3.BucketReplicationConfig("source", {
    bucket: sourceBucket.id,
    role: replicationRole.arn,
    rules: [{
        id: "everything",
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
            bucket: replicaBucket.arn,
            account: replicaAccount,
            accessControlTranslation: { owner: "Destination" },
            encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn },
        },
    }],
}, { ...inSource, dependsOn: [sourceVersioning, replicaVersioning, replicaBucketPolicy] });

export const sourceBucketName = sourceBucket.bucket;
export const replicaBucketName = replicaBucket.bucket;

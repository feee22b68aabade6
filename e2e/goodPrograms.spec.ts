// Compliant programs written by hand without our components must pass the guardrails pack under the real CLI: at
// preview (ARNs unknown), during `up` (the stand-in's AWS rules on) and on the deployed state. Not one violation of
// any level: a pack that blocks, or even warns about, a stack written right is a pack teams switch off.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, parsePolicyEvents, policyViolations, PolicyViolation, resourceSteps, violationKeys } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { builtPolicyPack } from "./support/policyPack";
import { CommandResult, describe as describeResult, PulumiSession } from "./support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "./support/workdir";

/** Text of index.ts that occurs exactly once, and what it becomes. */
type Replacement = [string, string];

/** One mistake made in a copy of the program: the pack must stop it, at preview or during `up` before creation. */
interface Break {
    what: string;
    /** One replacement, or several that make one mistake together. */
    replace: Replacement | Replacement[];
    policy: string;
    /**
     * At preview; during `up` before the resource is created (a resource's own inputs show it); or `up` fails once
     * the stack is deployed (a stack policy: the engine shows a pack the whole stack only after the deployment).
     */
    stoppedBy: "preview" | "before creation" | "end of up";
}

/**
 * A mistake the pack has no business with but AWS (or the provider) refuses at deploy time: `up` must fail with that error from the
 * stand-in (its deploy-time rules are a test double only as good as the AWS rules it encodes).
 */
interface Refusal {
    what: string;
    /** One replacement, or several that make one mistake together. */
    replace: Replacement | Replacement[];
    error: RegExp;
}

/** A stack another program reads through a StackReference: deployed (with the pack, clean) before that program runs. */
interface Upstream {
    project: string;
    /** The stack name; the program names it `organization/<project>/<stack>` (the file backend's fully qualified name). */
    stack: string;
}

/**
 * An ordinary edit of the deployed program (a rename with aliases, a move to other type names): the second `up` must
 * pass the pack and create, replace and delete nothing (the data and its guardrails stay where they are).
 */
interface Edit {
    what: string;
    /** One replacement, or several that make one edit together. */
    replace: Replacement | Replacement[];
}

interface Program {
    project: string;
    shape: string;
    breaks: Break[];
    /** Applied to the deployed program once its four clean runs have passed. */
    edit?: Edit;
    refusals?: Refusal[];
    /** Deployed first into the same backend, for every stack of the program (the good one and each broken copy). */
    upstream?: Upstream;
}

const PROGRAMS: Program[] = [
    {
        project: "good-buckets",
        shape: "raw @pulumi/aws v7, two accounts and Regions, getPolicyDocumentOutput and jsonStringify around unknown ARNs, deprecated V2 names on the replica",
        breaks: [{ what: "a TLS Deny that denies TLS instead", replace: ['"aws:SecureTransport": "false"', '"aws:SecureTransport": "true"'], policy: "s3-bucket-policy-deny-insecure-transport", stoppedBy: "before creation" }],
    },
    {
        project: "good-legacy",
        shape: "one account, two Regions, the legacy inline properties of aws.s3.Bucket (encryption, versioning, policy, lifecycle, logging, replication), key administrators apart from users, an SSE-S3 access log bucket, an uploaded object",
        breaks: [{ what: "noncurrent versions kept 3 days", replace: ["noncurrentVersionExpiration: { days: 90 }", "noncurrentVersionExpiration: { days: 3 }"], policy: "s3-lifecycle-noncurrent-retention", stoppedBy: "preview" }],
        // The inline blocks reach S3 through the same calls as the separate resources, so S3's rules for those calls apply.
        refusals: [
            {
                what: "an inline lifecycle transition to STANDARD_IA after 10 days",
                replace: ["expiration: { days: 365 }, noncurrentVersionExpiration: { days: 30 } }]", "expiration: { days: 365 }, noncurrentVersionExpiration: { days: 30 }, transitions: [{ days: 10, storageClass: \"STANDARD_IA\" }] }]"],
                error: /inline lifecycleRules[\s\S]*PutBucketLifecycleConfiguration[\s\S]*'Days' in Transition action must be greater than or equal to 30/,
            },
            {
                what: "inline replication metrics without Replication Time Control (the provider sends metrics with a 15-minute event threshold)",
                replace: ["replicaKmsKeyId: replicaKey.arn },", "replicaKmsKeyId: replicaKey.arn, metrics: { status: \"Enabled\" } },"],
                error: /inline replicationConfiguration[\s\S]*PutBucketReplication[\s\S]*Metrics cannot contain an event threshold when ReplicationTime is not specified or Disabled/,
            },
        ],
    },
    {
        project: "good-sharing",
        shape: "a bucket shared with a role of another account (key policy, bucket policy, the role's IAM policy) and with the organisation (aws:PrincipalOrgID), its bucket policy an object with unknown ARNs",
        breaks: [{ what: "the organisation read without its condition", replace: ['Condition: { StringEquals: { "aws:PrincipalOrgID": organization } },', ""], policy: "s3-bucket-policy-no-public-allow", stoppedBy: "preview" }],
    },
    {
        project: "good-objectlock",
        shape: "v7 configuration resources: an Object Lock ledger replicated to an Object Lock replica, lifecycle and access logging as resources, a DSSE-KMS archive",
        breaks: [{ what: "a replica without Object Lock", replace: ['{ bucket: "records-ledger-replica", objectLockEnabled: true }', '{ bucket: "records-ledger-replica" }'], policy: "s3-replication-object-lock", stoppedBy: "preview" }],
    },
    {
        project: "good-srr",
        shape: "same-Region replication of auto-named buckets for one prefix, SSE naming the key by its alias, the role's permissions a managed policy with encryption-context conditions, an auditing IAM user",
        breaks: [{
            what: "the role's encrypt statement pinned to another Region after its encryption-context condition",
            replace: ['"kms:EncryptionContext:aws:s3:arn": destination }', '"kms:EncryptionContext:aws:s3:arn": destination, "aws:RequestedRegion": "us-east-1" }'],
            policy: "s3-replication-role-kms-access",
            stoppedBy: "end of up",
        }],
    },
    {
        project: "good-external",
        shape: "replication to a bucket and key another team owns in another account, named by literal ARNs, the role's permissions inline",
        breaks: [{ what: "replicas kept by the source account", replace: ['accessControlTranslation: { owner: "Destination" },', ""], policy: "s3-replication-cross-account", stoppedBy: "preview" }],
    },
    {
        project: "good-keyroles",
        shape: "a key policy as role lists (administrators, users through S3, service users) without the account-root statement, the deploying role an administrator",
        breaks: [{ what: "administrators who can no longer change the key policy", replace: ['"kms:Put*", ', ""], policy: "kms-key-policy-deployer-access", stoppedBy: "before creation" }],
    },
    {
        project: "good-central-key",
        shape: "a bucket encrypted with a key of the security account (by ARN, usable by the data account through S3), tag-filtered replication with S3 RTC",
        breaks: [{ what: "replicas left unencrypted by a customer managed key", replace: ["encryptionConfiguration: { replicaKmsKeyId: drKey.arn },", ""], policy: "s3-replication-sse-kms", stoppedBy: "preview" }],
    },
    {
        project: "good-mrk",
        shape: "cross-Region replication in one account under one multi-Region key: the primary at the source, an aws.kms.ReplicaKey with its own key policy at the destination",
        breaks: [{ what: "replicas encrypted with the primary key of the other Region", replace: ["encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn }", "encryptionConfiguration: { replicaKmsKeyId: key.arn }"], policy: "kms-key-region-matches-bucket", stoppedBy: "end of up" }],
    },
    {
        project: "good-components",
        shape: "a team's own program built from the components: grants to roles it declares itself (given as the resources, one in a partner's account through its provider), replication to a second Region and to another team's bucket, a shared key, lifecycle, access logs, a CloudTrail service grant, an organisation read",
        breaks: [{
            what: "a hand-written BucketPolicy beside the component's that lets anyone upload",
            replace: ['export const bucket = reports.bucketName;', 'new aws.s3.BucketPolicy("extra", { bucket: reports.bucketName, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::x/*" }] }) }, { provider: data });\nexport const bucket = reports.bucketName;'],
            policy: "s3-bucket-policy-no-public-allow",
            stoppedBy: "before creation",
        }],
    },
    {
        project: "good-private-cdn",
        shape: "CloudFront origin access control reading SSE-KMS objects (AWS:SourceArn in the bucket and key policies), every other caller denied outside one VPC endpoint except AWS services and the deploying role",
        breaks: [{
            what: "the public access block relaxed for CloudFront (restrictPublicBuckets off), which origin access control never needs",
            replace: ["restrictPublicBuckets: true,", "restrictPublicBuckets: false,"],
            policy: "s3-bucket-public-access-block",
            stoppedBy: "preview",
        }],
    },
    {
        project: "good-tf-port",
        shape: "ported from Terraform idioms: the deploying role found by getCallerIdentity and getSessionContext (path included) administers the key, a bucket policy layered from a guardrail baseline (sourcePolicyDocuments), the team's statements and an override narrowing one by its sid",
        breaks: [{
            what: "an override whose sid replaces the baseline's TLS Deny instead of the team's statement",
            replace: ['const narrowedSid = "ReaderAccess";', 'const narrowedSid = "DenyInsecureTransport";'],
            policy: "s3-bucket-policy-deny-insecure-transport",
            stoppedBy: "before creation",
        }],
        refusals: [{
            what: "two statements of one sid in one getPolicyDocument",
            replace: ['sid: "DenyOtherKeys"', 'sid: "DenyOtherAlgorithms"'],
            error: /aws\.iam\.getPolicyDocument: found duplicate sid \(DenyOtherAlgorithms\) in statements/,
        }],
    },
    {
        project: "good-landing",
        shape: "a landing bucket: the program uploads a manifest with the headers its strict bucket policy requires, and S3 announces new objects on an SNS topic under a key of its own whose topic and key policies admit S3 for this bucket only",
        breaks: [{
            what: "the manifest uploaded under SSE-S3",
            replace: ['serverSideEncryption: "aws:kms",\n    kmsKeyId: dataKey.arn,', 'serverSideEncryption: "AES256",'],
            policy: "s3-object-sse-kms",
            stoppedBy: "preview",
        }],
        refusals: [
            {
                what: "the manifest uploaded without the headers the bucket policy requires",
                replace: ['serverSideEncryption: "aws:kms",\n    kmsKeyId: dataKey.arn,\n', ""],
                error: /creating S3 Object \(landing-111111111111-eu-west-1\/manifest\.json\): operation error S3: PutObject, StatusCode: 403, api error AccessDenied: Access Denied/,
            },
            {
                what: "a topic policy statement whose Effect is misspelt",
                replace: ['{ Sid: "S3PublishesEvents", Effect: "Allow",', '{ Sid: "S3PublishesEvents", Effect: "Alow",'],
                error: /SetTopicAttributes, StatusCode: 400, api error InvalidParameter: Invalid parameter: Policy Error: null[\s\S]*Statement\[1\]\.Effect/,
            },
            {
                what: "the topic's key without the statement that lets S3 use it",
                replace: ['{ Sid: "S3PublishesEncryptedEvents", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*", Condition: s3ForThisBucket },', ""],
                error: /PutBucketNotificationConfiguration, StatusCode: 400, api error InvalidArgument: Unable to validate the following destination configurations[\s\S]*does not let s3\.amazonaws\.com call kms:GenerateDataKey/,
            },
        ],
    },
    {
        project: "good-alb-logs",
        shape: "an Application Load Balancer delivering its access logs to an SSE-S3 bucket whose policy lets the Region's Elastic Load Balancing account write, beside an SSE-KMS data bucket",
        breaks: [{
            what: "a Network Load Balancer writing into the SSE-S3 log bucket (NLB logs take SSE-KMS: SSE-S3 is the exception of ALB and Classic logs only)",
            replace: ['loadBalancerType: "application",', 'loadBalancerType: "network",'],
            policy: "s3-bucket-sse-kms",
            stoppedBy: "preview",
        }],
        refusals: [
            {
                what: "the log bucket under SSE-KMS (its policy denying other algorithms and keys, as the pack asks of an SSE-KMS bucket)",
                replace: [
                    ['rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],', 'rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }],'],
                    ['const logsPolicy = new aws.s3.BucketPolicy("web-logs", {\n    bucket: logs.id,\n    policy: JSON.stringify({', 'const logsPolicy = new aws.s3.BucketPolicy("web-logs", {\n    bucket: logs.id,\n    policy: pulumi.jsonStringify({'],
                    ['Action: "s3:PutObject", Resource: `${logsArn}/${logPrefix}/AWSLogs/${account}/*` },', 'Action: "s3:PutObject", Resource: `${logsArn}/${logPrefix}/AWSLogs/${account}/*` },\n            { Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${logsArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } } },\n            { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${logsArn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": dataKey.arn }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } } },\n            { Sid: "DenyKmsWithoutKeyId", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${logsArn}/*`, Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } } },'],
                ],
                error: /modifying ELBv2 Load Balancer \(arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer\/app\/orders-web\/[0-9a-f]{16}\) attributes: operation error Elastic Load Balancing v2: ModifyLoadBalancerAttributes, StatusCode: 400, api error InvalidConfigurationRequest: Access Denied for bucket: web-logs-111111111111-eu-west-1\. Please check S3bucket permission[\s\S]*encrypts by default with aws:kms/,
            },
            {
                what: "the log bucket's policy granting another Region's Elastic Load Balancing account (us-east-1's)",
                replace: ['const elbAccount = "156460612806";', 'const elbAccount = "127311923021";'],
                error: /ModifyLoadBalancerAttributes, StatusCode: 400, api error InvalidConfigurationRequest: Access Denied for bucket: web-logs-111111111111-eu-west-1\. Please check S3bucket permission[\s\S]*does not let the Elastic Load Balancing account of eu-west-1 \(156460612806\)/,
            },
        ],
    },
    {
        project: "good-alb-central-logs",
        shape: "an Application Load Balancer and a Classic Load Balancer of an application account delivering their access logs to an SSE-S3 bucket of a log-archive account, same Region, through two providers, beside an SSE-KMS data bucket",
        breaks: [{
            what: "the log-archive provider in another Region (ELB delivers only into the load balancer's Region: no SSE-S3 exception there)",
            replace: ['const archive = new aws.Provider("archive", { region,', 'const archive = new aws.Provider("archive", { region: "eu-central-1",'],
            policy: "s3-bucket-sse-kms",
            stoppedBy: "preview",
        }],
        refusals: [
            {
                what: "the grant under the log-archive account's AWSLogs/ path instead of the application account's (ELB writes under the load balancer's account)",
                replace: ["`${archiveArn}/${prefix}/AWSLogs/${appAccount}/*`", "`${archiveArn}/${prefix}/AWSLogs/${archiveAccount}/*`"],
                error: /ModifyLoadBalancerAttributes, StatusCode: 400, api error InvalidConfigurationRequest: Access Denied for bucket: elb-logs-444444444444-eu-west-1\. Please check S3bucket permission[\s\S]*put payments-(web|legacy)\/AWSLogs\/111111111111\/ELBAccessLogTestFile/,
            },
            {
                what: "the Classic Load Balancer's logs under a prefix the grant does not cover",
                replace: ["bucketPrefix: prefixes.classic,", 'bucketPrefix: "legacy",'],
                error: /modifying ELB Classic Load Balancer \(payments-legacy\) attributes: operation error Elastic Load Balancing: ModifyLoadBalancerAttributes, StatusCode: 400, api error InvalidConfigurationRequest: Access Denied for bucket: elb-logs-444444444444-eu-west-1\. Please check S3bucket permission[\s\S]*put legacy\/AWSLogs\/111111111111\/ELBAccessLogTestFile/,
            },
        ],
    },
    {
        project: "good-own-component",
        shape: "the team's own ComponentResources (a key component protected through its children, a bucket component naming the key by the alias's targetKeyArn), a stack-wide resource transform tagging buckets and keys, a component transforms option turning on S3 Bucket Keys, provider defaultTags, aliases, retainOnDelete, ignoreChanges, deletedWith, a forceDestroy dev bucket, an upload with sourceHash",
        breaks: [
            {
                what: "a Bucket Key transform that rewrites each rule without its default encryption",
                replace: ["({ ...rule, bucketKeyEnabled: true })", "({ bucketKeyEnabled: true })"],
                policy: "s3-bucket-sse-kms",
                stoppedBy: "preview",
            },
            {
                what: "the dev bucket spared the key (SSE-S3)",
                replace: ['applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }', 'applyServerSideEncryptionByDefault: args.dev ? { sseAlgorithm: "AES256" } : { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }'],
                policy: "s3-bucket-sse-kms",
                stoppedBy: "preview",
            },
        ],
    },
    {
        project: "good-dr-alias",
        shape: "cross-Region replication in one account under a key per Region, the replicas' key named by its alias ARN, the role's permissions a managed policy (a typed PolicyDocument with interpolated ARNs) listed in its own managedPolicyArns, key policies as aws.kms.KeyPolicy",
        breaks: [
            {
                what: "replicas encrypted under the alias of the source Region's key",
                replace: ["encryptionConfiguration: { replicaKmsKeyId: drKey.alias.arn }", "encryptionConfiguration: { replicaKmsKeyId: sourceKey.alias.arn }"],
                policy: "kms-key-region-matches-bucket",
                stoppedBy: "preview",
            },
            {
                what: "the managed policy's encrypt statement on the source key instead of the replicas' key",
                replace: ['Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: drKey.key.arn', 'Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: sourceKey.key.arn'],
                policy: "s3-replication-role-kms-access",
                stoppedBy: "end of up",
            },
        ],
    },
    {
        project: "good-access-points",
        shape: "a bucket whose policy delegates access control to its owner's access points (s3:DataAccessPointArn, a wildcard in the access point name only), an ingest access point with its policy inline and a VPC-only analytics access point with an aws.s3control.AccessPointPolicy, each role using the key through S3",
        breaks: [
            {
                what: "the delegation to access points without its condition",
                replace: ['Condition: { StringLike: { "s3:DataAccessPointArn": accessPointArn("orders-*") } },', ""],
                policy: "s3-bucket-policy-no-public-allow",
                stoppedBy: "before creation",
            },
            {
                what: "the delegation to access points of any account (the wildcard in the account of s3:DataAccessPointArn)",
                replace: ['{ "s3:DataAccessPointArn": accessPointArn("orders-*") }', '{ "s3:DataAccessPointArn": `arn:aws:s3:${region}:*:accesspoint/orders-*` }'],
                policy: "s3-bucket-policy-no-public-allow",
                stoppedBy: "before creation",
            },
        ],
    },
    {
        project: "good-inventory",
        shape: "a daily S3 Inventory (encrypted with the reports bucket's key, encryption.sseKms) and a Storage Class Analysis export into an SSE-KMS reports bucket whose bucket and key policies admit s3.amazonaws.com for the source bucket and account only, Intelligent-Tiering archive tiers",
        breaks: [
            {
                what: "the inventory report encrypted under SSE-S3",
                replace: ["encryption: { sseKms: { keyId: reportsKey.arn } },", "encryption: { sseS3: {} },"],
                policy: "s3-service-delivery-sse-kms",
                stoppedBy: "preview",
            },
            {
                what: "the inventory report encrypted under the source bucket's key instead of the reports bucket's",
                replace: ["encryption: { sseKms: { keyId: reportsKey.arn } },", "encryption: { sseKms: { keyId: dataKey.arn } },"],
                policy: "s3-service-delivery-sse-kms",
                stoppedBy: "preview",
            },
        ],
    },
    {
        project: "good-v2-ledger",
        shape: "the deprecated V2 names throughout (BucketV2, BucketVersioningV2, BucketServerSideEncryptionConfigurationV2 naming the stack's key by its bare key id, BucketLifecycleConfigurationV2, BucketObjectLockConfigurationV2, BucketLoggingV2 into an SSE-S3 log bucket), every document a getPolicyDocumentOutput",
        breaks: [
            {
                what: "noncurrent ledger versions kept 3 days",
                replace: ["noncurrentVersionExpiration: { noncurrentDays: 400 }", "noncurrentVersionExpiration: { noncurrentDays: 3 }"],
                policy: "s3-lifecycle-noncurrent-retention",
                stoppedBy: "preview",
            },
            {
                what: "the ledger's default encryption naming a key outside the stack by its bare key id",
                replace: ["kmsMasterKeyId: key.keyId }", 'kmsMasterKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }'],
                policy: "s3-bucket-sse-key-arn",
                stoppedBy: "preview",
            },
            {
                what: "the ledger logging into itself",
                replace: ["targetBucket: logs.id,", "targetBucket: ledger.id,"],
                policy: "s3-access-log-target",
                stoppedBy: "preview",
            },
            {
                what: "the log bucket's own access logs delivered into the SSE-KMS ledger",
                replace: ['new aws.s3.BucketLoggingV2("ledger", {', 'new aws.s3.BucketLoggingV2("logs", { bucket: logs.id, targetBucket: ledger.id, targetPrefix: "logs/" }, opts);\nnew aws.s3.BucketLoggingV2("ledger", {'],
                policy: "s3-access-log-target",
                stoppedBy: "preview",
            },
        ],
    },
    {
        project: "good-default-provider",
        shape: "no explicit provider: the default aws provider, its Region from project configuration and its account from getCallerIdentity (every ARN an output), an SSE-KMS data bucket logging into an SSE-S3 log bucket, an object uploaded under the bucket's key",
        breaks: [
            {
                what: "the object uploaded under the AWS managed key (aws:kms without a key id)",
                replace: ["    kmsKeyId: key.arn,\n", ""],
                policy: "s3-object-sse-kms",
                stoppedBy: "preview",
            },
            {
                what: "a key policy that lets an application role use the key and nobody administer it",
                replace: ['Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: "kms:*"', 'Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:role/app` }, Action: ["kms:Decrypt", "kms:GenerateDataKey"]'],
                policy: "kms-key-policy-deployer-access",
                stoppedBy: "before creation",
            },
            {
                what: "the data bucket's policy without its TLS Deny",
                replace: ["            tlsOnly(data.bucket.arn),\n", ""],
                policy: "s3-bucket-policy-deny-insecure-transport",
                stoppedBy: "before creation",
            },
        ],
    },
    {
        project: "good-stackref",
        upstream: { project: "good-stackref-keys", stack: "platform" },
        shape: "a bucket stack under a key of another stack (the platform team's key stack, its key protected and retained, read through a StackReference), the bucket policy, the role's trust and its permissions typed objects, objects uploaded with BucketObjectv2 naming that key",
        breaks: [
            {
                what: "the default encryption naming the key by the key stack's bare key id (a key outside the stack needs its ARN)",
                replace: ['kmsMasterKeyId: keyArn }', 'kmsMasterKeyId: keys.requireOutput("keyId") }'],
                policy: "s3-bucket-sse-key-arn",
                stoppedBy: "preview",
            },
            {
                what: "a misspelt stack output (getOutput of a name the key stack does not export is undefined: S3's AWS managed key)",
                replace: ['const keyArn = keys.requireOutput("keyArn").apply((arn) => String(arn));', 'const keyArn = keys.getOutput("keyArm") as pulumi.Output<string>;'],
                policy: "s3-bucket-sse-customer-managed-key",
                stoppedBy: "preview",
            },
            {
                what: "the bucket stack moved to another Region than the key stack's key (S3 uses a key of the bucket's Region only)",
                replace: ['const region = "eu-west-1";', 'const region = "eu-central-1";'],
                policy: "kms-key-region-matches-bucket",
                stoppedBy: "preview",
            },
        ],
        refusals: [{
            what: "the README uploaded under the key stack's alias name (a customer managed key, but not the key ARN the bucket policy requires)",
            replace: ['    contentType: "text/markdown",\n    serverSideEncryption: "aws:kms",\n    kmsKeyId: keyArn,', '    contentType: "text/markdown",\n    serverSideEncryption: "aws:kms",\n    kmsKeyId: keys.requireOutput("aliasName") as pulumi.Output<string>,'],
            error: /creating S3 Object \(reports-111111111111-eu-west-1\/README\.md\): operation error S3: PutObject, StatusCode: 403, api error AccessDenied: Access Denied/,
        }],
    },
    {
        project: "good-doc-outputs",
        shape: "every document the minifiedJson of a getPolicyDocumentOutput (the key policy as an aws.kms.KeyPolicy and the bucket policy unknown at preview), the role's permissions an aws.iam.Policy given as a typed object and attached by an unknown ARN, names from project configuration, an object uploaded naming only kmsKeyId",
        breaks: [
            {
                what: "the key's usage statement opened to every principal (the document unknown at preview)",
                replace: ['principals: [{ type: "AWS", identifiers: [app.arn] }],\n                conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],', 'principals: [{ type: "AWS", identifiers: [app.arn, "*"] }],'],
                policy: "kms-key-policy-no-public-principal",
                stoppedBy: "before creation",
            },
            {
                what: "a TLS Deny that denies TLS instead (the document unknown at preview)",
                replace: ['values: ["false"] }] },', 'values: ["true"] }] },'],
                policy: "s3-bucket-policy-deny-insecure-transport",
                stoppedBy: "before creation",
            },
            {
                what: "the object uploaded under the AWS managed key by its alias",
                replace: ["    kmsKeyId: key.arn,\n}, { ...opts, dependsOn: [bucketPolicy, encryption] });", '    kmsKeyId: "alias/aws/s3",\n}, { ...opts, dependsOn: [bucketPolicy, encryption] });'],
                policy: "s3-object-sse-kms",
                stoppedBy: "preview",
            },
        ],
    },
    {
        project: "good-transforms",
        shape: "buckets written bare and given their default encryption, versioning and TLS-only bucket policy (the team's own statement kept after the guardrails) by a stack transform (registerResourceTransform) writing the legacy inline properties, a noncurrent-version lifecycle rule by a transforms resource option",
        breaks: [{
            what: "one bucket declared with the deprecated BucketV2 name, whose type token the platform's transform does not match (no encryption, no versioning, no policy)",
            replace: ['new aws.s3.Bucket("exports",', 'new aws.s3.BucketV2("exports",'],
            policy: "s3-bucket-sse-kms",
            stoppedBy: "preview",
        }],
    },
    {
        project: "good-config-loop",
        shape: "buckets built in a loop from a structured pulumi.Config object, their names pulumi.interpolate of the configured prefix and the provider's account and Region (getCallerIdentityOutput, getRegionOutput), seed objects uploaded with BucketObjectv2 and kmsKeyId, a protected key, retainOnDelete buckets and key, the TLS Deny spelt with StringEquals",
        breaks: [{
            what: "the TLS Deny written with NotAction to let a health check read over plain HTTP (every other action denied, the reads left open)",
            replace: ['Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",', 'Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", NotAction: ["s3:GetObject", "s3:GetObjectVersion"],'],
            policy: "s3-bucket-policy-deny-insecure-transport",
            // The document names the key's ARN, unknown until the key exists: judged as soon as it is known.
            stoppedBy: "before creation",
        }],
    },
    {
        project: "good-renamed",
        shape: "the deprecated V2 names (BucketV2, BucketVersioningV2, BucketServerSideEncryptionConfigurationV2, BucketLoggingV2) through an explicit non-default provider with defaultTags, the key policy and the role's trust from getPolicyDocumentOutput, the bucket policy a jsonStringify with output ARNs inside, server access logs into an SSE-S3 log bucket whose writers' deny is keyed on aws:PrincipalServiceName",
        edit: {
            what: "the reports resources renamed and moved to the v7 names with aliases to the old name and type",
            replace: ["const generation: number = 1;", "const generation: number = 2;"],
        },
        breaks: [{
            what: "the log bucket's TLS Deny written with NotAction to spare log delivery's uploads (uploads over plain HTTP left open)",
            replace: ['Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${logsName}`', 'Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", NotAction: "s3:PutObject", Resource: [`arn:aws:s3:::${logsName}`'],
            policy: "s3-bucket-policy-deny-insecure-transport",
            stoppedBy: "preview",
        }, {
            what: "the log bucket's TLS Deny written with NotResource to spare the reports' log prefix (those objects readable over plain HTTP)",
            replace: ['Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${logsName}`, `arn:aws:s3:::${logsName}/*`],', 'Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", NotResource: `arn:aws:s3:::${logsName}/reports/*`,'],
            policy: "s3-bucket-policy-deny-insecure-transport",
            stoppedBy: "preview",
        }],
    },
];

function listed(violations: readonly PolicyViolation[]): string {
    return violations.map((v) => `[${v.enforcementLevel}] ${v.policyName} ${v.resourceUrn ?? "(stack)"}: ${v.message}`).join("\n");
}

/** The command succeeded and reported no violation of any level. */
function assertClean(result: CommandResult, violations: readonly PolicyViolation[]): void {
    assert.equal(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
    assert.equal(listed(violations), "");
}

for (const program of PROGRAMS) {
    describe(`e2e: ${program.project} (${program.shape}) against the guardrails pack`, function () {
        let session: PulumiSession;
        let project: string;
        let policyPack: string;
        const upstreamDirs: string[] = [];
        const stack = "good";

        before(async function () {
            policyPack = builtPolicyPack();
            session = new PulumiSession(pulumiBinDir(), program.project);
            if (program.upstream) upstreamDirs.push(await deployUpstream(session, program.upstream, policyPack));
            project = stageProject(path.join(PROJECTS_DIR, program.project), { projectFileRewrite: absolutePluginPaths });
            await session.ok(["stack", "init", stack], project);
        });

        after(function () {
            session?.dispose();
            if (project) removeDir(project);
            for (const dir of upstreamDirs.splice(0)) removeDir(dir);
        });

        it("passes `pulumi preview --policy-pack` with no violation of any level", async function () {
            const log = path.join(session.root, "preview.events.jsonl");
            const result = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
            assertClean(result, policyViolations(log));
        });

        it("deploys with `pulumi up --policy-pack`, AWS's deploy-time rules on, with no violation of any level", async function () {
            const log = path.join(session.root, "up.events.jsonl");
            const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
            assertClean(result, policyViolations(log));
        });

        it("passes `pulumi preview --policy-pack` of the deployed stack, whose state holds the provider's read-back of S3's defaults", async function () {
            const log = path.join(session.root, "preview-deployed.events.jsonl");
            const result = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
            assertClean(result, policyViolations(log));
        });

        it("passes `pulumi policy analyze` of the deployed state, every value known", async function () {
            const result = await session.run(["policy", "analyze", "-s", stack, "--policy-pack", policyPack, "--json"], project);
            assertClean(result, parsePolicyEvents(result.stdout));
        });

        const edit = program.edit;
        if (edit) {
            it(`then ${edit.what}: \`pulumi up --policy-pack\` of the edited program creates, replaces and deletes nothing, with no violation of any level`, async function () {
                breakProgram(project, edit.replace);
                const previewLog = path.join(session.root, "edit-preview.events.jsonl");
                const preview = await session.run(["preview", "-s", stack, "--policy-pack", policyPack, "--event-log", previewLog], project);
                assertClean(preview, policyViolations(previewLog));
                const log = path.join(session.root, "edit-up.events.jsonl");
                const result = await session.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], project);
                assertClean(result, policyViolations(log));
                const steps = resourceSteps(log);
                assert.ok(steps.length > 0, `the up's event log holds its steps\n${describeResult(result)}`);
                // An alias carries the resource over: anything but `same` or an in-place `update` would recreate (or drop) it.
                const moved = steps.filter((step) => step.op !== "same" && step.op !== "update").map((step) => `${step.op} ${step.urn}`);
                assert.deepEqual(moved, [], describeResult(result));
                const again = await session.run(["preview", "--expect-no-changes", "-s", stack, "--policy-pack", policyPack], project);
                assert.equal(again.code, 0, describeResult(again));
            });
        }

        for (const broken of program.breaks) {
            const when = { "preview": "at preview", "before creation": "during `up`, before the resource is created", "end of up": "failing `up` once the stack is deployed" }[broken.stoppedBy];
            it(`stops a copy with ${broken.what}: ${broken.policy} ${when}`, async function () {
                await withMistake(program, "broken", broken.replace, stack, async (brokenSession, copy) => {
                    const log = path.join(brokenSession.root, "events.jsonl");
                    const command = broken.stoppedBy === "preview" ? ["preview"] : ["up", "--yes"];
                    const result = await brokenSession.run([...command, "-s", stack, "--policy-pack", policyPack, "--event-log", log], copy);
                    const violations = policyViolations(log);
                    assert.notEqual(result.code, 0, `${listed(violations)}\n${describeResult(result)}`);
                    const stopped = violationKeys(mandatory(violations)).map((key) => key.split(" -> ")[0]);
                    assert.ok(stopped.includes(broken.policy), `${listed(violations)}\n${describeResult(result)}`);
                    if (broken.stoppedBy === "before creation") {
                        // The resource the policy stopped was never created: it is not in the stack's state.
                        const exported = await brokenSession.ok(["stack", "export", "-s", stack], copy);
                        const urns = new Set(((JSON.parse(exported.stdout) as { deployment: { resources?: { urn: string }[] } }).deployment.resources ?? []).map((r) => r.urn));
                        const blocked = mandatory(violations).filter((v) => v.policyName === broken.policy && v.resourceUrn);
                        assert.ok(blocked.length > 0 && blocked.every((v) => !urns.has(v.resourceUrn as string)), listed(blocked));
                    }
                });
            });
        }

        for (const refusal of program.refusals ?? []) {
            it(`fails \`pulumi up\` with the error AWS or its provider gives, the pack letting it through, for a copy with ${refusal.what}`, async function () {
                await withMistake(program, "refused", refusal.replace, stack, async (refusedSession, copy) => {
                    const log = path.join(refusedSession.root, "events.jsonl");
                    const result = await refusedSession.run(["up", "--yes", "-s", stack, "--policy-pack", policyPack, "--event-log", log], copy);
                    const violations = policyViolations(log);
                    assert.notEqual(result.code, 0, describeResult(result));
                    assert.match(`${result.stdout}\n${result.stderr}`, refusal.error);
                    assert.equal(listed(mandatory(violations)), "", "the pack must not be what stopped it");
                });
            });
        }
    });
}

/**
 * Deploys `upstream` into the session's backend with the pack (which must report nothing: the upstream stack is a
 * compliant program too) and returns its staged directory, for the caller to remove.
 */
async function deployUpstream(session: PulumiSession, upstream: Upstream, policyPack: string): Promise<string> {
    const dir = stageProject(path.join(PROJECTS_DIR, upstream.project), { projectFileRewrite: absolutePluginPaths });
    await session.ok(["stack", "init", upstream.stack], dir);
    const log = path.join(session.root, `${upstream.project}.up.events.jsonl`);
    const result = await session.run(["up", "--yes", "-s", upstream.stack, "--policy-pack", policyPack, "--event-log", log], dir);
    assertClean(result, policyViolations(log));
    return dir;
}

/** Runs `body` on a fresh stack of a staged copy of the program that makes one mistake (its upstream deployed first), then removes both. */
async function withMistake(
    program: Program,
    label: string,
    replace: Replacement | Replacement[],
    stack: string,
    body: (session: PulumiSession, copy: string) => Promise<void>,
): Promise<void> {
    const copy = stageProject(path.join(PROJECTS_DIR, program.project), { projectFileRewrite: absolutePluginPaths });
    const session = new PulumiSession(pulumiBinDir(), `${program.project}-${label}`);
    let upstreamDir: string | undefined;
    try {
        breakProgram(copy, replace);
        if (program.upstream) upstreamDir = await deployUpstream(session, program.upstream, builtPolicyPack());
        await session.ok(["stack", "init", stack], copy);
        await body(session, copy);
    } finally {
        session.dispose();
        removeDir(copy);
        if (upstreamDir) removeDir(upstreamDir);
    }
}

/**
 * Replaces the staged program's (symlinked) index.ts with a copy that makes the mistake. The copy is a file of the
 * staging directory, so its relative imports (a program built from the repository's components) are made absolute.
 */
function breakProgram(stagedDir: string, replace: Replacement | Replacement[]): void {
    const file = path.join(stagedDir, "index.ts");
    const sourceDir = path.dirname(fs.realpathSync(file));
    let text = fs.readFileSync(file, "utf8");
    const replacements: Replacement[] = typeof replace[0] === "string" ? [replace as Replacement] : (replace as Replacement[]);
    for (const [from, to] of replacements) {
        assert.equal(text.split(from).length - 1, 1, `${from} occurs exactly once in the program`);
        text = text.replace(from, to);
    }
    fs.unlinkSync(file);
    const anchored = text.replace(/from "(\.\.?\/[^"]+)"/g, (_, spec: string) => `from ${JSON.stringify(path.resolve(sourceDir, spec))}`);
    fs.writeFileSync(file, anchored);
}

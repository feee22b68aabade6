// AWS service principals pinned to the resource they act for, against:
// - IAM User Guide, "The confused deputy problem" and "AWS global condition context keys"
//   (aws:SourceArn, aws:SourceAccount): the same service acting for another account's resource,
//   or for another resource of the same account, must not get the grant.
// - AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": the service checks the
//   bucket ACL, then writes under its prefix; "Configure AWS KMS key policies for CloudTrail" ("Enable
//   CloudTrail to describe KMS key properties") and "Encrypting CloudTrail log files with AWS KMS keys
//   (SSE-KMS)": CloudTrail calls kms:DescribeKey itself (no encryption context, not via S3), or it
//   cannot create or update a trail on a bucket with an S3 Bucket Key.
// - Amazon CloudWatch Logs User Guide, "Enable logging from AWS services" ("Amazon S3 bucket
//   server-side encryption"): delivery.logs.amazonaws.com gets kms:DescribeKey too, pinned by source;
//   AWS Config, "Permissions for the KMS Key for the AWS Config Delivery Channel": no DescribeKey.
// - Amazon S3 User Guide, "Enabling Amazon S3 server access logging" ("Permissions for log
//   delivery"): logging.s3.amazonaws.com writes for the source bucket named by aws:SourceArn.
// - Amazon SNS Developer Guide, "Enable compatibility between event sources from AWS services and
//   encrypted topics": S3 and CloudWatch need kms:GenerateDataKey* and kms:Decrypt on the topic key.
import { logBucketPolicyStatements } from "../../../components/policy/logDelivery";
import { alertKeyStatements, alertTopicPolicy, CLOUDWATCH_SERVICE, S3_SERVICE } from "../../../components/policy/replicationMonitoring";
import { serviceGrantBucketStatements, serviceGrantKeyStatements, type ServicePrincipalGrantSubject } from "../../../components/policy/serviceGrants";
import { policyDocument } from "../../../components/policy/types";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import { s3ByServiceContext, s3Context, serviceContext, serviceKmsViaS3Context } from "../support/requestContext";
import { ALLOWED, deniedBy, notGranted } from "../support/scenario";
import { allow, BUCKET, BUCKET_ARN, callerWith, expectDecisions, KEY_ARN, objectArn, OWNER, REGION, STRANGER, TARGET } from "./fixtures";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${OWNER}:trail/organization-audit`;
const TRAIL_SUBJECT: ServicePrincipalGrantSubject = { service: CLOUDTRAIL, access: "write", prefix: "AWSLogs/", sourceAccount: OWNER, sourceArn: TRAIL_ARN, sidBase: "CloudTrail" };

const bucketPolicy: NamedPolicy = { name: "bucket policy", document: policyDocument(serviceGrantBucketStatements(TRAIL_SUBJECT, TARGET)) };
const keyPolicy: NamedPolicy = { name: "key policy", document: policyDocument(serviceGrantKeyStatements(TRAIL_SUBJECT, TARGET)) };

interface Source {
    service: string;
    arn: string;
    accountId: string;
}

const trail = (overrides: Partial<Source> = {}): Source => ({ service: CLOUDTRAIL, arn: TRAIL_ARN, accountId: OWNER, ...overrides });

function s3ByService(source: Source, action: string, resource: string): OracleRequest {
    return {
        principal: source.service,
        action,
        resource,
        resourceAccount: OWNER,
        context: s3ByServiceContext(source.service, source, OWNER, REGION),
        identityPolicies: [],
        resourcePolicy: bucketPolicy,
    };
}

function kmsByService(source: Source, action: string, encryptionContext: string): OracleRequest {
    return {
        principal: source.service,
        action,
        resource: KEY_ARN,
        resourceAccount: OWNER,
        context: serviceKmsViaS3Context({ service: source.service, sourceAccount: source.accountId, sourceArn: source.arn }, OWNER, REGION, encryptionContext),
        identityPolicies: [],
        resourcePolicy: keyPolicy,
    };
}

/** kms:DescribeKey as the service calls it: directly (no kms:ViaService), with no encryption context, naming its source. */
function describeKeyByService(source: Source, policy: NamedPolicy = keyPolicy): OracleRequest {
    return {
        principal: source.service,
        action: "kms:DescribeKey",
        resource: KEY_ARN,
        resourceAccount: OWNER,
        context: serviceContext(source.service, { arn: source.arn, accountId: source.accountId }, OWNER, REGION),
        identityPolicies: [],
        resourcePolicy: policy,
    };
}

const LOG_OBJECT = objectArn(`AWSLogs/${OWNER}/CloudTrail/${REGION}/2026/12/06/log.json.gz`);

describe("AWS docs (The confused deputy problem; bucket policy for CloudTrail): a service grant", () => {
    it("lets the service deliver for the resource it names: bucket ACL check, write under the prefix, data key", async () => {
        await expectDecisions([
            ["s3:GetBucketAcl", ALLOWED, s3ByService(trail(), "s3:GetBucketAcl", BUCKET_ARN)],
            ["s3:PutObject under the prefix", ALLOWED, s3ByService(trail(), "s3:PutObject", LOG_OBJECT)],
            ["kms:GenerateDataKey via S3, object ARN context", ALLOWED, kmsByService(trail(), "kms:GenerateDataKey", LOG_OBJECT)],
            ["kms:GenerateDataKey via S3, bucket ARN context (Bucket Key)", ALLOWED, kmsByService(trail(), "kms:GenerateDataKey", BUCKET_ARN)],
        ]);
    });

    it("refuses the same service acting for another account, or for another trail of the same account", async () => {
        const foreign = trail({ accountId: STRANGER, arn: `arn:aws:cloudtrail:${REGION}:${STRANGER}:trail/organization-audit` });
        const otherTrail = trail({ arn: `arn:aws:cloudtrail:${REGION}:${OWNER}:trail/another-trail` });
        await expectDecisions([
            ["s3:PutObject for another account's trail", notGranted("resource"), s3ByService(foreign, "s3:PutObject", LOG_OBJECT)],
            ["s3:GetBucketAcl for another account's trail", notGranted("resource"), s3ByService(foreign, "s3:GetBucketAcl", BUCKET_ARN)],
            ["kms:GenerateDataKey for another account's trail", notGranted("resource"), kmsByService(foreign, "kms:GenerateDataKey", LOG_OBJECT)],
            // aws:SourceAccount right, aws:SourceArn claimed by a trail of the other account: both must match.
            ["s3:PutObject with the right account but another account's trail ARN", notGranted("resource"), s3ByService(trail({ arn: foreign.arn }), "s3:PutObject", LOG_OBJECT)],
            ["s3:PutObject for another trail of the bucket's account", notGranted("resource"), s3ByService(otherTrail, "s3:PutObject", LOG_OBJECT)],
            ["kms:GenerateDataKey for another trail of the bucket's account", notGranted("resource"), kmsByService(otherTrail, "kms:GenerateDataKey", LOG_OBJECT)],
        ]);
    });

    it("without sourceArn, aws:SourceAccount alone still refuses the service acting for another account", async () => {
        const accountOnly: ServicePrincipalGrantSubject = { service: "delivery.logs.amazonaws.com", access: "write", prefix: "AWSLogs/", sourceAccount: OWNER, sidBase: "FlowLogs" };
        const bucket: NamedPolicy = { name: "bucket policy", document: policyDocument(serviceGrantBucketStatements(accountOnly, TARGET)) };
        const key: NamedPolicy = { name: "key policy", document: policyDocument(serviceGrantKeyStatements(accountOnly, TARGET)) };
        const flowLog = (accountId: string): Source => ({ service: accountOnly.service, arn: `arn:aws:logs:${REGION}:${accountId}:*`, accountId });
        const put = (source: Source): OracleRequest => ({ ...s3ByService(source, "s3:PutObject", LOG_OBJECT), resourcePolicy: bucket });
        const dataKey = (source: Source): OracleRequest => ({ ...kmsByService(source, "kms:GenerateDataKey", LOG_OBJECT), resourcePolicy: key });
        await expectDecisions([
            ["s3:PutObject for a resource of the source account", ALLOWED, put(flowLog(OWNER))],
            ["kms:GenerateDataKey for a resource of the source account", ALLOWED, dataKey(flowLog(OWNER))],
            ["s3:PutObject for another account's resource", notGranted("resource"), put(flowLog(STRANGER))],
            ["kms:GenerateDataKey for another account's resource", notGranted("resource"), dataKey(flowLog(STRANGER))],
            ["kms:DescribeKey for a resource of the source account", ALLOWED, describeKeyByService(flowLog(OWNER), key)],
            ["kms:DescribeKey for another account's resource", notGranted("resource"), describeKeyByService(flowLog(STRANGER), key)],
        ]);
    });

    it("lets CloudTrail describe the key for its trail only (it cannot create or update the trail otherwise)", async () => {
        const foreign = trail({ accountId: STRANGER, arn: `arn:aws:cloudtrail:${REGION}:${STRANGER}:trail/organization-audit` });
        await expectDecisions([
            ["kms:DescribeKey for the trail", ALLOWED, describeKeyByService(trail())],
            ["kms:DescribeKey for another account's trail", notGranted("resource"), describeKeyByService(foreign)],
            ["kms:DescribeKey with the right account but another account's trail ARN", notGranted("resource"), describeKeyByService(trail({ arn: foreign.arn }))],
            ["kms:DescribeKey for another trail of the bucket's account", notGranted("resource"), describeKeyByService(trail({ arn: `arn:aws:cloudtrail:${REGION}:${OWNER}:trail/another-trail` }))],
            ["kms:DescribeKey by another service with the trail as source", notGranted("resource"), describeKeyByService(trail({ service: "delivery.logs.amazonaws.com" }))],
        ]);
    });

    it("no DescribeKey for a service whose docs do not ask for it (AWS Config), nor for a reading grant", async () => {
        const config: ServicePrincipalGrantSubject = { service: "config.amazonaws.com", access: "write", sourceAccount: OWNER, sidBase: "Config" };
        const reader: ServicePrincipalGrantSubject = { ...TRAIL_SUBJECT, access: "read", sidBase: "TrailReader" };
        const policyOf = (subject: ServicePrincipalGrantSubject): NamedPolicy => ({ name: "key policy", document: policyDocument(serviceGrantKeyStatements(subject, TARGET)) });
        const configSource = trail({ service: config.service, arn: `arn:aws:config:${REGION}:${OWNER}:config-recorder/default` });
        await expectDecisions([
            ["kms:GenerateDataKey by AWS Config via S3 (its documented grant)", ALLOWED, { ...kmsByService(configSource, "kms:GenerateDataKey", LOG_OBJECT), resourcePolicy: policyOf(config) }],
            ["kms:DescribeKey by AWS Config", notGranted("resource"), describeKeyByService(configSource, policyOf(config))],
            ["kms:DescribeKey by CloudTrail on a read grant", notGranted("resource"), describeKeyByService(trail(), policyOf(reader))],
        ]);
    });

    it("gives nothing beyond the grant: other services, other prefixes, other buckets' encryption context, reads", async () => {
        await expectDecisions([
            ["s3:PutObject by another service with the trail as source", notGranted("resource"), s3ByService(trail({ service: "delivery.logs.amazonaws.com" }), "s3:PutObject", LOG_OBJECT)],
            ["s3:PutObject outside the prefix", notGranted("resource"), s3ByService(trail(), "s3:PutObject", objectArn("elsewhere/log.json.gz"))],
            ["kms:GenerateDataKey for another bucket's object", notGranted("resource"), kmsByService(trail(), "kms:GenerateDataKey", "arn:aws:s3:::another-bucket/AWSLogs/x")],
            ["s3:GetObject (write grant)", notGranted("resource"), s3ByService(trail(), "s3:GetObject", LOG_OBJECT)],
            ["kms:Encrypt (not a grant action)", notGranted("resource"), kmsByService(trail(), "kms:Encrypt", LOG_OBJECT)],
        ]);
    });
});

describe("AWS docs (Enabling Amazon S3 server access logging): a log bucket", () => {
    const LOG_BUCKET = "access-logs-bucket";
    const SOURCE_BUCKET_ARN = BUCKET_ARN;
    const policy: NamedPolicy = {
        name: "log bucket policy",
        document: policyDocument(logBucketPolicyStatements(LOG_BUCKET, [{ name: BUCKET, bucketArn: SOURCE_BUCKET_ARN, accountId: OWNER, prefix: `${BUCKET}/` }])),
    };
    const delivery = (source: { arn: string; accountId: string }, key: string): OracleRequest => ({
        principal: "logging.s3.amazonaws.com",
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${LOG_BUCKET}/${key}`,
        resourceAccount: OWNER,
        context: s3ByServiceContext("logging.s3.amazonaws.com", source, OWNER, REGION),
        identityPolicies: [],
        resourcePolicy: policy,
    });
    const admin = callerWith(`arn:aws:iam::${OWNER}:role/Administrator`, [allow("admin", "s3:*")]);

    it("accepts log delivery for the named source bucket only, under its prefix, and no other writer", async () => {
        await expectDecisions([
            ["delivery for the source bucket, under its prefix", ALLOWED, delivery({ arn: SOURCE_BUCKET_ARN, accountId: OWNER }, `${BUCKET}/2026-12-06-00-00-00-ABCDEF`)],
            ["delivery for another account's bucket", notGranted("resource"), delivery({ arn: "arn:aws:s3:::neighbour-bucket", accountId: STRANGER }, `${BUCKET}/2026-12-06-00-00-00-ABCDEF`)],
            ["delivery for another bucket of the same account", notGranted("resource"), delivery({ arn: "arn:aws:s3:::another-bucket", accountId: OWNER }, `${BUCKET}/2026-12-06-00-00-00-ABCDEF`)],
            ["delivery for the source bucket, outside its prefix", notGranted("resource"), delivery({ arn: SOURCE_BUCKET_ARN, accountId: OWNER }, "elsewhere/2026-12-06")],
            [
                "s3:PutObject by an administrator of the account (IAM allows s3:*)",
                deniedBy("DenyWritesOtherThanLogDelivery"),
                {
                    principal: admin.arn,
                    action: "s3:PutObject",
                    resource: `arn:aws:s3:::${LOG_BUCKET}/${BUCKET}/forged`,
                    resourceAccount: OWNER,
                    context: s3Context(admin, OWNER, REGION),
                    identityPolicies: admin.identityPolicies,
                    resourcePolicy: policy,
                },
            ],
        ]);
    });
});

describe("AWS docs (encrypted SNS topics for AWS service event sources): the replication alert topic's key", () => {
    const TOPIC = `arn:aws:sns:${REGION}:${OWNER}:replication-alerts`;
    const ALARM = `arn:aws:cloudwatch:${REGION}:${OWNER}:alarm:replication-alerts-rule-1-failed`;
    const facts = { accountId: OWNER, sourceBucketArn: BUCKET_ARN, alarmArns: [ALARM] };
    const topicKey: NamedPolicy = { name: "alert key policy", document: policyDocument(alertKeyStatements(facts)) };
    const topicPolicy: NamedPolicy = { name: "alert topic policy", document: alertTopicPolicy({ ...facts, topicArn: TOPIC }) };
    const call = (service: string, action: string, source: { arn: string; accountId: string }): OracleRequest => {
        const onKey = action.startsWith("kms:");
        return {
            principal: service,
            action,
            resource: onKey ? KEY_ARN : TOPIC,
            resourceAccount: OWNER,
            context: serviceContext(service, source, OWNER, REGION),
            identityPolicies: [],
            resourcePolicy: onKey ? topicKey : topicPolicy,
        };
    };

    it("lets S3 (for the source bucket) and CloudWatch (for the alarms) publish and get data keys, nobody else", async () => {
        const bucket = { arn: BUCKET_ARN, accountId: OWNER };
        const alarm = { arn: ALARM, accountId: OWNER };
        const neighbour = { arn: "arn:aws:s3:::neighbour-bucket", accountId: STRANGER };
        await expectDecisions([
            ["sns:Publish by S3 for the source bucket", ALLOWED, call(S3_SERVICE, "sns:Publish", bucket)],
            ["kms:GenerateDataKey by S3 for the source bucket", ALLOWED, call(S3_SERVICE, "kms:GenerateDataKey", bucket)],
            ["kms:Decrypt by S3 for the source bucket", ALLOWED, call(S3_SERVICE, "kms:Decrypt", bucket)],
            ["kms:GenerateDataKey by CloudWatch for the alarm", ALLOWED, call(CLOUDWATCH_SERVICE, "kms:GenerateDataKey", alarm)],
            ["kms:GenerateDataKey by S3 for another account's bucket", notGranted("resource"), call(S3_SERVICE, "kms:GenerateDataKey", neighbour)],
            ["kms:GenerateDataKey by CloudWatch for another alarm", notGranted("resource"), call(CLOUDWATCH_SERVICE, "kms:GenerateDataKey", { arn: `${ALARM}-other`, accountId: OWNER })],
            ["kms:GenerateDataKey by CloudWatch claiming the bucket as source", notGranted("resource"), call(CLOUDWATCH_SERVICE, "kms:GenerateDataKey", bucket)],
            ["kms:Decrypt by another service", notGranted("resource"), call("events.amazonaws.com", "kms:Decrypt", bucket)],
        ]);
    });
});

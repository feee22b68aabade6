import { isAwsManagedS3Key } from "../model/arn";
import { isUnknown } from "../model/values";
import { Finding, findingOn } from "./framework";
import { isKmsAlgorithm, sseRulePolicy, StackRuleAt } from "./sseFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const S3_BUCKET_SSE_CUSTOMER_MANAGED_KEY = "s3-bucket-sse-customer-managed-key";

const FIX = "create an aws.kms.Key (SYMMETRIC_DEFAULT, rotation on) and set applyServerSideEncryptionByDefault.kmsMasterKeyId to its ARN (key.arn)";

export const s3BucketSseCustomerManagedKey = sseRulePolicy(
    {
        name: S3_BUCKET_SSE_CUSTOMER_MANAGED_KEY,
        description: "SSE-KMS default encryption names a customer managed key, not the AWS managed aws/s3 key (explicitly or by leaving kmsMasterKeyId empty).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    checkRule,
);

function checkRule({ subject, config, rule, label: bucketLabel }: StackRuleAt, report: (f: Finding) => void): void {
    if (!isKmsAlgorithm(rule.algorithm) || isUnknown(rule.keyRef)) {
        return;
    }
    if (rule.keyRef === undefined || rule.keyRef === "") {
        report(findingOn(subject, config.resource,
            `encrypts ${bucketLabel} with ${rule.algorithm} but sets no kmsMasterKeyId, so S3 uses the AWS managed key aws/s3, whose policy can't be changed or shared cross-account`, FIX));
    } else if (isAwsManagedS3Key(rule.keyRef)) {
        report(findingOn(subject, config.resource, `encrypts ${bucketLabel} with the AWS managed key "${rule.keyRef}"`, FIX));
    }
}

export const definition = definePolicy({
    policy: s3BucketSseCustomerManagedKey,
    doc: {
        checks: "SSE-KMS names a customer managed key: not absent (S3 would use `aws/s3`), not `alias/aws/s3` by name or ARN.",
        shapes: "v7, V2, inline, native",
        config: "—",
    },
    compliant: [{ title: "SSE-KMS with the ARN of a key the stack creates", resources: dataBucket() }],
    violating: [
        { title: "SSE-KMS without a key id (S3 uses aws/s3)", resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }] })) },
        { title: "SSE-KMS with alias/aws/s3", resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }, bucketKeyEnabled: true }] })) },
    ],
});

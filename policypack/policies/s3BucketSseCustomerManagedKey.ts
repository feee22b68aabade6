import { isAwsManagedS3Key } from "../model/arn";
import { isUnknown } from "../model/values";
import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isKmsAlgorithm, sseRules } from "./sseFacts";

export const S3_BUCKET_SSE_CUSTOMER_MANAGED_KEY = "s3-bucket-sse-customer-managed-key";

const FIX = "create an aws.kms.Key (SYMMETRIC_DEFAULT, rotation on) and set applyServerSideEncryptionByDefault.kmsMasterKeyId to its ARN (key.arn)";

export const s3BucketSseCustomerManagedKey = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_SSE_CUSTOMER_MANAGED_KEY,
        description: "SSE-KMS default encryption names a customer managed key, not the AWS managed aws/s3 key (explicitly or by leaving kmsMasterKeyId empty).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            for (const { config, rule } of sseRules(bucket)) {
                if (!isKmsAlgorithm(rule.algorithm) || isUnknown(rule.keyRef)) {
                    continue;
                }
                if (rule.keyRef === undefined || rule.keyRef === "") {
                    report(findingOn(bucket.resource, config.resource,
                        `encrypts bucket ${describe(bucket.resource)} with ${rule.algorithm} but sets no kmsMasterKeyId, so S3 uses the AWS managed key aws/s3, whose policy can't be changed or shared cross-account`, FIX));
                } else if (isAwsManagedS3Key(rule.keyRef)) {
                    report(findingOn(bucket.resource, config.resource,
                        `encrypts bucket ${describe(bucket.resource)} with the AWS managed key "${rule.keyRef}"`, FIX));
                }
            }
        }
    },
);

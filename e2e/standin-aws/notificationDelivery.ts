// S3 validates an event notification's destinations when the configuration is put: it publishes a test message,
// so a topic S3 may not publish to, or an encrypted topic whose key S3 may not use, fails the call with "Unable to
// validate the following destination configurations" (Amazon S3 User Guide, "Amazon S3 Event Notifications",
// "Granting permissions to publish event notification messages to a destination"; Amazon SNS Developer Guide,
// "Enable compatibility between event sources from AWS services and encrypted topics": the source service needs
// kms:GenerateDataKey* and kms:Decrypt on the topic's key). Both policies are evaluated with the IAM engine the tests
// use, for the service principal s3.amazonaws.com acting for the bucket (aws:SourceArn, aws:SourceAccount).
import type { AwsRuleViolation } from "../../awsrules";
import { serviceContext } from "../../test/iam/support/requestContext";
import { keyPolicyOf, policyDecision } from "./iamDecision";
import type { BucketRecord, KeyRecord, TopicRecord } from "./world";

const S3_SERVICE = "s3.amazonaws.com";
const SOURCE = "Amazon S3 User Guide, \"Amazon S3 Event Notifications\" (granting permissions to publish event notification messages to a destination); Amazon SNS Developer Guide, \"Enable compatibility between event sources from AWS services and encrypted topics\"";

function unableToValidate(topicArn: string, why: string): AwsRuleViolation {
    return { code: "InvalidArgument", message: "Unable to validate the following destination configurations", rule: `${topicArn}: ${why}`, source: SOURCE };
}

/** Why S3 could not deliver a test event of `bucket` to `topic` (encrypted under `key`, when the world knows it); undefined when it could. */
export async function deliveryRefused(bucket: BucketRecord, topic: TopicRecord, key: KeyRecord | undefined): Promise<AwsRuleViolation | undefined> {
    const region = topic.arn.split(":")[3];
    // S3 acts for the bucket: aws:SourceArn and aws:SourceAccount name it and its owner.
    const forBucket = { arn: `arn:aws:s3:::${bucket.name}`, accountId: bucket.accountId };
    if (topic.policy === undefined) {
        return unableToValidate(topic.arn, "the topic has SNS's default policy, which lets only its own account's principals publish, not s3.amazonaws.com; set a topic policy that allows SNS:Publish to s3.amazonaws.com for this bucket");
    }
    const publish = await policyDecision({
        principal: S3_SERVICE,
        action: "sns:Publish",
        resource: topic.arn,
        resourceAccount: topic.accountId,
        context: serviceContext(S3_SERVICE, forBucket, topic.accountId, region),
        identityPolicies: [],
        resourcePolicy: { name: `topic policy of ${topic.arn}`, document: JSON.parse(topic.policy) as never },
    });
    if (publish !== undefined && publish !== "Allowed") {
        return unableToValidate(topic.arn, `its topic policy does not let s3.amazonaws.com publish for bucket ${bucket.name} (${publish})`);
    }
    if (key === undefined) return undefined;
    const keyAccount = key.arn.split(":")[4];
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
        const use = await policyDecision({
            principal: S3_SERVICE,
            action,
            resource: key.arn,
            resourceAccount: keyAccount,
            context: serviceContext(S3_SERVICE, forBucket, keyAccount, region),
            identityPolicies: [],
            resourcePolicy: keyPolicyOf(key),
        });
        if (use !== undefined && use !== "Allowed") {
            return unableToValidate(topic.arn, `the topic is encrypted under ${key.arn}, whose key policy does not let s3.amazonaws.com call ${action} for bucket ${bucket.name} (${use})`);
        }
    }
    return undefined;
}

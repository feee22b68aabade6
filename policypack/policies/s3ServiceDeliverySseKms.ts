// AWS services the stack points at an SSE-KMS bucket of the stack (CloudTrail, AWS Config, Firehose, S3 Inventory,
// Athena) ask S3 for their own encryption, which overrides the bucket's default (Amazon S3 API Reference,
// "PutObject"). Asked for SSE-S3, such a service sends `x-amz-server-side-encryption: AES256`; asked for another key,
// it sends that key's id in `x-amz-server-side-encryption-aws-kms-key-id`. The bucket policy this pack requires
// (s3-bucket-policy-require-sse-kms) denies both, so the service fails to deliver (CloudTrail and Config keep
// running and report the error only in their status); without that deny the objects would land under SSE-S3 or a
// key the bucket was not built for. This is the delivery-side counterpart of s3-object-sse-kms.
import { isAwsManagedS3Key } from "../model/arn";
import { BucketModel, KeyModel, ServiceDelivery } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { defaultKeys, isKmsAlgorithm, keyArnOf, sseRules } from "./sseFacts";
import { definePolicy } from "./definition";
import { DELIVERY_SERVICES, deliveredInto, NATIVE_DELIVERY_SERVICES, SSE_S3_SERVICES } from "../fixtures/serviceDeliveries";

export const S3_SERVICE_DELIVERY_SSE_KMS = "s3-service-delivery-sse-kms";

function fix(d: ServiceDelivery): string {
    return `leave ${d.encryptionField} unset so the bucket's default SSE-KMS encryption applies, or name the bucket's own customer managed key by its ARN there`;
}

/** The bucket's default encryption when every rule is SSE-KMS: its keys (in-stack models) and key ARNs as written. */
function kmsDefault(bucket: BucketModel): { keys: KeyModel[]; arns: (string | undefined)[] } | undefined {
    const rules = sseRules(bucket);
    if (rules.length === 0 || bucket.sse.some((c) => isUnknown(c.rules)) || !rules.every(({ rule }) => typeof rule.algorithm === "string" && isKmsAlgorithm(rule.algorithm))) {
        return undefined; // not an SSE-KMS bucket (s3-bucket-sse-kms judges that), or not known yet
    }
    const keys = defaultKeys(bucket);
    const arns = rules.map(({ rule }) => {
        const arn = keyArnOf(rule, rule.keys[0]);
        return typeof arn === "string" ? arn : undefined;
    });
    return { keys, arns };
}

/** Why `d` asks for something else than `bucket`'s key, or undefined when it doesn't (or can't be told yet). */
function mismatch(d: ServiceDelivery, bucket: BucketModel): string | undefined {
    const encryption = kmsDefault(bucket);
    if (encryption === undefined || isUnknown(d.encryption) || d.encryption === "default") {
        return undefined;
    }
    if (d.encryption === "sse-s3") {
        return "SSE-S3 (x-amz-server-side-encryption: AES256)";
    }
    const ref = d.keyRef;
    if (typeof ref === "string" && isAwsManagedS3Key(ref)) {
        return `the AWS managed key ${ref}`;
    }
    if (d.keys.length > 0) {
        // Both sides resolved to keys of the stack: the same key, or another one.
        return encryption.keys.length > 0 && !d.keys.some((k) => encryption.keys.includes(k)) ? `another key of the stack (${describe(d.keys[0].resource)})` : undefined;
    }
    if (typeof ref !== "string" || ref === "") {
        return undefined; // an output not resolved to a key of the stack: judged once it is known
    }
    // A literal naming no key of the stack: a key outside it. The bucket's own key of the stack is not that key; a
    // bucket naming a key outside the stack by ARN is compared by ARN.
    if (encryption.keys.length > 0 || (encryption.arns.every((a) => a !== undefined) && !encryption.arns.includes(ref))) {
        return `the key ${ref}, not the bucket's`;
    }
    return undefined;
}

function check(d: ServiceDelivery, report: (f: Finding) => void): void {
    // Several candidate buckets (an output resolved by its dependencies, e.g. a Firehose backup bucket beside the
    // destination) leave the destination undecided.
    if (d.targets.length !== 1) {
        return;
    }
    const bucket = d.targets[0];
    const what = mismatch(d, bucket);
    if (what !== undefined) {
        report(findingOn(d.resource, d.resource,
            `asks ${d.service} to write into bucket ${describe(bucket.resource)} (${d.bucketField}) with ${what} (${d.encryptionField}), not the bucket's customer managed key: the bucket policy s3-bucket-policy-require-sse-kms requires denies that upload, so ${d.service} fails to deliver (without the deny its objects would not be under the bucket's key)`,
            fix(d)));
    }
}

export const s3ServiceDeliverySseKms = stackPolicy<ExemptionConfig>(
    {
        name: S3_SERVICE_DELIVERY_SSE_KMS,
        description: "AWS services that write into an SSE-KMS bucket of the stack (CloudTrail, AWS Config, Firehose, S3 Inventory, Athena) ask for the bucket's default encryption or its own key, never SSE-S3 or another key.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "leave the service's encryption setting unset (the bucket's default applies) or name the bucket's key ARN",
    },
    {},
    (index, _config, report) => {
        for (const d of index.serviceDeliveries) {
            check(d, report);
        }
    },
);

export const definition = definePolicy({
    policy: s3ServiceDeliverySseKms,
    doc: {
        checks: "An AWS service the stack points at an SSE-KMS bucket of the stack asks for the bucket's default encryption (its encryption setting unset) or for the bucket's own key: not SSE-S3 (`AES256`), not another key of the stack or outside it, not `aws/s3`. The service's setting overrides the bucket's default (Amazon S3 API Reference, \"PutObject\"), and the KMS upload denies `s3-bucket-policy-require-sse-kms` requires refuse such a delivery, so the service fails to deliver (CloudTrail and AWS Config report it only in their status). Read: `aws.cloudtrail.Trail` `s3BucketName` + `kmsKeyId`; `aws.cfg.DeliveryChannel` `s3BucketName` + `s3KmsKeyArn`; `aws.kinesis.FirehoseDeliveryStream` (`destination: \"extended_s3\"`) `extendedS3Configuration.bucketArn` + `.kmsKeyArn`; `aws.s3.Inventory` `destination.bucket.bucketArn` + `.encryption.sseS3`/`.sseKms.keyId`; `aws.athena.Workgroup` `configuration.resultConfiguration.outputLocation` (`s3://…`) + `.encryptionConfiguration` (`SSE_S3`, `SSE_KMS` + `kmsKeyArn`; `CSE_KMS` asks S3 for nothing). aws-native 1.x: `aws-native:cloudtrail:Trail` `s3BucketName` + `kmsKeyId`; `aws-native:configuration:DeliveryChannel` `s3BucketName` + `s3KmsKeyArn`; `aws-native:kinesisfirehose:DeliveryStream` `extendedS3DestinationConfiguration` or `s3DestinationConfiguration` `.bucketArn` + `.encryptionConfiguration.kmsEncryptionConfig.awskmsKeyArn` (`noEncryptionConfig` asks S3 for nothing); `aws-native:athena:WorkGroup` `workGroupConfiguration.resultConfiguration.outputLocation` + `.encryptionConfiguration` (`encryptionOption`, `kmsKey`); aws-native's S3 Inventory (the bucket's `inventoryConfigurations`) has no encryption setting, so the bucket's default applies. A bucket outside the stack, or an output that resolves to several buckets, is not judged; a setting still unknown in a preview is judged once known, and outside a preview a bucket or encryption setting the pack can't read (a secret) is a \"cannot verify\".",
        shapes: "`cloudtrail.Trail`, `cfg.DeliveryChannel`, `kinesis.FirehoseDeliveryStream`, `s3.Inventory`, `athena.Workgroup`; native `cloudtrail:Trail`, `configuration:DeliveryChannel`, `kinesisfirehose:DeliveryStream`, `athena:WorkGroup`; v7, V2, inline buckets",
        config: "—",
    },
    compliant: DELIVERY_SERVICES.flatMap((service) => [
        { title: `${service} delivering into an SSE-KMS bucket with no encryption setting of its own (the bucket's default applies)`, resources: deliveredInto(service, "default") },
        { title: `${service} delivering into an SSE-KMS bucket under the bucket's own key`, resources: deliveredInto(service, "bucket-key") },
    ]).concat(NATIVE_DELIVERY_SERVICES.flatMap((service) => [
        { title: `aws-native ${service} delivering into an SSE-KMS bucket with no encryption setting of its own`, resources: deliveredInto(service, "default", "native") },
        { title: `aws-native ${service} delivering into an SSE-KMS bucket under the bucket's own key`, resources: deliveredInto(service, "bucket-key", "native") },
    ])),
    violating: [
        ...DELIVERY_SERVICES.map((service) => ({ title: `${service} delivering into an SSE-KMS bucket under another key of the stack`, resources: deliveredInto(service, "other-key") })),
        { title: "cloudtrail delivering into an SSE-KMS bucket under a key outside the stack", resources: deliveredInto("cloudtrail", "outside-key") },
        { title: "config delivering into an SSE-KMS bucket under a key outside the stack", resources: deliveredInto("config", "outside-key") },
        // The key's literal ARN sits in the same block as the bucket's ARN there; the harness's preview simulation blanks
        // every string of such a block that holds the bucket's Region (it can't tell a literal from an output), which the
        // engine does not do. The two top-level shapes above show the preview verdict.
        ...(["firehose", "inventory", "athena"] as const).map((service) => ({
            title: `${service} delivering into an SSE-KMS bucket under a key outside the stack (judged in update only: the preview simulation blanks the literal key ARN next to the bucket's)`,
            firesAtPreview: false, resources: deliveredInto(service, "outside-key"),
        })),
        ...SSE_S3_SERVICES.map((service) => ({ title: `${service} delivering into an SSE-KMS bucket under SSE-S3`, resources: deliveredInto(service, "sse-s3") })),
        { title: "cloudtrail delivering into an SSE-KMS bucket under aws/s3", resources: deliveredInto("cloudtrail", "aws-managed") },
        ...NATIVE_DELIVERY_SERVICES.map((service) => ({ title: `aws-native ${service} delivering into an SSE-KMS bucket under another key of the stack`, resources: deliveredInto(service, "other-key", "native") })),
        { title: "aws-native athena delivering into an SSE-KMS bucket under SSE-S3", resources: deliveredInto("athena", "sse-s3", "native") },
    ],
});

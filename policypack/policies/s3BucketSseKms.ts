import { IndexedResource } from "../model/resources";
import { BucketModel, SseConfig } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { bucketLabel, describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { externalBucketLabel } from "./externalBuckets";
import { isKmsAlgorithm } from "./sseFacts";
import { isLogTarget, SSE_S3_ALGORITHM } from "./accessLogFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs, without } from "../fixtures/stacks";
import { loggedData } from "../fixtures/accessLogs";

export const S3_BUCKET_SSE_KMS = "s3-bucket-sse-kms";

const FIX_ADD = "add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <customer managed key ARN> }";

function checkBucket(bucket: BucketModel, report: (f: Finding) => void): void {
    const b = bucket.resource;
    if (bucket.sse.length === 0) {
        report(findingOn(b, b, "has no default server-side encryption configuration, so S3 encrypts new objects with SSE-S3 (AES256), not SSE-KMS", FIX_ADD));
        return;
    }
    if (bucket.sse.length > 1) {
        const sources = bucket.sse.map((c) => (c.inline ? `inline property of ${describe(c.resource)}` : describe(c.resource))).join(", ");
        report(findingOn(b, b, `has ${bucket.sse.length} default encryption configurations (${sources}); they overwrite each other on every update`,
            "keep exactly one: a single BucketServerSideEncryptionConfiguration, and remove the deprecated inline serverSideEncryptionConfiguration"));
    }
    // S3 delivers server access logs only to an SSE-S3 bucket: a log target may (and must) use AES256.
    const sseS3Allowed = isLogTarget(bucket);
    for (const config of bucket.sse) {
        checkRules(b, config, bucketLabel(config.resource, b, "its default encryption"), report, sseS3Allowed);
    }
}

/** The configuration's own rules: each must encrypt with KMS. */
function checkRules(subject: IndexedResource, config: SseConfig, bucketLabel: string, report: (f: Finding) => void, sseS3Allowed = false): void {
    if (isUnknown(config.rules)) {
        return;
    }
    if (config.rules.length === 0) {
        report(findingOn(subject, config.resource, "has an empty rule list, so S3 keeps encrypting with SSE-S3 (AES256)",
            "add a rule with applyServerSideEncryptionByDefault = { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <customer managed key ARN> }"));
    }
    for (const rule of config.rules) {
        if (isUnknown(rule.algorithm) || isKmsAlgorithm(rule.algorithm) || (sseS3Allowed && rule.algorithm === SSE_S3_ALGORITHM)) {
            continue;
        }
        const what = rule.algorithm === undefined ? "sets no sseAlgorithm" : `uses sseAlgorithm "${rule.algorithm}"`;
        report(findingOn(subject, config.resource, `${what} for ${bucketLabel}; only "aws:kms" or "aws:kms:dsse" encrypt with a KMS key`,
            "set applyServerSideEncryptionByDefault.sseAlgorithm to \"aws:kms\" (or \"aws:kms:dsse\") with kmsMasterKeyId set to the bucket's customer managed key ARN"));
    }
}

export const s3BucketSseKms = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_SSE_KMS,
        description: "Every S3 bucket has exactly one default server-side encryption configuration, using SSE-KMS (aws:kms or aws:kms:dsse).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX_ADD,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            checkBucket(bucket, report);
        }
        for (const config of index.external.sse) {
            checkRules(config.resource, config, externalBucketLabel(config.resource), report);
        }
    },
);

export const definition = definePolicy({
    policy: s3BucketSseKms,
    doc: {
        checks: "Every bucket has exactly one default encryption configuration and every rule uses `aws:kms` or `aws:kms:dsse` (flags missing SSE, AES256, an empty rule list, an inline configuration next to a separate one). The one exception is a server access log bucket, recognised from a logging configuration of the stack that targets it (`BucketLogging(V2)`, inline `logging`/`loggings`): S3 delivers access logs only to an SSE-S3 bucket, so AES256 is compliant there and nowhere else (`s3-access-log-target` judges the log bucket itself). An inline configuration is told from the provider's read-back of the bucket's encryption while the bucket is being created (a fresh preview sends its inputs); on an existing bucket the read-back and a declaration look the same, and only the separate resource is judged.",
        shapes: "v7, V2, inline, native",
        config: "—",
    },
    compliant: [
        { title: "a bucket with SSE-KMS under its own key", resources: dataBucket() },
        { title: "an SSE-S3 bucket that an aws.s3.BucketLogging targets (a server access log bucket)", resources: loggedData() },
        { title: "an SSE-S3 bucket that a bucket's inline logging targets", resources: loggedData({ shape: "inline" }) },
    ],
    violating: [
        { title: "a bucket encrypted with SSE-S3 (AES256)", resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })) },
        { title: "a bucket without a default encryption configuration", resources: dataBucket((r) => without(r, "data-sse")) },
        { title: "a log bucket's SSE-S3 with no logging configuration targeting it (a tag or a name does not make a log bucket)", resources: loggedData({ shape: "none" }) },
    ],
});

// Server access log buckets, recognised from the logging configurations that target them (never from a tag).
// S3 delivers server access logs only to a target bucket with SSE-S3 default encryption (Amazon S3 User Guide,
// "Enabling Amazon S3 server access logging"), so for such a bucket, and only for it, SSE-S3 is the right answer.
// The same holds for a bucket an Application or Classic Load Balancer of the stack delivers its logs to (elbLogFacts.ts).
import { Statement } from "../model/policyDocument";
import { BucketModel, StackIndex } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { sseRules } from "./sseFacts";
import { isSseS3OnlyElbLogTarget } from "./elbLogFacts";

export const SSE_S3_ALGORITHM = "AES256";
export const LOG_DELIVERY_SERVICE = "logging.s3.amazonaws.com";

/** A logging configuration of the stack delivers into this bucket. */
export function isLogTarget(bucket: BucketModel): boolean {
    return bucket.logTargetOf.length > 0;
}

/**
 * A log delivery of the stack that accepts only SSE-S3 writes into this bucket: S3 server access logging, or an
 * Application Load Balancer's access or connection logs, or a Classic Load Balancer's access logs. AES256 is
 * compliant there, and only there.
 */
export function takesSseS3OnlyLogs(bucket: BucketModel): boolean {
    return isLogTarget(bucket) || isSseS3OnlyElbLogTarget(bucket);
}

/** Such a log bucket whose default encryption is known and SSE-S3 in every rule. */
export function isSseS3LogBucket(bucket: BucketModel): boolean {
    if (!takesSseS3OnlyLogs(bucket) || bucket.sse.length === 0 || bucket.sse.some((c) => isUnknown(c.rules))) {
        return false;
    }
    const rules = sseRules(bucket);
    return rules.length > 0 && rules.every(({ rule }) => rule.algorithm === SSE_S3_ALGORITHM);
}

const loadBalancersToRead = new WeakMap<StackIndex, ReadonlySet<string>>();

/**
 * The load balancers whose log settings s3-bucket-sse-kms reads: those naming (or, through an output, maybe naming)
 * a bucket with an SSE-S3 rule, where whether they deliver SSE-S3-only (ALB, Classic) logs decides the verdict. Elsewhere an unreadable
 * setting changes nothing, so it is no "cannot verify".
 */
export function elbLogResourcesToRead(index: StackIndex): ReadonlySet<string> {
    let urns = loadBalancersToRead.get(index);
    if (urns === undefined) {
        const usesSseS3 = (bucket: BucketModel) => sseRules(bucket).some(({ rule }) => rule.algorithm === SSE_S3_ALGORITHM);
        urns = new Set(index.elbLogDeliveries.filter((d) => d.targets.some(usesSseS3)).map((d) => d.resource.urn));
        loadBalancersToRead.set(index, urns);
    }
    return urns;
}

/** The document has an Allow for S3 log delivery (`logging.s3.amazonaws.com`). */
export function grantsLogDelivery(statements: readonly Statement[]): boolean {
    return statements.some((s) => s.effect === "Allow" && s.principal !== undefined && s.principal.service.some((p) => p === LOG_DELIVERY_SERVICE));
}

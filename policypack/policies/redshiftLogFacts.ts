// Buckets that receive Amazon Redshift audit logs, recognised from the Redshift logging of the stack that names them
// (never from a tag or a name). Amazon Redshift Management Guide, "Database audit logging", "Limitations when you
// enable logging to Amazon S3": "You can use only Amazon S3-managed keys (SSE-S3) encryption (AES-256)." Logs sent to
// CloudWatch instead (`logDestinationType: "cloudwatch"`) write nothing into the bucket.
// Where the bucket may be: Amazon Redshift API Reference, "EnableLogging", BucketName: "Must be in the same region as
// the cluster". No account rule is documented beyond the bucket policy (Redshift checks at each upload that the
// bucket's owner is still the one it had when logging was enabled), so, as for load balancers, the Region decides and
// the account does not.
import { Maybe, Statement } from "../model/policyDocument";
import { RunMode } from "../model/runMode";
import { BucketModel, RedshiftLogDelivery } from "../model/stackIndex";
import { bucketNamed, is, sameRegion } from "./logDeliveryValues";

/** The destination type that writes into the bucket; unset with a bucket named is the same (S3 came first). */
const S3_DESTINATION = "s3";

/** `delivery` is Redshift audit logging into `bucket`, switched on, in the bucket's Region (any account). */
export function deliversSseS3OnlyRedshiftLogs(delivery: RedshiftLogDelivery, bucket: BucketModel, mode: RunMode): boolean {
    return is(delivery.destinationType, (t) => t === undefined || t === S3_DESTINATION, mode)
        && is(delivery.enabled, (e) => e === true, mode)
        && bucketNamed(delivery.bucketRef, mode)
        && sameRegion(delivery.resource.region, bucket.resource.region, mode);
}

/**
 * "Database audit logging", "Bucket permissions for Amazon Redshift audit logging": `redshift.amazonaws.com`, or in a
 * Region that isn't enabled by default `redshift.<region>.amazonaws.com`. (The Regional Redshift accounts older guides
 * named, and @pulumi/aws's deprecated `aws.redshift.getServiceAccount` returns, are not recognised.)
 */
const REDSHIFT_SERVICE_PRINCIPAL = /^redshift(\.[a-z0-9-]+)?\.amazonaws\.com$/;

function isRedshiftService(principal: Maybe<string>): boolean {
    return typeof principal === "string" && REDSHIFT_SERVICE_PRINCIPAL.test(principal);
}

/** The document has an Allow for Redshift: maybe an audit log bucket, which the stack part tells. */
export function grantsRedshiftLogDelivery(statements: readonly Statement[]): boolean {
    return statements.some((s) => s.effect === "Allow" && s.principal !== undefined && s.principal.service.some(isRedshiftService));
}

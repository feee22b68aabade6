// Buckets another AWS service of the stack delivers logs into that must use SSE-S3, because that service writes into
// no other kind: Application and Classic Load Balancer logs (elbLogFacts.ts) and Redshift audit logs
// (redshiftLogFacts.ts). One list (`BucketModel.serviceLogTargetOf`), one answer per delivery, for s3-bucket-sse-kms
// and s3-bucket-policy-require-sse-kms alike.
import { Statement } from "../model/policyDocument";
import { RunMode, runMode } from "../model/runMode";
import { BucketModel, ServiceLogDelivery } from "../model/stackIndex";
import { deliversSseS3OnlyElbLogs, grantsElbLogDelivery } from "./elbLogFacts";
import { deliversSseS3OnlyRedshiftLogs, grantsRedshiftLogDelivery } from "./redshiftLogFacts";

/** `delivery` writes into `bucket`, and only under SSE-S3. */
export function deliversSseS3OnlyLogs(delivery: ServiceLogDelivery, bucket: BucketModel, mode: RunMode): boolean {
    return delivery.service === "elb" ? deliversSseS3OnlyElbLogs(delivery, bucket, mode) : deliversSseS3OnlyRedshiftLogs(delivery, bucket, mode);
}

/** A service of the stack delivers logs into this bucket that it writes only under SSE-S3. */
export function isSseS3OnlyServiceLogTarget(bucket: BucketModel, mode: RunMode = runMode()): boolean {
    return bucket.serviceLogTargetOf.some((d) => deliversSseS3OnlyLogs(d, bucket, mode));
}

/** The document lets such a service write: maybe its log bucket, which the stack part tells from the stack. */
export function grantsServiceLogDelivery(statements: readonly Statement[]): boolean {
    return grantsElbLogDelivery(statements) || grantsRedshiftLogDelivery(statements);
}

// Buckets that receive Application or Classic Load Balancer logs, recognised from the load balancers of the stack
// that name them (never from a tag or a name). Elastic Load Balancing User Guide, "Enable access logs for your
// Application Load Balancer" and "Enable access logs for your Classic Load Balancer" (bucket requirements, both): "The
// only server-side encryption option that's supported is Amazon S3-managed keys (SSE-S3)"; ALB connection logs have
// the same requirement ("Connection logs for your Application Load Balancer"). A Network Load Balancer delivers into
// SSE-KMS buckets ("Access logs for your Network Load Balancer"), and a Gateway Load Balancer delivers no logs to S3:
// neither makes SSE-S3 the right answer.
// Where the bucket may be, the same requirements of both guides: "The bucket must be located in the same Region as
// the load balancer. The bucket and the load balancer can be owned by different accounts." So the Region decides and
// the account does not: a platform team's central log-archive bucket, reached through another provider of the stack,
// is a load balancer log bucket exactly as one of the load balancer's own account.
import { accountOfPrincipal } from "../model/arn";
import { ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICES, SSE_S3_ONLY_LOG_DELIVERERS } from "../model/elbLogDelivery";
import { Maybe, Statement } from "../model/policyDocument";
import { RunMode, runMode } from "../model/runMode";
import { BucketModel, ElbLogDelivery } from "../model/stackIndex";
import { isUnknown } from "../model/values";

/**
 * A value a delivery needs to be `expected`: known and equal; unknown only in a preview, where the stack part at the
 * end of `pulumi up` judges it again with the value known. Outside a preview an unreadable value is no log delivery,
 * so the bucket keeps the KMS requirement: a finding, never a pass.
 */
function is<V>(value: Maybe<V>, expected: (v: V) => boolean, mode: RunMode): boolean {
    return isUnknown(value) ? mode === "preview" : expected(value);
}

/**
 * Load balancer and bucket are of the same Region as far as the pack can tell: apart only when both are known and
 * differ, as a server access logging source and its target are judged (s3-access-log-target). ELB refuses a bucket of
 * another Region, so such a bucket gets no log-bucket exception. Their accounts are not compared (see above).
 */
function sameRegion(a: Maybe<string> | undefined, b: Maybe<string> | undefined, mode: RunMode): boolean {
    if (isUnknown(a) || isUnknown(b)) {
        return mode === "preview";
    }
    return a === undefined || b === undefined || a === b;
}

/** `delivery` is an enabled Application or Classic Load Balancer log setting naming `bucket`, in its Region (any account). */
export function deliversSseS3OnlyElbLogs(delivery: ElbLogDelivery, bucket: BucketModel, mode: RunMode = runMode()): boolean {
    return is(delivery.loadBalancerType, (t) => SSE_S3_ONLY_LOG_DELIVERERS.has(t), mode)
        && is(delivery.enabled, (e) => e === true, mode)
        // Matched by a dependency only: which bucket the output names is to come (a preview) or unreadable.
        && (!isUnknown(delivery.bucketRef) || mode === "preview")
        && sameRegion(delivery.resource.region, bucket.resource.region, mode);
}

/** An Application or Classic Load Balancer of the stack delivers logs into this bucket. */
export function isSseS3OnlyElbLogTarget(bucket: BucketModel, mode: RunMode = runMode()): boolean {
    return bucket.elbLogTargetOf.some((d) => deliversSseS3OnlyElbLogs(d, bucket, mode));
}

const ELB_ACCOUNTS: ReadonlySet<string> = new Set(Object.values(ELB_LOG_ACCOUNTS));

function isElbAccount(principal: Maybe<string>): boolean {
    if (typeof principal !== "string") {
        return false;
    }
    const account = accountOfPrincipal(principal);
    return account !== undefined && ELB_ACCOUNTS.has(account);
}

/** The document has an Allow for ELB log delivery: maybe a load balancer's log bucket, which the stack part tells. */
export function grantsElbLogDelivery(statements: readonly Statement[]): boolean {
    return statements.some((s) => s.effect === "Allow" && s.principal !== undefined
        && (s.principal.service.some((p) => typeof p === "string" && ELB_LOG_DELIVERY_SERVICES.has(p)) || s.principal.aws.some(isElbAccount)));
}

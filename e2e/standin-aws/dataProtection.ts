// The stand-in's S3 Object Lock and Lifecycle rules (the pure rules are awsrules/s3ObjectLock.ts and
// awsrules/s3Lifecycle.ts, shared with config/ and components/):
// - CreateBucket with ObjectLockEnabledForBucket turns versioning on with Object Lock (Amazon S3 User
//   Guide, "Configuring S3 Object Lock", "Enable Object Lock when creating a new S3 general purpose bucket");
// - PutObjectLockConfiguration needs a bucket created with Object Lock or with versioning Enabled, and a
//   default retention of one mode and either Days or Years (Amazon S3 API Reference, "DefaultRetention");
// - PutBucketVersioning cannot suspend versioning once Object Lock is on;
// - PutBucketLifecycleConfiguration refuses the transitions, day ranges and ids S3 refuses ("Transitioning
//   objects using Amazon S3 Lifecycle").
import {
    AwsRuleViolation,
    defaultRetentionViolation,
    LifecycleRuleFacts,
    lifecycleRulesViolation,
    LifecycleTransitionFacts,
    objectLockBucketViolation,
    objectLockVersioningViolation,
} from "../../awsrules";
import type { ApiCall } from "./awsError";
import type { Operation } from "./enforce";
import { createdWithObjectLock } from "./inlineBucketCalls";

type Props = Record<string, unknown>;
type Found = [ApiCall, AwsRuleViolation] | undefined;

function obj(value: unknown): Props {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};
}

function num(value: unknown): number | undefined {
    return typeof value === "number" ? value : undefined;
}

function bucketOf(op: Operation): string {
    return typeof op.inputs["bucket"] === "string" && op.inputs["bucket"] !== "" ? op.inputs["bucket"] : String(op.outputs["bucket"] ?? op.name);
}

function apiCall(op: Operation, what: string, id: string, action: string): ApiCall {
    return { doing: `${op.kind === "create" ? "creating" : "updating"} ${what} (${id})`, service: "S3", action };
}

/**
 * After a successful CreateBucket: a bucket created with Object Lock also has versioning Enabled. The provider asks
 * for Object Lock with `objectLockEnabled` or the deprecated inline `objectLockConfiguration.objectLockEnabled`.
 */
export function recordObjectLockAtCreation(op: Operation, bucket: string): void {
    if (createdWithObjectLock(op.inputs)) {
        op.world.updateBucket(bucket, { objectLockEnabled: true, versioning: "Enabled" });
    }
}

/** PutBucketVersioning on a locked bucket: only Enabled. */
export function lockedVersioningCheck(op: Operation, status: string | undefined): Found {
    const bucket = bucketOf(op);
    const broken = objectLockVersioningViolation(bucket, op.world.bucket(bucket)?.objectLockEnabled === true, status ?? "Suspended");
    return broken === undefined ? undefined : [apiCall(op, "S3 Bucket Versioning", bucket, "PutBucketVersioning"), broken];
}

const objectLockConfiguration = (op: Operation): Found => {
    const bucket = bucketOf(op);
    const put = apiCall(op, "S3 Bucket Object Lock Configuration", bucket, "PutObjectLockConfiguration");
    const record = op.world.bucket(bucket);
    const notReady = objectLockBucketViolation(bucket, record?.objectLockEnabled === true, record?.versioning);
    if (notReady !== undefined) return [put, notReady];
    const rule = op.inputs["rule"];
    if (rule !== undefined && rule !== null) {
        const retention = obj(obj(rule)["defaultRetention"]);
        const mode = retention["mode"];
        const broken = defaultRetentionViolation({ mode: typeof mode === "string" ? mode : undefined, days: num(retention["days"]), years: num(retention["years"]) });
        if (broken !== undefined) return [put, broken];
    }
    op.world.updateBucket(bucket, { objectLockEnabled: true });
    return undefined;
};

function transitions(value: unknown, daysField: string): LifecycleTransitionFacts[] {
    return (Array.isArray(value) ? value : []).map((t) => ({ days: num(obj(t)[daysField]) ?? 0, storageClass: String(obj(t)["storageClass"] ?? "") }));
}

function lifecycleFacts(rule: Props, index: number): LifecycleRuleFacts {
    const expiration = obj(rule["expiration"]);
    const noncurrent = obj(rule["noncurrentVersionExpiration"]);
    const abort = obj(rule["abortIncompleteMultipartUpload"]);
    return {
        id: typeof rule["id"] === "string" ? rule["id"] : `#${index + 1}`,
        expirationDays: num(expiration["days"]),
        expiredObjectDeleteMarker: typeof expiration["expiredObjectDeleteMarker"] === "boolean" ? expiration["expiredObjectDeleteMarker"] : undefined,
        transitions: transitions(rule["transitions"], "days"),
        noncurrentExpirationDays: num(noncurrent["noncurrentDays"]),
        noncurrentNewerVersions: num(noncurrent["newerNoncurrentVersions"]),
        noncurrentTransitions: transitions(rule["noncurrentVersionTransitions"], "noncurrentDays"),
        abortIncompleteMultipartUploadDays: num(abort["daysAfterInitiation"]),
        ...filterFacts(obj(rule["filter"])),
    };
}

/** Whether a rule's filter selects by object tags or object size (alone or under `and`); a size of 0 selects nothing out. */
function filterFacts(filter: Props): Pick<LifecycleRuleFacts, "tagFiltered" | "sizeFiltered"> {
    const and = obj(filter["and"]);
    const sized = (p: Props) => [p["objectSizeGreaterThan"], p["objectSizeLessThan"]].some((v) => typeof v === "number" && v !== 0);
    return {
        tagFiltered: (filter["tag"] !== undefined && filter["tag"] !== null) || Object.keys(obj(and["tags"])).length > 0,
        sizeFiltered: sized(filter) || sized(and),
    };
}

const lifecycleConfiguration = (op: Operation): Found => {
    const bucket = bucketOf(op);
    const rules = (Array.isArray(op.inputs["rules"]) ? op.inputs["rules"] : []).map((rule, index) => lifecycleFacts(obj(rule), index));
    const broken = lifecycleRulesViolation(rules);
    return broken === undefined ? undefined : [apiCall(op, "S3 Bucket Lifecycle Configuration", bucket, "PutBucketLifecycleConfiguration"), broken];
};

/** Registered in enforce.ts's CHECKS. */
export const DATA_PROTECTION_CHECKS: Record<string, (op: Operation) => Found> = {
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": objectLockConfiguration,
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": objectLockConfiguration,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": lifecycleConfiguration,
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": lifecycleConfiguration,
};

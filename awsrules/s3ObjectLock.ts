// S3 Object Lock rules. Amazon S3 API Reference, "PutObjectLockConfiguration" and "DefaultRetention"
// (a default retention names a Mode, GOVERNANCE or COMPLIANCE, and either Days or Years, never both, as a
// positive number); Amazon S3 User Guide, "Configuring S3 Object Lock" (versioning must be Enabled before
// Object Lock; once enabled, Object Lock can't be disabled nor versioning suspended) and "Object Lock
// considerations", section "Using Object Lock with S3 Replication" (a source bucket with Object Lock
// replicates only to destinations with Object Lock, and the replication role also needs
// s3:GetObjectRetention and s3:GetObjectLegalHold on the source objects); Amazon S3 User Guide,
// "Amazon S3 replication failure reasons" (DstBucketObjectLockConfigMissing).
import { AwsRuleViolation, violation } from "./violation";

export const OBJECT_LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];

/** What the replication role needs on a locked source's objects besides the ordinary replication reads. */
export const OBJECT_LOCK_REPLICATION_SOURCE_ACTIONS = ["s3:GetObjectRetention", "s3:GetObjectLegalHold"] as const;

const REPLICATION = "Amazon S3 User Guide, \"Object Lock considerations\", section \"Using Object Lock with S3 Replication\"";

export interface DefaultRetentionFacts {
    mode?: string;
    days?: number;
    years?: number;
}

/** A default retention rule as PutObjectLockConfiguration validates it. */
export function defaultRetentionViolation(retention: DefaultRetentionFacts): AwsRuleViolation | undefined {
    const source = "Amazon S3 API Reference, \"DefaultRetention\"";
    if (retention.mode === undefined || !(OBJECT_LOCK_MODES as readonly string[]).includes(retention.mode)) {
        return violation("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", `the default retention mode is ${retention.mode ?? "missing"}; use GOVERNANCE or COMPLIANCE`, source);
    }
    if ((retention.days === undefined) === (retention.years === undefined)) {
        return violation(
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema",
            "the default retention period needs exactly one of days or years",
            source,
        );
    }
    const [unit, value] = retention.days !== undefined ? ["days", retention.days] : ["years", retention.years as number];
    if (!Number.isInteger(value) || value < 1) {
        return violation("InvalidArgument", "Default retention period must be a positive integer value.", `the default retention of ${value} ${unit} must be a whole number of at least 1`, source);
    }
    return undefined;
}

/**
 * PutObjectLockConfiguration on a bucket: accepted on a bucket created with Object Lock, and on an
 * existing bucket only once versioning is Enabled ("Configuring S3 Object Lock", "Enable Object Lock on
 * an existing S3 bucket").
 */
export function objectLockBucketViolation(bucket: string, createdWithObjectLock: boolean, versioning: string | undefined): AwsRuleViolation | undefined {
    if (createdWithObjectLock || versioning === "Enabled") {
        return undefined;
    }
    return violation(
        "InvalidBucketState",
        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
        `bucket ${bucket} was not created with Object Lock and its versioning is ${versioning ?? "not configured"}, not Enabled`,
        "Amazon S3 User Guide, \"Configuring S3 Object Lock\"",
    );
}

/** Once Object Lock is on, versioning stays Enabled. */
export function objectLockVersioningViolation(bucket: string, objectLockEnabled: boolean, status: string): AwsRuleViolation | undefined {
    if (!objectLockEnabled || status === "Enabled") {
        return undefined;
    }
    return violation(
        "InvalidBucketState",
        "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.",
        `bucket ${bucket} has Object Lock, so its versioning cannot become ${status}`,
        "Amazon S3 User Guide, \"Configuring S3 Object Lock\"",
    );
}

/** Replicating from a bucket with Object Lock: the destination needs Object Lock too. */
export function objectLockReplicationViolation(source: string, sourceLocked: boolean, destination: string, destinationLocked: boolean): AwsRuleViolation | undefined {
    if (!sourceLocked || destinationLocked) {
        return undefined;
    }
    return violation(
        "DstBucketObjectLockConfigMissing",
        "To replicate objects from a source bucket with Object Lock enabled, the destination bucket must also have Object Lock enabled.",
        `${source} has Object Lock but its replication destination ${destination} does not; S3 fails every replication of its objects`,
        REPLICATION,
    );
}

// S3 server access logging (PutBucketLogging). Amazon S3 User Guide, "Enabling Amazon S3 server access
// logging": the source and target buckets must be in the same AWS Region and owned by the same account;
// the target must exist; a target under the Bucket owner enforced setting for Object Ownership (ACLs disabled, the
// default for new buckets) takes no target grants. Error codes: Amazon S3 API Reference, "Error responses" (List of
// error codes).
import { AwsRuleViolation, violation } from "./violation";

const SOURCE = "Amazon S3 User Guide, \"Enabling Amazon S3 server access logging\"";

export interface LogTargetFacts {
    name: string;
    /** Undefined when no such bucket exists. */
    accountId?: string;
    region?: string;
}

/** Whether S3 accepts `target` as the log target of a bucket of `sourceAccountId` in `sourceRegion`. */
export function logTargetViolation(sourceAccountId: string, sourceRegion: string, target: LogTargetFacts): AwsRuleViolation | undefined {
    if (target.accountId === undefined || target.region === undefined) {
        return violation("InvalidTargetBucketForLogging", "The target bucket for logging does not exist",
            `the log target bucket ${target.name} does not exist`, SOURCE);
    }
    if (target.accountId !== sourceAccountId) {
        return violation("InvalidTargetBucketForLogging", "The owner for the bucket to be logged and the target bucket must be the same.",
            `the log target bucket ${target.name} is owned by account ${target.accountId}, the logged bucket by ${sourceAccountId}; both must be owned by the same account`, SOURCE);
    }
    if (target.region !== sourceRegion) {
        return violation("CrossLocationLoggingProhibitted", "Cross S3 location logging not allowed.",
            `the log target bucket ${target.name} is in ${target.region}, the logged bucket in ${sourceRegion}; both must be in the same Region`, SOURCE);
    }
    return undefined;
}

/**
 * PutBucketLogging with `TargetGrants` into a target bucket whose ACLs are disabled (Object Ownership
 * BucketOwnerEnforced, the default for new buckets): "If the destination bucket uses the Bucket owner enforced
 * setting for Object Ownership, ... you can't specify destination grants" (Amazon S3 User Guide, "Enabling Amazon S3
 * server access logging", section on permissions for log delivery; "Controlling ownership of objects and disabling
 * ACLs for your bucket"). The message is S3's as its users report it; log delivery is granted by a bucket policy for
 * `logging.s3.amazonaws.com` instead.
 */
export function logTargetGrantsViolation(targetName: string, targetObjectOwnership: string | undefined, targetGrants: number): AwsRuleViolation | undefined {
    if (targetGrants === 0 || (targetObjectOwnership ?? "BucketOwnerEnforced") !== "BucketOwnerEnforced") return undefined;
    return violation(
        "AccessControlListNotSupported",
        "Target grants not allowed for bucket owner enforced buckets",
        `gives ${targetGrants} target grant(s) while the log target bucket ${targetName} has ACLs disabled (Object Ownership BucketOwnerEnforced); drop targetGrants and let logging.s3.amazonaws.com write through the target's bucket policy`,
        `${SOURCE}; Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket"`,
    );
}

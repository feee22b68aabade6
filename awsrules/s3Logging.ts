// S3 server access logging (PutBucketLogging). Amazon S3 User Guide, "Enabling Amazon S3 server access
// logging": the source and target buckets must be in the same AWS Region and owned by the same account;
// the target must exist. Error codes: Amazon S3 API Reference, "Error responses" (List of error codes).
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

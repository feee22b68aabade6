// The bucket policy of a server access log bucket: log delivery only. S3 server access logging writes
// as the service principal logging.s3.amazonaws.com, granted by the target bucket's policy with
// aws:SourceArn / aws:SourceAccount naming the source buckets (Amazon S3 User Guide, "Enabling Amazon S3
// server access logging", "Permissions for log delivery"). The target bucket must use SSE-S3 default
// encryption, not SSE-KMS ("Enabling Amazon S3 server access logging"), so nobody but log delivery may
// write into it: every other PutObject is denied.
import { objectsArn } from "./arns";
import { denyInsecureTransportStatement } from "./bucketPolicy";
import { serviceSourceCondition } from "./serviceSource";
import { sidFragment } from "./sids";
import { PolicyStatement } from "./types";

export const LOG_DELIVERY_SERVICE = "logging.s3.amazonaws.com";

export const LOG_BUCKET_SIDS = {
    denyInsecureTransport: "DenyInsecureTransport",
    denyOtherWriters: "DenyWritesOtherThanLogDelivery",
} as const;

/** One source bucket that delivers its access logs into the log bucket, under its own prefix. */
export interface LogSource {
    /** Names the source in the Sid (`AllowAccessLogsFrom<Name>`). */
    name: string;
    bucketArn: string;
    accountId: string;
    /** The target prefix the source's logging configuration uses, e.g. `raw/`. */
    prefix: string;
}

export function logDeliverySid(sourceName: string): string {
    return `AllowAccessLogsFrom${sidFragment(sourceName)}`;
}

/** The guardrails of every log bucket (no source needed). */
export function logBucketGuardrailStatements(logBucketName: string): PolicyStatement[] {
    return [
        denyInsecureTransportStatement(logBucketName),
        {
            Sid: LOG_BUCKET_SIDS.denyOtherWriters,
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objectsArn(logBucketName),
            // Log delivery is an AWS service principal; users, roles and other accounts are not.
            Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } },
        },
    ];
}

export const LOG_BUCKET_GUARDRAIL_SIDS: readonly string[] = Object.values(LOG_BUCKET_SIDS);

/** Log delivery of one source bucket, into its prefix only. */
export function logDeliveryStatement(logBucketName: string, source: LogSource): PolicyStatement {
    return {
        Sid: logDeliverySid(source.name),
        Effect: "Allow",
        Principal: { Service: LOG_DELIVERY_SERVICE },
        Action: "s3:PutObject",
        Resource: objectsArn(logBucketName, source.prefix),
        Condition: serviceSourceCondition({ sourceArns: [source.bucketArn], sourceAccount: source.accountId }),
    };
}

/** The whole policy of a log bucket, for tests and docs (the component assembles the same statements). */
export function logBucketPolicyStatements(logBucketName: string, sources: readonly LogSource[]): PolicyStatement[] {
    return [...logBucketGuardrailStatements(logBucketName), ...sources.map((s) => logDeliveryStatement(logBucketName, s))];
}

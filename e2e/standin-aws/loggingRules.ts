// S3 server access logging as the stand-in applies it: PutBucketLogging fails unless the target bucket exists
// and is in the logged bucket's account and Region, and it takes target grants only into a target whose ACLs are
// enabled (awsrules/s3Logging.ts, which cites AWS's documents).
import { logTargetGrantsViolation, logTargetViolation } from "../../awsrules";
import type { Check } from "./enforce";

const bucketLogging: Check = (op) => {
    const bucket = typeof op.inputs["bucket"] === "string" ? op.inputs["bucket"] : op.name;
    const targetName = String(op.inputs["targetBucket"] ?? "").replace(/^arn:aws:s3:::/, "");
    const put = { doing: `${op.kind === "create" ? "creating" : "updating"} S3 Bucket Logging (${bucket})`, service: "S3", action: "PutBucketLogging" };
    const region = String(op.outputs["region"] ?? op.ctx.region);
    const target = op.world.bucket(targetName);
    const grants = Array.isArray(op.inputs["targetGrants"]) ? op.inputs["targetGrants"].length : 0;
    const broken = logTargetViolation(op.ctx.accountId, region, { name: targetName, accountId: target?.accountId, region: target?.region })
        ?? logTargetGrantsViolation(targetName, target?.objectOwnership, grants);
    return broken === undefined ? undefined : [put, broken];
};

export const ACCESS_LOGGING_CHECKS = {
    "aws:s3/bucketLogging:BucketLogging": bucketLogging,
    "aws:s3/bucketLoggingV2:BucketLoggingV2": bucketLogging,
};

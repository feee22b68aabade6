// Lookups of resources a program did not create: `aws.s3.getBucket` (S3 HeadBucket, GetBucketLocation) and
// `aws.iam.getRole` (IAM GetRole). Fake AWS takes them to exist, as the stand-in takes buckets and roles outside its
// world to exist elsewhere (a replication's external destination, a principal of another account): a bucket in the
// caller's Region unless the arguments or the stand-in's world say which, a role at path "/" of the caller's account.
import { AwsContext } from "./context";
import { fakeIamUniqueId } from "./deterministic";

function required(args: Record<string, unknown>, field: string, fn: string): string {
    const value = args[field];
    if (typeof value !== "string" || value === "") {
        throw new Error(`${fn}: ${field} is required`);
    }
    return value;
}

/** @param knownRegion the bucket's Region when the caller knows it (the stand-in's world) */
export function describeBucket(args: Record<string, unknown>, ctx: AwsContext, knownRegion?: string): Record<string, unknown> {
    const bucket = required(args, "bucket", "aws.s3.getBucket");
    const region = knownRegion ?? (typeof args["region"] === "string" && args["region"] !== "" ? args["region"] : ctx.region);
    return {
        ...args,
        id: bucket,
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        region,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
    };
}

export function describeRole(args: Record<string, unknown>, ctx: AwsContext): Record<string, unknown> {
    const name = required(args, "name", "aws.iam.getRole");
    return {
        ...args,
        id: name,
        name,
        arn: `arn:aws:iam::${ctx.accountId}:role/${name}`,
        path: "/",
        uniqueId: fakeIamUniqueId("AROA", "aws:iam/role:Role", name, ctx.accountId),
        maxSessionDuration: 3600,
    };
}

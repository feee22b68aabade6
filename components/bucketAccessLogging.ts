import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EncryptedBucket } from "./encryptedBucket";
import { LogBucket } from "./logBucket";
import { parseArgs } from "./args/parseArgs";
import { logPrefixSchema } from "./logBucketArgs";
import { InvalidArgumentError } from "./args/parseArgs";

export const BUCKET_ACCESS_LOGGING_TYPE = "encrypted-buckets:s3:BucketAccessLogging";

export const bucketAccessLoggingArgsSchema = z.strictObject({
    source: z.custom<EncryptedBucket>((v) => v instanceof EncryptedBucket, { error: "is not an EncryptedBucket. Fix: pass the EncryptedBucket whose requests are logged" }),
    target: z.custom<LogBucket>((v) => v instanceof LogBucket, {
        error: "is not a LogBucket. Fix: pass a LogBucket (S3 delivers server access logs only to an SSE-S3 bucket, which an EncryptedBucket never is)",
    }),
    /** Default `<component name>/`: where the source's log objects go in the target. */
    prefix: logPrefixSchema.optional(),
});

export type BucketAccessLoggingArgs = z.input<typeof bucketAccessLoggingArgsSchema>;

/**
 * S3 server access logging of an EncryptedBucket into a LogBucket of the same account and Region: the
 * `aws.s3.BucketLogging` on the source, and the log-delivery statement for this source on the target's
 * bucket policy (ordered before the logging configuration, which S3 starts using at once).
 */
export class BucketAccessLogging extends pulumi.ComponentResource {
    public readonly logging: aws.s3.BucketLogging;
    public readonly prefix: string;

    constructor(name: string, args: BucketAccessLoggingArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `BucketAccessLogging "${name}"`;
        const resolved = parseArgs(where, bucketAccessLoggingArgsSchema, args ?? {});
        const { source, target } = resolved;
        if (opts.provider !== undefined && source.provider !== undefined && opts.provider !== source.provider) {
            throw new InvalidArgumentError(where, "opts.provider", "is not the provider of the source bucket", "leave it unset (the logging configuration uses the source bucket's provider)");
        }
        const prefix = resolved.prefix ?? `${name}/`;
        target.acceptLogsFrom(where, { name, bucketArn: source.arn, accountId: source.accountId, region: source.region, prefix });
        super(BUCKET_ACCESS_LOGGING_TYPE, name, {}, opts);
        this.prefix = prefix;
        const provider = source.provider ?? opts.provider;
        this.logging = new aws.s3.BucketLogging(
            `${name}-logging`,
            {
                bucket: source.bucket.id,
                region: source.region,
                targetBucket: target.bucketName,
                targetPrefix: prefix,
                expectedBucketOwner: source.accountId,
            },
            { parent: this, ...(provider !== undefined ? { provider } : {}), deletedWith: source.bucket, dependsOn: [target.bucketPolicy, target.encryption] },
        );
        this.registerOutputs({ prefix });
    }
}

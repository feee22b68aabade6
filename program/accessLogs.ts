// Server access logging: one LogBucket per `logBuckets` entry, and a BucketAccessLogging for each bucket with
// `accessLogs` (config has checked that its log bucket is in the bucket's account and Region).
import * as pulumi from "@pulumi/pulumi";
import { BucketAccessLogging, EncryptedBucket, LogBucket } from "../components";
import { BucketConfig, StackConfig } from "../config";
import { aliasOptions } from "./aliases";
import { LogBucketContinuity } from "./continuity";
import { AccountProviders } from "./providers";

export type LogBuckets = Readonly<Record<string, LogBucket>>;

export interface LogBucketOutput {
    account: string;
    accountId: string;
    region: string;
    bucketName: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    /** Buckets logging into it, with their prefixes. */
    sources: Record<string, string>;
}

/** @param continuity by index of `config.logBuckets`: earlier names of renamed entries (none for a new stack) */
export function createLogBuckets(config: StackConfig, providers: AccountProviders, continuity: readonly LogBucketContinuity[] = []): LogBuckets {
    const logBuckets: Record<string, LogBucket> = {};
    config.logBuckets.forEach((log, i) => {
        // A deployed log bucket whose entry leaves bucketName unset keeps its name (program/continuity.ts).
        const bucketName = log.bucketName ?? continuity[i]?.bucketName;
        logBuckets[log.name] = new LogBucket(
            log.name,
            {
                accountId: config.accounts[log.account].accountId,
                region: log.region,
                ...(bucketName !== undefined ? { bucketName } : {}),
                forceDestroy: log.forceDestroy,
                protect: log.protect,
                tags: { ...(config.tags ?? {}), ...(log.tags ?? {}) },
            },
            { provider: providers[log.account], ...aliasOptions(continuity[i]?.aliases) },
        );
    });
    return logBuckets;
}

export function createAccessLogging(bucketConfig: BucketConfig, bucket: EncryptedBucket, logBuckets: LogBuckets): BucketAccessLogging | undefined {
    const logs = bucketConfig.accessLogs;
    if (logs === undefined) {
        return undefined;
    }
    return new BucketAccessLogging(`${bucketConfig.name}-access-logs`, { source: bucket, target: logBuckets[logs.logBucket], prefix: logs.prefix }, { parent: bucket });
}

export function logBucketOutputs(config: StackConfig, logBuckets: LogBuckets): Record<string, LogBucketOutput> {
    const out: Record<string, LogBucketOutput> = {};
    for (const log of config.logBuckets) {
        const bucket = logBuckets[log.name];
        const sources: Record<string, string> = {};
        for (const b of config.buckets.filter((c) => c.accessLogs?.logBucket === log.name)) {
            sources[b.name] = b.accessLogs?.prefix ?? "";
        }
        out[log.name] = { account: log.account, accountId: bucket.accountId, region: bucket.region, bucketName: bucket.bucketName, arn: bucket.arn, sources };
    }
    return out;
}

// Server access logging in the stack configuration: `logBuckets` (the SSE-S3 targets, log delivery only) and a
// bucket's `accessLogs: { logBucket, prefix? }`. Shapes come from the components' schemas (components/logBucketArgs.ts);
// this file adds the account aliases and the stack-wide cross-checks: the log bucket must exist in the stack,
// in the bucket's account and Region (S3 delivers server access logs nowhere else: awsrules/s3Logging.ts), and
// prefixes of one log bucket must not overlap.
import { z } from "zod";
import { logTargetViolation } from "../awsrules";
import { logPrefixSchema } from "../components/logBucketArgs";
import { bucketResourceName } from "../components/resourceNames";
import { autoNamedBucketViolation } from "../awsrules";
import { booleanSchema, bucketNameSchema, deployedNamesSchema, logicalNameSchema, regionSchema, tagsSchema } from "./primitives";
import type { Acknowledgements, AccountConfig } from "./types";

const aliasReference = z.string({ error: "must name an entry of accounts" }).min(1, { error: "must name an entry of accounts" });

export const logBucketSchema = z.strictObject({
    name: logicalNameSchema,
    account: aliasReference,
    region: regionSchema.optional(),
    bucketName: bucketNameSchema.optional(),
    forceDestroy: booleanSchema.default(false),
    /** Pulumi `protect` for this bucket; default: the stack's `protect`. */
    protect: booleanSchema.optional(),
    tags: tagsSchema.optional(),
    /** As a bucket entry's (docs/operations.md): a log bucket holds data too. No key, so no retireKey. */
    acknowledge: z
        .strictObject({
            forceDestroy: booleanSchema.default(false),
            replaceBucket: deployedNamesSchema("deployed bucket names (physical S3 names)", bucketNameSchema),
        })
        .default({ forceDestroy: false, replaceBucket: [] }),
});

export const accessLogsSchema = z.strictObject({
    logBucket: z.string({ error: "must name an entry of logBuckets" }).min(1, { error: "must name an entry of logBuckets" }),
    /** Default `<bucket name>/`. */
    prefix: logPrefixSchema.optional(),
});

export const logBucketsSchema = z.array(logBucketSchema, { error: "must be a list of log buckets" }).default([]);

export interface LogBucketConfig {
    name: string;
    account: string;
    region: string;
    bucketName?: string;
    forceDestroy: boolean;
    protect: boolean;
    acknowledge: Pick<Acknowledgements, "forceDestroy" | "replaceBucket">;
    tags?: Record<string, string>;
}

export interface AccessLogsConfig {
    logBucket: string;
    prefix: string;
}

type ParsedLogBucket = z.output<typeof logBucketSchema>;
type ParsedAccessLogs = z.output<typeof accessLogsSchema>;

interface Shape {
    accounts: Record<string, { accountId: string; region: string }>;
    logBuckets: ParsedLogBucket[];
    buckets: Array<{ name: string; account: string; region?: string; bucketName?: string; accessLogs?: ParsedAccessLogs }>;
}

type Report = (path: PropertyKey[], message: string) => void;

/** Cross-checks of `logBuckets` and every `buckets[].accessLogs`. */
export function checkAccessLogs(config: Shape, report: Report): void {
    const names = new Set(config.buckets.map((b) => b.name));
    const seen = new Map<string, number>();
    config.logBuckets.forEach((log, i) => {
        if (names.has(log.name) || seen.has(log.name)) {
            report(["logBuckets", i, "name"], `"${log.name}" is already the name of ${names.has(log.name) ? "an entry of buckets" : `logBuckets[${seen.get(log.name)}]`}; give each bucket and log bucket its own name`);
        }
        seen.set(log.name, i);
        if (!Object.prototype.hasOwnProperty.call(config.accounts, log.account)) {
            report(["logBuckets", i, "account"], `account alias "${log.account}" has no entry in encrypted-buckets:accounts; add accounts.${log.account} or use one of: ${Object.keys(config.accounts).join(", ")}`);
        }
        if (log.bucketName === undefined) {
            const broken = autoNamedBucketViolation(bucketResourceName(log.name));
            if (broken !== undefined) {
                report(["logBuckets", i, "bucketName"], `is unset, and ${broken.rule}; set bucketName or shorten the name`);
            }
        }
    });
    const prefixes = new Map<string, Array<{ prefix: string; path: string }>>();
    config.buckets.forEach((bucket, i) => {
        const logs = bucket.accessLogs;
        if (logs === undefined) return;
        const path = ["buckets", i, "accessLogs"];
        const log = config.logBuckets.find((l) => l.name === logs.logBucket);
        if (log === undefined) {
            const known = config.logBuckets.map((l) => l.name);
            report(
                [...path, "logBucket"],
                `"${logs.logBucket}" has no entry in encrypted-buckets:logBuckets; add one (name: ${logs.logBucket}, account: ${bucket.account}), ` +
                    `use ${known.length ? `one of: ${known.join(", ")}` : "another logBuckets entry"}, or remove accessLogs from this bucket to stop logging`,
            );
            return;
        }
        const source = config.accounts[bucket.account];
        const target = config.accounts[log.account];
        if (source === undefined || target === undefined) return;
        const sourceRegion = bucket.region ?? source.region;
        const targetRegion = log.region ?? target.region;
        const broken = logTargetViolation(source.accountId, sourceRegion, { name: log.name, accountId: target.accountId, region: targetRegion });
        if (broken !== undefined) {
            report([...path, "logBucket"], `${broken.rule} (${broken.source}); use a log bucket of account ${bucket.account} in ${sourceRegion}`);
        }
        const prefix = logs.prefix ?? `${bucket.name}/`;
        const taken = prefixes.get(log.name) ?? [];
        const clash = taken.find((t) => t.prefix.startsWith(prefix) || prefix.startsWith(t.prefix));
        if (clash !== undefined) {
            report([...path, "prefix"], `"${prefix}" overlaps "${clash.prefix}" of ${clash.path} in log bucket ${log.name}; give each bucket its own prefix, neither starting with the other`);
        }
        taken.push({ prefix, path: `buckets[${i}].accessLogs` });
        prefixes.set(log.name, taken);
    });
}

export function normalizeLogBuckets(parsed: ParsedLogBucket[], accounts: Record<string, AccountConfig>, stackProtect: boolean): LogBucketConfig[] {
    return parsed.map((log) => ({ ...log, region: log.region ?? accounts[log.account].region, protect: log.protect ?? stackProtect }));
}

export function normalizeAccessLogs(bucketName: string, parsed: ParsedAccessLogs | undefined): AccessLogsConfig | undefined {
    return parsed === undefined ? undefined : { logBucket: parsed.logBucket, prefix: parsed.prefix ?? `${bucketName}/` };
}

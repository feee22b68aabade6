// logBuckets and buckets[].accessLogs: accepted with defaults, and each misuse refused with the field and the fix.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, validConfig } from "./fixtures";

function withLogs(): ReturnType<typeof validConfig> {
    const c = validConfig();
    c.logBuckets = [{ name: "access-logs", account: "data", bucketName: "acme-access-logs" }];
    c.buckets[0].accessLogs = { logBucket: "access-logs" };
    c.buckets[1].accessLogs = { logBucket: "access-logs", prefix: "curated-requests/" };
    return c;
}

describe("config: access logging", () => {
    it("accepts log buckets and fills in the region, protect and the default prefix <bucket name>/", () => {
        const config = parseStackConfig(withLogs());
        assert.deepStrictEqual(config.logBuckets, [{ name: "access-logs", account: "data", region: "eu-west-1", bucketName: "acme-access-logs", forceDestroy: false, protect: true, acknowledge: { forceDestroy: false, replaceBucket: [] } }]);
        assert.deepStrictEqual(config.buckets.map((b) => b.accessLogs), [{ logBucket: "access-logs", prefix: "raw/" }, { logBucket: "access-logs", prefix: "curated-requests/" }]);
    });

    it("a stack without log buckets has an empty list and no accessLogs", () => {
        const config = parseStackConfig(validConfig());
        assert.deepStrictEqual(config.logBuckets, []);
        assert.strictEqual(config.buckets[0].accessLogs, undefined);
    });

    it("refuses a log bucket in another Region than the logged bucket", () => {
        const c = withLogs();
        (c.logBuckets as Record<string, unknown>[])[0].region = "eu-central-1";
        assertRejected(c, "buckets[0].accessLogs.logBucket", /is in eu-central-1, the logged bucket in eu-west-1; both must be in the same Region \(Amazon S3 User Guide, "Enabling Amazon S3 server access logging"\); use a log bucket of account data in eu-west-1/);
    });

    it("refuses a log bucket of another account", () => {
        const c = withLogs();
        (c.logBuckets as Record<string, unknown>[])[0].account = "analytics";
        assertRejected(c, "buckets[0].accessLogs.logBucket", /owned by account 333333333333, the logged bucket by 111111111111; both must be owned by the same account/);
    });

    it("refuses an unknown log bucket, naming the known ones", () => {
        const c = withLogs();
        c.buckets[0].accessLogs = { logBucket: "logs" };
        assertRejected(c, "buckets[0].accessLogs.logBucket", /"logs" has no entry in encrypted-buckets:logBuckets; .*one of: access-logs/);
    });

    it("refuses removing a log bucket that a bucket's accessLogs still targets, naming the field and both fixes", () => {
        const c = withLogs();
        c.logBuckets = [];
        assertRejected(c, "buckets[0].accessLogs.logBucket", /"access-logs" has no entry in encrypted-buckets:logBuckets; add one \(name: access-logs, account: data\), .*or remove accessLogs from this bucket/);
        assertRejected(c, "buckets[1].accessLogs.logBucket", /"access-logs" has no entry/);
        const d = withLogs();
        delete d.buckets[0].accessLogs;
        delete d.buckets[1].accessLogs;
        d.logBuckets = [];
        assert.deepStrictEqual(parseStackConfig(d).logBuckets, []);
    });

    it("refuses forceDestroy on a log bucket of a protected stack unless that entry acknowledges it", () => {
        const c = withLogs();
        (c.logBuckets as Record<string, unknown>[])[0].forceDestroy = true;
        assertRejected(c, "logBuckets[0].forceDestroy", /stack is protected.*every access log.*acknowledge: \{ forceDestroy: true \}/);
        (c.logBuckets as Record<string, unknown>[])[0].acknowledge = { forceDestroy: true };
        assert.equal(parseStackConfig(c).logBuckets[0].forceDestroy, true);
        const d = withLogs();
        d.protect = false;
        (d.logBuckets as Record<string, unknown>[])[0].forceDestroy = true;
        assert.equal(parseStackConfig(d).logBuckets[0].forceDestroy, true);
    });

    it("refuses overlapping prefixes in one log bucket, and a prefix without a trailing slash", () => {
        const c = withLogs();
        c.buckets[1].accessLogs = { logBucket: "access-logs", prefix: "raw/curated/" };
        assertRejected(c, "buckets[1].accessLogs.prefix", /"raw\/curated\/" overlaps "raw\/" of buckets\[0\]\.accessLogs/);
        const d = withLogs();
        d.buckets[1].accessLogs = { logBucket: "access-logs", prefix: "curated" };
        assertRejected(d, "buckets[1].accessLogs.prefix", /does not end with \/.*Fix: end it with \//);
    });

    it("refuses a log bucket whose bucketName a bucket, a replica or another log bucket already has (S3 bucket names are global)", () => {
        const c = withLogs();
        c.buckets[0].bucketName = "acme-access-logs";
        assertRejected(c, "logBuckets[0].bucketName", /bucket name "acme-access-logs" is also used by encrypted-buckets:buckets\[0\]\.bucketName; S3 bucket names are global/);
        const d = withLogs();
        (d.buckets[0].replicas as Record<string, unknown>[])[0].bucketName = "acme-access-logs";
        assertRejected(d, "logBuckets[0].bucketName", /also used by encrypted-buckets:buckets\[0\]\.replicas\[0\]\.bucketName/);
        const e = withLogs();
        (e.logBuckets as Record<string, unknown>[]).push({ name: "more-logs", account: "data", bucketName: "acme-access-logs" });
        assertRejected(e, "logBuckets[1].bucketName", /also used by encrypted-buckets:logBuckets\[0\]\.bucketName/);
    });

    it("refuses a log bucket named like a bucket, and unknown settings", () => {
        const c = withLogs();
        (c.logBuckets as Record<string, unknown>[])[0].name = "raw";
        c.buckets[0].accessLogs = { logBucket: "raw" };
        assertRejected(c, "logBuckets[0].name", /"raw" is already the name of an entry of buckets/);
        const d = withLogs();
        (d.logBuckets as Record<string, unknown>[])[0].key = "shared";
        assertRejected(d, "logBuckets[0]", /unknown setting "key"/);
    });
});

// Issue 17 item 1: `externalReplicas` (destinations this program does not own) and `replicationRoleArn`
// (a brought replication role) in the stack configuration: accepted values and every refusal, each naming
// the field and the fix.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, rejection, validConfig } from "./fixtures";

const PARTNER = "444444444444";
const KEY = `arn:aws:kms:us-east-1:${PARTNER}:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b`;
const EXTERNAL = { name: "partner", bucketArn: "arn:aws:s3:::partner-dr", accountId: PARTNER, region: "us-east-1", keyArn: KEY };

/** Bucket "curated" (account data, no replicas) replicating to `entries`. */
function withExternal(...entries: Record<string, unknown>[]) {
    const raw = validConfig();
    raw.buckets[1]["externalReplicas"] = entries;
    return raw;
}

describe("config: externalReplicas and replicationRoleArn", () => {
    it("accepts an external replica with defaults (bucketKeyEnabled true, STANDARD, delete markers, priority after the owned replicas)", () => {
        const config = parseStackConfig(withExternal(EXTERNAL));
        assert.deepStrictEqual(config.buckets[1].externalReplicas, [
            { ...EXTERNAL, bucketKeyEnabled: true, storageClass: "STANDARD", replicationTime: false, deleteMarkerReplication: true, priority: 0, allowSameRegion: false },
        ]);
        const raw = validConfig();
        raw.buckets[0]["externalReplicas"] = [EXTERNAL];
        assert.equal(parseStackConfig(raw).buckets[0].externalReplicas[0].priority, 1, "after the one owned replica");
    });

    it("accepts a brought role of the bucket's account, with or without a path", () => {
        const raw = withExternal(EXTERNAL);
        raw.buckets[1]["replicationRoleArn"] = "arn:aws:iam::111111111111:role/platform/s3-replication";
        assert.equal(parseStackConfig(raw).buckets[1].replicationRoleArn, "arn:aws:iam::111111111111:role/platform/s3-replication");
    });

    it("refuses a bucket ARN that is not an S3 bucket ARN", () => {
        assertRejected(withExternal({ ...EXTERNAL, bucketArn: "partner-dr" }), "buckets[1].externalReplicas[0].bucketArn", /not an S3 bucket ARN\. Fix: pass arn:aws:s3:::<bucket-name>/);
        assertRejected(withExternal({ ...EXTERNAL, bucketArn: "arn:aws:s3:::partner-dr/*" }), "buckets[1].externalReplicas[0].bucketArn", /not an S3 bucket ARN/);
    });

    it("refuses a replica key of another region or account, an alias, and a missing key", () => {
        assertRejected(withExternal({ ...EXTERNAL, keyArn: KEY.replace("us-east-1", "us-west-2") }), "buckets[1].externalReplicas[0].keyArn", /key in us-west-2 but the destination bucket is in us-east-1\. Fix: use a key of us-east-1/);
        assertRejected(withExternal({ ...EXTERNAL, keyArn: KEY.replace(PARTNER, "555555555555") }), "buckets[1].externalReplicas[0].keyArn", /key of account 555555555555 but the destination is in account 444444444444/);
        assertRejected(withExternal({ ...EXTERNAL, keyArn: "arn:aws:kms:us-east-1:444444444444:alias/dr" }), "buckets[1].externalReplicas[0].keyArn", /is a KMS alias/);
        const { keyArn: _keyArn, ...withoutKey } = EXTERNAL;
        assertRejected(withExternal(withoutKey), "buckets[1].externalReplicas[0].keyArn", /KMS key ARN/);
    });

    it("refuses an account id that is not 12 digits and a region that is not AWS's", () => {
        assertRejected(withExternal({ ...EXTERNAL, accountId: 444444444444 }), "buckets[1].externalReplicas[0].accountId", /in quotes/);
        assertRejected(withExternal({ ...EXTERNAL, region: "us-east-1a" }), "buckets[1].externalReplicas[0].region", /not an AWS region/);
    });

    it("refuses monitoring and bidirectional (the other owner's side is not this program's), as unknown settings", () => {
        const error = rejection(withExternal({ ...EXTERNAL, monitoring: true, bidirectional: true }));
        assert.match(error.message, /buckets\[1\]\.externalReplicas\[0\]/);
        assert.match(error.message, /monitoring/);
    });

    it("refuses a same-region external replica unless allowSameRegion", () => {
        assertRejected(withExternal({ ...EXTERNAL, region: "eu-west-1", keyArn: KEY.replace("us-east-1", "eu-west-1") }), "buckets[1].externalReplicas[0].region", /source's own region\. Fix:/);
        assert.doesNotThrow(() => parseStackConfig(withExternal({ ...EXTERNAL, region: "eu-west-1", keyArn: KEY.replace("us-east-1", "eu-west-1"), allowSameRegion: true })));
    });

    it("refuses a locked source replicating to an external bucket", () => {
        const raw = withExternal(EXTERNAL);
        raw.buckets[1]["objectLock"] = { mode: "governance", days: 1 };
        assertRejected(raw, "buckets[1].externalReplicas[0]", /replicates a bucket with objectLock to a bucket this program does not own\. Fix:/);
    });

    it("refuses duplicate names and buckets, a name an owned replica uses, and a priority another rule has", () => {
        assertRejected(withExternal(EXTERNAL, { ...EXTERNAL, bucketArn: "arn:aws:s3:::other" }), "buckets[1].externalReplicas[1].name", /also externalReplicas\[0\]\.name/);
        assertRejected(withExternal(EXTERNAL, { ...EXTERNAL, name: "partner-2" }), "buckets[1].externalReplicas[1].bucketArn", /replicate to each bucket once/);
        const raw = validConfig();
        raw.buckets[0]["externalReplicas"] = [{ ...EXTERNAL, name: "backup-eu-central-1" }];
        assertRejected(raw, "buckets[0].externalReplicas[0].name", /destination name of replicas\[0\]/);
        const clash = validConfig();
        clash.buckets[0]["externalReplicas"] = [{ ...EXTERNAL, priority: 0 }];
        assertRejected(clash, "buckets[0].externalReplicas[0].priority", /same as replicas\[0\]\.priority/);
    });

    it("refuses an external replica that is a bucket of this stack: its own source, another bucket, a replica or a log bucket", () => {
        const self = withExternal({ ...EXTERNAL, bucketArn: "arn:aws:s3:::acme-curated" });
        self.buckets[1].bucketName = "acme-curated";
        assertRejected(self, "buckets[1].externalReplicas[0].bucketArn", /is the source bucket itself \(encrypted-buckets:buckets\[1\]\.bucketName\)\. Fix: replicate to another bucket/);
        const other = withExternal({ ...EXTERNAL, bucketArn: "arn:aws:s3:::acme-raw" });
        other.buckets[0].bucketName = "acme-raw";
        assertRejected(other, "buckets[1].externalReplicas[0].bucketArn", /names acme-raw, a bucket of this stack \(encrypted-buckets:buckets\[0\]\.bucketName\).*Fix: declare the copy as a replicas entry/);
        const replica = withExternal({ ...EXTERNAL, bucketArn: "arn:aws:s3:::acme-raw-dr" });
        (replica.buckets[0].replicas as Record<string, unknown>[])[0].bucketName = "acme-raw-dr";
        assertRejected(replica, "buckets[1].externalReplicas[0].bucketArn", /a bucket of this stack \(encrypted-buckets:buckets\[0\]\.replicas\[0\]\.bucketName\)/);
        const log = withExternal({ ...EXTERNAL, bucketArn: "arn:aws:s3:::acme-logs" });
        log.logBuckets = [{ name: "logs", account: "data", bucketName: "acme-logs" }];
        assertRejected(log, "buckets[1].externalReplicas[0].bucketArn", /a bucket of this stack \(encrypted-buckets:logBuckets\[0\]\.bucketName\)/);
    });

    it("refuses a brought role of another account, a user, one with roleName, and one without replicas", () => {
        const other = withExternal(EXTERNAL);
        other.buckets[1]["replicationRoleArn"] = "arn:aws:iam::222222222222:role/r";
        assertRejected(other, "buckets[1].replicationRoleArn", /role of account 222222222222 but the bucket is in accounts\.data \(111111111111\)\. Fix: pass a role of account 111111111111/);
        const user = withExternal(EXTERNAL);
        user.buckets[1]["replicationRoleArn"] = "arn:aws:iam::111111111111:user/u";
        assertRejected(user, "buckets[1].replicationRoleArn", /not an IAM role ARN\. Fix:/);
        const both = validConfig();
        both.buckets[0]["replicationRoleArn"] = "arn:aws:iam::111111111111:role/r";
        (both.buckets[0]["replicas"] as Record<string, unknown>[])[0]["roleName"] = "mine";
        assertRejected(both, "buckets[0].replicas[0].roleName", /together with the bucket's replicationRoleArn\. Fix:/);
        const none = validConfig();
        none.buckets[1]["replicationRoleArn"] = "arn:aws:iam::111111111111:role/r";
        assertRejected(none, "buckets[1].replicationRoleArn", /no replicas\. Fix:/);
    });

    it("counts external replicas in the replication role's static policy size", () => {
        const entries = Array.from({ length: 40 }, (_, n) => ({ ...EXTERNAL, name: `partner-${n}`, bucketArn: `arn:aws:s3:::partner-dr-${n}` }));
        const error = rejection(withExternal(...entries));
        assert.ok(error.problems.some((p) => p.path === "encrypted-buckets:buckets[1].externalReplicas" && /replication role of bucket "curated".*10240/.test(p.message)), error.message);
        assert.doesNotThrow(() => parseStackConfig(withExternal(...entries.slice(0, 5))));
    });
});

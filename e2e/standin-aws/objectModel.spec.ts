// The stand-in's object model without the CLI: what S3 and KMS answer to the deletes the engine asks for.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { existingBuckets, putObject, readEvents, readObject, recordCreate, recordDelete, STATE_DIR_VARIABLE } from "./objectModel";

describe("e2e stand-in object model", function () {
    let dir: string;
    let saved: string | undefined;

    beforeEach(function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "eb-objects-"));
        saved = process.env[STATE_DIR_VARIABLE];
        process.env[STATE_DIR_VARIABLE] = dir;
    });

    afterEach(function () {
        if (saved === undefined) delete process.env[STATE_DIR_VARIABLE];
        else process.env[STATE_DIR_VARIABLE] = saved;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const bucket = { bucket: "acme-raw", forceDestroy: false };

    it("refuses to delete a bucket that holds an object, as S3 answers, and deletes it once empty or with forceDestroy", function () {
        recordCreate("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket);
        assert.throws(() => putObject(dir, "acme-other", "k"), /NoSuchBucket/);
        putObject(dir, "acme-raw", "reports/a.csv", "arn:aws:kms:eu-west-1:111111111111:key/k");
        assert.throws(() => recordDelete("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket), /409.*BucketNotEmpty: The bucket you tried to delete is not empty/);
        assert.deepEqual(existingBuckets(dir), ["acme-raw"]);
        assert.deepEqual(readEvents(dir).map((e) => e.op), ["create"], "a refused delete is not recorded");
        recordDelete("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", { ...bucket, forceDestroy: true });
        assert.deepEqual(existingBuckets(dir), []);
    });

    it("an object the program uploads is in its bucket (BucketV2 too) until its resource is deleted, and keeps the bucket from being deleted meanwhile", function () {
        recordCreate("aws:s3/bucketV2:BucketV2", "raw-bucket", "acme-raw", bucket);
        recordCreate("aws:s3/bucketObjectv2:BucketObjectv2", "readme", "readme.txt", { bucket: "acme-raw", key: "readme.txt", kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" });
        assert.throws(() => recordDelete("aws:s3/bucketV2:BucketV2", "raw-bucket", "acme-raw", bucket), /BucketNotEmpty/);
        recordDelete("aws:s3/bucketObjectv2:BucketObjectv2", "readme", "readme.txt", { bucket: "acme-raw", key: "readme.txt" });
        recordDelete("aws:s3/bucketV2:BucketV2", "raw-bucket", "acme-raw", bucket);
        assert.deepEqual(existingBuckets(dir), []);
    });

    it("records a guardrail's bucket, and ScheduleKeyDeletion with the key's ARN when a key is deleted", function () {
        recordDelete("aws:s3/bucketPolicy:BucketPolicy", "raw-policy", "acme-raw", { bucket: "acme-raw" });
        recordDelete("aws:kms/key:Key", "raw-cmk-key", "k", { arn: "arn:aws:kms:eu-west-1:111111111111:key/k" });
        assert.deepEqual(
            readEvents(dir).map((e) => [e.op, e.bucket ?? e.keyArn]),
            [
                ["delete", "acme-raw"],
                ["delete", "arn:aws:kms:eu-west-1:111111111111:key/k"],
                ["ScheduleKeyDeletion", "arn:aws:kms:eu-west-1:111111111111:key/k"],
            ],
        );
    });

    it("in a versioned bucket, deleting the program's object leaves its versions: the bucket still refuses to be deleted", function () {
        const upload = { bucket: "acme-raw", key: "readme.txt", kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" };
        recordCreate("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket);
        recordCreate("aws:s3/bucketVersioning:BucketVersioning", "raw-versioning", "acme-raw", { bucket: "acme-raw", versioningConfiguration: { status: "Enabled" } });
        recordCreate("aws:s3/bucketObjectv2:BucketObjectv2", "readme", "readme.txt", upload);
        recordDelete("aws:s3/bucketObjectv2:BucketObjectv2", "readme", "readme.txt", upload);
        assert.throws(() => readObject(dir, "acme-raw", "readme.txt"), /NoSuchKey/, "a delete marker hides the object");
        assert.throws(() => recordDelete("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket), /BucketNotEmpty/);
        recordDelete("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", { ...bucket, forceDestroy: true });
        assert.deepEqual(existingBuckets(dir), []);
    });

    it("a bucket versioned by its own legacy input keeps versions too; a never-versioned bucket does not", function () {
        const upload = { bucket: "acme-legacy", key: "a" };
        recordCreate("aws:s3/bucket:Bucket", "legacy", "acme-legacy", { bucket: "acme-legacy", versioning: { enabled: true } });
        recordCreate("aws:s3/bucketObjectv2:BucketObjectv2", "a", "a", upload);
        recordDelete("aws:s3/bucketObjectv2:BucketObjectv2", "a", "a", upload);
        assert.throws(() => recordDelete("aws:s3/bucket:Bucket", "legacy", "acme-legacy", { bucket: "acme-legacy" }), /BucketNotEmpty/);
        recordCreate("aws:s3/bucket:Bucket", "plain", "acme-plain", { bucket: "acme-plain" });
        recordCreate("aws:s3/bucketObjectv2:BucketObjectv2", "b", "b", { bucket: "acme-plain", key: "b" });
        recordDelete("aws:s3/bucketObjectv2:BucketObjectv2", "b", "b", { bucket: "acme-plain", key: "b" });
        recordDelete("aws:s3/bucket:Bucket", "plain", "acme-plain", { bucket: "acme-plain" });
        assert.deepEqual(existingBuckets(dir), ["acme-legacy"]);
    });

    it("an object under a key scheduled for deletion cannot be read (KMSInvalidStateException); under a live key or SSE-S3 it can", function () {
        const key = "arn:aws:kms:eu-west-1:111111111111:key/k";
        recordCreate("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket);
        putObject(dir, "acme-raw", "kms.csv", key);
        putObject(dir, "acme-raw", "sse-s3.log");
        assert.equal(readObject(dir, "acme-raw", "kms.csv"), key);
        recordDelete("aws:kms/key:Key", "raw-cmk-key", "k", { arn: key });
        assert.throws(() => readObject(dir, "acme-raw", "kms.csv"), /KMS\.KMSInvalidStateException: arn:aws:kms:eu-west-1:111111111111:key\/k is pending deletion/);
        assert.equal(readObject(dir, "acme-raw", "sse-s3.log"), undefined);
        assert.throws(() => readObject(dir, "acme-other", "x"), /NoSuchBucket/);
    });

    it("deleting a multi-Region replica key schedules its deletion too, and its replicas become unreadable", function () {
        const replica = "arn:aws:kms:eu-central-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef";
        recordCreate("aws:s3/bucket:Bucket", "replica-bucket", "acme-replica", { bucket: "acme-replica" });
        putObject(dir, "acme-replica", "reports/2026.csv", replica);
        recordDelete("aws:kms/replicaKey:ReplicaKey", "replica-key", "mrk-0123456789abcdef0123456789abcdef", { arn: replica });
        assert.deepEqual(readEvents(dir).filter((e) => e.op === "ScheduleKeyDeletion").map((e) => e.keyArn), [replica]);
        assert.throws(() => readObject(dir, "acme-replica", "reports/2026.csv"), /KMSInvalidStateException/);
    });

    it("does nothing without a state directory", function () {
        delete process.env[STATE_DIR_VARIABLE];
        recordCreate("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket);
        recordDelete("aws:kms/key:Key", "raw-cmk-key", "k", {});
        assert.deepEqual(fs.readdirSync(dir), []);
    });
});

// The stand-in's object model without the CLI: what S3 and KMS answer to the deletes the engine asks for.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { existingBuckets, putObject, readEvents, recordCreate, recordDelete, STATE_DIR_VARIABLE } from "./objectModel";

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

    it("does nothing without a state directory", function () {
        delete process.env[STATE_DIR_VARIABLE];
        recordCreate("aws:s3/bucket:Bucket", "raw-bucket", "acme-raw", bucket);
        recordDelete("aws:kms/key:Key", "raw-cmk-key", "k", {});
        assert.deepEqual(fs.readdirSync(dir), []);
    });
});

// The stand-in refuses the Object Lock and Lifecycle calls S3 refuses, with S3's error, and accepts the
// rest (e2e/standin-aws/dataProtection.ts over awsrules/). Runs in `npm test` (no CLI needed).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAwsProvider } from "./provider";

const A = "111111111111";
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const T = {
    bucket: "aws:s3/bucket:Bucket",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
};

describe("e2e stand-in aws provider: S3 Object Lock and Lifecycle rules", function () {
    const saved = { ...process.env };
    let p: FakeAwsProvider;

    async function create(type: string, name: string, inputs: Record<string, unknown>): Promise<void> {
        await p.check(urn(type, name), {}, inputs);
        await p.create(urn(type, name), inputs);
    }

    beforeEach(function () {
        process.env["STANDIN_AWS_WORLD_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "standin-world-"));
        delete process.env["STANDIN_AWS_RULES"];
        p = new FakeAwsProvider(() => ({ region: "eu-west-1", assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${A}:role/deploy`, sessionName: "s" }]) }));
    });

    afterEach(function () {
        fs.rmSync(String(process.env["STANDIN_AWS_WORLD_DIR"]), { recursive: true, force: true });
        process.env = { ...saved };
    });

    const retention = (mode: string, extra: Record<string, unknown>) => ({ defaultRetention: { mode, ...extra } });

    it("accepts a default retention on a bucket created with Object Lock, whose versioning S3 turned on", async function () {
        await create(T.bucket, "locked", { bucket: "locked", region: "eu-west-1", objectLockEnabled: true });
        await create(T.lock, "locked-lock", { bucket: "locked", objectLockEnabled: "Enabled", rule: retention("GOVERNANCE", { days: 7 }) });
        await assert.rejects(
            create(T.versioning, "locked-versioning", { bucket: "locked", versioningConfiguration: { status: "Suspended" } }),
            /InvalidBucketState: An Object Lock configuration is present on this bucket, so the versioning state cannot be changed\./,
        );
        await create(T.versioning, "locked-versioning", { bucket: "locked", versioningConfiguration: { status: "Enabled" } });
    });

    it("refuses Object Lock on an existing bucket until its versioning is Enabled, and a retention with days and years", async function () {
        await create(T.bucket, "plain", { bucket: "plain", region: "eu-west-1" });
        await assert.rejects(create(T.lock, "plain-lock", { bucket: "plain", objectLockEnabled: "Enabled" }), /InvalidBucketState: Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration/);
        await create(T.versioning, "plain-versioning", { bucket: "plain", versioningConfiguration: { status: "Enabled" } });
        await assert.rejects(create(T.lock, "plain-lock", { bucket: "plain", rule: retention("COMPLIANCE", { days: 1, years: 1 }) }), /MalformedXML/);
        await create(T.lock, "plain-lock", { bucket: "plain", rule: retention("COMPLIANCE", { years: 1 }) });
        await assert.rejects(
            create(T.versioning, "plain-versioning-2", { bucket: "plain", versioningConfiguration: { status: "Suspended" } }),
            /InvalidBucketState/,
        );
    });

    it("refuses lifecycle transitions S3 refuses and accepts the waterfall", async function () {
        await create(T.bucket, "bkt", { bucket: "bkt", region: "eu-west-1" });
        const rules = (transitions: Record<string, unknown>[]) => ({ bucket: "bkt", rules: [{ id: "r", status: "Enabled", filter: { prefix: "" }, transitions }] });
        await assert.rejects(create(T.lifecycle, "b-lifecycle", rules([{ days: 1, storageClass: "STANDARD_IA" }])), /InvalidArgument: 'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'/);
        await assert.rejects(
            create(T.lifecycle, "b-lifecycle", rules([{ days: 30, storageClass: "STANDARD_IA" }, { days: 40, storageClass: "GLACIER" }])),
            /must be 30 days more than 'Days' in the Transition action for StorageClass 'STANDARD_IA'/,
        );
        await create(T.lifecycle, "b-lifecycle", rules([{ days: 30, storageClass: "STANDARD_IA" }, { days: 60, storageClass: "GLACIER" }]));
        await assert.rejects(
            create(T.lifecycle, "b-lifecycle-2", { bucket: "bkt", rules: [{ id: "n", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 0 } }] }),
            /InvalidArgument/,
        );
    });

    it("refuses aborting incomplete uploads or expiring delete markers under a tag or size filter, and accepts them under a prefix", async function () {
        await create(T.bucket, "bkt", { bucket: "bkt", region: "eu-west-1" });
        const abort = { abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } };
        const marker = { expiration: { expiredObjectDeleteMarker: true } };
        const rules = (filter: Record<string, unknown>, action: Record<string, unknown>) => ({ bucket: "bkt", rules: [{ id: "r", status: "Enabled", filter, ...action }] });
        await assert.rejects(create(T.lifecycle, "l", rules({ tag: { key: "k", value: "v" } }, abort)), /PutBucketLifecycleConfiguration.*InvalidRequest: AbortIncompleteMultipartUpload cannot be specified with Tags\./);
        await assert.rejects(create(T.lifecycle, "l", rules({ and: { prefix: "a/", tags: { k: "v" } } }, abort)), /AbortIncompleteMultipartUpload cannot be specified with Tags/);
        await assert.rejects(create(T.lifecycle, "l", rules({ objectSizeGreaterThan: 1024 }, abort)), /AbortIncompleteMultipartUpload cannot be specified with Object Size/);
        await assert.rejects(create(T.lifecycle, "l", rules({ tag: { key: "k", value: "v" } }, marker)), /InvalidRequest: ExpiredObjectDeleteMarker cannot be specified with Tags/);
        await assert.rejects(create(T.lifecycle, "l", rules({ and: { prefix: "a/", objectSizeLessThan: 4096 } }, marker)), /MalformedXML/);
        await create(T.lifecycle, "l", { bucket: "bkt", rules: [
            { id: "abort", status: "Enabled", filter: { prefix: "" }, ...abort },
            { id: "markers", status: "Enabled", filter: {}, ...marker },
            { id: "tagged", status: "Enabled", filter: { tag: { key: "k", value: "v" } }, expiration: { days: 30 } },
        ] });
    });
});

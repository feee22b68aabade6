// PutBucketLogging as the stand-in answers it: accepted into a bucket of the same account and Region,
// refused with S3's error otherwise (Amazon S3 User Guide, "Enabling Amazon S3 server access logging").
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAwsProvider } from "./provider";

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const BUCKET = "aws:s3/bucket:Bucket";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";

function providerFor(account: string, region: string): FakeAwsProvider {
    return new FakeAwsProvider(() => ({ region, assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${account}:role/deploy`, sessionName: "s" }]) }));
}

async function create(p: FakeAwsProvider, type: string, name: string, inputs: Record<string, unknown>): Promise<void> {
    await p.check(urn(type, name), {}, inputs);
    await p.create(urn(type, name), inputs);
}

describe("e2e stand-in aws provider: server access logging", function () {
    const saved = { ...process.env };
    let a: FakeAwsProvider;

    beforeEach(async function () {
        process.env["STANDIN_AWS_WORLD_DIR"] = fs.mkdtempSync(path.join(os.tmpdir(), "standin-world-"));
        delete process.env["STANDIN_AWS_RULES"];
        a = providerFor("111111111111", "eu-west-1");
        await create(a, BUCKET, "source", { bucket: "acme-source" });
        await create(a, BUCKET, "logs", { bucket: "acme-logs" });
        await create(providerFor("111111111111", "eu-central-1"), BUCKET, "far", { bucket: "acme-far-logs" });
        await create(providerFor("222222222222", "eu-west-1"), BUCKET, "foreign", { bucket: "acme-foreign-logs" });
    });
    afterEach(function () {
        fs.rmSync(String(process.env["STANDIN_AWS_WORLD_DIR"]), { recursive: true, force: true });
        process.env = { ...saved };
    });

    it("accepts a target of the same account and Region", async function () {
        await create(a, LOGGING, "ok", { bucket: "acme-source", targetBucket: "acme-logs", targetPrefix: "source/" });
    });

    it("refuses a target in another Region, of another account, or that does not exist", async function () {
        await assert.rejects(create(a, LOGGING, "far", { bucket: "acme-source", targetBucket: "acme-far-logs" }),
            /creating S3 Bucket Logging \(acme-source\): operation error S3: PutBucketLogging, StatusCode: 400, api error CrossLocationLoggingProhibitted: Cross S3 location logging not allowed\.\n\(stand-in aws provider: the log target bucket acme-far-logs is in eu-central-1/);
        await assert.rejects(create(a, LOGGING, "foreign", { bucket: "acme-source", targetBucket: "acme-foreign-logs" }),
            /api error InvalidTargetBucketForLogging: The owner for the bucket to be logged and the target bucket must be the same\./);
        await assert.rejects(create(a, LOGGING, "missing", { bucket: "acme-source", targetBucket: "acme-nothing" }),
            /api error InvalidTargetBucketForLogging: The target bucket for logging does not exist/);
    });

    it("refuses target grants into a target with ACLs disabled (BucketOwnerEnforced, the default), accepts them once ACLs are enabled", async function () {
        const grants = [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, permission: "READ" }];
        await assert.rejects(create(a, LOGGING, "grants", { bucket: "acme-source", targetBucket: "acme-logs", targetGrants: grants }),
            /PutBucketLogging, StatusCode: 400, api error AccessControlListNotSupported: Target grants not allowed for bucket owner enforced buckets/);
        await create(a, LOGGING, "no-grants", { bucket: "acme-source", targetBucket: "acme-logs", targetGrants: [] });
        await create(a, OWNERSHIP, "logs", { bucket: "acme-logs", rule: { objectOwnership: "BucketOwnerPreferred" } });
        await create(a, LOGGING, "grants", { bucket: "acme-source", targetBucket: "acme-logs", targetGrants: grants });
    });
});

import * as assert from "assert";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { CONSUMER_ACCOUNT, DATA_ACCOUNT, OTHER_REGION, REGION } from "./fixtures";
import { consumerProvider, dataProvider } from "./support/world";
// Imported after the mocks are installed (see test/support/mocks.ts).
type Components = typeof import("../../components");

const T = {
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    logging: "aws:s3/bucketLogging:BucketLogging",
};

interface Statement {
    Sid: string;
    Effect: string;
    Principal?: unknown;
    Action?: string;
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

describe("LogBucket and BucketAccessLogging (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "logs" });
        c = await import("../../components");
    });
    beforeEach(() => mocks.reset());

    async function statementsOf(policyName: string, log: InstanceType<Components["LogBucket"]>): Promise<Statement[]> {
        await promiseOf(log.bucketPolicy.urn);
        await mocks.settled();
        const recorded = mocks.byType(T.policy).find((r) => r.name === policyName);
        assert.ok(recorded, `${policyName} registered`);
        return (JSON.parse(recorded.inputs.policy as string) as { Statement: Statement[] }).Statement;
    }

    it("is SSE-S3 (the only default encryption log delivery accepts), versioned, private, ACLs disabled", async () => {
        const log = new c.LogBucket("access-logs", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "example-access-logs" }, { provider: dataProvider() });
        await promiseOf(log.ownershipControls.urn);
        await mocks.settled();
        const sse = mocks.byType(T.sse).find((r) => r.name === "access-logs-encryption");
        assert.deepStrictEqual((sse?.inputs.rules as unknown[])[0], { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } });
        assert.deepStrictEqual((mocks.byType(T.versioning)[0].inputs.versioningConfiguration as { status: string }).status, "Enabled");
        const pab = mocks.byType(T.pab)[0].inputs;
        assert.deepStrictEqual([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets], [true, true, true, true]);
        assert.strictEqual((mocks.byType(T.ownership)[0].inputs.rule as { objectOwnership: string }).objectOwnership, "BucketOwnerEnforced");
        const sids = (await statementsOf("access-logs-policy", log)).map((s) => s.Sid);
        assert.deepStrictEqual(sids, ["DenyInsecureTransport", "DenyWritesOtherThanLogDelivery"]);
    });

    it("grants log delivery for each source, under its prefix, for that bucket and account only, and configures the source's logging", async () => {
        const provider = dataProvider();
        const log = new c.LogBucket("access-logs", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "example-access-logs" }, { provider });
        const raw = new c.EncryptedBucket("raw", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "example-raw" }, { provider });
        const logging = new c.BucketAccessLogging("raw", { source: raw, target: log });
        new c.BucketAccessLogging("curated", {
            source: new c.EncryptedBucket("curated", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "example-curated" }, { provider }),
            target: log,
            prefix: "curated-logs/",
        });
        await promiseOf(logging.logging.urn);
        const statements = await statementsOf("access-logs-policy", log);
        const raws = statements.find((s) => s.Sid === "AllowAccessLogsFromRaw");
        assert.deepStrictEqual(raws, {
            Sid: "AllowAccessLogsFromRaw",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::example-access-logs/raw/*",
            Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::example-raw" }, StringEquals: { "aws:SourceAccount": DATA_ACCOUNT } },
        });
        assert.strictEqual(statements.find((s) => s.Sid === "AllowAccessLogsFromCurated")?.Resource, "arn:aws:s3:::example-access-logs/curated-logs/*");
        const configs = mocks.byType(T.logging);
        assert.deepStrictEqual(
            configs.map((r) => [r.inputs.bucket, r.inputs.targetBucket, r.inputs.targetPrefix, r.inputs.region]).sort(),
            [["example-curated", "example-access-logs", "curated-logs/", REGION], ["example-raw", "example-access-logs", "raw/", REGION]],
        );
    });

    it("refuses a source in another account or region, before registering anything, naming the field and the fix", () => {
        const log = new c.LogBucket("access-logs", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        const elsewhere = new c.EncryptedBucket("far", { accountId: DATA_ACCOUNT, region: OTHER_REGION }, { provider: dataProvider(OTHER_REGION) });
        assert.throws(() => new c.BucketAccessLogging("far", { source: elsewhere, target: log }), /BucketAccessLogging "far": target is LogBucket "access-logs" in eu-west-1, but the source bucket is in us-east-1\. Fix: log to a LogBucket of us-east-1/);
        const foreign = new c.EncryptedBucket("foreign", { accountId: CONSUMER_ACCOUNT, region: REGION }, { provider: consumerProvider() });
        assert.throws(() => new c.BucketAccessLogging("foreign", { source: foreign, target: log }), /target is LogBucket "access-logs" in account 111122223333, but the source bucket is in account 444455556666/);
        assert.strictEqual(mocks.byType(T.logging).length, 0);
    });

    it("refuses an EncryptedBucket as target, overlapping prefixes and bad prefixes, every problem at once", () => {
        const provider = dataProvider();
        const log = new c.LogBucket("access-logs", { accountId: DATA_ACCOUNT, region: REGION }, { provider });
        const a = new c.EncryptedBucket("a", { accountId: DATA_ACCOUNT, region: REGION }, { provider });
        const b = new c.EncryptedBucket("b", { accountId: DATA_ACCOUNT, region: REGION }, { provider });
        const kms = new c.EncryptedBucket("kms-target", { accountId: DATA_ACCOUNT, region: REGION }, { provider });
        assert.throws(
            () => new c.BucketAccessLogging("a", { source: a, target: kms as never }),
            /target is not a LogBucket\. Fix: pass a LogBucket \(S3 delivers server access logs only to an SSE-S3 bucket/,
        );
        assert.throws(() => new c.BucketAccessLogging("a", { source: a, target: log, prefix: "/logs*" }), /prefix starts with \/.*Fix: drop the leading slash.*prefix contains \* or \?\. Fix: give a literal prefix/s);
        // The prefix is part of the log delivery statement's Resource ARN, where IAM reads ${...} as a policy variable.
        assert.throws(() => new c.BucketAccessLogging("a", { source: a, target: log, prefix: "logs/${aws:username}/" }), /prefix contains \$\{, the start of an IAM policy variable.*Fix: give a literal prefix/);
        new c.BucketAccessLogging("a", { source: a, target: log, prefix: "logs/" });
        assert.throws(() => new c.BucketAccessLogging("b", { source: b, target: log, prefix: "logs/b/" }), /prefix "logs\/b\/" overlaps "logs\/", the prefix of BucketAccessLogging "a"/);
    });

    it("refuses bad LogBucket arguments, naming each field", () => {
        assert.throws(
            () => new c.LogBucket("bad", { accountId: "12345", region: "eu-west-9", bucketName: "Bad_Name" }),
            /LogBucket "bad": 3 problems with the arguments:[^]*accountId is "12345", not an AWS account id\. Fix:[^]*region is "eu-west-9", not an AWS region[^]*bucketName is "Bad_Name", not a valid S3 bucket name/,
        );
    });
});

// Lifecycle rules and Object Lock as component arguments: the schemas (one declaration for components and
// config), what EncryptedBucket registers, what replication requires of locked buckets, and the Batch
// Replication command for existing objects.
import * as assert from "assert";
import { batchReplicationCommand } from "../../components/batchReplication";
import { lifecycleRuleInputs, lifecycleRulesSchema } from "../../components/bucketLifecycle";
import { objectLockRuleInput, objectLockSchema } from "../../components/bucketObjectLock";
import { planBucketReplication, ReplicationBucketFacts } from "../../components/bucketReplicationPlan";
import { replicationRolePolicy } from "../../components/policy/replication";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { DATA_ACCOUNT, REGION } from "./fixtures";
import { dataProvider } from "./support/world";
import { crossAccountDestination, source } from "../replication/fixtures";
type Components = typeof import("../../components");

const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
    return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("lifecycle and Object Lock arguments (schemas, pure)", () => {
    it("lifecycle: accepts prefix expiration, noncurrent transitions and expiration, multipart abort; renders the v7 rules", () => {
        const rules = lifecycleRulesSchema.parse([
            { id: "tmp", prefix: "tmp/", expiration: { days: 7 } },
            { id: "old", noncurrentVersionTransitions: [{ days: 30, storageClass: "STANDARD_IA" }], noncurrentVersionExpiration: { days: 90, newerNoncurrentVersions: 2 } },
            { id: "mpu", abortIncompleteMultipartUploadDays: 3 },
        ]);
        assert.deepStrictEqual(lifecycleRuleInputs(rules), [
            { id: "tmp", status: "Enabled", filter: { prefix: "tmp/" }, expiration: { days: 7 } },
            {
                id: "old",
                status: "Enabled",
                filter: { prefix: "" },
                noncurrentVersionExpiration: { noncurrentDays: 90, newerNoncurrentVersions: 2 },
                noncurrentVersionTransitions: [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }],
            },
            { id: "mpu", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 3 } },
        ]);
    });

    it("lifecycle: reports every problem with its path: AWS's transition rules, day ranges, duplicate ids, unknown fields", () => {
        const found = issues(
            lifecycleRulesSchema.safeParse([
                { id: "ia", transitions: [{ days: 10, storageClass: "STANDARD_IA" }] },
                { id: "ia", expiration: { days: 0 } },
                { id: "x", noncurrentVersionExpiration: { days: 30, newerNoncurrentVersions: 101 }, prefx: "a/" },
            ]),
        );
        assert.ok(found.some((m) => /^0: rule ia: transition to STANDARD_IA after 10 days; it needs a whole number of at least 30 days.*Constraints and considerations for transitions/.test(m)), found.join("\n"));
        assert.ok(found.some((m) => /^1\.expiration\.days: must be at least 1/.test(m)), found.join("\n"));
        assert.ok(found.some((m) => /^1\.id: "ia" is also the id of rule \[0\]/.test(m)), found.join("\n"));
        assert.ok(found.some((m) => /^2\.noncurrentVersionExpiration\.newerNoncurrentVersions: must be a whole number from 1 to 100/.test(m)), found.join("\n"));
        assert.ok(found.some((m) => /^2: .*prefx/i.test(m)), found.join("\n"));
    });

    it("Object Lock: governance with days or years, or no default retention; compliance only acknowledged", () => {
        assert.deepStrictEqual(objectLockRuleInput(objectLockSchema.parse({ mode: "governance", days: 30 })), { defaultRetention: { mode: "GOVERNANCE", days: 30 } });
        assert.equal(objectLockRuleInput(objectLockSchema.parse({})), undefined);
        assert.deepStrictEqual(objectLockRuleInput(objectLockSchema.parse({ mode: "compliance", years: 7, acknowledgeCompliance: true })), {
            defaultRetention: { mode: "COMPLIANCE", years: 7 },
        });
        assert.match(issues(objectLockSchema.safeParse({ mode: "compliance", years: 7 })).join("\n"), /^acknowledgeCompliance: must be true with mode: compliance: .*root user/);
        assert.match(issues(objectLockSchema.safeParse({ mode: "governance", days: 1, years: 1 })).join("\n"), /exactly one of days or years/);
        assert.match(issues(objectLockSchema.safeParse({ days: 1 })).join("\n"), /^mode: is required with days or years/);
        assert.match(issues(objectLockSchema.safeParse({ mode: "governance", days: 0 })).join("\n"), /^days: must be at least 1/);
        assert.match(issues(objectLockSchema.safeParse({ mode: "governance", days: 1, acknowledgeCompliance: true })).join("\n"), /is set but mode is not compliance/);
    });
});

describe("replication of Object Lock buckets (pure)", () => {
    const facts = (locked: boolean, accountId: string, region: string, provider: object): ReplicationBucketFacts => ({
        accountId, region, bucketKeyEnabled: true, versioningEnabled: true, objectLockEnabled: locked, provider,
    });
    const a = { a: 1 };
    const b = { b: 1 };
    const table: Record<string, ReplicationBucketFacts> = {
        locked: facts(true, "111111111111", "eu-west-1", a),
        plain: facts(false, "111111111111", "eu-west-1", a),
        lockedDr: facts(true, "222222222222", "eu-central-1", b),
        plainDr: facts(false, "222222222222", "eu-central-1", b),
    };
    const plan = (src: string, dst: string, bidirectional = false) => () =>
        planBucketReplication<string>("orders", { source: src, destinations: [{ name: "dr", bucket: dst, bidirectional }] }, (x: string) => table[x]);

    it("refuses a locked source to an unlocked destination, and a locked destination replicating back to an unlocked source", () => {
        assert.throws(plan("locked", "plainDr"), /destinations\[0\]\.bucket .*DstBucketObjectLockConfigMissing|destinations\[0\]\.bucket the source has Object Lock but its replication destination this destination does not.*Fix: create the destination EncryptedBucket with objectLock too/);
        assert.throws(plan("plain", "lockedDr", true), /destinations\[0\]\.bidirectional .*Fix: give the source objectLock too, or make the rule one-way/);
    });

    it("accepts locked to locked, unlocked to locked one-way, and unlocked pairs", () => {
        assert.doesNotThrow(plan("locked", "lockedDr", true));
        assert.doesNotThrow(plan("plain", "lockedDr"));
        assert.doesNotThrow(plan("plain", "plainDr"));
    });

    it("gives a locked source's role s3:GetObjectRetention and s3:GetObjectLegalHold on its objects, and no one else's", () => {
        const objectReads = (locked: boolean) =>
            replicationRolePolicy({ source: { ...source, objectLockEnabled: locked }, destinations: [crossAccountDestination] }).Statement.find((s) => s.Sid === "ReplicationRoleReadSourceObjects")?.Action;
        assert.deepStrictEqual(objectReads(true), ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"]);
        assert.deepStrictEqual(objectReads(false), ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]);
    });
});

describe("existing objects: the S3 Batch Replication command", () => {
    it("names the source account, region and bucket, generates the manifest from the replication configuration, and reads the role from the environment", () => {
        const command = batchReplicationCommand({ accountId: "111111111111", region: "eu-west-1", bucketName: "acme-raw" });
        assert.ok(command.startsWith("aws s3control create-job --account-id 111111111111 --region eu-west-1 "), command);
        assert.match(command, /--operation '\{"S3ReplicateObject":\{\}\}'/);
        assert.match(command, /"SourceBucket":"arn:aws:s3:::acme-raw"/);
        assert.match(command, /"EligibleForReplication":true,"ObjectReplicationStatuses":\["NONE","FAILED"\]/);
        assert.match(command, /--role-arn "\$BATCH_OPERATIONS_ROLE_ARN"/);
        assert.match(command, /--report '\{"Enabled":false\}' --priority 10/);
    });

    it("names the Batch Operations role the stack created, when there is one", () => {
        const command = batchReplicationCommand({ accountId: "111111111111", region: "eu-west-1", bucketName: "acme-raw", roleArn: "arn:aws:iam::111111111111:role/dev-raw-replication-batch" });
        assert.match(command, / --role-arn 'arn:aws:iam::111111111111:role\/dev-raw-replication-batch' /);
        assert.doesNotMatch(command, /BATCH_OPERATIONS_ROLE_ARN/);
    });
});

describe("EncryptedBucket with lifecycle rules and Object Lock (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "data-protection" });
        c = await import("../../components");
    });
    beforeEach(() => mocks.reset());

    it("creates the bucket with Object Lock, its default retention and lifecycle configuration, in the bucket's region", async () => {
        const bucket = new c.EncryptedBucket(
            "locked",
            { accountId: DATA_ACCOUNT, region: REGION, bucketName: "locked-data-111122223333", objectLock: { mode: "governance", days: 10 }, lifecycleRules: [{ id: "mpu", abortIncompleteMultipartUploadDays: 2 }] },
            { provider: dataProvider() },
        );
        await promiseOf(bucket.bucketPolicy.urn);
        await mocks.settled();
        assert.equal(bucket.objectLockEnabled, true);
        assert.equal(mocks.named("locked-bucket").inputs.objectLockEnabled, true);
        const lock = mocks.named("locked-object-lock", LOCK);
        assert.deepStrictEqual([lock.inputs.objectLockEnabled, lock.inputs.rule, lock.inputs.region], ["Enabled", { defaultRetention: { mode: "GOVERNANCE", days: 10 } }, REGION]);
        const lifecycle = mocks.named("locked-lifecycle", LIFECYCLE);
        assert.deepStrictEqual(lifecycle.inputs.rules, [{ id: "mpu", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 2 } }]);
    });

    it("registers neither configuration, nor objectLockEnabled, when not asked", async () => {
        const bucket = new c.EncryptedBucket("plain", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "plain-data-111122223333" }, { provider: dataProvider() });
        await promiseOf(bucket.bucketPolicy.urn);
        await mocks.settled();
        assert.equal(bucket.objectLockEnabled, false);
        assert.equal(mocks.named("plain-bucket").inputs.objectLockEnabled, undefined);
        assert.deepStrictEqual([mocks.byType(LOCK).length, mocks.byType(LIFECYCLE).length], [0, 0]);
    });

    it("rejects bad lifecycle and Object Lock arguments before registering anything, naming each field", async () => {
        assert.throws(
            () =>
                new c.EncryptedBucket("bad", {
                    accountId: DATA_ACCOUNT,
                    region: REGION,
                    lifecycleRules: [{ id: "g", transitions: [{ days: 0, storageClass: "GLACIER" }, { days: 40, storageClass: "STANDARD_IA" }] }],
                }),
            /EncryptedBucket "bad": lifecycleRules\[0\] rule g: transition to STANDARD_IA after 40 days follows GLACIER/,
        );
        assert.throws(
            () => new c.EncryptedBucket("bad", { accountId: DATA_ACCOUNT, region: REGION, objectLock: { mode: "compliance", days: 1 } }),
            /objectLock\.acknowledgeCompliance must be true with mode: compliance/,
        );
        await mocks.settled();
        assert.equal(mocks.resources().length, 0);
    });
});

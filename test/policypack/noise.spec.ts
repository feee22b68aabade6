// Issue 14 item 6: findings that were wrong or misleading on compliant or half-finished configurations.
import * as assert from "assert";
import { assertNone, assertOnly, describeAll, mandatory, run } from "./support/run";
import { replicatedPair, secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

type Rule = Record<string, Record<string, unknown>>;

describe("policy pack: noise (issue 14 item 6)", () => {
    describe("a Disabled replication rule replicates nothing", () => {
        it("is not judged for its replica key, role access or destination versioning (update and preview)", async () => {
            const p = replicatedPair();
            p.b.patch(p.replication, (props) => {
                const rule = (props["rules"] as Rule[])[0];
                rule["status"] = "Disabled" as unknown as Record<string, unknown>;
                delete rule["sourceSelectionCriteria"];
                delete rule["destination"]["encryptionConfiguration"];
            });
            p.b.remove(p.rolePolicy);
            p.b.remove(p.destination.versioning);
            assertNone(await run(p.b.build()));
            assertNone(await run(p.b.build(), { preview: true }));
        });

        it("the same rule Enabled is judged", async () => {
            const p = replicatedPair();
            p.b.patch(p.replication, (props) => { delete (props["rules"] as Rule[])[0]["destination"]["encryptionConfiguration"]; });
            assertOnly(await run(p.b.build()), "s3-replication-sse-kms", p.replication, "sets no replicaKmsKeyId");
        });

        it("the source still needs versioning: S3 refuses a replication configuration on an unversioned bucket", async () => {
            const p = replicatedPair();
            p.b.patch(p.replication, (props) => { (props["rules"] as Record<string, unknown>[])[0]["status"] = "Disabled"; });
            p.b.remove(p.source.versioning);
            assertOnly(await run(p.b.build()), "s3-replication-versioning-enabled", p.source.bucket, "source");
        });
    });

    it("an empty SSE rule list says the list is empty and how to fill it, not to add the resource it is", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.sse, (p) => { p["rules"] = []; });
        const vs = mandatory(await run(b.build())).filter((v) => v.policyName === "s3-bucket-sse-kms");
        assert.strictEqual(vs.length, 1, describeAll(vs));
        assert.ok(vs[0].message.includes("has an empty rule list") && vs[0].message.includes("Fix: add a rule with"), describeAll(vs));
        assert.ok(!vs[0].message.includes("add an aws.s3.BucketServerSideEncryptionConfiguration"), describeAll(vs));
    });

    it("inline-shape messages name the bucket once", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data", { shape: "inline" });
        b.patch(s.bucket, (p) => { p["serverSideEncryptionConfiguration"] = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" } } }; });
        const c = replicatedPair({ shape: "inline" });
        c.b.patch(c.source.bucket, (p) => { p["serverSideEncryptionConfiguration"] = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } }; p["versioning"] = { enabled: false }; });
        const vs = [...await run(b.build()), ...await run(c.b.build())].filter((v) => v.urn === s.bucket || v.urn === c.source.bucket);
        assert.ok(vs.length >= 3, describeAll(vs));
        for (const v of vs) {
            const body = v.message.slice(v.message.indexOf("\n") + 1);
            const name = v.urn === s.bucket ? "Bucket \"data\"" : "Bucket \"source\"";
            assert.strictEqual(body.split(name).length - 1, 1, `named more than once:\n${describeAll([v])}`);
        }
    });

    describe("aws.s3.AccountPublicAccessBlock", () => {
        const accountBlock = (b: StackBuilder, flags: Record<string, boolean>, extra: Record<string, unknown> = {}) =>
            b.add(T.accountPab, "account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...flags, ...extra });

        it("covers a bucket of its account that has no block of its own (same provider, or the same accountId)", async () => {
            for (const extra of [{}, { accountId: "111111111111" }]) {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                b.remove(s.pab);
                accountBlock(b, {}, extra);
                assertNone(await run(b.build()));
                assertNone(await run(b.build(), { preview: true }));
            }
        });

        it("turns on the settings a bucket-level block leaves off", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            b.patch(s.pab, (p) => { p["restrictPublicBuckets"] = false; });
            accountBlock(b, {});
            assertNone(await run(b.build()));
        });

        it("doesn't cover another account's bucket, and names what it leaves off", async () => {
            const b = new StackBuilder();
            const other = b.provider("other", { region: "eu-west-1", account: "222222222222" });
            const s = secureBucket(b, "data", { provider: other, account: "222222222222" });
            b.remove(s.pab);
            accountBlock(b, {});
            assertOnly(await run(b.build()), "s3-bucket-public-access-block", s.bucket, "has no public access block");
            const c = new StackBuilder();
            const t = secureBucket(c, "data");
            c.remove(t.pab);
            accountBlock(c, { ignorePublicAcls: false });
            assertOnly(await run(c.build()), "s3-bucket-public-access-block", t.bucket, "leaves ignorePublicAcls off");
        });

        // An account has one public access block configuration and each PutPublicAccessBlock replaces it ("Amazon S3 API
        // Reference, PutPublicAccessBlock"; the Pulumi Registry's aws.s3.AccountPublicAccessBlock: one per account): of two
        // blocks for one account, whichever the engine writes last is in effect, so a setting counts only if both turn it on.
        it("counts a setting of two account-level blocks for one account only if both turn it on", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            b.remove(s.pab);
            accountBlock(b, {});
            b.add(T.accountPab, "platform-account", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false });
            assertOnly(await run(b.build()), "s3-bucket-public-access-block", s.bucket, "leaves blockPublicPolicy, restrictPublicBuckets off (the account has one configuration");
            assertOnly(await run(b.build(), { preview: true }), "s3-bucket-public-access-block", s.bucket);
            // The bucket's own block leaving a setting off is not rescued by it either.
            const c = new StackBuilder();
            const t = secureBucket(c, "data");
            c.patch(t.pab, (p) => { p["restrictPublicBuckets"] = false; });
            accountBlock(c, {});
            c.add(T.accountPab, "platform-account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: false });
            assertOnly(await run(c.build()), "s3-bucket-public-access-block", t.pab, "leaves restrictPublicBuckets off");
        });

        it("is quiet on two account-level blocks that both turn every setting on", async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            b.remove(s.pab);
            accountBlock(b, {});
            b.add(T.accountPab, "platform-account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, accountId: "111111111111" });
            assertNone(await run(b.build()));
            assertNone(await run(b.build(), { preview: true }));
        });
    });

    it("reads a bucket object's bucket through its dependency (no false external finding)", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.add(T.bucketObject, "readme", { bucket: out(s.bucket, "id"), key: "README", content: "hi" });
        assertNone(await run(b.build(), { preview: true }));
    });
});

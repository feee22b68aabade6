// S3 Express One Zone directory buckets (aws.s3.DirectoryBucket) keep SSE-S3 unless a default encryption configuration
// names them with SSE-KMS (Amazon S3 User Guide, "Setting and monitoring default encryption for directory buckets"):
// s3-bucket-sse-kms requires one, as for any bucket, in the shapes users write.
import { assertNone, assertOnly, run } from "./support/run";
import { rootStatement } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

const NAME = "fast-data--euw1-az1--x-s3";

function directory(b: StackBuilder): { bucket: string; key: string } {
    const key = b.add(T.key, "express-key", { enableKeyRotation: true, deletionWindowInDays: 30 }, { protect: true });
    b.add(T.keyPolicy, "express-key-policy", { keyId: out(key, "keyId"), policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] }) });
    const bucket = b.add(T.directoryBucket, "express", { bucket: NAME, location: { name: "euw1-az1", type: "AvailabilityZone" } });
    return { bucket, key };
}

const kmsRules = (key: string) => [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }];

describe("policy pack: directory buckets (S3 Express One Zone)", () => {
    it("s3-bucket-sse-kms fires on a directory bucket with no default encryption configuration (also in a fresh preview)", async () => {
        const b = new StackBuilder();
        const { bucket } = directory(b);
        assertOnly(await run(b.build()), "s3-bucket-sse-kms", bucket, "directory bucket (S3 Express One Zone) with no default encryption configuration");
        assertOnly(await run(b.build(), { preview: true }), "s3-bucket-sse-kms", bucket);
    });

    it("is quiet once an SSE-KMS configuration names it, by output (bucket.bucket, bucket.id) or by its literal name", async () => {
        for (const ref of ["bucket", "id", "literal"] as const) {
            const b = new StackBuilder();
            const { bucket, key } = directory(b);
            b.add(T.sse, "express-sse", { bucket: ref === "literal" ? NAME : out(bucket, ref), rules: kmsRules(key) });
            assertNone(await run(b.build()));
            assertNone(await run(b.build(), { preview: true }));
        }
    });

    it("outside a preview, a configuration naming it by a name the pack can't read (a secret) is its \"cannot verify\"; nothing in a preview", async () => {
        const b = new StackBuilder();
        const { bucket, key } = directory(b);
        b.add(T.sse, "express-sse", { bucket: "[secret]", rules: kmsRules(key) });
        assertOnly(await run(b.build()), "s3-bucket-sse-kms", bucket, "cannot verify");
        const c = new StackBuilder();
        const d = directory(c);
        c.patch(d.bucket, (props) => { props["bucket"] = "[secret]"; });
        c.add(T.sse, "express-sse", { bucket: NAME, rules: kmsRules(d.key) });
        assertOnly(await run(c.build()), "s3-bucket-sse-kms", d.bucket, "cannot verify");
        const p = new StackBuilder();
        const e = directory(p);
        p.add(T.sse, "express-sse", { bucket: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", rules: kmsRules(e.key) });
        assertNone(await run(p.build(), { preview: true }));
    });

    it("a configuration for another bucket doesn't count, and an AES256 one naming it is still an AES256 finding", async () => {
        const b = new StackBuilder();
        const { bucket, key } = directory(b);
        b.add(T.sse, "other-sse", { bucket: "someone-elses-bucket", rules: kmsRules(key) });
        assertOnly(await run(b.build()), "s3-bucket-sse-kms", bucket);
        const c = new StackBuilder();
        const d = directory(c);
        const aes = c.add(T.sse, "express-sse", { bucket: out(d.bucket, "bucket"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
        assertOnly(await run(c.build()), "s3-bucket-sse-kms", aes, "AES256");
    });
});

// The key-id deny of a bucket policy names a key by its literal ARN, while the bucket encrypts with a key the stack
// creates. KMS generates a new key's id, so in the preview of that key's creation no literal ARN can be it: a deny
// that lets only another key through is decided before the key exists, and only a pattern (which might match the
// new ARN) leaves its match to `up` (a pattern lets other keys through anyway).
import { assertNone, assertOnly, mandatory, run } from "./support/run";
import { rootStatement } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

const NAME = "data-bucket";
const ARN = `arn:aws:s3:::${NAME}`;
// Another account's key in another Region: no part of it is a value the stack computes.
const OTHER_KEY = "arn:aws:kms:us-east-1:999999999999:key/0e0e0e0e-1111-4222-8333-444455556666";

/** A compliant v7 bucket named `data-bucket`, its policy written as literal JSON text but for the key-id deny's value. */
function stack(keyIdValue: (key: string) => unknown, opts: { objectDocument?: boolean } = {}): StackBuilder {
    const b = new StackBuilder();
    const key = b.add(T.key, "data-key", { description: "data", enableKeyRotation: true, deletionWindowInDays: 30, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" }, { protect: true });
    b.add(T.keyPolicy, "data-key-policy", { keyId: out(key, "keyId"), policy: json({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] }) });
    const bucket = b.add(T.bucket, "data", { bucket: NAME });
    b.add(T.sse, "data-sse", { bucket: out(bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }] });
    b.add(T.versioning, "data-versioning", { bucket: out(bucket, "id"), versioningConfiguration: { status: "Enabled" } });
    const doc = { Version: "2012-10-17", Statement: [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${ARN}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
        { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${ARN}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyIdValue(key) } } },
    ] };
    b.add(T.bucketPolicy, "data-policy", { bucket: out(bucket, "id"), policy: opts.objectDocument ? doc : json(doc) });
    b.add(T.pab, "data-pab", { bucket: out(bucket, "id"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    b.add(T.ownership, "data-ownership", { bucket: out(bucket, "id"), rule: { objectOwnership: "BucketOwnerEnforced" } });
    return b;
}

describe("policy pack: a key-id deny naming another key, before the bucket's key exists", () => {
    for (const objectDocument of [false, true]) {
        const form = objectDocument ? "an object document" : "literal JSON text";
        it(`fires in a fresh preview, as after the update, when the deny lets only another key's literal ARN through (${form})`, async () => {
            for (const preview of [true, false]) {
                assertOnly(mandatory(await run(stack(() => OTHER_KEY, { objectDocument }).build(), { preview })), "s3-bucket-policy-require-sse-kms", undefined, "aws-kms-key-id other than the bucket's key");
            }
        });
    }

    it("stays silent in the preview when the deny names the key by its output, and after the update", async () => {
        for (const preview of [true, false]) {
            assertNone(mandatory(await run(stack((key) => out(key, "arn"), { objectDocument: true }).build(), { preview })));
        }
    });

    it("fires in the preview on a pattern too: whether or not the new ARN matches it, it lets other keys through", async () => {
        for (const preview of [true, false]) {
            assertOnly(mandatory(await run(stack(() => "arn:aws:kms:us-east-1:999999999999:key/*").build(), { preview })), "s3-bucket-policy-require-sse-kms");
        }
    });
});

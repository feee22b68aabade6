// Regression (found running a user's program through the real CLI, e2e/goodPrograms.spec.ts): a Deny that must hold
// for every object of a bucket was judged on one sample object, `<bucket ARN>/any-object`. A TLS deny written with
// `NotResource: "<bucket ARN>/public/*"` misses the sample, so it counted as covering the objects, though every
// object under `public/` is readable over plain HTTP ("IAM User Guide, IAM JSON policy elements: NotResource"); the
// same for the upload denies of s3-bucket-policy-require-sse-kms and a log bucket's deny of other writers. The
// opposite too: `Resource: "<bucket ARN>/a*"` matches the sample but covers only keys starting with `a`.
import * as assert from "assert";
import { FixtureResource, FixtureValue, jsonOf, ref } from "../../policypack/fixtures/format";
import { dataBucket, withInputs } from "../../policypack/fixtures/stacks";
import { UNKNOWN_STRING } from "../../policypack/model/values";
import { run } from "./support/run";
import { fixtureStack } from "./support/fixtureStack";
import { StackBuilder, T } from "./support/stackBuilder";

const TLS = "s3-bucket-policy-deny-insecure-transport";
const REQUIRE_SSE_KMS = "s3-bucket-policy-require-sse-kms";
const BUCKET_ARN = "arn:aws:s3:::tls-data";

type Resources = { Resource: unknown } | { NotResource: unknown };

async function tlsFires(resources: Resources): Promise<boolean> {
    const b = new StackBuilder();
    b.add(T.bucketPolicy, "policy", {
        bucket: "tls-data",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{
            Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", ...resources,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        }] }),
    });
    return (await run(b.build())).some((v) => v.policyName === TLS);
}

// A bucket of a literal name whose BucketPolicy names it by its `id` output (unknown in a fresh preview) and whose
// document is literal text: the resource part sees the document but not which bucket it is for, so it must leave
// the verdict to the stack part, which knows the bucket's name (found in the real CLI: the stack part skipped a
// document the resource part had not been able to decide).
const LITERAL = "literal-logs";
const LITERAL_ARN = `arn:aws:s3:::${LITERAL}`;

function tlsDeny(resources: Resources): Record<string, unknown> {
    return { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", ...resources, Condition: { Bool: { "aws:SecureTransport": "false" } } };
}

function uploadDeny(resources: Resources): Record<string, unknown>[] {
    return [
        tlsDeny({ Resource: [LITERAL_ARN, `${LITERAL_ARN}/*`] }),
        { Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", ...resources, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
    ];
}

/** Does `policy` report the document (for s3-bucket-policy-require-sse-kms: its algorithm deny, the key-id denies left out here)? */
async function literalFires(policy: string, statements: Record<string, unknown>[]): Promise<boolean> {
    const resources = dataBucket((r: FixtureResource[]) => withInputs(withInputs(r, "data", { bucket: LITERAL }), "data-policy", {
        policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    }));
    // The real CLI's preview: the policy's `bucket` is the bucket's `id`, unknown until the bucket is created (the
    // harness's preview simulation keeps a computed value known when it equals an input, as the id equals the name).
    const stack = fixtureStack({ title: "literal document", resources }).map((r) =>
        r.urn.endsWith("::data-policy") ? { ...r, inputs: { ...r.inputs, bucket: UNKNOWN_STRING } } : r);
    const violations = await run(stack, { preview: true });
    return violations.some((v) => v.policyName === policy && (policy !== REQUIRE_SSE_KMS || v.message.includes("another value of s3:x-amz-server-side-encryption (mode")));
}

describe("policy pack: a Deny that spares some of a bucket's objects does not cover the bucket", () => {
    describe(TLS, () => {
        it("fires on a TLS deny whose NotResource spares the objects under a prefix", async () => {
            assert.strictEqual(await tlsFires({ NotResource: `${BUCKET_ARN}/public/*` }), true);
            assert.strictEqual(await tlsFires({ NotResource: [`${BUCKET_ARN}/public/*`, "arn:aws:s3:::other-bucket/*"] }), true);
            assert.strictEqual(await tlsFires({ NotResource: `${BUCKET_ARN}/health-?.txt` }), true);
        });
        it("fires in a fresh preview on a literal document whose TLS deny spares a prefix (its BucketPolicy's bucket an output not known yet)", async () => {
            assert.strictEqual(await literalFires(TLS, [tlsDeny({ NotResource: `${LITERAL_ARN}/reports/*` })]), true);
            assert.strictEqual(await literalFires(TLS, [tlsDeny({ Resource: [LITERAL_ARN, `${LITERAL_ARN}/*`] })]), false);
        });
        it("fires on a TLS deny whose Resource covers only some of the objects", async () => {
            assert.strictEqual(await tlsFires({ Resource: [BUCKET_ARN, `${BUCKET_ARN}/a*`] }), true);
            assert.strictEqual(await tlsFires({ Resource: [BUCKET_ARN, `${BUCKET_ARN}/any-object`] }), true);
        });
        it("does not fire when the NotResource names no object of the bucket, or the Resource covers them all", async () => {
            assert.strictEqual(await tlsFires({ NotResource: "arn:aws:s3:::other-bucket/*" }), false);
            assert.strictEqual(await tlsFires({ NotResource: "arn:aws:s3:::tls-database/*" }), false);
            assert.strictEqual(await tlsFires({ Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`] }), false);
            assert.strictEqual(await tlsFires({ Resource: `${BUCKET_ARN}*` }), false);
            assert.strictEqual(await tlsFires({ Resource: [BUCKET_ARN, "arn:aws:s3:::*/*"] }), false);
            assert.strictEqual(await tlsFires({ Resource: [BUCKET_ARN, `${BUCKET_ARN}/?*`] }), false);
            assert.strictEqual(await tlsFires({ Resource: "*" }), false);
        });
    });

    describe(REQUIRE_SSE_KMS, () => {
        /** The compliant data bucket with its upload denies' Resource replaced. */
        async function fires(resources: Record<string, FixtureValue>): Promise<boolean> {
            const statements: FixtureValue[] = [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ref("data", "arn"), ref("data", "arn", "/*")], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                { Sid: "DenyWrongEncryptionHeader", Effect: "Deny", Principal: "*", Action: "s3:PutObject", ...resources, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                { Sid: "DenyWrongKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", ...resources, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": ref("data-key", "arn") } } },
            ];
            const resourcesOf = dataBucket((r: FixtureResource[]) => withInputs(r, "data-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: statements }) }));
            return (await run(fixtureStack({ title: "upload denies", resources: resourcesOf }))).some((v) => v.policyName === REQUIRE_SSE_KMS);
        }
        it("fires on upload denies whose NotResource spares the objects under a prefix", async () => {
            assert.strictEqual(await fires({ NotResource: ref("data", "arn", "/staging/*") }), true);
        });
        it("fires in a fresh preview on a literal document whose upload deny spares a prefix (its BucketPolicy's bucket an output not known yet)", async () => {
            assert.strictEqual(await literalFires(REQUIRE_SSE_KMS, uploadDeny({ NotResource: `${LITERAL_ARN}/staging/*` })), true);
            assert.strictEqual(await literalFires(REQUIRE_SSE_KMS, uploadDeny({ Resource: `${LITERAL_ARN}/*` })), false);
        });
        it("does not fire on upload denies on every object", async () => {
            assert.strictEqual(await fires({ Resource: ref("data", "arn", "/*") }), false);
        });
    });
});

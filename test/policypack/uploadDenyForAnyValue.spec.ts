// Regression (found by iamDifferential.spec.ts): a `ForAnyValue:StringNotEquals` deny of a wrong SSE algorithm next to
// a `Null: true` deny of a missing one denies every upload without SSE-KMS (the IAM engine agrees), yet the strict mode
// flagged it: the pack didn't read the set operator. On a single-valued key `ForAnyValue:` compares the one value as the
// bare operator does and is false when the key is absent ("IAM User Guide, Single-valued vs. multivalued context keys").
import * as assert from "assert";
import { run } from "./support/run";
import { out, StackBuilder, T } from "./support/stackBuilder";

const POLICY = "s3-bucket-policy-require-sse-kms";
const SSE = "s3:x-amz-server-side-encryption";

async function fires(statements: Record<string, unknown>[]): Promise<boolean> {
    const b = new StackBuilder();
    const bucket = b.add(T.bucket, "data", { bucket: "upload-data" });
    b.add(T.bucketPolicy, "policy", {
        bucket: out(bucket, "bucket"),
        policy: JSON.stringify({ Version: "2012-10-17", Statement: statements.map((s, i) => ({ Sid: `S${i}`, Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::upload-data/*", ...s })) }),
    });
    const vs = await run(b.build(), { config: { [POLICY]: { mode: "strict", requireKeyCondition: false } } });
    return vs.some((v) => v.policyName === POLICY);
}

describe("policy pack: ForAnyValue: on an SSE header (strict mode)", () => {
    it("does not fire when ForAnyValue:StringNotEquals and Null: true together deny every non-KMS upload", async () => {
        assert.strictEqual(await fires([{ Condition: { "ForAnyValue:StringNotEquals": { [SSE]: "aws:kms" } } }, { Condition: { Null: { [SSE]: "true" } } }]), false);
    });
    it("fires on ForAnyValue:StringNotEquals alone: an upload without the header is not denied", async () => {
        assert.strictEqual(await fires([{ Condition: { "ForAnyValue:StringNotEquals": { [SSE]: "aws:kms" } } }]), true);
    });
    it("fires on ForAnyValue:StringNotEquals of a wrong value (AES256 passes) next to Null: true", async () => {
        assert.strictEqual(await fires([{ Condition: { "ForAnyValue:StringNotEquals": { [SSE]: "AES256" } } }, { Condition: { Null: { [SSE]: "true" } } }]), true);
    });
});

// Regression (found by iamDifferential.spec.ts): a TLS deny written as `s3:Get*`, `s3:Put*`, `s3:List*`, `s3:Delete*`
// passed, though the IAM engine shows s3:RestoreObject, s3:AbortMultipartUpload and s3:UpdateObjectEncryption allowed
// over plain HTTP: those S3 actions start with none of the four verbs ("Service Authorization Reference, Actions,
// resources, and condition keys for Amazon S3").
import * as assert from "assert";
import { run } from "./support/run";
import { StackBuilder, T } from "./support/stackBuilder";

const POLICY = "s3-bucket-policy-deny-insecure-transport";
const BUCKET_ARN = "arn:aws:s3:::tls-data";

async function fires(action: string | string[], condition: Record<string, unknown> = { Bool: { "aws:SecureTransport": "false" } }): Promise<boolean> {
    const b = new StackBuilder();
    b.add(T.bucketPolicy, "policy", {
        bucket: "tls-data",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{
            Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: action, Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
            Condition: condition,
        }] }),
    });
    return (await run(b.build())).some((v) => v.policyName === POLICY);
}

describe("policy pack: a TLS deny must cover every S3 action, not the four common verbs", () => {
    it("fires on a deny of s3:Get*, s3:Put*, s3:List*, s3:Delete*", async () => {
        assert.strictEqual(await fires(["s3:Get*", "s3:Put*", "s3:List*", "s3:Delete*"]), true);
    });
    it("fires on the four verbs plus s3:*Object (s3:AbortMultipartUpload and bucket tagging stay open)", async () => {
        assert.strictEqual(await fires(["s3:Get*", "s3:Put*", "s3:List*", "s3:Delete*", "s3:*Object"]), true);
    });
    // Also found by iamDifferential.spec.ts: `ForAnyValue:Bool` on the single-valued aws:SecureTransport compares the one
    // value as `Bool` does ("IAM User Guide, Single-valued vs. multivalued context keys"); the engine denies plain HTTP.
    it("does not fire on ForAnyValue:Bool / ForAllValues:Bool aws:SecureTransport = false", async () => {
        assert.strictEqual(await fires("s3:*", { "ForAnyValue:Bool": { "aws:SecureTransport": "false" } }), false);
        assert.strictEqual(await fires("s3:*", { "ForAllValues:Bool": { "aws:SecureTransport": "false" } }), false);
    });
    it("fires on ForAnyValue:Bool aws:SecureTransport = true (denies HTTPS, not plain HTTP)", async () => {
        assert.strictEqual(await fires("s3:*", { "ForAnyValue:Bool": { "aws:SecureTransport": "true" } }), true);
    });
    it("does not fire on s3:* (AWS's own statement), in any case", async () => {
        assert.strictEqual(await fires("s3:*"), false);
        assert.strictEqual(await fires(["S3:*"]), false);
    });
});

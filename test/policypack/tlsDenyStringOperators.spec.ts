// Regression (a precision defect found probing the TLS deny's spellings against the IAM engine): a TLS deny written
// with a string operator on aws:SecureTransport (`StringEquals` "false", `StringNotEquals` "true", ...) was reported
// as no TLS deny at all, though IAM compares the request context's "false" as text and denies every plain-HTTP
// request ("IAM User Guide, IAM JSON policy elements: Condition operators"). Each verdict here is checked against
// @cloud-copilot/iam-simulate, the engine of the IAM tier, so the pack and the engine agree.
import * as assert from "assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { run } from "./support/run";
import { StackBuilder, T } from "./support/stackBuilder";

const POLICY = "s3-bucket-policy-deny-insecure-transport";
const BUCKET = "tls-strings";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ACCOUNT = "111111111111";

function document(condition: Record<string, unknown>): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{
        Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: condition,
    }] };
}

async function packFires(condition: Record<string, unknown>): Promise<boolean> {
    const b = new StackBuilder();
    b.add(T.bucketPolicy, "policy", { bucket: BUCKET, policy: JSON.stringify(document(condition)) });
    return (await run(b.build())).some((v) => v.policyName === POLICY);
}

/** Does the engine deny a plain-HTTP read by a role of the bucket's account whose own policy allows it? */
async function engineDeniesPlainHttp(condition: Record<string, unknown>): Promise<boolean> {
    const res = await runSimulation({
        request: {
            principal: `arn:aws:sts::${ACCOUNT}:assumed-role/app/s`,
            action: "s3:GetObject",
            resource: { resource: `${BUCKET_ARN}/report.csv`, accountId: ACCOUNT },
            contextVariables: { "aws:SecureTransport": "false", "aws:PrincipalAccount": ACCOUNT, "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/app` },
        },
        identityPolicies: [{ name: "caller", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: createValidatedPolicy(document(condition), validateResourcePolicy, { name: "under test" }),
    }, {});
    assert.strictEqual(res.resultType, "single");
    return res.resultType === "single" && res.overallResult === "ExplicitlyDenied";
}

const COMPLIANT: Record<string, unknown>[] = [
    { StringEquals: { "aws:SecureTransport": "false" } },
    { StringNotEquals: { "aws:SecureTransport": "true" } },
    { StringEqualsIgnoreCase: { "aws:SecureTransport": "FALSE" } },
    { StringLike: { "aws:SecureTransport": "f*" } },
    { StringEqualsIfExists: { "aws:SecureTransport": "false" } },
    { "ForAnyValue:StringEquals": { "aws:SecureTransport": "false" } },
    { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:SecureTransport": "false" } },
];

const VIOLATING: Record<string, unknown>[] = [
    // Case-sensitive: the context holds "false".
    { StringEquals: { "aws:SecureTransport": "False" } },
    { StringEquals: { "aws:SecureTransport": "true" } },
    { StringNotEquals: { "aws:SecureTransport": "false" } },
    // Conditions are ANDed: the second never holds with the first.
    { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:SecureTransport": "true" } },
];

describe("policy pack: a TLS deny spelt with a string operator on aws:SecureTransport", () => {
    for (const condition of COMPLIANT) {
        it(`does not fire on ${JSON.stringify(condition)} (the engine denies plain HTTP)`, async () => {
            assert.strictEqual(await engineDeniesPlainHttp(condition), true, "the engine denies the plain-HTTP read");
            assert.strictEqual(await packFires(condition), false);
        });
    }
    for (const condition of VIOLATING) {
        it(`fires on ${JSON.stringify(condition)} (the engine lets plain HTTP through)`, async () => {
            assert.strictEqual(await engineDeniesPlainHttp(condition), false, "the engine lets the plain-HTTP read through");
            assert.strictEqual(await packFires(condition), true);
        });
    }
});

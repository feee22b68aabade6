// s3-bucket-policy-deny-insecure-transport with a Deny that uses NotPrincipal: an explicit Deny in any statement
// decides ("IAM User Guide, Policy evaluation logic"), so "everyone but the admin role" next to a Deny for that role (or
// its account) denies everyone, as the IAM engine shows (iamDifferential.spec.ts); the pack used to flag it because no
// single statement was for Principal "*". A spared principal no other Deny takes in still leaves a gap.
import * as assert from "assert";
import { run } from "./support/run";
import { StackBuilder, T } from "./support/stackBuilder";

const POLICY = "s3-bucket-policy-deny-insecure-transport";
const BUCKET = "arn:aws:s3:::tls-data";
const ADMIN = "arn:aws:iam::111111111111:role/admin";
const INSECURE = { Bool: { "aws:SecureTransport": "false" } };
const ALL = { Action: "s3:*", Resource: [BUCKET, `${BUCKET}/*`], Condition: INSECURE };

async function flagged(...statements: object[]): Promise<boolean> {
    const b = new StackBuilder();
    b.add(T.bucketPolicy, "policy", { bucket: "tls-data", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
    return (await run(b.build())).some((v) => v.policyName === POLICY);
}

const allButAdmin = (spared: unknown = { AWS: ADMIN }) => ({ Sid: "AllButAdmin", Effect: "Deny", NotPrincipal: spared, ...ALL });
const denyFor = (principal: unknown, scope: object = ALL) => ({ Sid: "Admin", Effect: "Deny", Principal: principal, ...scope });

describe("s3-bucket-policy-deny-insecure-transport: a NotPrincipal Deny next to Denies for the principals it spares", () => {
    it("denies everyone with a Deny naming the spared role, its account root or its account id", async () => {
        for (const principal of [{ AWS: ADMIN }, { AWS: [ADMIN] }, { AWS: "arn:aws:iam::111111111111:root" }, { AWS: "111111111111" }]) {
            assert.strictEqual(await flagged(allButAdmin(), denyFor(principal)), false, JSON.stringify(principal));
        }
    });

    it("still flags a spared role no other Deny takes in", async () => {
        assert.strictEqual(await flagged(allButAdmin()), true);
        assert.strictEqual(await flagged(allButAdmin(), denyFor({ AWS: "arn:aws:iam::222222222222:root" })), true);
        assert.strictEqual(await flagged(allButAdmin(), denyFor({ AWS: "arn:aws:iam::111111111111:role/other" })), true);
        // The second Deny must cover what the first does: objects only leaves the admin's bucket-level requests open.
        assert.strictEqual(await flagged(allButAdmin(), denyFor({ AWS: ADMIN }, { ...ALL, Resource: `${BUCKET}/*` })), true);
        assert.strictEqual(await flagged(allButAdmin(), denyFor({ AWS: ADMIN }, { ...ALL, Action: "s3:GetObject" })), true);
        // Its condition must hold for plain HTTP too.
        assert.strictEqual(await flagged(allButAdmin(), denyFor({ AWS: ADMIN }, { ...ALL, Condition: { Bool: { "aws:SecureTransport": "true" } } })), true);
        // A spared account root is taken in only by a Deny for that account (or everyone), not by one naming a role of it.
        assert.strictEqual(await flagged(allButAdmin({ AWS: [ADMIN, "arn:aws:iam::111111111111:root"] }), denyFor({ AWS: ADMIN })), true);
        assert.strictEqual(await flagged(allButAdmin({ AWS: [ADMIN, "arn:aws:iam::111111111111:root"] }), denyFor({ AWS: "111111111111" })), false);
    });
});

// IAM's grammar wants a string in each element of Action, Resource, a principal list and a condition value (numbers
// and booleans too for condition values). An object or a nested list there is a document IAM, S3 and KMS refuse: the
// parser reports it as not a policy document instead of converting it, which threw for an object whose own
// `toString` is data and read `[["s3:*"]]` as `s3:*`. Found by documentFuzz.spec.ts.
import * as assert from "assert";
import { ExportResource } from "../../policypack/harness";
import { describeAll, mandatory, run } from "./support/run";
import { replicatedPair, secureBucket } from "./support/scenarios";
import { StackBuilder } from "./support/stackBuilder";

describe("policy pack: documents with an object or a nested list where IAM wants a string", () => {
    /** The compliant bucket with its `which` document edited as a value (an object input, as aws-native and hand-written stacks send). */
    function edited(which: "keyPolicy" | "policy", edit: (statements: Record<string, unknown>[]) => void): ExportResource[] {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s[which], (p) => {
            const doc = JSON.parse(p["policy"] as string) as { Statement: Record<string, unknown>[] };
            edit(doc.Statement);
            p["policy"] = doc;
        });
        return b.build();
    }

    for (const [label, edit] of [
        ["NotResource: {\"toString\": 1}", (st: Record<string, unknown>[]) => { delete st[0]["Resource"]; st[0]["NotResource"] = { toString: 1 }; }],
        ["Principal AWS: [{\"toString\": 1}]", (st: Record<string, unknown>[]) => { st[0]["Principal"] = { AWS: [{ toString: 1 }] }; }],
    ] as const) {
        it(`a key policy with ${label} is "not a key policy document", not a TypeError out of the policy`, async () => {
            for (const preview of [false, true]) {
                const vs = mandatory(await run(edited("keyPolicy", edit), { preview }));
                assert.ok(vs.some((v) => v.policyName === "kms-key-policy-no-public-principal" && v.message.includes("not a key policy document")), describeAll(vs));
            }
        });
    }

    it("a bucket policy Deny with Action [[\"s3:*\"]] (a nested list, which S3 refuses) is not read as s3:*", async () => {
        for (const preview of [false, true]) {
            const vs = mandatory(await run(edited("policy", (st) => { st[0]["Action"] = [["s3:*"]]; }), { preview }));
            assert.ok(vs.some((v) => v.policyName === "s3-bucket-policy-deny-insecure-transport" && v.message.includes("not a JSON policy document")), describeAll(vs));
        }
    });

    it("a replication role whose trust policy names a service as an object reports it, instead of passing in silence", async () => {
        const pair = replicatedPair();
        pair.b.patch(pair.role, (p) => {
            p["assumeRolePolicy"] = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: [{ toString: 1 }] }, Action: "sts:AssumeRole" }] };
        });
        const vs = mandatory(await run(pair.b.build()));
        assert.ok(vs.some((v) => v.policyName === "s3-replication-role-trust" && v.message.includes("not a policy document")), describeAll(vs));
    });
});

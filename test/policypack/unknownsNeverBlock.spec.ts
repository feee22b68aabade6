// An unknown value must never turn a compliant stack into a mandatory violation: what a fresh preview can't
// decide yet stays silent, and is judged when the values exist (end of `pulumi up`, `policy analyze`).
import * as assert from "assert";
import { describeAll, mandatory, run } from "./support/run";
import { replicatedPair, rootStatement } from "./support/scenarios";

describe("policy pack: unknowns never block a compliant stack", () => {
    for (const credentials of ["assumed role", "ambient credentials (the provider names no account)"]) {
    it(`replication whose keys delegate to their account root, the role's own policy granting KMS (${credentials}): clean in a fresh preview and after deployment`, async () => {
        const pair = replicatedPair();
        if (credentials !== "assumed role") {
            for (const ref of [pair.b.defaultProvider, pair.destProvider]) {
                pair.b.patch(ref.slice(0, ref.lastIndexOf("::")), (i) => {
                    delete i["assumeRoles"];
                });
            }
        }
        for (const keyPolicy of [pair.source.keyPolicy, pair.destination.keyPolicy]) {
            // The AWS-documented default: the key policy delegates to the account, IAM policies decide.
            pair.b.patch(keyPolicy, (i) => {
                i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] });
            });
        }
        for (const preview of [true, false]) {
            const vs = mandatory(await run(pair.b.build(), { preview }));
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], `preview ${preview}:\n${describeAll(vs)}`);
        }
    });
    }

    it("a root-delegating key with a role policy that lacks KMS: the fix names the role's IAM policy, not key policy statements", async () => {
        const pair = replicatedPair();
        for (const keyPolicy of [pair.source.keyPolicy, pair.destination.keyPolicy]) {
            pair.b.patch(keyPolicy, (i) => {
                i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement("111111111111")] });
            });
        }
        pair.b.patch(pair.rolePolicy, (i) => {
            const doc = JSON.parse(String(i["policy"])) as { Statement: { Action: string[] }[] };
            doc.Statement = doc.Statement.filter((s) => !s.Action.some((a) => a.startsWith("kms:")));
            i["policy"] = JSON.stringify(doc);
        });
        const vs = mandatory(await run(pair.b.build())).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.deepStrictEqual(vs.map((v) => v.urn), [pair.role, pair.role], describeAll(vs));
        for (const v of vs) {
            assert.match(v.message, /Fix: add to the role's policy .*delegates to its account root, so this IAM policy is what grants the role the key: no key policy statement is needed/);
            assert.doesNotMatch(v.message, /paired key policy statement/);
        }
    });

    it("a key that delegates only to its own account root, with the role in another account: the fix asks for a key policy statement naming the role", async () => {
        const pair = replicatedPair({ crossAccount: true });
        pair.b.patch(pair.destination.keyPolicy, (i) => {
            i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement("222222222222")] });
        });
        const vs = mandatory(await run(pair.b.build())).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.equal(vs.length, 1, describeAll(vs));
        assert.match(vs[0].message, /Fix: the key's account root \(222222222222\) doesn't cover a role of account 111111111111: add \{"Sid":"ReplicationDestinationKeyEncrypt/);
    });
});

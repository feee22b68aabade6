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
});

// A replication role's customer managed policy may be attached by `aws.iam.PolicyAttachment` (`roles`, `users`,
// `groups` and one `policyArn`; exclusive across the account, still a v7 resource) instead of RolePolicyAttachment.
import * as assert from "assert";
import { describeAll, mandatory, run } from "./support/run";
import { replicatedPairWithManagedPolicy } from "./support/scenarios";
import { out, T } from "./support/stackBuilder";

const POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";

/** The replicated pair, keys delegating to their account root, the role's permissions a managed policy attached by PolicyAttachment. */
function attachedPair(withKms: boolean, roleRef: "name" | "id") {
    const { pair, policy } = replicatedPairWithManagedPolicy(withKms);
    pair.b.add(POLICY_ATTACHMENT, "replication-permissions", { name: "replication-permissions", roles: [out(pair.role, roleRef)], policyArn: out(policy, "arn") });
    return pair;
}

describe("policy pack: a replication role's policy attached by aws.iam.PolicyAttachment", () => {
    for (const roleRef of ["name", "id"] as const) {
        it(`granting the keys (role by ${roleRef}): clean in a fresh preview and after deployment`, async () => {
            const pair = attachedPair(true, roleRef);
            for (const preview of [true, false]) {
                const vs = await run(pair.b.build(), { preview });
                assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], `preview ${preview}:\n${describeAll(vs)}`);
            }
        });

        it(`without KMS (role by ${roleRef}): s3-replication-role-kms-access fires in a fresh preview and after deployment`, async () => {
            const pair = attachedPair(false, roleRef);
            for (const preview of [true, false]) {
                const vs = mandatory(await run(pair.b.build(), { preview })).filter((v) => v.policyName === "s3-replication-role-kms-access");
                assert.deepStrictEqual(vs.map((v) => v.urn), [pair.role, pair.role], `preview ${preview}:\n${describeAll(vs)}`);
            }
        });
    }
});

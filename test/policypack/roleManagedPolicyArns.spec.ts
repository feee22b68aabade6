// A replication role may take its permissions from customer managed policies listed in its own `managedPolicyArns`
// (deprecated in @pulumi/aws v7 in favour of RolePolicyAttachment, still accepted). On a fresh stack each listed
// ARN is an unknown output: the role's policies must then be found through `propertyDependencies`, as for a
// RolePolicyAttachment, or the pack reads "no KMS permission" and blocks a compliant preview.
import * as assert from "assert";
import { describeAll, mandatory, run } from "./support/run";
import { replicatedPairWithManagedPolicy } from "./support/scenarios";
import { json, out, T } from "./support/stackBuilder";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ASSUME_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] };

/** The replicated pair, keys delegating to their account root, the role's permissions moved into a managed policy it lists. */
function managedPolicyPair(withKms: boolean) {
    const { pair, policy } = replicatedPairWithManagedPolicy(withKms);
    pair.b.remove(pair.role);
    pair.b.add(T.role, "replication-role", { name: "replication-role", assumeRolePolicy: json(ASSUME_S3), managedPolicyArns: [out(policy, "arn")] });
    return pair;
}

describe("policy pack: a replication role's managedPolicyArns", () => {
    it("a managed policy granting the keys: clean in a fresh preview (its ARN unknown) and after deployment", async () => {
        const pair = managedPolicyPair(true);
        for (const preview of [true, false]) {
            const vs = await run(pair.b.build(), { preview });
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], `preview ${preview}:\n${describeAll(vs)}`);
        }
    });

    it("a listed ARN that is an unknown no policy of the stack explains: silent in a preview, a finding (never a pass) after it", async () => {
        const pair = managedPolicyPair(true);
        pair.b.patch(pair.role, (i) => {
            i["managedPolicyArns"] = [UNKNOWN_STRING];
        });
        assert.deepStrictEqual(mandatory(await run(pair.b.build(), { preview: true })).map((v) => `${v.policyName} ${v.urn}`), []);
        const vs = mandatory(await run(pair.b.build(), { preview: false })).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.ok(vs.length > 0 && vs.every((v) => v.urn === pair.role), describeAll(vs));
    });

    it("a managed policy without KMS: s3-replication-role-kms-access fires in a fresh preview and after deployment", async () => {
        const pair = managedPolicyPair(false);
        for (const preview of [true, false]) {
            const vs = mandatory(await run(pair.b.build(), { preview })).filter((v) => v.policyName === "s3-replication-role-kms-access");
            assert.deepStrictEqual(vs.map((v) => v.urn), [pair.role, pair.role], `preview ${preview}:\n${describeAll(vs)}`);
        }
    });

    it("a managed policy outside the stack (a known ARN) can't be read: the finding is about the stack's own policies and names it", async () => {
        const pair = managedPolicyPair(false);
        const outside = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
        pair.b.patch(pair.role, (i) => {
            i["managedPolicyArns"] = [...(i["managedPolicyArns"] as unknown[]), outside];
        });
        const vs = mandatory(await run(pair.b.build(), { preview: false })).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.deepStrictEqual(vs.map((v) => v.urn), [pair.role, pair.role], describeAll(vs));
        assert.ok(vs.every((v) => v.message.includes(`its IAM policies in this stack (the managed policy ${outside} attached to it is outside the stack and can't be read) don't allow`)), describeAll(vs));
    });

    it("a RolePolicyAttachment of a policy outside the stack is named the same way; a role without one is not", async () => {
        const outside = "arn:aws:iam::111111111111:policy/platform-replication";
        const pair = managedPolicyPair(false);
        pair.b.add(T.attachment, "platform", { role: "replication-role", policyArn: outside });
        const named = mandatory(await run(pair.b.build(), { preview: false })).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.ok(named.length === 2 && named.every((v) => v.message.includes(outside)), describeAll(named));
        const plain = mandatory(await run(managedPolicyPair(false).b.build(), { preview: false })).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.ok(plain.length === 2 && plain.every((v) => v.message.includes("its IAM policies don't allow")), describeAll(plain));
    });

    it("a RolePolicyAttachment whose policyArn is an unknown no policy of the stack explains: silent in a preview, a finding after it", async () => {
        const { pair } = replicatedPairWithManagedPolicy(false);
        const attachment = pair.b.add(T.attachment, "from-data-source", { role: "replication-role", policyArn: UNKNOWN_STRING });
        assert.deepStrictEqual(mandatory(await run(pair.b.build(), { preview: true })).map((v) => `${v.policyName} ${v.urn}`), []);
        const vs = mandatory(await run(pair.b.build(), { preview: false })).filter((v) => v.policyName === "s3-replication-role-kms-access");
        assert.ok(vs.length > 0 && vs.every((v) => v.urn === attachment), describeAll(vs));
    });
});

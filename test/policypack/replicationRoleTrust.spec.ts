// s3-replication-role-trust reads a role's trust policy with the pack's own three-valued reading (trustsS3). The IAM
// policy engine the IAM tier uses is the oracle: for every trust policy below whose answer the pack gives as known,
// S3's sts:AssumeRole must be decided the same way by the engine.
import * as assert from "assert";
import { parsePolicy, Statement } from "../../policypack/model/policyDocument";
import { isUnknown } from "../../policypack/model/values";
import { trustsS3 } from "../../policypack/policies/s3ReplicationRoleTrust";
import { decide } from "../iam/support/oracle";
import { assumeRoleByService } from "../iam/scenarios/requests";

const ACCOUNT = "111111111111";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/replication`;
const S3 = "s3.amazonaws.com";

type TrustStatement = Record<string, unknown>;

const allowS3 = (extra: TrustStatement = {}): TrustStatement => ({ Effect: "Allow", Principal: { Service: S3 }, Action: "sts:AssumeRole", ...extra });

const cases: { title: string; statements: TrustStatement[]; pack: boolean }[] = [
    { title: "an Allow for S3", statements: [allowS3()], pack: true },
    { title: "an Allow for S3 and Batch Operations pinned to the source account", statements: [allowS3({ Principal: { Service: [S3, "batchoperations.s3.amazonaws.com"] }, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } })], pack: true },
    { title: "an Allow for sts:* to S3", statements: [allowS3({ Action: "sts:*" })], pack: true },
    { title: "an Allow for EC2 only", statements: [allowS3({ Principal: { Service: "ec2.amazonaws.com" } })], pack: false },
    { title: "an Allow for S3 of another action only", statements: [allowS3({ Action: "sts:TagSession" })], pack: false },
    { title: "an Allow for S3 taken away by an unconditional Deny of sts:*", statements: [allowS3(), { Effect: "Deny", Principal: "*", Action: "sts:*" }], pack: false },
    { title: "an Allow for S3 next to a Deny for other accounts' requests", statements: [allowS3(), { Effect: "Deny", Principal: { Service: S3 }, Action: "sts:AssumeRole", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } }], pack: true },
    { title: "an Allow for an AWS principal only", statements: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }], pack: false },
];

function parsed(statements: TrustStatement[]): Statement[] {
    const document = parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: statements }));
    assert.ok(Array.isArray(document));
    return document;
}

describe("policy pack: s3-replication-role-trust against the IAM policy engine", () => {
    for (const c of cases) {
        it(`${c.title}: S3 ${c.pack ? "may" : "may not"} assume the role, in the pack and in the engine`, async () => {
            const verdict = trustsS3(parsed(c.statements));
            assert.strictEqual(verdict, c.pack);
            const answer = await decide(assumeRoleByService(S3, ROLE_ARN, ACCOUNT, { name: "trust", document: { Version: "2012-10-17", Statement: c.statements } as never }));
            assert.strictEqual(answer.decision === "Allowed", c.pack, `the engine says ${answer.decision}`);
        });
    }

    it("reads what it can't decide as a maybe, never as \"not trusted\"", () => {
        const unknownPrincipal = parsePolicy({ Version: "2012-10-17", Statement: [allowS3({ Principal: { Service: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } })] } as never);
        assert.ok(Array.isArray(unknownPrincipal));
        assert.ok(isUnknown(trustsS3(unknownPrincipal)));
        const notPrincipal = parsed([{ Effect: "Allow", NotPrincipal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        assert.ok(isUnknown(trustsS3(notPrincipal)));
    });
});

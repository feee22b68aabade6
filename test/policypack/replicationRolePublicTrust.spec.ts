// s3-replication-role-trust also refuses a replication role anyone may assume: IAM accepts a wildcard principal in
// a trust policy ("IAM JSON policy elements: Principal"), and the role can decrypt with the source key. The IAM
// policy engine is the oracle for what each trust policy lets a stranger do.
import * as assert from "assert";
import { parsePolicy, Statement } from "../../policypack/model/policyDocument";
import { trustsEveryone } from "../../policypack/policies/publicTrustFacts";
import { decide, NamedPolicy, OracleRequest } from "../iam/support/oracle";
import { assertNone, assertOnly, run } from "./support/run";
import { replicatedPair } from "./support/scenarios";

const ACCOUNT = "111111111111";
const STRANGER_ACCOUNT = "999999999999";
const STRANGER = `arn:aws:iam::${STRANGER_ACCOUNT}:user/mallory`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/replication-role`;
const ORG = "o-a1b2c3d4e5";

type TrustStatement = Record<string, unknown>;
const S3_TRUST: TrustStatement = { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" };
const anyone = (extra: TrustStatement = {}): TrustStatement => ({ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", ...extra });

/**
 * A user of another account and organization, whose own policy lets it assume any role, asking for the replication
 * role with the external id it has learnt (an external id is a shared string, not an identity).
 */
function strangerAssumes(trust: TrustStatement[]): OracleRequest {
    const identity: NamedPolicy = { name: "mallory", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } as never };
    return {
        principal: STRANGER,
        action: "sts:AssumeRole",
        resource: ROLE_ARN,
        resourceAccount: ACCOUNT,
        context: {
            "aws:SecureTransport": "true", "aws:PrincipalAccount": STRANGER_ACCOUNT, "aws:PrincipalArn": STRANGER,
            "aws:PrincipalType": "User", "aws:PrincipalIsAWSService": "false", "aws:PrincipalOrgID": "o-stranger99",
            "sts:ExternalId": "shared",
        },
        identityPolicies: [identity],
        resourcePolicy: { name: "trust", document: { Version: "2012-10-17", Statement: trust } as never },
        resourcePolicyKind: "trust",
    };
}

function parsed(statements: TrustStatement[]): Statement[] {
    const document = parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: statements }));
    assert.ok(Array.isArray(document));
    return document;
}

const cases: { title: string; statement: TrustStatement; public: boolean }[] = [
    { title: "{\"AWS\": \"*\"} without a condition", statement: anyone(), public: true },
    { title: "Principal \"*\" without a condition", statement: anyone({ Principal: "*" }), public: true },
    { title: "{\"AWS\": \"*\"} for sts:* ", statement: anyone({ Action: "sts:*" }), public: true },
    { title: "{\"AWS\": \"*\"} with only an sts:ExternalId condition", statement: anyone({ Condition: { StringEquals: { "sts:ExternalId": "shared" } } }), public: true },
    { title: "{\"AWS\": \"*\"} pinned to a wildcard organization", statement: anyone({ Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } }), public: true },
    { title: "{\"AWS\": \"*\"} pinned to one organization", statement: anyone({ Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } }), public: false },
    { title: "{\"AWS\": \"*\"} pinned to the role's account", statement: anyone({ Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }), public: false },
    { title: "{\"AWS\": \"*\"} for sts:TagSession only", statement: anyone({ Action: "sts:TagSession" }), public: false },
    { title: "the account root of the role's account", statement: anyone({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }), public: false },
];

describe("policy pack: s3-replication-role-trust, a role everyone may assume", () => {
    for (const c of cases) {
        it(`${c.title}: ${c.public ? "public" : "not public"} in the pack and, for a user of another account, in the engine`, async () => {
            const [statement] = parsed([c.statement]);
            assert.strictEqual(trustsEveryone(statement), c.public);
            const answer = await decide(strangerAssumes([S3_TRUST, c.statement]));
            assert.strictEqual(answer.decision === "Allowed", c.public, `the engine says ${answer.decision}`);
        });
    }

    it("fires on the replication role whose trust adds Principal \"*\" or {\"AWS\": \"*\"} next to the S3 trust, as users write it", async () => {
        for (const extra of [anyone(), anyone({ Principal: "*" })]) {
            const p = replicatedPair();
            p.b.patch(p.role, (props) => { props["assumeRolePolicy"] = JSON.stringify({ Version: "2012-10-17", Statement: [S3_TRUST, extra] }); });
            assertOnly(await run(p.b.build()), "s3-replication-role-trust", p.role, "lets Principal \"*\" call sts:AssumeRole");
            assertOnly(await run(p.b.build(), { preview: true }), "s3-replication-role-trust", p.role);
        }
    });

    it("fires on a trust that is only Principal \"*\" (S3 may assume it, and so may everyone)", async () => {
        const p = replicatedPair();
        p.b.patch(p.role, (props) => { props["assumeRolePolicy"] = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] }); });
        assertOnly(await run(p.b.build()), "s3-replication-role-trust", p.role, "any AWS account can assume it");
    });

    it("stays quiet on the S3 trust alone, with aws:SourceAccount, and next to an organization-pinned wildcard", async () => {
        for (const trust of [
            [S3_TRUST],
            [{ ...S3_TRUST, Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
            [S3_TRUST, anyone({ Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } })],
        ]) {
            const p = replicatedPair();
            p.b.patch(p.role, (props) => { props["assumeRolePolicy"] = JSON.stringify({ Version: "2012-10-17", Statement: trust }); });
            assertNone(await run(p.b.build()));
        }
    });
});

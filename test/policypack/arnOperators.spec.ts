// The pack's reading of the ARN condition operators (ArnEquals, ArnLike and their negations) on aws:PrincipalArn,
// against the IAM policy engine the IAM tier uses as its oracle. The case a single glob gets wrong: a wildcard
// that would span a colon before the ARN's resource, or a pattern with fewer than six components. The pack's answer
// for the deploying role's kms:PutKeyPolicy must be the engine's, for every pattern below.
import * as assert from "assert";
import { withRoleSession, allows } from "../../policypack/model/iam";
import { parsePolicy, Statement } from "../../policypack/model/policyDocument";
import { decide } from "../iam/support/oracle";
import { callerFromArn } from "../iam/support/requestContext";
import { kmsManagementRequest } from "../iam/scenarios/requests";
import type { PolicyDocument } from "../../components/policy/types";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/platform/deployer`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** A root delegation and a Deny of key-policy changes to every principal the clause leaves out (or takes in). */
function keyPolicy(operator: string, pattern: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnableRootAccess", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "GuardKeyPolicy", Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { [operator]: { "aws:PrincipalArn": pattern } } },
        ],
    } as PolicyDocument;
}

function parsed(document: PolicyDocument): Statement[] {
    const statements = parsePolicy(JSON.stringify(document));
    assert.ok(Array.isArray(statements));
    return statements;
}

const PATTERNS: { pattern: string; matchesDeployer: boolean }[] = [
    { pattern: DEPLOYER, matchesDeployer: true },
    { pattern: `arn:aws:iam::${ACCOUNT}:role/platform/*`, matchesDeployer: true },
    { pattern: "arn:aws:iam::*:role/platform/deployer", matchesDeployer: true },
    { pattern: "arn:aws:iam::????????????:role/*", matchesDeployer: true },
    { pattern: "arn:*:iam::*:role/*", matchesDeployer: true },
    // One glob would let these span the account's colon; component by component they match nothing.
    { pattern: "arn:aws:iam::*", matchesDeployer: false },
    { pattern: "arn:aws:iam:*:role/platform/deployer", matchesDeployer: false },
    { pattern: `arn:aws:iam::${ACCOUNT}:role/other`, matchesDeployer: false },
    // ARN matching is case-sensitive.
    { pattern: `arn:aws:iam::${ACCOUNT}:role/Platform/*`, matchesDeployer: false },
];

const OPERATORS: { operator: string; deniesWhenMatched: boolean }[] = [
    { operator: "ArnLike", deniesWhenMatched: true },
    { operator: "ArnEquals", deniesWhenMatched: true },
    { operator: "ArnNotLike", deniesWhenMatched: false },
    { operator: "ArnNotEquals", deniesWhenMatched: false },
];

describe("policy pack: ARN condition operators against the IAM policy engine", () => {
    // The root delegation hands the decision to IAM: the deployer's own policy allows it every KMS action.
    const deployer = callerFromArn("deployer", DEPLOYER, [{
        name: "deployer policy",
        document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] } as PolicyDocument,
    }]);
    for (const { pattern, matchesDeployer } of PATTERNS) {
        for (const { operator, deniesWhenMatched } of OPERATORS) {
            const allowed = matchesDeployer !== deniesWhenMatched;
            it(`${operator} "${pattern}": the deployer ${allowed ? "may" : "may not"} change the key policy, in the pack and in the engine`, async () => {
                const document = keyPolicy(operator, pattern);
                const context = withRoleSession(new Map(), DEPLOYER, ACCOUNT);
                const pack = allows(parsed(document), "kms:PutKeyPolicy", "*", { arn: DEPLOYER, account: ACCOUNT, referencedByDocument: false }, context);
                assert.strictEqual(pack, allowed, "the pack's answer");
                const answer = await decide(kmsManagementRequest(deployer, {
                    name: "key", arn: KEY_ARN, accountId: ACCOUNT, region: REGION,
                    policy: { name: "key policy", document }, administrators: [], rootDelegation: true,
                }, "kms:PutKeyPolicy"));
                assert.strictEqual(answer.decision === "Allowed", allowed, `the engine says ${answer.decision}`);
            });
        }
    }
});

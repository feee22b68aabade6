// Every builder's output through the strict lint (iam-policy syntax + iam-data existence of every
// action, operator and condition key), and proof that the lint itself catches typos.
import * as assert from "assert";
import { GRANT_ACCESS_LEVELS } from "../../../components/policy/actions";
import { bucketGuardrailStatements, resolveGuardrails } from "../../../components/policy/bucketPolicy";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement, GrantTarget } from "../../../components/policy/grants";
import { keyPolicyDocument } from "../../../components/policy/keyPolicy";
import { policyDocument } from "../../../components/policy/types";
import { assertPolicyLintClean, lintPolicy } from "../../support/policyLint";
import { ADMIN_ROLE, BUCKET, CONSUMER_ACCOUNT, CONSUMER_ROLE, DATA_ACCOUNT, KEY_ARN, REGION, SAME_ACCOUNT_ROLE } from "../fixtures";

const target: GrantTarget = { bucketName: BUCKET, bucketAccountId: DATA_ACCOUNT, region: REGION, keyArn: KEY_ARN };

describe("strict policy lint of every builder", () => {
    it("key policy with every role list and every grant statement", async () => {
        const grants = GRANT_ACCESS_LEVELS.map((access, i) =>
            grantKeyPolicyStatement({ principalArn: CONSUMER_ROLE, principalAccountId: CONSUMER_ACCOUNT, access, sidBase: `Grant${i}` }, { bucketName: "lint-bucket", region: REGION }),
        );
        const doc = keyPolicyDocument(
            {
                accountId: DATA_ACCOUNT,
                region: REGION,
                rootDelegation: true,
                administrators: [ADMIN_ROLE],
                administratorsMayDeleteKey: true,
                users: [SAME_ACCOUNT_ROLE, CONSUMER_ROLE],
                serviceUsers: [SAME_ACCOUNT_ROLE],
            },
            grants,
        );
        await assertPolicyLintClean(doc, "resource", "key policy");
    });

    for (const mode of ["compatible", "strict", "strict-key"] as const) {
        it(`bucket policy, all guardrails, ${mode} mode, plus cross-account grants`, async () => {
            const grants = GRANT_ACCESS_LEVELS.flatMap((access, i) =>
                grantBucketPolicyStatements({ principalArn: CONSUMER_ROLE, principalAccountId: CONSUMER_ACCOUNT, access, prefix: i === 0 ? "reports/" : undefined, sidBase: `Grant${i}` }, target),
            );
            const doc = policyDocument([...bucketGuardrailStatements({ bucketName: BUCKET, keyArn: KEY_ARN }, resolveGuardrails({ encryptionHeader: mode })), ...grants]);
            await assertPolicyLintClean(doc, "resource", "bucket policy");
        });
    }

    for (const access of GRANT_ACCESS_LEVELS) {
        it(`consumer identity policy (${access}, with and without prefix)`, async () => {
            const base = { principalArn: CONSUMER_ROLE, principalAccountId: CONSUMER_ACCOUNT, access, sidBase: "GrantX" };
            await assertPolicyLintClean(grantIdentityPolicy(base, target), "identity", "identity policy");
            await assertPolicyLintClean(grantIdentityPolicy({ ...base, prefix: "a/b/" }, target), "identity", "identity policy");
        });
    }

    it("the lint catches unknown actions, operators, condition keys, misplaced keys and missing principals", async () => {
        const problems = await lintPolicy(
            {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "A", Effect: "Deny", Principal: "*", Action: "s3:PutObjects", Resource: "*" },
                    { Sid: "B", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "*", Condition: { StringNotEqual: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                    { Sid: "C", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "*", Condition: { StringNotEquals: { "s3:x-amz-server-side-encrytion": "aws:kms" } } },
                    { Sid: "D", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
                    { Sid: "E", Effect: "Allow", Action: "kms:ReEncryptAll*", Resource: "*" },
                    { Sid: "F", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "no" } } },
                ],
            },
            "resource",
        );
        const text = problems.join("\n");
        assert.match(text, /unknown action "s3:PutObjects"/);
        assert.match(text, /unknown condition operator "StringNotEqual"/);
        assert.match(text, /unknown condition key "s3:x-amz-server-side-encrytion"/);
        assert.match(text, /"kms:ViaService" belongs to kms/);
        assert.match(text, /"kms:ReEncryptAll\*" matches no known action/);
        assert.match(text, /Statement\[4\] \(E\): resource policy statement without Principal/);
        assert.match(text, /needs "true" or "false"/);
    });

    it("identity policies may not name a principal and need alphanumeric Sids", async () => {
        const problems = await lintPolicy(
            { Version: "2012-10-17", Statement: [{ Sid: "has space", Effect: "Allow", Principal: { AWS: SAME_ACCOUNT_ROLE }, Action: "s3:GetObject", Resource: "*" }] },
            "identity",
        );
        assert.ok(problems.some((p) => /alphanumeric/.test(p)), problems.join("\n"));
        assert.ok(problems.some((p) => /with Principal/.test(p)), problems.join("\n"));
    });
});

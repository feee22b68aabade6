import * as assert from "assert";
import { KEY_ADMINISTRATION_ACTIONS, KEY_DELETION_ACTIONS } from "../../../components/policy/actions";
import {
    KEY_POLICY_SIDS,
    keyAdministratorsStatement,
    keyPolicyDocument,
    keyPolicyStatements,
    KeyPolicyRoles,
    keyServiceUsersStatement,
    keyUsersStatements,
    rootDelegationStatement,
} from "../../../components/policy/keyPolicy";
import { ADMIN_ROLE, CONSUMER_ROLE, DATA_ACCOUNT, REGION, SAME_ACCOUNT_ROLE } from "../fixtures";

const roles = (overrides: Partial<KeyPolicyRoles> = {}): KeyPolicyRoles => ({
    accountId: DATA_ACCOUNT,
    region: REGION,
    rootDelegation: true,
    administrators: [],
    administratorsMayDeleteKey: true,
    users: [],
    serviceUsers: [],
    ...overrides,
});

describe("policy/keyPolicy", () => {
    it("root delegation is the account root with kms:* on the key", () => {
        assert.deepStrictEqual(rootDelegationStatement(DATA_ACCOUNT), {
            Sid: "EnableIamPoliciesForKeyAccount",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
        });
    });

    it("administrators get management only: no cryptographic action, no grant creation, no wildcard", () => {
        const statement = keyAdministratorsStatement([ADMIN_ROLE], true);
        const actions = statement.Action as string[];
        assert.equal(statement.Sid, "KeyAdministration");
        assert.deepStrictEqual(statement.Principal, { AWS: ADMIN_ROLE });
        for (const forbidden of ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant", "kms:Sign", "kms:GenerateMac"]) {
            assert.ok(!actions.includes(forbidden), forbidden);
        }
        assert.ok(actions.every((a) => !a.includes("*")), "no wildcards");
        assert.ok(actions.includes("kms:ScheduleKeyDeletion") && actions.includes("kms:PutKeyPolicy"));
        assert.equal(statement.Condition, undefined);
    });

    it("administratorsMayDeleteKey=false drops exactly the deletion actions", () => {
        const actions = keyAdministratorsStatement([ADMIN_ROLE], false).Action as string[];
        assert.deepStrictEqual(actions, [...KEY_ADMINISTRATION_ACTIONS]);
        for (const action of KEY_DELETION_ACTIONS) {
            assert.ok(!actions.includes(action));
        }
    });

    it("users: the default key policy's key-user crypto actions only via S3 in the key's region and the callers' accounts; DescribeKey apart", () => {
        assert.deepStrictEqual(keyUsersStatements([SAME_ACCOUNT_ROLE, CONSUMER_ROLE], REGION), [
            {
                Sid: "KeyUsageViaS3",
                Effect: "Allow",
                Principal: { AWS: [SAME_ACCOUNT_ROLE, CONSUMER_ROLE] },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: {
                    StringEquals: {
                        "kms:ViaService": "s3.eu-west-1.amazonaws.com",
                        "kms:CallerAccount": ["111122223333", "444455556666"],
                    },
                },
            },
            {
                Sid: "KeyUsageDescribeKey",
                Effect: "Allow",
                Principal: { AWS: [SAME_ACCOUNT_ROLE, CONSUMER_ROLE] },
                Action: ["kms:DescribeKey"],
                Resource: "*",
            },
        ]);
    });

    it("users together carry exactly the default key policy's key-user action list", () => {
        const actions = keyUsersStatements([SAME_ACCOUNT_ROLE], REGION).flatMap((s) => s.Action as string[]);
        assert.deepStrictEqual(actions.sort(), ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]);
    });

    it("service users may only manage grants for AWS resources", () => {
        assert.deepStrictEqual(keyServiceUsersStatement([SAME_ACCOUNT_ROLE]), {
            Sid: "KeyServiceGrantsForAwsResources",
            Effect: "Allow",
            Principal: { AWS: SAME_ACCOUNT_ROLE },
            Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        });
    });

    it("empty role lists emit nothing; root delegation is a toggle", () => {
        assert.deepStrictEqual(keyPolicyStatements(roles()).map((s) => s.Sid), [KEY_POLICY_SIDS.rootDelegation]);
        assert.deepStrictEqual(keyPolicyStatements(roles({ rootDelegation: false, administrators: [ADMIN_ROLE] })).map((s) => s.Sid), [KEY_POLICY_SIDS.administration]);
    });

    it("a full policy has every Sid once, in reading order", () => {
        const doc = keyPolicyDocument(roles({ administrators: [ADMIN_ROLE], users: [SAME_ACCOUNT_ROLE], serviceUsers: [SAME_ACCOUNT_ROLE] }));
        assert.equal(doc.Version, "2012-10-17");
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), [
            "EnableIamPoliciesForKeyAccount",
            "KeyAdministration",
            "KeyUsageViaS3",
            "KeyUsageDescribeKey",
            "KeyServiceGrantsForAwsResources",
        ]);
    });

    it("duplicate principals collapse to one", () => {
        assert.deepStrictEqual(keyAdministratorsStatement([ADMIN_ROLE, ADMIN_ROLE], true).Principal, { AWS: ADMIN_ROLE });
    });
});

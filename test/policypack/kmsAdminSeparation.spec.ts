// kms-key-policy-admin-separation asks IAM's question per principal: the defects the differential against the IAM
// engine found (iamDifferentialKeyRoles.spec.ts), each as the key policy that showed it.
import * as assert from "assert";
import { run } from "./support/run";
import { StackBuilder, T } from "./support/stackBuilder";

const POLICY = "kms-key-policy-admin-separation";
const ACCOUNT = "111111111111";
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/key-admin`;
const APP = `arn:aws:iam::${ACCOUNT}:role/app`;
const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
const ENCRYPTION = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

async function flagged(statements: object[], keyProps: Record<string, unknown> = {}): Promise<string[]> {
    const b = new StackBuilder();
    b.add(T.key, "key", { description: "k", enableKeyRotation: true, deletionWindowInDays: 30, ...keyProps, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
    return (await run(b.build())).filter((v) => v.policyName === POLICY).map((v) => v.message);
}

describe("kms-key-policy-admin-separation: IAM's answer, principal by principal", () => {
    it("a Deny that takes the cryptographic actions back from an administrator with kms:* leaves the separation intact", async () => {
        assert.deepStrictEqual(await flagged([ROOT,
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: "kms:*", Resource: "*" },
            { Sid: "NoUse", Effect: "Deny", Principal: "*", Action: ENCRYPTION, Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": ADMIN } } },
        ]), []);
        // The same Deny for another role leaves the administrator with Decrypt.
        assert.strictEqual((await flagged([ROOT,
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: "kms:*", Resource: "*" },
            { Sid: "NoUse", Effect: "Deny", Principal: "*", Action: ENCRYPTION, Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": APP } } },
        ])).length, 1);
    });

    it("a Deny naming the account root takes the cryptographic actions from every principal of the account", async () => {
        assert.deepStrictEqual(await flagged([ROOT,
            { Sid: "Use", Effect: "Allow", Principal: { AWS: APP }, Action: ["kms:Decrypt", "kms:CreateGrant"], Resource: "*" },
            { Sid: "NoUse", Effect: "Deny", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ENCRYPTION, Resource: "*" },
        ]), []);
    });

    it("an Allow whose aws:PrincipalArn condition can't hold for the principal grants it nothing", async () => {
        assert.deepStrictEqual(await flagged([ROOT,
            { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: "kms:Create*", Resource: "*" },
            { Sid: "Use", Effect: "Allow", Principal: { AWS: ADMIN }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": APP } } },
        ]), []);
    });

    it("management beyond four sampled actions counts: kms:Delete* (imported key material), kms:Enable*, kms:TagResource", async () => {
        for (const manage of ["kms:Delete*", "kms:EnableKey", "kms:TagResource", "kms:UpdateKeyDescription"]) {
            assert.strictEqual((await flagged([ROOT, { Sid: "Both", Effect: "Allow", Principal: { AWS: APP }, Action: ["kms:Decrypt", manage], Resource: "*" }])).length, 1, manage);
        }
    });

    it("cryptographic use beyond four sampled actions counts: GenerateDataKeyWithoutPlaintext, ReEncryptTo, GenerateDataKeyPair", async () => {
        for (const use of ["kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptTo", "kms:GenerateDataKeyPair"]) {
            assert.strictEqual((await flagged([ROOT, { Sid: "Both", Effect: "Allow", Principal: { AWS: ADMIN }, Action: ["kms:PutKeyPolicy", use], Resource: "*" }])).length, 1, use);
        }
    });

    it("an administrator written as NotAction of the encryption operations is one on an encryption key, not on a signing key", async () => {
        const admin = { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, NotAction: ENCRYPTION, Resource: "*" };
        assert.deepStrictEqual(await flagged([ROOT, admin]), []);
        assert.strictEqual((await flagged([ROOT, admin], { keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "ECC_NIST_P256", enableKeyRotation: false })).length, 1);
    });

    it("a key user's grant actions for AWS resources are use, not administration", async () => {
        assert.deepStrictEqual(await flagged([ROOT,
            { Sid: "Use", Effect: "Allow", Principal: { AWS: APP }, Action: ENCRYPTION, Resource: "*" },
            { Sid: "Grants", Effect: "Allow", Principal: { AWS: APP }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": true } } },
        ]), []);
    });
});

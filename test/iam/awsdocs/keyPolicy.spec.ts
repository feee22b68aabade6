// The base key policy against the AWS KMS Developer Guide:
// - "Default key policy": the account-root statement is what lets IAM policies of the key's account
//   grant use of the key; without it, an IAM policy alone does nothing, even in the key's account.
//   Key administrators administer the key but "cannot use the KMS key in cryptographic operations".
// - "Allowing users in other accounts to use a KMS key": an external key user needs the key policy
//   and its own IAM policy.
// - "kms:ViaService": key users are limited to S3 in the key's region.
import { keyPolicyDocument, type KeyPolicyRoles } from "../../../components/policy/keyPolicy";
import { policyDocument } from "../../../components/policy/types";
import type { NamedPolicy } from "../support/oracle";
import { ALLOWED, notGranted } from "../support/scenario";
import {
    allow,
    callerWith,
    deployment,
    expectDecisions,
    KEY_ADMIN,
    KEY_ARN,
    kms,
    kmsManagement,
    objectArn,
    OTHER_REGION,
    OWNER,
    PARTNER,
    REGION,
    STRANGER,
    type Deployment,
} from "./fixtures";

const OBJECT = objectArn("data/2026/file.csv");
const KMS_ALL_ON_KEY = allow("kms:* on the key", "kms:*", KEY_ARN);

describe("AWS docs (Default key policy): root delegation decides whether IAM policies of the key's account count", () => {
    const localApp = `arn:aws:iam::${OWNER}:role/local-app`;

    it("with root delegation, an IAM policy of the key's account alone lets its principal use the key", async () => {
        const d = deployment({ rootDelegation: true });
        const app = callerWith(localApp, [allow("decrypt", "kms:Decrypt", KEY_ARN)]);
        await expectDecisions([
            ["kms:Decrypt via S3 with an IAM policy", ALLOWED, kms(d, app, "kms:Decrypt", { encryptionContext: OBJECT })],
            ["kms:Decrypt via S3 without one", notGranted("identity"), kms(d, callerWith(localApp, []), "kms:Decrypt", { encryptionContext: OBJECT })],
        ]);
    });

    it("without root delegation, the same IAM policy gives nothing: only principals the key policy names", async () => {
        const d = deployment({ rootDelegation: false });
        const app = callerWith(localApp, [KMS_ALL_ON_KEY]);
        await expectDecisions([
            ["kms:Decrypt via S3", notGranted("resource"), kms(d, app, "kms:Decrypt", { encryptionContext: OBJECT })],
            ["kms:DescribeKey", notGranted("resource"), kmsManagement(d, app, "kms:DescribeKey")],
            ["kms:PutKeyPolicy", notGranted("resource"), kmsManagement(d, app, "kms:PutKeyPolicy")],
        ]);
    });

    it("an administrator of another account, whose IAM policy allows kms:*, gets nothing", async () => {
        const d = deployment({ rootDelegation: true });
        const outsider = callerWith(`arn:aws:iam::${STRANGER}:role/Administrator`, [allow("admin", "kms:*")]);
        await expectDecisions([
            ["kms:Decrypt via S3", notGranted("resource"), kms(d, outsider, "kms:Decrypt", { encryptionContext: OBJECT })],
            ["kms:DescribeKey", notGranted("resource"), kmsManagement(d, outsider, "kms:DescribeKey")],
        ]);
    });
});

describe("AWS docs (Default key policy): key administrators administer but cannot use the key", () => {
    for (const rootDelegation of [true, false]) {
        it(`rootDelegation ${rootDelegation}: manages the key, no cryptography, no grants, no deletion unless allowed`, async () => {
            const d = deployment({ rootDelegation });
            const admin = callerWith(KEY_ADMIN, []);
            // With root delegation the account's IAM could still allow it; the key policy never does.
            const refused = rootDelegation ? notGranted("identity") : notGranted("identity", "resource");
            await expectDecisions([
                ["kms:DescribeKey", ALLOWED, kmsManagement(d, admin, "kms:DescribeKey")],
                ["kms:PutKeyPolicy", ALLOWED, kmsManagement(d, admin, "kms:PutKeyPolicy")],
                ["kms:EnableKeyRotation", ALLOWED, kmsManagement(d, admin, "kms:EnableKeyRotation")],
                ["kms:DisableKey", ALLOWED, kmsManagement(d, admin, "kms:DisableKey")],
                ["kms:ScheduleKeyDeletion (administratorsMayDeleteKey false)", refused, kmsManagement(d, admin, "kms:ScheduleKeyDeletion")],
                ["kms:CreateGrant (would hand itself Decrypt)", refused, kmsManagement(d, admin, "kms:CreateGrant")],
                ["kms:Decrypt via S3", refused, kms(d, admin, "kms:Decrypt", { encryptionContext: OBJECT })],
                ["kms:Decrypt called directly", refused, kms(d, admin, "kms:Decrypt", { via: "direct", encryptionContext: OBJECT })],
                ["kms:GenerateDataKey via S3", refused, kms(d, admin, "kms:GenerateDataKey", { encryptionContext: OBJECT })],
                ["kms:Encrypt via S3", refused, kms(d, admin, "kms:Encrypt", { encryptionContext: OBJECT })],
            ]);
        });
    }
});

describe("AWS docs (Allowing users in other accounts to use a KMS key; kms:ViaService): key users", () => {
    const externalUser = `arn:aws:iam::${PARTNER}:role/etl`;
    const roles = (rootDelegation: boolean): KeyPolicyRoles => ({
        accountId: OWNER,
        region: REGION,
        rootDelegation,
        administrators: [KEY_ADMIN],
        administratorsMayDeleteKey: false,
        users: [externalUser],
        serviceUsers: [],
    });
    const withUsers = (rootDelegation: boolean): Deployment => ({
        ...deployment({ rootDelegation }),
        keyPolicy: { name: "key policy with users", document: keyPolicyDocument(roles(rootDelegation)) },
    });
    const userPolicy: NamedPolicy = {
        name: "etl IAM policy",
        document: policyDocument([{ Sid: "UseKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: KEY_ARN }]),
    };

    it("an external key user uses the key through S3 in the key's region, with its own IAM policy", async () => {
        const d = withUsers(false);
        const user = callerWith(externalUser, [userPolicy]);
        await expectDecisions([
            ["kms:GenerateDataKey via S3 in the key's region", ALLOWED, kms(d, user, "kms:GenerateDataKey", { encryptionContext: OBJECT })],
            ["kms:Decrypt via S3 in the key's region", ALLOWED, kms(d, user, "kms:Decrypt", { encryptionContext: OBJECT })],
            ["kms:DescribeKey (called directly, never via S3)", ALLOWED, kmsManagement(d, user, "kms:DescribeKey")],
        ]);
    });

    it("is refused outside S3, through S3 in another region, and without its own IAM policy", async () => {
        const d = withUsers(false);
        const user = callerWith(externalUser, [userPolicy]);
        await expectDecisions([
            ["kms:Decrypt called directly", notGranted("resource"), kms(d, user, "kms:Decrypt", { via: "direct", encryptionContext: OBJECT })],
            ["kms:Decrypt via S3 in another region", notGranted("resource"), kms(d, user, "kms:Decrypt", { viaRegion: OTHER_REGION, encryptionContext: OBJECT })],
            ["kms:Decrypt via S3 without an IAM policy", notGranted("identity"), kms(d, callerWith(externalUser, []), "kms:Decrypt", { encryptionContext: OBJECT })],
            ["kms:PutKeyPolicy, even with an IAM policy allowing kms:*", notGranted("resource"), kmsManagement(d, callerWith(externalUser, [KMS_ALL_ON_KEY]), "kms:PutKeyPolicy")],
        ]);
    });
});

import { isAccountRootPrincipal } from "../model/arn";
import { coversAction, isAllow } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { documentStatements, KEY_POLICY_TYPES } from "./documentFacts";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket } from "../fixtures/stacks";

export const KMS_KEY_POLICY_ADMIN_SEPARATION = "kms-key-policy-admin-separation";

const ADMIN_ACTIONS = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CreateGrant"];
const ADMIN_ACTIONS_BUT_GRANTS = ADMIN_ACTIONS.filter((a) => a !== "kms:CreateGrant");
const CRYPTO_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"];
const FIX = "give key administrators only management actions (kms:Create*, Describe*, Enable*, List*, Put*, Update*, Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource, ScheduleKeyDeletion, CancelKeyDeletion) and grant kms:Encrypt/Decrypt/GenerateDataKey* in a separate statement to the principals that use the key";

/**
 * The default key policy gives key *users* kms:CreateGrant (with ListGrants and RevokeGrant) when the grant is for an
 * AWS resource ("AWS KMS Developer Guide: Default key policy", allows key users to use the KMS key with AWS
 * services): such a grant lets an integrated service use the key on the user's behalf; it doesn't administer the key.
 */
function grantsOnlyForAwsResources(s: Statement): boolean {
    return !isUnknown(s.conditions) && s.conditions.some((c) =>
        c.operator.toLowerCase() === "bool" && c.key === "kms:grantisforawsresource" && !isUnknown(c.values) && c.values.length > 0
        && c.values.every((v) => typeof v === "string" && v.toLowerCase() === "true"));
}

export const kmsKeyPolicyAdminSeparation = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_POLICY_ADMIN_SEPARATION,
        description: "Key administrators named in a KMS key policy don't also get cryptographic actions (separation of duties; the account root delegation is exempt).",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: FIX,
    },
    KEY_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        const statements = documentStatements(resource.type, resource.props);
        const admin = new Set<string>();
        const crypto = new Set<string>();
        for (const s of statements) {
            if (isAllow(s) !== true || !s.principal) {
                continue;
            }
            const principals = s.principal.aws.filter((p): p is string => typeof p === "string" && p !== "*" && !isAccountRootPrincipal(p));
            if (principals.length === 0) {
                continue; // the action checks below only matter for named principals
            }
            const grantsAdmin = (grantsOnlyForAwsResources(s) ? ADMIN_ACTIONS_BUT_GRANTS : ADMIN_ACTIONS).some((a) => coversAction(s, a) === true);
            const grantsCrypto = CRYPTO_ACTIONS.some((a) => coversAction(s, a) === true);
            for (const p of principals) {
                if (grantsAdmin) {
                    admin.add(p);
                }
                if (grantsCrypto) {
                    crypto.add(p);
                }
            }
        }
        for (const p of admin) {
            if (crypto.has(p)) {
                report(`${describe(resource)} lets key administrator ${p} both manage the key and use it for encryption and decryption. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyAdminSeparation,
    doc: {
        checks: "A principal that administers the key (`kms:PutKeyPolicy`, `ScheduleKeyDeletion`, `DisableKey`, `CreateGrant`) doesn't also get `kms:Encrypt`/`Decrypt`/`GenerateDataKey`/`ReEncryptFrom` (account-root delegation exempt). `kms:CreateGrant` under `Bool kms:GrantIsForAWSResource = true` is the key users' grant of the default key policy (AWS services acting for them), not administration.",
        shapes: "`Key.policy`, `KeyPolicy`, `ReplicaKey.policy`, `ExternalKey.policy`, `ReplicaExternalKey.policy`, native `Key.keyPolicy`",
        config: "—",
    },
    compliant: [{ title: "separate administrator and user roles", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/key-admin" }, Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], Resource: "*" },
        { Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
    ] }) }, { title: "a key user who may create grants for AWS resources, as the default key policy allows", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
        { Sid: "UseWithAwsServices", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
    ] }) }],
    violating: [{ title: "one role that administers and decrypts", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "AdminAndUse", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/key-admin" }, Action: ["kms:PutKeyPolicy", "kms:Decrypt"], Resource: "*" },
    ] }) }, { title: "a key user who may create any grant", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "UseAndGrant", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:CreateGrant"], Resource: "*" },
    ] }) }],
});

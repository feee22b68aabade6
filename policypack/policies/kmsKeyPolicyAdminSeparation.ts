import { describe, resourcePolicy } from "./framework";
import { documentStatements, KEY_POLICY_TYPES } from "./documentFacts";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket } from "../fixtures/stacks";
import { cryptoActionsFor, keyRoles } from "./keyRoleFacts";
import { keyUsageOf } from "./keyFacts";

export const KMS_KEY_POLICY_ADMIN_SEPARATION = "kms-key-policy-admin-separation";

const FIX = "give key administrators only management actions (kms:Create*, Describe*, Enable*, List*, Put*, Update*, Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource, ScheduleKeyDeletion, CancelKeyDeletion) and grant kms:Encrypt/Decrypt/GenerateDataKey* in a separate statement to the principals that use the key";

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
        // Per principal, with the pack's IAM evaluation (model/iam.ts): a Deny that takes the cryptographic actions back
        // from an administrator, or a condition that can never hold for it, leaves the separation intact.
        // A key's usage is on the key resource; a separate KeyPolicy is judged as for an encryption key (KMS's default).
        for (const role of keyRoles(documentStatements(resource.type, resource.props), cryptoActionsFor(keyUsageOf(resource.props)))) {
            if (role.manages === true && role.uses === true) {
                report(`${describe(resource)} lets key administrator ${role.principal} both manage the key and use it for encryption and decryption. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyAdminSeparation,
    doc: {
        checks: "No principal the key policy names (account-root delegation and Allows to everyone aside) may both run a management action (`kms:PutKeyPolicy`, `Enable*`/`Disable*` of the key or its rotation, `RotateKeyOnDemand`, `UpdateKeyDescription`, alias and tag changes, `ScheduleKeyDeletion`, `CancelKeyDeletion`, `CreateGrant`, `RevokeGrant`, `ImportKeyMaterial`, `DeleteImportedKeyMaterial`, `ReplicateKey`, `UpdatePrimaryRegion`) and a cryptographic operation (`Encrypt`, `Decrypt`, `ReEncrypt*`, `GenerateDataKey*`, `Sign`, `Verify`, `GenerateMac`, `VerifyMac`, `DeriveSharedSecret`), as IAM evaluates the policy: wildcards and `NotAction` as written, a Deny takes an action back, a condition on the principal's own ARN or account decides. `kms:CreateGrant`/`RevokeGrant` under `Bool kms:GrantIsForAWSResource = true` are the key users' grants of the default key policy (AWS services acting for them), not administration.",
        shapes: "`Key.policy`, `KeyPolicy`, `ReplicaKey.policy`, `ExternalKey.policy`, `ReplicaExternalKey.policy`, native `Key.keyPolicy`",
        config: "—",
    },
    compliant: [{ title: "separate administrator and user roles", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/key-admin" }, Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], Resource: "*" },
        { Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
    ] }) }, { title: "a key user who may create grants for AWS resources, as the default key policy allows", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
        { Sid: "UseWithAwsServices", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
    ] }) }, { title: "an administrator with kms:* whose cryptographic actions a Deny takes back", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/key-admin" }, Action: "kms:*", Resource: "*" },
        { Sid: "NoUseByAdmin", Effect: "Deny", Principal: { AWS: "arn:aws:iam::111111111111:role/key-admin" }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Sign", "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret"], Resource: "*" },
    ] }) }],
    violating: [{ title: "one role that administers and decrypts", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "AdminAndUse", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/key-admin" }, Action: ["kms:PutKeyPolicy", "kms:Decrypt"], Resource: "*" },
    ] }) }, { title: "a key user who may create any grant", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "UseAndGrant", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:CreateGrant"], Resource: "*" },
    ] }) }, { title: "a key user who may also delete the key's imported material (kms:Delete*)", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "UseAndDelete", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: ["kms:Decrypt", "kms:Delete*"], Resource: "*" },
    ] }) }],
});

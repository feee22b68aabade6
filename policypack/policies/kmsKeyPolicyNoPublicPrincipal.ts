import { describe, resourcePolicy } from "./framework";
import { documentStatements, KEY_POLICY_TYPES } from "./documentFacts";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { isPublicGrant } from "./publicGrantFacts";
import { dataBucket } from "../fixtures/stacks";

export const KMS_KEY_POLICY_NO_PUBLIC_PRINCIPAL = "kms-key-policy-no-public-principal";

/**
 * The conditions that pin the caller of a key: its account (kms:CallerAccount, aws:PrincipalAccount) or its
 * organization (aws:PrincipalOrgID), written with a fixing operator (StringEquals, StringEqualsIgnoreCase,
 * StringLike, ArnEquals, ArnLike, each also as ForAnyValue:) and fixed values (model/publicPolicy.ts).
 * Deliberately not S3's longer list: the AWS Key Management Service Developer Guide has no "meaning of
 * public" of its own, and its "AWS KMS condition keys" page gives kms:CallerAccount as the way to confine a
 * key policy statement to the identities of one account; a network or source pin (aws:SourceVpce,
 * aws:SourceArn) says where a request comes from, not whose credentials sign it.
 */
const KMS_PINNING_KEYS: ReadonlySet<string> = new Set(["kms:calleraccount", "aws:principalorgid", "aws:principalaccount"]);
const FIX = "name the principals explicitly (account root, role or user ARNs), or add a condition that pins the caller, e.g. \"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"<account id>\"}} (or aws:PrincipalOrgID / aws:PrincipalAccount)";

export const kmsKeyPolicyNoPublicPrincipal = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_POLICY_NO_PUBLIC_PRINCIPAL,
        description: "KMS key policies don't allow a wildcard principal unless a condition pins the caller (kms:CallerAccount, aws:PrincipalOrgID or aws:PrincipalAccount).",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    KEY_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        const statements = documentStatements(resource.type, resource.props);
        for (const s of statements) {
            if (isPublicGrant(s, KMS_PINNING_KEYS) === true) {
                report(`${describe(resource)} has a key policy statement${s.sid ? ` "${s.sid}"` : ""} that allows ${s.principal === undefined ? "everyone but its NotPrincipal" : "Principal \"*\""} without a kms:CallerAccount, aws:PrincipalOrgID or aws:PrincipalAccount condition, so any AWS account can use the key as far as the key policy goes. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyNoPublicPrincipal,
    doc: {
        checks: "No key policy Allow for `Principal \"*\"` / `{\"AWS\": \"*\"}`, or with `NotPrincipal`, without `kms:CallerAccount`, `aws:PrincipalOrgID` or `aws:PrincipalAccount` pinning the caller: a positive operator (`StringEquals`, `StringEqualsIgnoreCase`, `StringLike`, `ArnEquals`, `ArnLike`, also under `ForAnyValue:`; not `...IfExists`, `ForAllValues:` or a negated one) with values free of wildcards and policy variables.",
        shapes: "`Key.policy`, `KeyPolicy`, `ReplicaKey.policy`, native `Key.keyPolicy`; JSON text or object",
        config: "—",
    },
    compliant: [
        { title: "a key policy delegating to the account root", resources: dataBucket() },
        { title: "Principal \"*\" pinned by kms:CallerAccount", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "ViaS3", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111111111111" } } },
        ] }) },
        { title: "Principal \"*\" pinned by aws:PrincipalAccount with StringEqualsIgnoreCase", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "OwnAccount", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEqualsIgnoreCase: { "aws:PrincipalAccount": "111111111111" } } },
        ] }) },
    ],
    violating: [
        { title: "a key policy allowing everyone to decrypt", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
        ] }) },
        { title: "a kms:CallerAccount pin written with ...IfExists (true for a request without the key)", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "MaybePinned", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEqualsIfExists: { "kms:CallerAccount": "111111111111" } } },
        ] }) },
        { title: "a kms:CallerAccount \"pin\" to a policy variable (every caller's own account)", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "Tautology", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "${aws:PrincipalAccount}" } } },
        ] }) },
    ],
});

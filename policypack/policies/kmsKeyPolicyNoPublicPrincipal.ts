import { isAllow } from "../model/iam";
import { ConditionClause, Statement } from "../model/policyDocument";
import { andTri, everyTri, notTri, someTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { documentStatements, KEY_POLICY_TYPES } from "./documentFacts";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket } from "../fixtures/stacks";

export const KMS_KEY_POLICY_NO_PUBLIC_PRINCIPAL = "kms-key-policy-no-public-principal";

const RESTRICTING_KEYS: ReadonlySet<string> = new Set(["kms:calleraccount", "aws:principalorgid", "aws:principalaccount"]);
const FIX = "name the principals explicitly (account root, role or user ARNs), or add a condition that pins the caller, e.g. \"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"<account id>\"}} (or aws:PrincipalOrgID / aws:PrincipalAccount)";

const RESTRICTING_OPERATORS: ReadonlySet<string> = new Set(["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"]);

/** A condition that confines the caller to named accounts or an organization (no wildcards in the values). */
function restricts(c: ConditionClause): Tri {
    if (!RESTRICTING_KEYS.has(c.key) || !RESTRICTING_OPERATORS.has(c.operator)) {
        return false;
    }
    if (isUnknown(c.values)) {
        return UNKNOWN;
    }
    if (c.values.length === 0) {
        return false;
    }
    return everyTri(c.values, (v) => (isUnknown(v) ? UNKNOWN : v !== "" && !v.includes("*") && !v.includes("?")));
}

/** Everyone, or everyone but the few a NotPrincipal names ("IAM JSON policy elements: NotPrincipal"). */
function grantsEveryone(s: Statement): Tri {
    if (s.principal !== undefined) {
        return s.principal.wildcard;
    }
    return s.notPrincipal !== undefined;
}

export function isPublicGrant(s: Statement): Tri {
    const wildcard = grantsEveryone(s);
    const allow = isAllow(s);
    if (allow === false || wildcard === false) {
        // The answer is false whatever the conditions say; most statements name their principals.
        return false;
    }
    const restricted: Tri = isUnknown(s.conditions) ? UNKNOWN : someTri(s.conditions, restricts);
    return andTri(andTri(allow, wildcard), notTri(restricted));
}

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
            if (isPublicGrant(s) === true) {
                report(`${describe(resource)} has a key policy statement${s.sid ? ` "${s.sid}"` : ""} that allows ${s.principal === undefined ? "everyone but its NotPrincipal" : "Principal \"*\""} without a kms:CallerAccount, aws:PrincipalOrgID or aws:PrincipalAccount condition, so any AWS account can use the key as far as the key policy goes. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyNoPublicPrincipal,
    doc: {
        checks: "No key policy Allow for `Principal \"*\"` / `{\"AWS\": \"*\"}`, or with `NotPrincipal`, without `kms:CallerAccount`, `aws:PrincipalOrgID` or `aws:PrincipalAccount` (positive operator, no wildcard values).",
        shapes: "`Key.policy`, `KeyPolicy`, `ReplicaKey.policy`, native `Key.keyPolicy`; JSON text or object",
        config: "—",
    },
    compliant: [
        { title: "a key policy delegating to the account root", resources: dataBucket() },
        { title: "Principal \"*\" pinned by kms:CallerAccount", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "ViaS3", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111111111111" } } },
        ] }) },
    ],
    violating: [{ title: "a key policy allowing everyone to decrypt", resources: dataBucket(undefined, { keyStatements: [
        { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
    ] }) }],
});

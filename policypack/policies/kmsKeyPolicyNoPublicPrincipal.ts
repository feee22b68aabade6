import { describe, resourcePolicy } from "./framework";
import { documentOf, documentProperty, KEY_POLICY_TYPES } from "./documentFacts";
import { ConditionClause, InvalidPolicyDocument } from "../model/policyDocument";
import { fixingOperator } from "../model/publicPolicy";
import { everyTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { isPublicGrant } from "./publicGrantFacts";
import { dataBucket, withInputs } from "../fixtures/stacks";
import { jsonOf } from "../fixtures/format";

export const KMS_KEY_POLICY_NO_PUBLIC_PRINCIPAL = "kms-key-policy-no-public-principal";

/**
 * The conditions that pin the caller of a key: its account (kms:CallerAccount, aws:PrincipalAccount), its
 * organization (aws:PrincipalOrgID) or the principal itself (aws:PrincipalArn), written with a fixing operator
 * (StringEquals, StringEqualsIgnoreCase, StringLike, ArnEquals, ArnLike, each also as ForAnyValue:) and fixed
 * values (model/publicPolicy.ts). Deliberately not S3's longer list: the AWS Key Management Service Developer
 * Guide has no "meaning of public" of its own, and its "AWS KMS condition keys" page gives kms:CallerAccount as
 * the way to confine a key policy statement to the identities of one account; a network or source pin
 * (aws:SourceVpce, aws:SourceArn) says where a request comes from, not whose credentials sign it. aws:PrincipalArn
 * does say whose: it is the ARN of the principal that signed the request, of the role for an assumed-role session
 * (IAM User Guide, "AWS global condition context keys"), so `Principal "*"` with a fixed aws:PrincipalArn is a
 * grant to that principal, the usual way to name a role that may not exist yet or is recreated. Patterns on
 * aws:PrincipalArn and aws:PrincipalOrgPaths that still fix the account or organization pin too (below).
 */
const KMS_PINNING_KEYS: ReadonlySet<string> = new Set(["kms:calleraccount", "aws:principalorgid", "aws:principalaccount", "aws:principalarn"]);

const PRINCIPAL_ARN = "aws:principalarn";
const PRINCIPAL_ORG_PATHS = "aws:principalorgpaths";
const ARN_PATTERN_OPERATORS: ReadonlySet<string> = new Set(["StringLike", "ArnLike", "ArnEquals"]);
const PATH_PATTERN_OPERATORS: ReadonlySet<string> = new Set(["StringLike", "StringEquals"]);

/** The literal start of a pattern, up to its first wildcard; undefined when it holds a policy variable. */
function literalPrefix(value: string): string | undefined {
    if (value.includes("${")) {
        return undefined;
    }
    const wildcard = value.search(/[*?]/);
    return wildcard < 0 ? value : value.slice(0, wildcard);
}

/**
 * An aws:PrincipalArn pattern whose account is written out (`arn:aws:iam::111122223333:role/aws-reserved/
 * sso.amazonaws.com/*\/AWSReservedSSO_Admin_*`, the IAM Identity Center roles whose names end in a random
 * suffix) pins the caller's account as kms:CallerAccount does: everything before the first wildcard is literal,
 * and it reaches past the account field, so every ARN it matches is a principal of that account. A wildcard in
 * or before the account (`arn:aws:iam::*:role/admin`) or a policy variable pins nothing.
 */
function pinsPrincipalArnAccount(prefix: string): boolean {
    // arn:<partition>:<service>:<region>:<account>:… — the account is the fifth field, complete when a colon follows it.
    const fields = prefix.split(":");
    return fields.length >= 6 && fields[0] === "arn" && /^\d{12}$/.test(fields[4]);
}

/**
 * An aws:PrincipalOrgPaths pattern that starts with a written-out organization id (`o-a1b2c3d4e5/r-ab12/ou-ab12-
 * 11111111/*`, the IAM User Guide's "AWS global condition context keys" example, under ForAnyValue:StringLike) pins
 * the caller to that organization, or to an organizational unit of it: narrower than aws:PrincipalOrgID.
 */
function pinsOrgPath(prefix: string): boolean {
    return /^o-[a-z0-9]{10,32}\//.test(prefix);
}

/** A pattern on aws:PrincipalArn or aws:PrincipalOrgPaths that still fixes the caller's account or organization. */
function pinsCallerByPattern(c: ConditionClause): Tri {
    const operator = fixingOperator(c.operator);
    const pins = c.key === PRINCIPAL_ARN && operator !== undefined && ARN_PATTERN_OPERATORS.has(operator) ? pinsPrincipalArnAccount
        : c.key === PRINCIPAL_ORG_PATHS && operator !== undefined && PATH_PATTERN_OPERATORS.has(operator) ? pinsOrgPath
            : undefined;
    if (pins === undefined) {
        return false;
    }
    if (isUnknown(c.values)) {
        return UNKNOWN;
    }
    if (c.values.length === 0) {
        return false;
    }
    return everyTri(c.values, (v) => {
        if (isUnknown(v)) {
            return UNKNOWN;
        }
        const prefix = literalPrefix(v);
        return prefix !== undefined && pins(prefix);
    });
}
const ROOT_STATEMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EnableRootAccess\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::<account>:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
const FIX = "name the principals explicitly (account root, role or user ARNs), or add a condition that pins the caller, e.g. \"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"<account id>\"}} (or aws:PrincipalOrgID / aws:PrincipalOrgPaths / aws:PrincipalAccount / aws:PrincipalArn)";

export const kmsKeyPolicyNoPublicPrincipal = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_POLICY_NO_PUBLIC_PRINCIPAL,
        description: "KMS key policies don't allow a wildcard principal unless a condition pins the caller (kms:CallerAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn).",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    KEY_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        const document = documentOf(resource.type, resource.props);
        if (document instanceof InvalidPolicyDocument) {
            // The one key policy check that reads every document says so (KMS refuses it: MalformedPolicyDocumentException).
            report(`${describe(resource)} has a ${documentProperty(resource.type)} that is not a key policy document: ${document.message}, so KMS refuses it. Fix: write the key policy as a JSON object with a "Statement" list of statement objects, e.g. ${ROOT_STATEMENT}`);
            return;
        }
        if (document === undefined || isUnknown(document)) {
            return;
        }
        for (const s of document) {
            if (isPublicGrant(s, KMS_PINNING_KEYS, pinsCallerByPattern) === true) {
                report(`${describe(resource)} has a key policy statement${s.sid ? ` "${s.sid}"` : ""} that allows ${s.principal === undefined ? "everyone but its NotPrincipal" : "Principal \"*\""} without a kms:CallerAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount or aws:PrincipalArn condition, so any AWS account can use the key as far as the key policy goes. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyNoPublicPrincipal,
    doc: {
        checks: "The key policy is a policy document (JSON object, statements that are objects: KMS refuses anything else). No key policy Allow for `Principal \"*\"` / `{\"AWS\": \"*\"}`, or with `NotPrincipal`, without `kms:CallerAccount`, `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:PrincipalArn` pinning the caller: a positive operator (`StringEquals`, `StringEqualsIgnoreCase`, `StringLike`, `ArnEquals`, `ArnLike`, also under `ForAnyValue:`; not `...IfExists`, `ForAllValues:` or a negated one) with values free of wildcards and policy variables; an `aws:PrincipalArn` pattern (`StringLike`/`ArnLike`/`ArnEquals`) pins too when the account is written out before its first wildcard (`arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/*`), and an `aws:PrincipalOrgPaths` pattern (`StringLike`/`StringEquals`, also under `ForAnyValue:`) when it starts with an organization id (`o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`).",
        shapes: "`Key.policy`, `KeyPolicy`, `ReplicaKey.policy`, `ExternalKey.policy`, `ReplicaExternalKey.policy`, native `Key.keyPolicy`; JSON text or object",
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
        { title: "Principal \"*\" pinned to one role by aws:PrincipalArn (a role that may be recreated)", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "AppRole", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/app" } } },
        ] }) },
        { title: "Principal \"*\" pinned to an organizational unit by an aws:PrincipalOrgPaths pattern", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "OrgUnit", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"] } } },
        ] }) },
        { title: "Principal \"*\" pinned to the IAM Identity Center roles of one account by an aws:PrincipalArn pattern", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "SsoAdmins", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*" } } },
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
        { title: "an aws:PrincipalOrgPaths pattern that leaves the organization open", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "AnyOrgUnit", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*/ou-ab12-11111111/*" } } },
        ] }) },
        { title: "an aws:PrincipalArn pattern that leaves the account open", resources: dataBucket(undefined, { keyStatements: [
            { Sid: "AnyAccountAdmin", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } } },
        ] }) },
        // A key with imported key material carries its own inline policy, as an aws.kms.Key does.
        { title: "an ExternalKey whose inline policy allows everyone to decrypt", resources: [{
            type: "aws:kms/externalKey:ExternalKey", name: "imported-key",
            inputs: { keyMaterialBase64: "[secret]", policy: jsonOf({ Version: "2012-10-17", Statement: [
                { Sid: "EnableRootAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
            ] }) },
        }] },
        { title: "a key policy that is not JSON", resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: "{\"Version\": \"2012-10-17\", \"Statement\": [" })) },
        { title: "a key policy whose statements are not objects", resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: ["kms:*"] }) })) },
    ],
});

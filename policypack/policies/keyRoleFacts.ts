// Who a key policy makes an administrator of the key, and who it lets use the key, principal by principal: the
// question behind kms-key-policy-admin-separation. Asked with the pack's own IAM evaluation (`allows`), so a Deny
// that takes an action back, a condition that can't hold for the principal, NotAction and every action wildcard
// count as IAM counts them ("Policy evaluation logic"), and the whole action sets are asked, not a sample.
//
// Scope: the grants the key policy makes to principals it names. Delegation to the account root (IAM policies
// decide then) is exempt, as the key administrators' own statement in AWS KMS Developer Guide, "Default key
// policy", sits next to it; an Allow to everyone is kms-key-policy-no-public-principal's question (and the form
// of "all principals in the account through S3"), so it names no administrator here.
import { isAccountRootPrincipal } from "../model/arn";
import { allows, isAllow, withRoleSession } from "../model/iam";
import { Maybe, Statement } from "../model/policyDocument";
import { orTri, Tri } from "../model/tri";
import { isUnknown } from "../model/values";

/**
 * Actions that change the key, its policy, its grants, its aliases, tags, state or key material (AWS KMS Developer
 * Guide, "Default key policy", "Allows key administrators to administer the KMS key", and "AWS KMS permissions"):
 * read-only ones (DescribeKey, Get*, List*) are left out, since the default key policy gives key users DescribeKey.
 */
export const KEY_MANAGEMENT_ACTIONS: readonly string[] = [
    "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:RotateKeyOnDemand", "kms:EnableKey", "kms:DisableKey",
    "kms:UpdateKeyDescription", "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias", "kms:TagResource", "kms:UntagResource",
    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:CreateGrant", "kms:RevokeGrant", "kms:ImportKeyMaterial",
    "kms:DeleteImportedKeyMaterial", "kms:ReplicateKey", "kms:UpdatePrimaryRegion",
];

/**
 * The cryptographic operations a key of each usage can run (AWS KMS Developer Guide, "AWS KMS concepts", Cryptographic
 * operations, and "Key usage": a symmetric encryption key encrypts and generates data keys; signing, MAC and key
 * agreement keys each run their own; GenerateRandom uses no key). Asking only the usage's own operations keeps the
 * common administrator statement "NotAction: Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*" compliant on an
 * encryption key, where kms:Sign or kms:GenerateMac can only fail.
 */
const CRYPTO_BY_USAGE: Readonly<Record<string, readonly string[]>> = {
    ENCRYPT_DECRYPT: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext"],
    SIGN_VERIFY: ["kms:Sign", "kms:Verify"],
    GENERATE_VERIFY_MAC: ["kms:GenerateMac", "kms:VerifyMac"],
    KEY_AGREEMENT: ["kms:DeriveSharedSecret"],
};

/** Every cryptographic operation on a key, whatever its usage. */
export const KEY_CRYPTO_ACTIONS: readonly string[] = Object.values(CRYPTO_BY_USAGE).flat();

/**
 * The operations asked of a key of `usage`: its own for a usage KMS defines, ENCRYPT_DECRYPT when none is declared
 * (KMS's default, and the only usage S3 SSE-KMS accepts), all of them while the usage can't be read yet.
 */
export function cryptoActionsFor(usage: Maybe<string> | undefined): readonly string[] {
    if (usage === undefined) {
        return CRYPTO_BY_USAGE["ENCRYPT_DECRYPT"];
    }
    return isUnknown(usage) ? KEY_CRYPTO_ACTIONS : CRYPTO_BY_USAGE[usage] ?? KEY_CRYPTO_ACTIONS;
}

/**
 * Grant actions the default key policy gives key users for AWS resources only (`Bool kms:GrantIsForAWSResource =
 * true`, "Allows key users to use the KMS key with AWS services"): a grant an integrated service makes for them is
 * use, not administration, so for these the question is a grant that is not for an AWS resource.
 */
const GRANT_ACTIONS: ReadonlySet<string> = new Set(["kms:creategrant", "kms:revokegrant"]);

function grantsOnlyForAwsResources(s: Statement): boolean {
    return !isUnknown(s.conditions) && s.conditions.some((c) =>
        c.operator.toLowerCase() === "bool" && c.key === "kms:grantisforawsresource" && !isUnknown(c.values) && c.values.length > 0
        && c.values.every((v) => typeof v === "string" && v.toLowerCase() === "true"));
}

/** A principal entry the key policy names: not everyone, not an account root (delegation), known. */
function namedEntry(p: unknown): p is string {
    return typeof p === "string" && p !== "*" && !isAccountRootPrincipal(p);
}

/**
 * The statements as grants to named principals: every Deny as written (it takes access away from whoever it
 * matches), each Allow with only its named entries (no wildcard, no account root), an Allow to everyone or with
 * NotPrincipal dropped.
 */
function namedGrants(statements: readonly Statement[]): Statement[] {
    const out: Statement[] = [];
    for (const s of statements) {
        const allow = isAllow(s);
        if (allow !== true) {
            out.push(s);
            continue;
        }
        if (s.principal === undefined || s.principal.wildcard === true) {
            continue;
        }
        const aws = s.principal.aws.filter((p) => isUnknown(p) || namedEntry(p));
        if (aws.length > 0) {
            out.push({ ...s, principal: { ...s.principal, wildcard: false, aws } });
        }
    }
    return out;
}

/** The principals named in an Allow of the document, in the order they first appear. */
export function namedKeyPrincipals(statements: readonly Statement[]): string[] {
    const seen = new Set<string>();
    for (const s of statements) {
        if (isAllow(s) === true && s.principal !== undefined && s.principal.wildcard !== true) {
            for (const p of s.principal.aws) {
                if (namedEntry(p)) {
                    seen.add(p);
                }
            }
        }
    }
    return [...seen];
}

export interface KeyRole {
    principal: string;
    /** The key policy lets it run a management action (for some request its conditions can't rule out). */
    manages: Tri;
    /** The key policy lets it run a cryptographic operation of the key's usage. */
    uses: Tri;
}

function accountOf(principal: string): string | undefined {
    const account = principal.split(":")[4];
    return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

function anyAllowed(statements: Statement[], actions: readonly string[], principal: string): Tri {
    const account = accountOf(principal);
    const who = { arn: principal, account, referencedByDocument: false };
    // The principal's own request keys (aws:PrincipalArn, aws:PrincipalAccount, kms:CallerAccount), so a condition
    // on them decides; every other condition is trusted on an Allow, as for a request that meets it.
    const context = withRoleSession(new Map(), principal, account);
    let result: Tri = false;
    for (const action of actions) {
        result = orTri(result, allows(statements, action, "*", who, context));
        if (result === true) {
            return true;
        }
    }
    return result;
}

/** Each named principal's management and cryptographic rights under the key policy. */
export function keyRoles(statements: readonly Statement[], cryptoActions: readonly string[] = cryptoActionsFor(undefined)): KeyRole[] {
    const grants = namedGrants(statements);
    const managementGrants = grants.filter((s) => isAllow(s) !== true || !grantsOnlyForAwsResources(s));
    const management = KEY_MANAGEMENT_ACTIONS.filter((a) => !GRANT_ACTIONS.has(a.toLowerCase()));
    const grantActions = KEY_MANAGEMENT_ACTIONS.filter((a) => GRANT_ACTIONS.has(a.toLowerCase()));
    return namedKeyPrincipals(statements).map((principal) => ({
        principal,
        manages: orTri(anyAllowed(grants, management, principal), anyAllowed(managementGrants, grantActions, principal)),
        uses: anyAllowed(grants, cryptoActions, principal),
    }));
}

// IAM role names, paths and trust policies. IAM API Reference, "CreateRole", section "Request
// Parameters" (RoleName: 1-64 of [\w+=,.@-]; Path: 1-512, "/" or "/.../" of printable ASCII; the
// trust policy is a resource policy that must name a principal and has no Resource element);
// IAM User Guide, "IAM JSON policy elements: Principal" and "Role trust policies".
import { AwsRuleViolation, violation } from "./violation";

const CREATE_ROLE = "IAM API Reference, \"CreateRole\", section \"Request Parameters\"";
const CREATE_ROLE_ERRORS = "IAM API Reference, \"CreateRole\": RoleName (\"Role names are not distinguished by case\") and section \"Errors\" (EntityAlreadyExists)";
const TRUST_POLICY = "IAM User Guide, \"IAM JSON policy elements: Principal\" (role trust policies)";

export function roleNameViolation(name: string): AwsRuleViolation | undefined {
    if (/^[\w+=,.@-]{1,64}$/.test(name)) {
        return undefined;
    }
    const rule = name.length > 64 ? `is ${name.length} characters long; IAM role names have at most 64` : "must be 1-64 letters, digits or +=,.@_-";
    return violation("ValidationError", `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint`, rule, CREATE_ROLE);
}

export function rolePathViolation(path: string): AwsRuleViolation | undefined {
    if (path.length <= 512 && /^(?:\/|\/[\u0021-\u007e]+\/)$/.test(path)) {
        return undefined;
    }
    return violation(
        "ValidationError",
        `1 validation error detected: Value '${path}' at 'path' failed to satisfy constraint`,
        "must be / or begin and end with / (printable ASCII between), at most 512 characters",
        CREATE_ROLE,
    );
}

function statements(document: unknown): unknown[] | undefined {
    if (document === null || typeof document !== "object") return undefined;
    const s = (document as Record<string, unknown>)["Statement"];
    return Array.isArray(s) ? s : s !== null && typeof s === "object" ? [s] : undefined;
}

/** A trust policy must parse, have statements, name a Principal in each, and carry no Resource. */
export function trustPolicyViolation(json: string): AwsRuleViolation | undefined {
    const malformed = (rule: string, message: string) => violation("MalformedPolicyDocument", message, rule, TRUST_POLICY);
    let document: unknown;
    try {
        document = JSON.parse(json);
    } catch {
        return malformed("is not valid JSON", "This policy contains invalid Json");
    }
    const list = statements(document);
    if (list === undefined || list.length === 0) {
        return malformed("has no Statement", "Syntax errors in policy.");
    }
    for (const statement of list) {
        const s = (statement ?? {}) as Record<string, unknown>;
        if (s["Resource"] !== undefined || s["NotResource"] !== undefined) {
            return malformed("has a Resource element, which trust policies do not take", "Has prohibited field Resource");
        }
        if (s["Principal"] === undefined && s["NotPrincipal"] === undefined) {
            return malformed("has a statement without a Principal", "AssumeRolepolicy contained an invalid principal: missing Principal.");
        }
    }
    return undefined;
}

/** A role of that name, whatever its case, already exists in the account. */
export function roleAlreadyExists(name: string): AwsRuleViolation {
    return violation(
        "EntityAlreadyExists",
        `Role with name ${name} already exists.`,
        "is already the name of a role of this account (role names are unique in an account, whatever their case)",
        CREATE_ROLE_ERRORS,
    );
}

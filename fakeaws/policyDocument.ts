// `aws.iam.getPolicyDocument` as the provider computes it (Pulumi Registry, "aws.iam.getPolicyDocument"):
// the source documents first, then the statements, then the override documents; a statement with a non-blank
// `sid` replaces the statement of the same sid that came before it, in place, and any other statement is added
// at the end. Source documents must not repeat a sid, nor may the statements; both are errors of the function.
type Args = Record<string, unknown>;
type JsonStatement = Record<string, unknown>;

interface PolicyDocumentStatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

/** The provider collapses one-element lists to a string, as AWS prints them. */
function oneOrMany(values: string[]): string | string[] {
    return values.length === 1 ? values[0] : [...values];
}

function principalBlock(principals: { type: string; identifiers: string[] }[]): unknown {
    if (principals.length === 1 && principals[0].type === "*") {
        return "*";
    }
    const block: Record<string, string | string[]> = {};
    for (const p of principals) {
        const existing = block[p.type];
        const merged = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), ...p.identifiers];
        block[p.type] = oneOrMany(merged);
    }
    return block;
}

function statementOf(s: PolicyDocumentStatementArgs): JsonStatement {
    if (s.effect !== undefined && s.effect !== "Allow" && s.effect !== "Deny") {
        // The provider validates a statement's effect before it builds anything.
        throw new Error(`aws.iam.getPolicyDocument: expected statements.effect to be one of ["Allow" "Deny"], got ${s.effect}`);
    }
    const out: JsonStatement = {};
    if (s.sid !== undefined && s.sid !== "") out["Sid"] = s.sid;
    out["Effect"] = s.effect ?? "Allow";
    if (s.actions?.length) out["Action"] = oneOrMany(s.actions);
    if (s.notActions?.length) out["NotAction"] = oneOrMany(s.notActions);
    if (s.resources?.length) out["Resource"] = oneOrMany(s.resources);
    if (s.notResources?.length) out["NotResource"] = oneOrMany(s.notResources);
    if (s.principals?.length) out["Principal"] = principalBlock(s.principals);
    if (s.notPrincipals?.length) out["NotPrincipal"] = principalBlock(s.notPrincipals);
    if (s.conditions?.length) {
        const condition: Record<string, Record<string, string | string[]>> = {};
        for (const c of s.conditions) {
            condition[c.test] = { ...(condition[c.test] ?? {}), [c.variable]: oneOrMany(c.values) };
        }
        out["Condition"] = condition;
    }
    return out;
}

function sidOf(statement: JsonStatement): string | undefined {
    const sid = statement["Sid"];
    return typeof sid === "string" && sid !== "" ? sid : undefined;
}

/** The statements of a JSON policy document given to the function (a single statement object counts as a list of one). */
function statementsOfJson(json: unknown, field: string): JsonStatement[] {
    let doc: unknown;
    try {
        doc = typeof json === "string" ? JSON.parse(json) : undefined;
    } catch {
        throw new Error(`aws.iam.getPolicyDocument: ${field} holds a document that is not valid JSON`);
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
        throw new Error(`aws.iam.getPolicyDocument: ${field} holds a value that is not a JSON policy document`);
    }
    const statement = (doc as { Statement?: unknown }).Statement;
    const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
    return list.filter((s): s is JsonStatement => s !== null && typeof s === "object" && !Array.isArray(s));
}

/** Adds `extra` after `base`: a statement whose sid is already there replaces it where it stands. */
function merge(base: JsonStatement[], extra: readonly JsonStatement[]): JsonStatement[] {
    const out = [...base];
    for (const statement of extra) {
        const sid = sidOf(statement);
        const at = sid === undefined ? -1 : out.findIndex((s) => sidOf(s) === sid);
        if (at >= 0) {
            out[at] = statement;
        } else {
            out.push(statement);
        }
    }
    return out;
}

function refuseRepeatedSids(statements: readonly JsonStatement[], field: string): void {
    const seen = new Set<string>();
    for (const statement of statements) {
        const sid = sidOf(statement);
        if (sid === undefined) {
            continue;
        }
        if (seen.has(sid)) {
            throw new Error(`aws.iam.getPolicyDocument: found duplicate sid (${sid}) in ${field}; sids must be unique there`);
        }
        seen.add(sid);
    }
}

function documentsOf(args: Args, field: string): unknown[] {
    const value = args[field];
    return Array.isArray(value) ? value : [];
}

export function policyDocument(args: Args): Record<string, unknown> {
    const sources = documentsOf(args, "sourcePolicyDocuments").flatMap((json) => statementsOfJson(json, "sourcePolicyDocuments"));
    refuseRepeatedSids(sources, "sourcePolicyDocuments");
    const own = (Array.isArray(args["statements"]) ? (args["statements"] as PolicyDocumentStatementArgs[]) : []).map(statementOf);
    refuseRepeatedSids(own, "statements");
    let statements = merge(sources, own);
    for (const json of documentsOf(args, "overridePolicyDocuments")) {
        statements = merge(statements, statementsOfJson(json, "overridePolicyDocuments"));
    }
    const doc: Record<string, unknown> = { Version: typeof args["version"] === "string" ? args["version"] : "2012-10-17" };
    if (typeof args["policyId"] === "string") {
        doc["Id"] = args["policyId"];
    }
    doc["Statement"] = statements;
    const json = JSON.stringify(doc, null, 2);
    return { ...args, json, minifiedJson: JSON.stringify(doc), id: String(json.length) };
}

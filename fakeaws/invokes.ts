// Answers to the provider functions (invokes) the program may call, as the real provider shapes them.
import { AwsContext, regionOf } from "./context";
import { describeExistingKey } from "./kmsGetKey";

type Args = Record<string, unknown>;

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

function statementOf(s: PolicyDocumentStatementArgs): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (s.sid !== undefined) out["Sid"] = s.sid;
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

function sourceStatements(args: Args): unknown[] {
    const sources = args["sourcePolicyDocuments"];
    if (!Array.isArray(sources)) {
        return [];
    }
    return sources.flatMap((json) => {
        const doc = typeof json === "string" ? (JSON.parse(json) as { Statement?: unknown }) : {};
        return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
    });
}

function policyDocument(args: Args): Record<string, unknown> {
    const statements = Array.isArray(args["statements"]) ? (args["statements"] as PolicyDocumentStatementArgs[]) : [];
    const doc: Record<string, unknown> = { Version: typeof args["version"] === "string" ? args["version"] : "2012-10-17" };
    if (typeof args["policyId"] === "string") {
        doc["Id"] = args["policyId"];
    }
    doc["Statement"] = [...sourceStatements(args), ...statements.map(statementOf)];
    const json = JSON.stringify(doc, null, 2);
    return { ...args, json, minifiedJson: JSON.stringify(doc), id: String(json.length) };
}

/** Answers `token` for a caller in `ctx`; unknown tokens echo their arguments (Pulumi mocks' default). */
export function fakeInvoke(token: string, args: Record<string, unknown>, ctx: AwsContext): Record<string, unknown> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: ctx.accountId,
                arn: `arn:aws:sts::${ctx.accountId}:assumed-role/fakeaws/fakeaws`,
                userId: "AROAFAKEAWSFAKEAWS000:fakeaws",
                id: ctx.accountId,
            };
        case "aws:index/getRegion:getRegion": {
            const region = typeof args["name"] === "string" ? args["name"] : regionOf(args, ctx);
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        }
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", id: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(args);
        case "aws:kms/getKey:getKey": return describeExistingKey(args, ctx);
        default:
            return { ...args };
    }
}

// IAM policy documents (bucket, key, role policies) parsed from a JSON string or an object input whose
// leaves may be unknown. A JSON string is all-or-nothing: if any part depended on an unknown output the
// engine sends the whole string as unknown.
import { lowerCaseCached } from "./lowerCase";
import { asObject, asString, isUnknown, items, Unknown, UNKNOWN, Value, ValueObject } from "./values";

export type Maybe<T> = T | Unknown;

export interface ConditionClause {
    /** e.g. `StringNotEquals`, `ForAnyValue:StringLike`, `Null`, `Bool`. */
    operator: string;
    /** condition key, lower-cased (IAM condition keys are case-insensitive). */
    key: string;
    values: Maybe<string>[] | Unknown;
}

export interface PrincipalSet {
    /** `"*"` or `{"AWS": "*"}`. */
    wildcard: Maybe<boolean>;
    aws: Maybe<string>[];
    service: Maybe<string>[];
    /** The principal block itself (or a part of it) is unknown. */
    unknown: boolean;
}

export interface Statement {
    sid?: string;
    effect: Maybe<string>;
    principal?: PrincipalSet;
    notPrincipal?: PrincipalSet;
    actions?: Maybe<string>[] | Unknown;
    notActions?: Maybe<string>[] | Unknown;
    resources?: Maybe<string>[] | Unknown;
    notResources?: Maybe<string>[] | Unknown;
    conditions: ConditionClause[] | Unknown;
}

/** Statements, `UNKNOWN` when the document can't be read during preview, `undefined` when absent. */
export type ParsedPolicy = Statement[] | Unknown | undefined;

export class InvalidPolicyDocument extends Error {}

// Parsed documents are shared read-only (see the parse cache below), so the commonest shapes are
// shared too: fewer objects per statement means less for the young-generation GC to copy on big
// stacks. Not frozen: frozen arrays take other V8 element kinds and slow every check that reads them.
const NO_CONDITIONS: ConditionClause[] = [];
const EVERYONE: PrincipalSet = { wildcard: true, aws: ["*"], service: [], unknown: false };
const SOMEONE: PrincipalSet = { wildcard: UNKNOWN, aws: [UNKNOWN], service: [], unknown: true };

/**
 * A statement that can't be read yet (an unknown statement, or a whole document that is unknown in preview
 * next to known ones): it may allow or deny anything, to anyone.
 */
export const UNKNOWN_STATEMENT: Statement = {
    effect: UNKNOWN, principal: SOMEONE, actions: UNKNOWN, resources: UNKNOWN, conditions: UNKNOWN,
};

// A stack repeats the same single values in every document (`"Action": "s3:*"`, `"aws:SecureTransport": "false"`):
// their one-element lists, and the condition clauses made of them, are shared instead of allocated per
// statement. Parsed documents live until the stack policies have run, and each object they keep is copied by
// every young-generation GC it survives. Bounded, so a stack of unique values can't grow them without limit.
const INTERN_LIMIT = 20000;
const singleLists = new Map<string, string[]>();

function singleList(value: string): string[] {
    let list = singleLists.get(value);
    if (list === undefined) {
        list = [value];
        if (singleLists.size < INTERN_LIMIT) {
            singleLists.set(value, list);
        }
    }
    return list;
}

/**
 * `items(v)` as strings, in one allocation (a single value is a one-element list). `shared`: the single value is
 * one of the few a stack repeats (actions, condition values), not an ARN naming one resource.
 */
function stringList(v: Value | undefined, shared = false): Maybe<string>[] | Unknown | undefined {
    if (v === undefined || v === null) {
        return undefined;
    }
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (!Array.isArray(v)) {
        return shared && typeof v === "string" ? singleList(v) : [scalarText(v)];
    }
    // Most lists are already plain known strings: share them (statements are read-only) instead of copying.
    let plain = true;
    for (let i = 0; i < v.length && plain; i++) {
        const x = v[i];
        plain = typeof x === "string" && !isUnknown(x);
    }
    if (plain) {
        return v as string[];
    }
    const out: Maybe<string>[] = new Array<Maybe<string>>(v.length);
    for (let i = 0; i < v.length; i++) {
        const x = v[i];
        out[i] = isUnknown(x) ? UNKNOWN : scalarText(x);
    }
    return out;
}

/**
 * The text of one element of a string-or-list element (Action, Resource, a principal, a condition value). The grammar
 * allows strings there, and numbers or booleans as condition values ("Grammar of the IAM JSON policy language");
 * IAM refuses an object or a nested list, and converting one would throw for an object whose own `toString` is
 * data (`{"toString": 1}`), or make `[["s3:*"]]` read as `s3:*`.
 */
function scalarText(v: Value): string {
    if (v !== null && typeof v === "object") {
        throw new InvalidPolicyDocument("a list element or a value is an object or a nested list, not a string");
    }
    return String(v);
}

// Clauses with one known string value, by operator, then key as written, then value; and each such clause's
// one-element condition list (a statement with a single condition, the commonest shape).
const singleClauses = new Map<string, Map<string, Map<string, ConditionClause>>>();
const clauseLists = new WeakMap<ConditionClause, ConditionClause[]>();
let singleClauseCount = 0;

function clauseOf(operator: string, key: string, raw: Value | undefined): ConditionClause {
    if (typeof raw !== "string" || isUnknown(raw)) {
        return { operator, key: lowerCaseCached(key), values: stringList(raw) ?? [] };
    }
    let byKey = singleClauses.get(operator);
    if (byKey === undefined) {
        byKey = new Map();
        singleClauses.set(operator, byKey);
    }
    let byValue = byKey.get(key);
    if (byValue === undefined) {
        byValue = new Map();
        byKey.set(key, byValue);
    }
    let clause = byValue.get(raw);
    if (clause === undefined) {
        clause = { operator, key: lowerCaseCached(key), values: singleList(raw) };
        if (singleClauseCount < INTERN_LIMIT) {
            singleClauseCount++;
            byValue.set(raw, clause);
        }
    }
    return clause;
}

function onlyClause(clause: ConditionClause): ConditionClause[] {
    let list = clauseLists.get(clause);
    if (list === undefined) {
        list = [clause];
        clauseLists.set(clause, list);
    }
    return list;
}

// A principal block naming one AWS or one Service principal (`{"AWS": "arn:aws:iam::111111111111:root"}`,
// `{"Service": "logging.s3.amazonaws.com"}`) recurs across a stack's documents: its set is built once per value
// and shared, as the single values above are, instead of three objects per statement kept for the whole run.
const awsPrincipals = new Map<string, PrincipalSet>();
const servicePrincipals = new Map<string, PrincipalSet>();
const NO_PRINCIPALS: Maybe<string>[] = [];

function onePrincipal(shared: Map<string, PrincipalSet>, value: string, aws: boolean): PrincipalSet {
    let set = shared.get(value);
    if (set === undefined) {
        set = aws ? principalSet(value, undefined) : principalSet(undefined, value);
        if (shared.size < INTERN_LIMIT) {
            shared.set(value, set);
        }
    }
    return set;
}

function parsePrincipal(v: Value | undefined): PrincipalSet | undefined {
    if (v === undefined || v === null) {
        return undefined;
    }
    if (isUnknown(v)) {
        return { wildcard: UNKNOWN, aws: [], service: [], unknown: true };
    }
    if (v === "*") {
        return EVERYONE;
    }
    const obj = asObject(v);
    if (obj === undefined) {
        return { wildcard: false, aws: [], service: [], unknown: false };
    }
    if (isUnknown(obj)) {
        return { wildcard: UNKNOWN, aws: [], service: [], unknown: true };
    }
    const aws = obj["AWS"];
    const service = obj["Service"];
    // Only AWS and Service are read (a Federated or CanonicalUser principal counts as neither).
    if (typeof aws === "string" && (service === undefined || service === null)) {
        return onePrincipal(awsPrincipals, aws, true);
    }
    if (typeof service === "string" && (aws === undefined || aws === null)) {
        return onePrincipal(servicePrincipals, service, false);
    }
    return principalSet(aws, service);
}

function principalSet(rawAws: Value | undefined, rawService: Value | undefined): PrincipalSet {
    const aws = stringList(rawAws);
    const service = stringList(rawService);
    const awsList = isUnknown(aws) ? [UNKNOWN] : aws ?? NO_PRINCIPALS;
    const serviceList = isUnknown(service) ? [UNKNOWN] : service ?? NO_PRINCIPALS;
    const unknown = awsList.some(isUnknown) || serviceList.some(isUnknown);
    const wildcard: Maybe<boolean> = awsList.includes("*") ? true : unknown ? UNKNOWN : false;
    return { wildcard, aws: awsList, service: serviceList, unknown };
}

function parseConditions(v: Value | undefined): ConditionClause[] | Unknown {
    const block = asObject(v);
    if (block === undefined) {
        return NO_CONDITIONS;
    }
    if (isUnknown(block)) {
        return UNKNOWN;
    }
    const out: ConditionClause[] = [];
    for (const operator of Object.keys(block)) {
        const keys = asObject(block[operator]);
        if (keys === undefined) {
            continue;
        }
        if (isUnknown(keys)) {
            return UNKNOWN;
        }
        for (const key of Object.keys(keys)) {
            out.push(clauseOf(operator, key, keys[key]));
        }
    }
    return out.length === 1 ? onlyClause(out[0]) : out;
}

function parseStatement(v: Value): Statement | Unknown {
    const s = asObject(v);
    if (s === undefined) {
        throw new InvalidPolicyDocument("a statement is not an object");
    }
    if (isUnknown(s)) {
        return UNKNOWN;
    }
    const sid = asString(s["Sid"]);
    const effect = asString(s["Effect"]);
    return {
        sid: typeof sid === "string" ? sid : undefined,
        effect: effect ?? "",
        principal: parsePrincipal(s["Principal"]),
        notPrincipal: parsePrincipal(s["NotPrincipal"]),
        actions: stringList(s["Action"], true),
        notActions: stringList(s["NotAction"], true),
        resources: stringList(s["Resource"]),
        notResources: stringList(s["NotResource"]),
        conditions: parseConditions(s["Condition"]),
    };
}

function parseObject(doc: ValueObject): Statement[] | Unknown {
    const statements = items(doc["Statement"]);
    if (isUnknown(statements)) {
        return UNKNOWN;
    }
    const out: Statement[] = [];
    for (const s of statements) {
        const parsed = parseStatement(s);
        if (isUnknown(parsed)) {
            // One unknown statement could be anything: the document as a whole is undecidable for
            // "is there a statement that ..." questions, but known statements still count.
            out.push(UNKNOWN_STATEMENT);
            continue;
        }
        out.push(parsed);
    }
    return out;
}

// The same document text is parsed by several policies (a key policy by two resource policies and the
// stack index); statements are never mutated, so one parse per distinct text is shared.
const PARSE_CACHE_LIMIT = 20000;
const parsedText = new Map<string, Statement[] | Unknown | InvalidPolicyDocument>();

/** Parses a policy input; throws `InvalidPolicyDocument` for text that is not a JSON policy. */
export function parsePolicy(v: Value | undefined): ParsedPolicy {
    if (v === undefined || v === null || v === "") {
        return undefined;
    }
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (typeof v === "string") {
        const cached = parsedText.get(v);
        if (cached !== undefined) {
            if (cached instanceof InvalidPolicyDocument) {
                throw cached;
            }
            return cached;
        }
        let parsed: Statement[] | Unknown | InvalidPolicyDocument;
        try {
            parsed = parseObject(toValueObject(JSON.parse(v)));
        } catch (e) {
            parsed = e instanceof InvalidPolicyDocument ? e : new InvalidPolicyDocument("the policy is not valid JSON");
        }
        if (parsedText.size >= PARSE_CACHE_LIMIT) {
            parsedText.clear();
        }
        parsedText.set(v, parsed);
        if (parsed instanceof InvalidPolicyDocument) {
            throw parsed;
        }
        return parsed;
    }
    const obj = asObject(v);
    if (obj === undefined || isUnknown(obj)) {
        return obj === undefined ? undefined : UNKNOWN;
    }
    return parseObject(obj);
}

/** Like `parsePolicy`, but an unreadable document counts as no statements. */
export function parsePolicyLenient(v: Value | undefined): ParsedPolicy {
    try {
        return parsePolicy(v);
    } catch {
        return [];
    }
}

function toValueObject(json: unknown): ValueObject {
    if (json !== null && typeof json === "object" && !Array.isArray(json)) {
        return json as ValueObject;
    }
    throw new InvalidPolicyDocument("the policy is not a JSON object");
}

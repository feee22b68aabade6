// Seeded generators of IAM policy documents from the grammar of the IAM JSON policy language (AWS IAM User
// Guide, "IAM JSON policy elements reference" and "Grammar of the IAM JSON policy language"), valid and
// malformed, and IAM-equivalent rewritings of a valid document for metamorphic checks.
export { prng } from "./prng";

export type Rand = () => number;
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export function pick<T>(rand: Rand, xs: readonly T[]): T {
    return xs[Math.floor(rand() * xs.length)];
}

function some<T>(rand: Rand, max: number, gen: () => T): T[] {
    const n = Math.floor(rand() * (max + 1));
    return Array.from({ length: n }, gen);
}

/** A string or a list of one or more strings (the grammar's `<string> | [<string>, ...]`). */
function oneOrMany(rand: Rand, gen: () => string): Json {
    return rand() < 0.5 ? gen() : [gen(), ...some(rand, 2, gen)];
}

/** What a generated document refers to: the stack's own accounts, buckets and keys, so verdicts can depend on it. */
export interface Vocabulary {
    accounts: readonly string[];
    bucketArns: readonly string[];
    keyArns: readonly string[];
    roleArns: readonly string[];
}

const ACTIONS = [
    "*", "s3:*", "s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*Object", "S3:getobject", "s3:ListBucket", "s3:PutBucketPolicy",
    "s3:ReplicateObject", "s3:DeleteObject", "kms:*", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:PutKeyPolicy",
    "KMS:CreateGrant", "kms:ScheduleKeyDeletion", "kms:Re*", "iam:PassRole", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "s3:?etObject",
];
const SERVICES = ["s3.amazonaws.com", "logging.s3.amazonaws.com", "cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com", "batchoperations.s3.amazonaws.com"];
const OPERATORS = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
];
const CONDITION_KEYS = [
    "aws:SecureTransport", "aws:securetransport", "AWS:SecureTransport", "aws:SourceAccount", "aws:SourceArn", "aws:PrincipalArn",
    "aws:PrincipalOrgID", "aws:SourceIp", "aws:CurrentTime", "aws:MultiFactorAuthAge", "aws:username", "aws:userid",
    "s3:x-amz-server-side-encryption", "S3:X-Amz-Server-Side-Encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:x-amz-acl", "kms:ViaService", "kms:CallerAccount", "kms:GrantIsForAWSResource", "kms:EncryptionContextKeys",
    "kms:BypassPolicyLockoutSafetyCheck", "sts:ExternalId", "aws:TagKeys", "aws:RequestTag/app", "s3:prefix",
];
const CONDITION_VALUES: readonly (() => Json)[] = [
    () => "false", () => "true", () => true, () => false, () => 0, () => 3600, () => -1.5, () => "aws:kms", () => "AES256",
    () => "aws:kms:dsse", () => "203.0.113.0/24", () => "2001:db8::/32", () => "2026-01-01T00:00:00Z", () => "arn:aws:*:*:111111111111:*",
    () => "${aws:username}", () => "home/${aws:userid}/*", () => "${*}", () => "${?}", () => "${$}", () => "o-abc123", () => "",
    () => "s3.eu-west-1.amazonaws.com", () => "s3.*.amazonaws.com", () => "bucket-owner-full-control", () => "público-ü-\u{1F512}",
];

/** The Condition block: every operator family, with the `...IfExists` suffix and the set qualifiers. */
export function condition(rand: Rand, vocab: Vocabulary): Json {
    const block: { [k: string]: { [k: string]: Json } } = {};
    for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) {
        let op = pick(rand, OPERATORS);
        if (op !== "Null" && rand() < 0.2) {
            op += "IfExists";
        }
        if (rand() < 0.2) {
            op = `${pick(rand, ["ForAllValues", "ForAnyValue"])}:${op}`;
        }
        const keys = (block[op] ??= {});
        const value = (): Json => {
            const r = rand();
            return r < 0.15 ? pick(rand, vocab.keyArns) : r < 0.25 ? pick(rand, vocab.accounts) : pick(rand, CONDITION_VALUES)();
        };
        keys[pick(rand, CONDITION_KEYS)] = rand() < 0.6 ? value() : [value(), ...some(rand, 2, value)];
    }
    return block;
}

function principalValue(rand: Rand, vocab: Vocabulary): Json {
    const r = rand();
    if (r < 0.15) {
        return "*";
    }
    const aws = () => pick(rand, [
        "*", ...vocab.accounts, ...vocab.accounts.map((a) => `arn:aws:iam::${a}:root`), ...vocab.roleArns,
        "arn:aws:iam::333333333333:user/${aws:username}", "arn:aws:sts::111111111111:assumed-role/r/s",
    ]);
    const block: { [k: string]: Json } = {};
    const kinds = ["AWS", "Service", "Federated", "CanonicalUser"];
    for (const kind of kinds) {
        if (rand() < (kind === "AWS" ? 0.6 : 0.2)) {
            block[kind] = kind === "AWS" ? oneOrMany(rand, aws)
                : kind === "Service" ? oneOrMany(rand, () => pick(rand, SERVICES))
                : kind === "Federated" ? oneOrMany(rand, () => pick(rand, ["cognito-identity.amazonaws.com", "arn:aws:iam::111111111111:saml-provider/idp"]))
                : oneOrMany(rand, () => "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
        }
    }
    return Object.keys(block).length === 0 ? { AWS: aws() } : block;
}

/** One statement: Effect, Principal or NotPrincipal (resource policies), Action or NotAction, Resource or NotResource, Condition. */
export function statement(rand: Rand, vocab: Vocabulary, opts: { resourcePolicy: boolean }): Json {
    const s: { [k: string]: Json } = {};
    if (rand() < 0.5) {
        s["Sid"] = pick(rand, ["", "Stmt1", "A b c", "ünï", "1234"]);
    }
    s["Effect"] = rand() < 0.55 ? "Allow" : "Deny";
    if (opts.resourcePolicy) {
        s[rand() < 0.85 ? "Principal" : "NotPrincipal"] = principalValue(rand, vocab);
    }
    s[rand() < 0.85 ? "Action" : "NotAction"] = oneOrMany(rand, () => pick(rand, ACTIONS));
    const resource = () => pick(rand, [
        "*", ...vocab.bucketArns, ...vocab.bucketArns.map((a) => `${a}/*`), ...vocab.keyArns, "arn:aws:s3:::*", "arn:aws:s3:::other-bucket/*",
        "arn:aws:s3:::${aws:username}/*", "arn:aws:kms:*:111111111111:key/*", "arn:*:s3:::*",
    ]);
    if (rand() < 0.9) {
        s[rand() < 0.85 ? "Resource" : "NotResource"] = oneOrMany(rand, resource);
    }
    if (rand() < 0.6) {
        s["Condition"] = condition(rand, vocab);
    }
    return s;
}

/** A valid document: Version 2012-10-17, 2008-10-17 or absent, optional Id, Statement as an object or a list. */
export function validDocument(rand: Rand, vocab: Vocabulary, opts: { resourcePolicy: boolean }): { [k: string]: Json } {
    const doc: { [k: string]: Json } = {};
    const version = rand();
    if (version < 0.7) {
        doc["Version"] = "2012-10-17";
    } else if (version < 0.85) {
        doc["Version"] = "2008-10-17";
    }
    if (rand() < 0.3) {
        doc["Id"] = pick(rand, ["key-policy", "ü", "x".repeat(128)]);
    }
    const statements = [statement(rand, vocab, opts), ...some(rand, 3, () => statement(rand, vocab, opts))];
    doc["Statement"] = statements.length === 1 && rand() < 0.5 ? statements[0] : statements;
    return doc;
}

function deepCondition(levels: number): Json {
    let v: Json = "false";
    for (let i = 0; i < levels; i++) {
        v = i % 2 === 0 ? [v] : { k: v };
    }
    return { Bool: { "aws:SecureTransport": v } };
}

/** An object JSON.parse can build whose string conversion throws (an own `toString` that is not a function). */
const NOT_STRINGABLE: () => Json = () => ({ toString: 1, valueOf: "x" });

/** Hostile values for a single element of a statement: numbers where strings go, null, empty containers, deep nesting. */
const ODD_VALUES: readonly (() => Json)[] = [
    () => null, () => 0, () => 1e308, () => -0, () => true, () => "", () => [], () => ({}), () => [null], () => [[]], () => [{}],
    () => ["s3:GetObject", 7, null, false], () => NOT_STRINGABLE(), () => [NOT_STRINGABLE()], () => ({ AWS: NOT_STRINGABLE() }),
    () => ({ AWS: [] }), () => ({ AWS: null }), () => ({ Service: 1 }), () => ({ AWS: { nested: "*" } }), () => "x".repeat(20000),
    () => "*".repeat(3000) + "a", () => "\u0000\uFFFF\uD800", () => JSON.parse("{\"__proto__\": \"x\"}") as Json, () => ({ constructor: 1, hasOwnProperty: 2 }),
];

function corrupt(rand: Rand, s: { [k: string]: Json }): Json {
    const field = pick(rand, ["Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition", "Sid"]);
    if (field === "Condition" && rand() < 0.5) {
        const shapes: (() => Json)[] = [
            () => deepCondition(200 + Math.floor(rand() * 300)),
            () => ({ StringEquals: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`aws:k${i}`, `v${i}`])) }),
            () => ({ StringEquals: null }), () => ({ StringEquals: "x" }), () => ({ StringEquals: [] }), () => ({ "": { "": "" } }),
            () => ({ Bool: { "aws:SecureTransport": NOT_STRINGABLE() } }), () => ({ StringLike: { "kms:ViaService": ["*".repeat(2000) + "b"] } }),
            () => ({ StringNotEquals: { "s3:x-amz-server-side-encryption": [NOT_STRINGABLE(), "aws:kms"] } }),
        ];
        s["Condition"] = pick(rand, shapes)();
    } else {
        s[field] = pick(rand, ODD_VALUES)();
    }
    return s;
}

/**
 * A malformed document, as text or value. `unreadable`: it is no policy document at all (not JSON, not an object, no
 * statement list of objects), so a check that depends on it must not pass silently; the others are readable
 * documents with one hostile element, which must only not make a policy throw.
 */
export function malformedDocument(rand: Rand, vocab: Vocabulary, opts: { resourcePolicy: boolean }): { doc: Json; asText: boolean; unreadable: boolean } {
    const r = rand();
    const text = (t: string) => ({ doc: t as Json, asText: true, unreadable: true });
    if (r < 0.1) {
        return text(pick(rand, ["not json", "{", "{\"Statement\":[}", "null", "[]", "[{}]", "42", "\"str\"", "true", "\uFEFF{}", "{\"Statement\": [1, 2]}", "{} {}"]));
    }
    if (r < 0.2) {
        const shapes: Json[] = [{ Statement: null }, { Statement: 7 }, { Statement: "Allow" }, { Statement: [null] }, { Statement: [7] }, { Statement: [[]] }, { Statement: [{}, "x"] }];
        return { doc: pick(rand, shapes), asText: rand() < 0.5, unreadable: true };
    }
    // A valid document with one statement element replaced by a hostile value: readable, if not storable.
    const doc = validDocument(rand, vocab, opts);
    const statements = Array.isArray(doc["Statement"]) ? doc["Statement"] : [doc["Statement"]];
    corrupt(rand, pick(rand, statements) as { [k: string]: Json });
    if (rand() < 0.2) {
        doc["Statement"] = [...statements, ...Array.from({ length: 200 }, () => statement(rand, vocab, opts))];
    }
    return { doc, asText: rand() < 0.5, unreadable: false };
}

// ---- IAM-equivalent rewritings ("IAM JSON policy elements reference": each is documented to mean the same) ----

type Doc = { [k: string]: Json };
type Statement = { [k: string]: Json };

function statementsOf(doc: Doc): Statement[] {
    const s = doc["Statement"];
    return (Array.isArray(s) ? s : [s]) as Statement[];
}

function mapStatements(doc: Doc, f: (s: Statement) => Statement): Doc {
    return { ...doc, Statement: statementsOf(doc).map((s) => f({ ...s })) };
}

function swapCase(rand: Rand, v: string): string {
    return [...v].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
}

export interface Rewriting {
    name: string;
    apply(rand: Rand, doc: Doc): Doc;
}

export const REWRITINGS: readonly Rewriting[] = [
    // "Action": "s3:GetObject" and "Action": ["s3:GetObject"] are the same; so for every string-or-list element.
    { name: "single value ↔ one-element list", apply: (_, doc) => mapStatements(doc, (s) => {
        for (const k of ["Action", "NotAction", "Resource", "NotResource"]) {
            const v = s[k];
            if (typeof v === "string") {
                s[k] = [v];
            } else if (Array.isArray(v) && v.length === 1) {
                s[k] = v[0];
            }
        }
        return s;
    }) },
    // Each principal list is a string-or-list element too: {"Service": "s3.amazonaws.com"} is {"Service": ["s3.amazonaws.com"]}.
    { name: "principal value ↔ one-element list", apply: (_, doc) => mapStatements(doc, (s) => {
        for (const k of ["Principal", "NotPrincipal"]) {
            const v = s[k];
            if (v !== null && typeof v === "object" && !Array.isArray(v)) {
                s[k] = Object.fromEntries(Object.entries(v).map(([kind, x]) => [kind, typeof x === "string" ? [x] : Array.isArray(x) && x.length === 1 ? x[0] : x]));
            }
        }
        return s;
    }) },
    // Action names are case-insensitive ("IAM JSON policy elements: Action").
    { name: "action case", apply: (rand, doc) => mapStatements(doc, (s) => {
        for (const k of ["Action", "NotAction"]) {
            const v = s[k];
            s[k] = typeof v === "string" ? swapCase(rand, v) : Array.isArray(v) ? v.map((x) => (typeof x === "string" ? swapCase(rand, x) : x)) : v;
        }
        return s;
    }) },
    // Condition key names are case-insensitive ("IAM JSON policy elements: Condition").
    { name: "condition key case", apply: (rand, doc) => mapStatements(doc, (s) => {
        const c = s["Condition"];
        if (c !== null && typeof c === "object" && !Array.isArray(c)) {
            s["Condition"] = Object.fromEntries(Object.entries(c).map(([op, keys]) => [op,
                keys !== null && typeof keys === "object" && !Array.isArray(keys)
                    ? Object.fromEntries(Object.entries(keys).map(([k, v]) => [swapCase(rand, k), v])) : keys]));
        }
        return s;
    }) },
    // "Principal": "*" is the same as "Principal": {"AWS": "*"} ("AWS JSON policy elements: Principal", All principals).
    { name: "Principal \"*\" ↔ {\"AWS\": \"*\"}", apply: (_, doc) => mapStatements(doc, (s) => {
        for (const k of ["Principal", "NotPrincipal"]) {
            const v = s[k];
            if (v === "*") {
                s[k] = { AWS: "*" };
            } else if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && v["AWS"] === "*") {
                s[k] = "*";
            }
        }
        return s;
    }) },
    // Statements are evaluated as a set: their order doesn't matter ("Policy evaluation logic").
    { name: "statement order", apply: (rand, doc) => {
        const list = [...statementsOf(doc)];
        for (let i = list.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1));
            [list[i], list[j]] = [list[j], list[i]];
        }
        return { ...doc, Statement: list };
    } },
    // A lone statement may be written as the Statement value or as a list of one.
    { name: "Statement object ↔ list of one", apply: (_, doc) => {
        const s = doc["Statement"];
        return { ...doc, Statement: Array.isArray(s) ? (s.length === 1 ? s[0] : s) : [s] };
    } },
    // Condition values: a single value and a list of one are the same, and a Bool/Numeric JSON literal equals its string.
    { name: "condition value string ↔ list ↔ literal", apply: (_, doc) => mapStatements(doc, (s) => {
        const c = s["Condition"];
        if (c !== null && typeof c === "object" && !Array.isArray(c)) {
            s["Condition"] = Object.fromEntries(Object.entries(c).map(([op, keys]) => [op,
                keys !== null && typeof keys === "object" && !Array.isArray(keys)
                    ? Object.fromEntries(Object.entries(keys).map(([k, v]) => [k,
                        typeof v === "boolean" || typeof v === "number" ? String(v)
                            : v === "true" || v === "false" ? [v === "true"]
                            : typeof v === "string" ? [v] : Array.isArray(v) && v.length === 1 ? v[0] : v]))
                    : keys]));
        }
        return s;
    }) },
    // An account id in Principal means that account's root ("AWS JSON policy elements: Principal", AWS account principals).
    { name: "account id ↔ root ARN", apply: (_, doc) => mapStatements(doc, (s) => {
        for (const k of ["Principal", "NotPrincipal"]) {
            const v = s[k];
            if (v !== null && typeof v === "object" && !Array.isArray(v) && v["AWS"] !== undefined) {
                const swap = (x: Json): Json => typeof x !== "string" ? x
                    : /^\d{12}$/.test(x) ? `arn:aws:iam::${x}:root` : /^arn:aws:iam::\d{12}:root$/.test(x) ? x.split(":")[4] : x;
                s[k] = { ...v, AWS: Array.isArray(v["AWS"]) ? v["AWS"].map(swap) : swap(v["AWS"]) };
            }
        }
        return s;
    }) },
];

/** The statement, once per value of `key` when it lists several (the document keeps the same meaning: IAM ORs a list). */
function splitBy(doc: Doc, key: string): Doc {
    return { ...doc, Statement: statementsOf(doc).flatMap((s) => {
        const v = s[key];
        if (!Array.isArray(v) || v.length < 2) {
            return [s];
        }
        return v.map((x) => {
            const copy: Statement = { ...s, [key]: x };
            delete copy["Sid"];
            return copy;
        });
    }) };
}

/**
 * Rewritings that restate a statement as several: a statement applies when any listed action (resource, principal)
 * does, so one statement per value allows and denies exactly the same ("Policy evaluation logic").
 */
export const SPLITTING_REWRITINGS: readonly Rewriting[] = [
    { name: "one statement per Action", apply: (_, doc) => splitBy(doc, "Action") },
    { name: "one statement per Resource", apply: (_, doc) => splitBy(doc, "Resource") },
    { name: "one statement per AWS principal", apply: (_, doc) => mapStatementsFlat(doc, (s) => {
        const p = s["Principal"];
        if (p === null || typeof p !== "object" || Array.isArray(p) || Object.keys(p).length !== 1 || !Array.isArray(p["AWS"]) || p["AWS"].length < 2) {
            return [s];
        }
        return p["AWS"].map((a) => {
            const copy: Statement = { ...s, Principal: { AWS: a } };
            delete copy["Sid"];
            return copy;
        });
    }) },
    // Sids only name statements ("IAM JSON policy elements: Sid").
    { name: "no Sids", apply: (_, doc) => mapStatements(doc, (s) => {
        delete s["Sid"];
        return s;
    }) },
];

function mapStatementsFlat(doc: Doc, f: (s: Statement) => Statement[]): Doc {
    return { ...doc, Statement: statementsOf(doc).flatMap((s) => f({ ...s })) };
}

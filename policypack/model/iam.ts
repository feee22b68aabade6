// Just enough IAM evaluation for the pack's questions ("does this document allow principal P action A
// on resource R?"), in three-valued logic so unknown parts of a preview never produce a false alarm.
import { arnPatternMatch, globMatch, isAccountRootPrincipal } from "./arn";
import { ConditionClause, Maybe, PrincipalSet, Statement } from "./policyDocument";
import { notTri, Tri } from "./tri";
import { isUnknown, Unknown, UNKNOWN } from "./values";

export function patternsMatch(patterns: Maybe<string>[] | Unknown | undefined, value: Maybe<string>, ignoreCase: boolean): Tri {
    if (patterns === undefined) {
        return false;
    }
    if (isUnknown(patterns)) {
        return UNKNOWN;
    }
    // A plain loop: this runs for every statement of every bucket and key policy.
    let sawUnknown = false;
    for (const p of patterns) {
        if (isUnknown(p)) {
            sawUnknown = true;
        } else if (p === "*") {
            return true;
        } else if (isUnknown(value)) {
            sawUnknown = true;
        } else if (globMatch(p, value, ignoreCase)) {
            return true;
        }
    }
    return sawUnknown ? UNKNOWN : false;
}

/** Does the statement's Action / NotAction cover `action`? (Actions are case-insensitive.) */
export function coversAction(s: Statement, action: string): Tri {
    if (s.actions !== undefined) {
        return patternsMatch(s.actions, action, true);
    }
    if (s.notActions !== undefined) {
        return notTri(patternsMatch(s.notActions, action, true));
    }
    return false;
}

/** Does the statement's Resource / NotResource cover `resource`? Key policies use `"*"`. */
export function coversResource(s: Statement, resource: Maybe<string>): Tri {
    if (s.resources !== undefined) {
        return patternsMatch(s.resources, resource, false);
    }
    if (s.notResources !== undefined) {
        return notTri(patternsMatch(s.notResources, resource, false));
    }
    return false;
}

export function isAllow(s: Statement): Tri {
    return isUnknown(s.effect) ? UNKNOWN : s.effect === "Allow";
}

export function isDeny(s: Statement): Tri {
    return isUnknown(s.effect) ? UNKNOWN : s.effect === "Deny";
}

export function hasConditions(s: Statement): Tri {
    return isUnknown(s.conditions) ? UNKNOWN : s.conditions.length > 0;
}

/** Who a principal check is about: an IAM role, known by ARN and/or by being a dependency. */
export interface PrincipalRef {
    arn: Maybe<string> | undefined;
    account: Maybe<string> | undefined;
    /** The policy document's resource depends on this principal's resource (so an unknown entry is likely it). */
    referencedByDocument: boolean;
}

/** Does `set` name the principal, its account root (delegation to IAM), or everyone? */
export function principalMatches(set: PrincipalSet | undefined, who: PrincipalRef): Tri {
    if (set === undefined) {
        return false;
    }
    if (set.wildcard === true) {
        return true;
    }
    let sawUnknown = false;
    for (const p of set.aws) {
        const match = principalEntryMatches(p, who);
        if (match === true) {
            return true;
        }
        if (isUnknown(match)) {
            sawUnknown = true;
        }
    }
    return sawUnknown ? UNKNOWN : false;
}

function principalEntryMatches(p: Maybe<string>, who: PrincipalRef): Tri {
    if (isUnknown(p)) {
        return who.referencedByDocument ? true : UNKNOWN;
    }
    if (p === "*") {
        return true;
    }
    if (isAccountRootPrincipal(p)) {
        if (who.account === undefined) {
            return false;
        }
        return isUnknown(who.account) ? UNKNOWN : p === who.account || p.split(":")[4] === who.account;
    }
    if (who.arn === undefined) {
        return false;
    }
    return isUnknown(who.arn) ? UNKNOWN : globMatch(p, who.arn);
}

/**
 * What the pack knows of the request a check is about, by lower-cased condition key (e.g. `kms:viaservice`
 * → `s3.eu-west-1.amazonaws.com` for S3 calling KMS in eu-west-1). A key that is absent here is one the
 * pack doesn't model: conditions on it are trusted on an Allow and don't stop a request on a Deny. A key mapped to
 * `KEY_ABSENT` is one the request is known not to carry (`kms:ViaService` on a direct call to KMS).
 */
export type RequestContext = ReadonlyMap<string, Maybe<string> | typeof KEY_ABSENT>;

/** The request is known not to carry this condition key. */
export const KEY_ABSENT = null;

const NO_CONTEXT: RequestContext = new Map();

/**
 * `context` plus the condition keys of an assumed-role session calling with `role` of `account`, so a Deny written the
 * way IAM recommends instead of NotPrincipal (`Principal "*"` with `ArnNotEquals`/`ArnNotLike`/`StringNotLike` on
 * `aws:PrincipalArn`, "IAM JSON policy elements: NotPrincipal") is evaluated for it: for an assumed-role session
 * aws:PrincipalArn is the role's ARN ("AWS global condition context keys"), and aws:PrincipalAccount and
 * kms:CallerAccount are its account. An unknown ARN or account (a new role in a preview) decides nothing.
 */
export function withRoleSession(context: RequestContext, role: Maybe<string> | undefined, account: Maybe<string> | undefined): RequestContext {
    const session = new Map(context);
    if (role !== undefined) {
        session.set("aws:principalarn", role);
    }
    if (account !== undefined) {
        session.set("aws:principalaccount", account);
        session.set("kms:calleraccount", account);
    }
    return session;
}

/** `unmodeled`: the condition tests a key or an operator the pack does not evaluate. */
type ConditionVerdict = Tri | "unmodeled";

// The ARN operators too: "ArnEquals, ArnLike" both take `*` and `?` in each of the ARN's six components ("IAM JSON policy
// elements: Condition operators", Amazon Resource Name (ARN) condition operators), matched component by component.
const STRING_OPERATORS = /^(?:(ForAnyValue|ForAllValues):)?(String(?:Not)?(?:Equals|Like)(?:IgnoreCase)?|Arn(?:Not)?(?:Equals|Like))(IfExists)?$/;

interface StringOperator {
    negated: boolean;
    like: boolean;
    arn: boolean;
    ignoreCase: boolean;
    /** How the clause reads a key the request doesn't carry (see `absentKeyHolds`). */
    whenAbsent: boolean;
}

/**
 * A condition on a key the request doesn't carry ("IAM JSON policy elements: Condition operators"): the values don't
 * match, so a positive operator is false and a negated one (`StringNotEquals`, `ArnNotLike`) true; `...IfExists` is
 * true; `ForAllValues` over no values is true and `ForAnyValue` false ("Single-valued vs. multivalued context keys").
 */
function absentKeyHolds(set: string | undefined, negated: boolean, ifExists: boolean): boolean {
    if (ifExists || set === "ForAllValues") {
        return true;
    }
    return set === "ForAnyValue" ? false : negated;
}

// A stack uses a handful of operator names: each is read once, not matched against the pattern per clause.
const stringOperators = new Map<string, StringOperator | undefined>();

function stringOperator(operator: string): StringOperator | undefined {
    if (stringOperators.has(operator)) {
        return stringOperators.get(operator);
    }
    const m = STRING_OPERATORS.exec(operator);
    const parsed = m
        ? {
            negated: m[2].includes("Not"), like: m[2].includes("Like"), arn: m[2].startsWith("Arn"), ignoreCase: m[2].endsWith("IgnoreCase"),
            whenAbsent: absentKeyHolds(m[1], m[2].includes("Not"), m[3] !== undefined),
        }
        : undefined;
    if (stringOperators.size < 1000) {
        stringOperators.set(operator, parsed);
    }
    return parsed;
}

/**
 * One clause against a single-valued context key ("IAM JSON policy elements: Condition operators",
 * String condition operators; for a single-valued key the set operators reduce to the plain ones).
 */
function clauseHolds(c: ConditionClause, context: RequestContext): ConditionVerdict {
    if (!context.has(c.key)) {
        return "unmodeled";
    }
    const actual = context.get(c.key) as Maybe<string> | typeof KEY_ABSENT;
    if (c.operator === "Null") {
        return nullHolds(c, actual === KEY_ABSENT);
    }
    const op = stringOperator(c.operator);
    if (op === undefined) {
        return "unmodeled";
    }
    if (actual === KEY_ABSENT) {
        return op.whenAbsent;
    }
    if (isUnknown(c.values) || isUnknown(actual)) {
        return UNKNOWN;
    }
    const { negated, like, arn, ignoreCase } = op;
    let sawUnknown = false;
    let matched = false;
    for (const v of c.values) {
        if (isUnknown(v)) {
            sawUnknown = true;
        } else if (arn ? arnPatternMatch(v, actual) : like ? globMatch(v, actual, ignoreCase) : ignoreCase ? v.toLowerCase() === actual.toLowerCase() : v === actual) {
            matched = true;
            break;
        }
    }
    if (!matched && sawUnknown) {
        return UNKNOWN;
    }
    return negated ? !matched : matched;
}

/** `Null`: `"true"` holds when the key is absent, `"false"` when it is present. */
function nullHolds(c: ConditionClause, absent: boolean): ConditionVerdict {
    if (isUnknown(c.values) || c.values.length !== 1 || isUnknown(c.values[0])) {
        return isUnknown(c.values) || c.values.some(isUnknown) ? UNKNOWN : "unmodeled";
    }
    const wanted = c.values[0].toLowerCase();
    return wanted === "true" ? absent : wanted === "false" ? !absent : "unmodeled";
}

/** All clauses of the statement (AND); `unmodeled` as soon as one clause is. */
function conditionsHold(s: Statement, context: RequestContext): ConditionVerdict {
    if (isUnknown(s.conditions)) {
        return UNKNOWN;
    }
    // Every clause must hold: one known to fail decides, wherever it stands, even after one the pack can't model.
    let sawUnknown = false;
    let sawUnmodeled = false;
    for (const c of s.conditions) {
        const v = clauseHolds(c, context);
        if (v === false) {
            return false;
        }
        sawUnmodeled ||= v === "unmodeled";
        sawUnknown ||= isUnknown(v);
    }
    return sawUnmodeled ? "unmodeled" : sawUnknown ? UNKNOWN : true;
}

/** May an Allow's conditions let the request through? Only a condition known to fail says no. */
function allowConditions(s: Statement, context: RequestContext): Tri {
    if (isUnknown(s.conditions) || s.conditions.length === 0) {
        return true;
    }
    return conditionsHold(s, context) === false ? false : true;
}

/** Do a Deny's conditions hold for the request? A condition the pack can't evaluate doesn't stop it. */
function denyConditions(s: Statement, context: RequestContext): Tri {
    if (isUnknown(s.conditions)) {
        return UNKNOWN;
    }
    if (s.conditions.length === 0) {
        return true;
    }
    const v = conditionsHold(s, context);
    return v === "unmodeled" ? false : v;
}

/**
 * Is `action` on `resource` allowed to the principal by these statements (identity policies pass
 * `principal: undefined`)? A Deny whose conditions hold for `context` wins, also over an Allow that is
 * still unknown in preview; an Allow's conditions are trusted unless `context` shows they fail.
 */
export function allows(statements: Statement[], action: string, resource: Maybe<string>, principal?: PrincipalRef, context: RequestContext = NO_CONTEXT): Tri {
    let denied: Tri = false;
    for (const s of statements) {
        const deny = isDeny(s);
        const blocks = deny === false ? false : statementApplies(s, deny, action, resource, principal, context, denyConditions);
        if (blocks === true) {
            return false;
        }
        if (isUnknown(blocks)) {
            denied = UNKNOWN;
        }
    }
    let allowed: Tri = false;
    for (const s of statements) {
        const allow = isAllow(s);
        const grants = allow === false ? false : statementApplies(s, allow, action, resource, principal, context, allowConditions);
        if (grants === true) {
            allowed = true;
            break;
        }
        if (isUnknown(grants)) {
            allowed = UNKNOWN;
        }
    }
    if (allowed !== true) {
        return allowed;
    }
    return isUnknown(denied) ? UNKNOWN : true;
}

/**
 * The three-valued AND of effect, action, resource, principal and the conditions, evaluated left to right and
 * stopping at the first definite false: every operand is a pure test, so skipping the rest (instead of
 * building the list of all of them) gives the same answer for much less work on long statement lists.
 */
function statementApplies(
    s: Statement, effect: Tri, action: string, resource: Maybe<string>, principal: PrincipalRef | undefined,
    context: RequestContext, conditions: (s: Statement, context: RequestContext) => Tri,
): Tri {
    if (effect === false) {
        return false;
    }
    let sawUnknown = isUnknown(effect);
    const covers = coversAction(s, action);
    if (covers === false) {
        return false;
    }
    sawUnknown ||= isUnknown(covers);
    const on = coversResource(s, resource);
    if (on === false) {
        return false;
    }
    sawUnknown ||= isUnknown(on);
    if (principal) {
        // An Allow or Deny with NotPrincipal applies to everyone it doesn't name.
        const who = s.principal === undefined && s.notPrincipal !== undefined
            ? notTri(principalMatches(s.notPrincipal, principal))
            : principalMatches(s.principal, principal);
        if (who === false) {
            return false;
        }
        sawUnknown ||= isUnknown(who);
    }
    // Last: the conditions are the costliest operand, and only matter for a statement that otherwise applies.
    const extra = conditions(s, context);
    if (extra === false) {
        return false;
    }
    return sawUnknown || isUnknown(extra) ? UNKNOWN : true;
}

// Just enough IAM evaluation for the pack's questions ("does this document allow principal P action A
// on resource R?"), in three-valued logic so unknown parts of a preview never produce a false alarm.
import { globMatch, isAccountRootPrincipal } from "./arn";
import { Maybe, PrincipalSet, Statement } from "./policyDocument";
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
 * Is `action` on `resource` allowed to the principal by these statements (identity policies pass
 * `principal: undefined`)? Unconditional Deny wins; conditions on Allow are trusted to be satisfiable.
 */
export function allows(statements: Statement[], action: string, resource: Maybe<string>, principal?: PrincipalRef): Tri {
    let allowed: Tri = false;
    for (const s of statements) {
        const grants = statementApplies(s, isAllow(s), action, resource, principal, true);
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
    let denied: Tri = false;
    for (const s of statements) {
        const blocks = statementApplies(s, isDeny(s), action, resource, principal, notTri(hasConditions(s)));
        if (blocks === true) {
            return false;
        }
        if (isUnknown(blocks)) {
            denied = UNKNOWN;
        }
    }
    return isUnknown(denied) ? UNKNOWN : true;
}

/**
 * The three-valued AND of effect, action, resource, principal and `extra`, evaluated left to right and
 * stopping at the first definite false: every operand is a pure test, so skipping the rest (instead of
 * building the list of all of them) gives the same answer for much less work on long statement lists.
 */
function statementApplies(s: Statement, effect: Tri, action: string, resource: Maybe<string>, principal: PrincipalRef | undefined, extra: Tri): Tri {
    if (effect === false || extra === false) {
        return false;
    }
    let sawUnknown = isUnknown(effect) || isUnknown(extra);
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
        const who = principalMatches(s.principal, principal);
        if (who === false) {
            return false;
        }
        sawUnknown ||= isUnknown(who);
    }
    return sawUnknown ? UNKNOWN : true;
}

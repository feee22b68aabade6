// Do several Deny statements together deny everyone? An explicit Deny in any statement decides ("IAM User Guide,
// Policy evaluation logic"), so a Deny with NotPrincipal (everyone but the principals it names) next to Denies that
// name those principals, or their accounts, is the same guarantee as one Deny for Principal "*". IAM advises against
// Deny with NotPrincipal ("IAM JSON policy elements: NotPrincipal"), but a policy written that way that does deny
// everyone must not be flagged as if it didn't.
import { isAccountRootPrincipal } from "../model/arn";
import { coversAction, isDeny } from "../model/iam";
import { Maybe, PrincipalSet, Statement } from "../model/policyDocument";
import { andTri, everyTri, notTri, someTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { coversEveryResource } from "./bucketPolicyFacts";

/** A Deny whose conditions already hold for the request in question (`applies`: UNKNOWN while a preview can't tell). */
export interface ApplicableDeny {
    statement: Statement;
    applies: Tri;
}

/** Does the Deny cover `action` on `resource` (for the bucket's sample object: on every object), whomever it names? */
function covers(s: Statement, action: string, resource: Maybe<string>): Tri {
    return andTri(isDeny(s), andTri(coversAction(s, action), coversEveryResource(s, resource)));
}

function accountOf(arn: string): string | undefined {
    if (/^\d{12}$/.test(arn)) {
        return arn;
    }
    const account = arn.split(":")[4];
    return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** Does the AWS principal entry `named` of a Principal take in `spared` (the same ARN, or its account's root)? */
function namesAws(named: Maybe<string>, spared: string): Tri {
    if (isUnknown(named)) {
        return UNKNOWN;
    }
    if (named === "*" || named === spared) {
        return true;
    }
    return isAccountRootPrincipal(named) && accountOf(named) !== undefined && accountOf(named) === accountOf(spared);
}

/** Does the set, as a Principal (`negated` false) or a NotPrincipal, take in the spared entry? */
function takesIn(set: PrincipalSet, negated: boolean, spared: string, service: boolean): Tri {
    if (set.unknown) {
        return UNKNOWN;
    }
    if (!negated && set.wildcard === true) {
        return true;
    }
    const listed = service
        ? someTri(set.service, (p) => (isUnknown(p) ? UNKNOWN : p === spared))
        : someTri(set.aws, (p) => (negated
            // A NotPrincipal spares what it names: read it as sparing `spared` when it names it or its account at all.
            ? (isUnknown(p) ? UNKNOWN : p === "*" || p === spared || (isAccountRootPrincipal(p) && accountOf(p) === accountOf(spared)))
            : namesAws(p, spared)));
    return negated ? andTri(notTri(set.wildcard), notTri(listed)) : listed;
}

function deniedBy(d: ApplicableDeny, action: string, resource: Maybe<string>, spared: string, service: boolean): Tri {
    const s = d.statement;
    const who = s.principal !== undefined ? takesIn(s.principal, false, spared, service) : s.notPrincipal !== undefined ? takesIn(s.notPrincipal, true, spared, service) : false;
    return who === false ? false : andTri(who, andTri(d.applies, covers(s, action, resource)));
}

/**
 * Is `action` on `resource` denied to everyone by `denies` together: one for Principal "*", or one with NotPrincipal
 * whose every spared principal another applicable Deny takes in (naming it, its account root, or not sparing it)?
 */
export function denyCoversEveryone(denies: readonly ApplicableDeny[], action: string, resource: Maybe<string>): Tri {
    return someTri(denies, (d) => {
        const s = d.statement;
        if (s.principal !== undefined) {
            return s.principal.wildcard === false ? false : andTri(s.principal.wildcard, andTri(d.applies, covers(s, action, resource)));
        }
        const spared = s.notPrincipal;
        if (spared === undefined) {
            return false;
        }
        const scope = andTri(d.applies, covers(s, action, resource));
        if (scope === false) {
            return false;
        }
        if (spared.unknown || isUnknown(spared.wildcard)) {
            return UNKNOWN;
        }
        if (spared.wildcard === true) {
            return false; // spares everyone
        }
        const others = denies.filter((o) => o !== d);
        const each = (entries: Maybe<string>[], service: boolean): Tri =>
            everyTri(entries, (p) => (isUnknown(p) ? UNKNOWN : someTri(others, (o) => deniedBy(o, action, resource, p, service))));
        return andTri(scope, andTri(each(spared.aws, false), each(spared.service, true)));
    });
}

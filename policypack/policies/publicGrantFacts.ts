// An Allow that reaches everyone: a wildcard principal (or NotPrincipal) that no condition confines to fixed
// values of the keys a service counts ("IAM JSON policy elements: Principal" / "NotPrincipal"). Which keys
// count is the service's own rule: S3's is S3_RESTRICTING_KEYS (model/publicPolicy.ts), KMS's is in
// kmsKeyPolicyNoPublicPrincipal.ts; the operators and what makes a value fixed are shared.
import { isAllow, isDeny } from "../model/iam";
import { ConditionClause, Statement } from "../model/policyDocument";
import { DenyShape, denyConfinesAllow, pinsToFixedValues } from "../model/publicPolicy";
import { andTri, notTri, orTri, someTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";

/** Everyone, or everyone but the few a NotPrincipal names ("IAM JSON policy elements: NotPrincipal"). */
function grantsEveryone(s: Statement): Tri {
    if (s.principal !== undefined) {
        return s.principal.wildcard;
    }
    return s.notPrincipal !== undefined;
}

/**
 * True for an Allow to everyone that no condition on one of `keys` pins to fixed values (nor, when given, a clause
 * `alsoPins` accepts: a service's own extra rule); UNKNOWN while that depends on what a preview can't see.
 */
export function isPublicGrant(s: Statement, keys: ReadonlySet<string>, alsoPins?: (c: ConditionClause) => Tri): Tri {
    const wildcard = grantsEveryone(s);
    const allow = isAllow(s);
    if (allow === false || wildcard === false) {
        // The answer is false whatever the conditions say; most statements name their principals.
        return false;
    }
    const pins = alsoPins === undefined
        ? (c: ConditionClause) => pinsToFixedValues(c, keys)
        : (c: ConditionClause) => orTri(pinsToFixedValues(c, keys), alsoPins(c));
    const restricted: Tri = isUnknown(s.conditions) ? UNKNOWN : someTri(s.conditions, pins);
    return andTri(andTri(allow, wildcard), notTri(restricted));
}

/**
 * A Deny for everyone, or for everyone but the principals a NotPrincipal names: those are fixed principals (the guide
 * counts a fixed AWS principal as non-public), so a Deny that spares only them still confines the Allow. A NotPrincipal
 * with a wildcard spares everyone; one still unknown in a preview may.
 */
function deniesEveryoneUnnamed(s: Statement): Tri {
    if (s.principal !== undefined) {
        return s.principal.wildcard;
    }
    const spared = s.notPrincipal;
    if (spared === undefined) {
        return false;
    }
    if (spared.unknown || isUnknown(spared.wildcard) || spared.aws.some(isUnknown) || spared.service.some(isUnknown)) {
        return UNKNOWN;
    }
    return spared.wildcard !== true && !spared.aws.includes("*");
}

function asDeny(s: Statement): DenyShape {
    return {
        everyone: andTri(isDeny(s), deniesEveryoneUnnamed(s)),
        actions: s.actions, notActions: s.notActions, resources: s.resources, notResources: s.notResources,
        clauses: s.conditions,
    };
}

/**
 * Does a Deny of the document confine the public `allow` to fixed values of `keys` (model/publicPolicy.ts,
 * `denyConfinesAllow`: S3's meaning of public judges what the whole policy grants)? UNKNOWN while a preview can't tell.
 */
export function confinedByDeny(allow: Statement, statements: readonly Statement[], keys: ReadonlySet<string>): Tri {
    return someTri(statements, (s) => (isDeny(s) === false ? false : denyConfinesAllow(asDeny(s), allow, keys)));
}

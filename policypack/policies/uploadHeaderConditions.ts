// Does a bucket policy Deny apply to one upload, told apart only by its SSE headers? For the questions a single
// statement shape can't answer alone: "is aws:kms (or aws:kms:dsse) without a key id denied?" holds whether users
// write it as `Null` checks, as `StringEquals`/`StringLike` on the algorithm next to `Null` on the key id, or leave it
// to an algorithm deny that already refuses the algorithm.
import { ConditionClause, Statement } from "../model/policyDocument";
import { globMatch } from "../model/arn";
import { andTri, someTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";

/** The upload's SSE headers by lower-cased condition key; `undefined`: the request doesn't send that header. */
export type UploadHeaders = ReadonlyMap<string, string | undefined>;

// A set operator (`ForAnyValue:`, `ForAllValues:`) on a single-valued header compares its one value as the bare operator
// does; without the header `ForAnyValue:` is false and `ForAllValues:` true ("IAM User Guide, Single-valued vs.
// multivalued context keys").
const STRING_OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?(String)(Not)?(Equals|Like)(IgnoreCase)?(IfExists)?$/;

/**
 * One clause against the upload ("IAM User Guide, IAM JSON policy elements: Condition operators"): `Null` tests
 * presence; a missing key makes a negated operator and any `...IfExists` true and a positive operator false.
 * `undefined`: an operator this reading doesn't model (a set operator, an ARN or other type).
 */
export function clauseHolds(c: ConditionClause, headers: UploadHeaders): Tri | undefined {
    const actual = headers.get(c.key);
    if (isUnknown(c.values)) {
        return UNKNOWN;
    }
    if (c.operator === "Null") {
        return someTri(c.values, (v) => (isUnknown(v) ? UNKNOWN : v.toLowerCase() === (actual === undefined ? "true" : "false")));
    }
    const m = STRING_OPERATOR.exec(c.operator);
    if (m === null) {
        return undefined;
    }
    const [, set, , not, kind, ignoreCase, ifExists] = m;
    if (actual === undefined) {
        return set === "ForAnyValue" ? false : set === "ForAllValues" || ifExists !== undefined || not !== undefined;
    }
    const matched = someTri(c.values, (v) => {
        if (isUnknown(v)) {
            return UNKNOWN;
        }
        return kind === "Like" ? globMatch(v, actual, ignoreCase !== undefined) : ignoreCase !== undefined ? v.toLowerCase() === actual.toLowerCase() : v === actual;
    });
    return not === undefined ? matched : isUnknown(matched) ? UNKNOWN : !matched;
}

/** The Boolean operators ("IAM JSON policy elements: Condition operators", Boolean condition operators), set forms included. */
export const BOOL_OPERATORS: ReadonlySet<string> = new Set(["Bool", "BoolIfExists", "ForAnyValue:Bool", "ForAllValues:Bool"]);

/**
 * A clause of one of `BOOL_OPERATORS` against the request context: a value matches the context's text whatever its case
 * (`"False"`, `false`); without the key only `BoolIfExists` and `ForAllValues:Bool` hold.
 */
export function boolClauseHolds(c: ConditionClause, context: UploadHeaders): Tri {
    const actual = context.get(c.key);
    if (actual === undefined) {
        return c.operator === "BoolIfExists" || c.operator === "ForAllValues:Bool";
    }
    return isUnknown(c.values) ? UNKNOWN : someTri(c.values, (v) => (isUnknown(v) ? UNKNOWN : v.toLowerCase() === actual));
}

/**
 * Does a Deny for everyone on the upload (`broad`) apply to it? Only a statement whose every condition tests one of
 * the upload's headers, with an operator modelled here, can be said to: another condition may spare the request.
 */
export function deniesUpload(s: Statement, broad: Tri, headers: UploadHeaders): Tri {
    if (broad === false) {
        return false;
    }
    if (isUnknown(s.conditions)) {
        return UNKNOWN;
    }
    let verdict: Tri = broad;
    for (const c of s.conditions) {
        if (!headers.has(c.key)) {
            return false;
        }
        const holds = clauseHolds(c, headers);
        if (holds === undefined || holds === false) {
            return false;
        }
        verdict = andTri(verdict, holds);
    }
    return verdict;
}

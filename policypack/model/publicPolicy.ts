// When a condition takes the "public" out of an Allow for a wildcard principal: the one declaration of the
// condition keys, operators and values that do it, read by the pack (s3-bucket-policy-no-public-allow,
// kms-key-policy-no-public-principal) and by the deploy-time stand-in (awsrules/s3Policies.ts, which decides
// whether BlockPublicPolicy refuses a bucket policy), so the pack never blocks a policy AWS accepts as
// non-public and the stand-in never accepts one the pack calls public.
//
// S3's meaning (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage", section "The
// meaning of 'public'"): a bucket policy is public unless each Allow for a wildcard principal grants access
// only to fixed values of a key that section lists. A fixed value holds no wildcard (`*`, `?`) and no IAM
// policy variable (`${...}`).
//
// Imports only tri.ts and values.ts: the components (through awsrules/) load this file at deploy time.
import { everyTri, someTri, Tri } from "./tri";
import { isUnknown, Unknown, UNKNOWN } from "./values";

const SOURCE_IP = "aws:sourceip";
const USER_ID = "aws:userid";
const DATA_ACCESS_POINT_ARN = "s3:dataaccesspointarn";

/**
 * Keys (lower-cased, as the pack's parser keeps them: IAM condition keys are case-insensitive) whose fixed
 * value makes a bucket policy's wildcard-principal Allow non-public, per the S3 User Guide section above.
 * s3:DataAccessPointArn is held to the same "no wildcard" rule as the others, with the one exception the guide
 * names (`accessPointArnWithFixedAccount`).
 */
export const S3_RESTRICTING_KEYS: ReadonlySet<string> = new Set(
    [
        "aws:SourceIp",
        "aws:SourceArn",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceOwner",
        "aws:SourceAccount",
        "s3:x-amz-server-side-encryption-aws-kms-key-id",
        "aws:userid",
        "s3:DataAccessPointArn",
        "s3:DataAccessPointAccount",
        "aws:PrincipalOrgID",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
    ].map((k) => k.toLowerCase()),
);

/**
 * Operators that confine a key to the values listed. Negated ones (StringNotEquals, NotIpAddress) let every
 * other value through; `...IfExists` holds when the request has no such key, and a `ForAllValues:` set
 * operator holds when the key is absent or empty (IAM User Guide, "Multivalued context keys"), so neither
 * confines anything. `ForAnyValue:` is false on an absent key, so it confines as the bare operator does.
 */
export const FIXING_OPERATORS: ReadonlySet<string> = new Set(["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "IpAddress"]);

const ANY_VALUE = "ForAnyValue:";

/** The operator a clause confines its key with (its `ForAnyValue:` qualifier dropped), or undefined if it confines nothing. */
export function fixingOperator(operator: string): string | undefined {
    const bare = operator.startsWith(ANY_VALUE) ? operator.slice(ANY_VALUE.length) : operator;
    return FIXING_OPERATORS.has(bare) ? bare : undefined;
}

/**
 * An aws:SourceIp value too broad to pin anyone, or not a CIDR at all (then it pins nothing this can read).
 * A /0-/7 IPv4 block or a /0-/31 IPv6 block covers a large part of the internet, and S3 treats such a range
 * as public.
 */
export function publicCidr(value: string): boolean {
    const slash = value.indexOf("/");
    const address = slash < 0 ? value : value.slice(0, slash);
    const ipv6 = address.includes(":");
    const width = ipv6 ? 128 : 32;
    const bits = slash < 0 ? width : Number(value.slice(slash + 1));
    const wellFormed = ipv6 ? /^[0-9A-Fa-f:.]+$/.test(address) : /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
    if (!wellFormed || !Number.isInteger(bits) || bits < 0 || bits > width) {
        return true;
    }
    return ipv6 ? bits < 32 : bits < 8;
}

/** A value with a wildcard or a policy variable matches callers the policy author never named. */
function hasWildcardOrVariable(value: string): boolean {
    return value.includes("*") || value.includes("?") || value.includes("${");
}

/**
 * An access point ARN whose partition, Region and account are fixed, a wildcard at most in the access point name.
 * The guide's note on s3:DataAccessPointArn: in a bucket policy "this value can contain a wildcard for the access
 * point name without rendering the policy public, as long as the account ID is fixed" (its example:
 * `arn:aws:s3:us-west-2:123456789012:accesspoint/*`). Only the name may hold one here: a wildcard in the Region, the
 * account or anywhere else, or a policy variable, keeps the value public. The Region may be empty (a Multi-Region
 * Access Point's ARN has none).
 */
function accessPointArnWithFixedAccount(value: string): boolean {
    return !value.includes("${") && /^arn:aws[a-z-]*:s3:[a-z0-9-]*:\d{12}:accesspoint\/[^/]+$/.test(value);
}

/**
 * One known value of a restricting key under a fixing operator. aws:SourceIp is fixed only as an IpAddress
 * CIDR (the guide's "set of CIDRs"), and IpAddress fixes no other key. aws:userid may end in `:*` after a
 * role's unique id ("AROLEID:*", every session of one role): the guide names that pattern as the exception.
 */
function isFixedValue(key: string, operator: string, value: string): boolean {
    if (key === SOURCE_IP || operator === "IpAddress") {
        return key === SOURCE_IP && operator === "IpAddress" && !publicCidr(value);
    }
    if (value === "") {
        return false;
    }
    if (key === USER_ID && /^[A-Z0-9]+:\*$/.test(value)) {
        return true;
    }
    if (key === DATA_ACCESS_POINT_ARN && accessPointArnWithFixedAccount(value)) {
        return true;
    }
    return !hasWildcardOrVariable(value);
}

/** A condition clause as both the pack's parser and the stand-in's raw JSON can give it: `key` lower-cased. */
export interface ClauseValues {
    operator: string;
    key: string;
    values: readonly (string | Unknown)[] | Unknown;
}

/**
 * Does the clause confine one of `keys` to fixed values? UNKNOWN while a value can't be read (a preview):
 * a value nobody can see yet is never taken for a pin, nor for its absence.
 */
export function pinsToFixedValues(clause: ClauseValues, keys: ReadonlySet<string>): Tri {
    return fixedUnder(clause, keys, fixingOperator(clause.operator));
}

/** Are the clause's values fixed values of one of `keys` under the positive `operator` (undefined: not a pinning operator)? */
function fixedUnder(clause: ClauseValues, keys: ReadonlySet<string>, operator: string | undefined): Tri {
    if (operator === undefined || !keys.has(clause.key)) {
        return false;
    }
    const values = clause.values;
    if (isUnknown(values)) {
        return UNKNOWN;
    }
    if (values.length === 0) {
        return false;
    }
    return everyTri(values, (v) => (isUnknown(v) ? UNKNOWN : isFixedValue(clause.key, operator, v)));
}

// ---- a Deny that takes the "public" out of an Allow -----------------------------------------------------------
//
// The guide's test is what the policy grants: "To be considered non-public, a bucket policy must grant access only to
// fixed values" of the keys above. An Allow for everyone next to a Deny for everyone whose every condition holds for
// each request outside fixed values of such a key (`StringNotEquals aws:PrincipalOrgID o-…`, `StringNotEquals
// aws:SourceVpce vpce-…`) grants access only to those values, so it is not public; a Deny with any other condition
// (`Bool aws:SecureTransport false`), a wildcard value, a narrower scope than the Allow, or one for named principals
// only leaves the Allow public. A Deny with NotPrincipal spares only the principals it names: fixed principals, which
// the guide counts as non-public.

const NOT_ALL_VALUES = "ForAllValues:";
const IF_EXISTS = "IfExists";

/**
 * Negated operators and the positive one whose values they exclude. With `...IfExists`, or `ForAllValues:`, they
 * hold on a request without the key too ("IAM JSON policy elements: Condition operators"; "Multivalued context
 * keys"), as a bare negated operator does: so a request with no organization, no endpoint, is denied as well.
 * `ForAnyValue:` is false on an absent key: such a Deny lets an anonymous request through.
 */
const EXCLUDING_OPERATORS: Readonly<Record<string, string>> = {
    StringNotEquals: "StringEquals",
    StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
    StringNotLike: "StringLike",
    ArnNotEquals: "ArnEquals",
    ArnNotLike: "ArnLike",
    NotIpAddress: "IpAddress",
};

function excludedBy(operator: string): string | undefined {
    let bare = operator.startsWith(NOT_ALL_VALUES) ? operator.slice(NOT_ALL_VALUES.length) : operator;
    bare = bare.endsWith(IF_EXISTS) ? bare.slice(0, -IF_EXISTS.length) : bare;
    return Object.prototype.hasOwnProperty.call(EXCLUDING_OPERATORS, bare) ? EXCLUDING_OPERATORS[bare] : undefined;
}

/** Does a Deny's clause hold for every request outside fixed values of one of `keys` (a request without the key included)? */
export function excludesAllButFixedValues(clause: ClauseValues, keys: ReadonlySet<string>): Tri {
    return fixedUnder(clause, keys, excludedBy(clause.operator));
}

type Patterns = readonly (string | Unknown)[] | Unknown | undefined;

/** The scope of a statement: Action/NotAction and Resource/NotResource, as written. */
export interface StatementScope {
    actions?: Patterns;
    notActions?: Patterns;
    resources?: Patterns;
    notResources?: Patterns;
}

/** A Deny as this rule reads it. */
export interface DenyShape extends StatementScope {
    /** Principal `"*"` (or `{"AWS": "*"}`), or NotPrincipal naming fixed principals only: the Deny is for everyone else. */
    everyone: Tri;
    clauses: readonly ClauseValues[] | Unknown;
}

/** Does the IAM wildcard pattern `outer` match every string `inner` (itself a pattern) matches? */
function patternContains(outer: string, inner: string, ignoreCase: boolean): boolean {
    const o = ignoreCase ? outer.toLowerCase() : outer;
    const i = ignoreCase ? inner.toLowerCase() : inner;
    if (o === i || o === "*") {
        return true;
    }
    // Sound only without `?` in `outer` (a `?` could stand for a `*` of `inner`): then each `*` of `inner` falls
    // inside a `*` of `outer`, and whatever replaces it still matches.
    if (o.includes("?")) {
        return false;
    }
    const source = o.split("*").map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&")).join(".*");
    return new RegExp(`^${source}$`, "s").test(i);
}

/** Do the Deny's patterns cover all the Allow grants? `universal`: patterns that cover everything the document can name. */
function scopeCovered(deny: Patterns, allow: Patterns, allowNot: Patterns, ignoreCase: boolean, universal: readonly string[]): Tri {
    if (deny === undefined) {
        return false; // a Deny written with NotAction / NotResource is not read here
    }
    if (isUnknown(deny)) {
        return UNKNOWN;
    }
    const denyAll: Tri = someTri(deny, (p) => (isUnknown(p) ? UNKNOWN : universal.includes(ignoreCase ? p.toLowerCase() : p)));
    if (allow === undefined) {
        return allowNot === undefined ? true : denyAll;
    }
    if (isUnknown(allow) || denyAll === true) {
        return denyAll === true ? true : UNKNOWN;
    }
    return everyTri(allow, (a) => (isUnknown(a) ? UNKNOWN : someTri(deny, (p) => (isUnknown(p) ? UNKNOWN : patternContains(p, a, ignoreCase)))));
}

const ALL_S3_ACTIONS = ["*", "s3:*"];
const ALL_S3_RESOURCES = ["*", "arn:aws:s3:::*"];

/**
 * Does this Deny confine `allow` to fixed values of `keys`: a Deny for everyone, on every action and resource the
 * Allow grants (actions case-insensitive), whose every clause excludes all but fixed values (none: it denies all)?
 */
export function denyConfinesAllow(deny: DenyShape, allow: StatementScope, keys: ReadonlySet<string>): Tri {
    if (deny.everyone === false) {
        return false;
    }
    const actions = scopeCovered(deny.actions, allow.actions, allow.notActions, true, ALL_S3_ACTIONS);
    if (actions === false) {
        return false;
    }
    const resources = scopeCovered(deny.resources, allow.resources, allow.notResources, false, ALL_S3_RESOURCES);
    if (resources === false) {
        return false;
    }
    const clauses = deny.clauses;
    const excludes: Tri = isUnknown(clauses) ? UNKNOWN : everyTri(clauses, (c) => excludesAllButFixedValues(c, keys));
    return everyTri([deny.everyone, actions, resources, excludes], (t) => t);
}

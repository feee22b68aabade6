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
import { everyTri, Tri } from "./tri";
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
    const operator = fixingOperator(clause.operator);
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

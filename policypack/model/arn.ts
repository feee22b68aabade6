// ARN parsing for the joins and region/account decisions that can be made from literal values.
import { lowerCaseCached } from "./lowerCase";

export interface ParsedArn {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
    if (!value.startsWith("arn:")) {
        return undefined;
    }
    const parts = value.split(":");
    if (parts.length < 6) {
        return undefined;
    }
    const resource = parts.length === 6 ? parts[5] : parts.slice(5).join(":");
    return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource };
}

/** `arn:aws:kms:<region>:<account>:key/<id>` — the only form S3 accepts in a bucket policy condition. */
export function isKmsKeyArn(value: string): boolean {
    const arn = parseArn(value);
    return arn !== undefined && arn.service === "kms" && arn.resource.startsWith("key/") && arn.region !== "";
}

/** True for the AWS managed S3 key in every spelling users write: alias name, alias ARN. */
export function isAwsManagedS3Key(value: string): boolean {
    if (value === "alias/aws/s3") {
        return true;
    }
    const arn = parseArn(value);
    return arn !== undefined && arn.service === "kms" && arn.resource === "alias/aws/s3";
}

/** The account of an IAM principal ARN, an account id, or `arn:aws:iam::<acct>:root`. */
export function accountOfPrincipal(value: string): string | undefined {
    if (/^\d{12}$/.test(value)) {
        return value;
    }
    const arn = parseArn(value);
    return arn && arn.account !== "" ? arn.account : undefined;
}

export function isAccountRootPrincipal(value: string): boolean {
    if (value.length === 12 && /^\d{12}$/.test(value)) {
        return true;
    }
    // Every principal of every statement comes through here: most are role ARNs, told apart by their end.
    if (!value.endsWith(":root")) {
        return false;
    }
    const arn = parseArn(value);
    return arn !== undefined && arn.service === "iam" && arn.resource === "root";
}

/**
 * `ArnEquals`/`ArnLike`: "Each of the six colon-delimited components of the ARN is checked separately and each can
 * include multi-character match wildcards (*) or single-character match wildcards (?)" ("IAM JSON policy elements:
 * Condition operators", Amazon Resource Name (ARN) condition operators). So a wildcard never spans a colon before the
 * resource, and a pattern or value with fewer than six components matches nothing.
 */
export function arnPatternMatch(pattern: string, value: string): boolean {
    if (pattern === value) {
        return pattern.startsWith("arn:") && arnComponents(pattern) !== undefined;
    }
    const p = arnComponents(pattern);
    const v = p === undefined ? undefined : arnComponents(value);
    if (p === undefined || v === undefined) {
        return false;
    }
    for (let i = 0; i < 6; i++) {
        if (!globMatch(p[i], v[i])) {
            return false;
        }
    }
    return true;
}

/** The six components, the last one holding any further colons; undefined for fewer than six. */
function arnComponents(value: string): string[] | undefined {
    const out: string[] = [];
    let from = 0;
    for (let i = 0; i < 5; i++) {
        const colon = value.indexOf(":", from);
        if (colon < 0) {
            return undefined;
        }
        out.push(value.slice(from, colon));
        from = colon + 1;
    }
    out.push(value.slice(from));
    return out[0] === "arn" ? out : undefined;
}

/** Glob match with IAM's `*` and `?` wildcards (linear, no regex: it runs per statement per bucket). */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
    if (pattern === "*" || pattern === value) {
        return true;
    }
    // Most patterns are plain ARNs or action names: compare them without the backtracking loop, and
    // through the lower-case cache rather than two fresh copies per comparison (this runs for every
    // pattern of every statement the checks look at).
    if (pattern.indexOf("*") < 0 && pattern.indexOf("?") < 0) {
        return ignoreCase && lowerCaseCached(pattern) === lowerCaseCached(value);
    }
    const p = ignoreCase ? lowerCaseCached(pattern) : pattern;
    const v = ignoreCase ? lowerCaseCached(value) : value;
    let pi = 0;
    let vi = 0;
    let star = -1;
    let mark = 0;
    while (vi < v.length) {
        const pc = pi < p.length ? p.charCodeAt(pi) : -1;
        if (pc === QUESTION || pc === v.charCodeAt(vi)) {
            pi++;
            vi++;
        } else if (pc === STAR) {
            star = pi++;
            mark = vi;
        } else if (star >= 0) {
            pi = star + 1;
            vi = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.length && p.charCodeAt(pi) === STAR) {
        pi++;
    }
    return pi === p.length;
}

const STAR = 42; // "*"
const QUESTION = 63; // "?"

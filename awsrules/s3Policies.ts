// Bucket policy rules S3 applies at PutBucketPolicy: the document must be JSON (Amazon S3 API
// Reference, "PutBucketPolicy"), and with BlockPublicPolicy on, a public policy is refused (Amazon
// S3 User Guide, "Blocking public access to your Amazon S3 storage", section "The meaning of
// 'public'"): a policy is public unless every Allow names fixed principals or is limited by a fixed
// value of one of the keys that section lists, by its own condition or by a Deny for everyone outside such values
// (the section judges what the policy grants).
//
// Which keys, operators and values those are is declared once, with the pack that enforces the same
// meaning (s3-bucket-policy-no-public-allow): policypack/model/publicPolicy.ts.
import { ClauseValues, DenyShape, denyConfinesAllow, pinsToFixedValues, S3_RESTRICTING_KEYS, StatementScope } from "../policypack/model/publicPolicy";
import { AwsRuleViolation, violation } from "./violation";

const PUBLIC_SOURCE = "Amazon S3 User Guide, \"Blocking public access to your Amazon S3 storage\", section \"The meaning of 'public'\"";

type Json = Record<string, unknown>;

function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function wildcardPrincipal(principal: unknown): boolean {
    if (principal === "*") return true;
    if (principal === null || typeof principal !== "object") return false;
    return asList((principal as Json)["AWS"]).some((p) => typeof p === "string" && p.includes("*"));
}

/** The Condition block's clauses, keys lower-cased (condition keys are case-insensitive). */
function clauses(condition: unknown): ClauseValues[] {
    if (condition === null || typeof condition !== "object") return [];
    return Object.entries(condition as Json).flatMap(([operator, keys]) =>
        keys === null || typeof keys !== "object" ? [] : Object.entries(keys as Json).map(([key, raw]) => ({ operator, key: key.toLowerCase(), values: asList(raw).map(String) })));
}

/** Some clause of the Condition block limits the statement to fixed values of a restricting key. */
function restrictsToFixedValues(condition: unknown): boolean {
    return clauses(condition).some((c) => pinsToFixedValues(c, S3_RESTRICTING_KEYS) === true);
}

function patterns(value: unknown): string[] | undefined {
    return value === undefined ? undefined : asList(value).map(String);
}

function scope(s: Json): StatementScope {
    return { actions: patterns(s["Action"]), notActions: patterns(s["NotAction"]), resources: patterns(s["Resource"]), notResources: patterns(s["NotResource"]) };
}

/** A Deny for everyone (Principal "*"), or for everyone but the fixed principals its NotPrincipal names. */
function asDeny(s: Json): DenyShape {
    const spared = s["NotPrincipal"];
    const everyone = s["Principal"] !== undefined ? wildcardPrincipal(s["Principal"]) : spared !== undefined && spared !== "*" && !wildcardPrincipal(spared);
    return { ...scope(s), everyone, clauses: clauses(s["Condition"]) };
}

/** A Deny of the document confines the Allow to fixed values of a restricting key. */
function confinedByDeny(allow: Json, statements: Json[]): boolean {
    return statements.some((d) => d["Effect"] === "Deny" && denyConfinesAllow(asDeny(d), scope(allow), S3_RESTRICTING_KEYS) === true);
}

/** Statements that make a bucket policy public, by Sid (or index). */
export function publicStatements(document: unknown): string[] {
    if (document === null || typeof document !== "object") return [];
    const statements = asList((document as Json)["Statement"]).map((statement) => (statement ?? {}) as Json);
    return statements.flatMap((s, index) => {
        if (s["Effect"] !== "Allow") return [];
        const open = s["NotPrincipal"] !== undefined || wildcardPrincipal(s["Principal"]);
        return open && !restrictsToFixedValues(s["Condition"]) && !confinedByDeny(s, statements) ? [typeof s["Sid"] === "string" ? s["Sid"] : `#${index + 1}`] : [];
    });
}

/** PutBucketPolicy with a document that is not a JSON object. */
export function bucketPolicyJsonViolation(json: string): AwsRuleViolation | undefined {
    try {
        const parsed = JSON.parse(json) as unknown;
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return undefined;
    } catch {
        // fall through
    }
    return violation(
        "MalformedPolicy",
        "Policies must be valid JSON and the first byte must be '{'",
        "is not a JSON policy document",
        "Amazon S3 API Reference, \"PutBucketPolicy\"",
    );
}

/** PutBucketPolicy on a bucket whose public access block has BlockPublicPolicy on. */
export function publicPolicyBlockedViolation(json: string, bucket: string): AwsRuleViolation | undefined {
    const open = publicStatements(JSON.parse(json) as unknown);
    if (open.length === 0) return undefined;
    return violation(
        "AccessDenied",
        `User is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${bucket}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
        `is public (statement ${open.join(", ")} allows a wildcard principal without a fixed-value condition) while BlockPublicPolicy is on`,
        PUBLIC_SOURCE,
    );
}

/** PutBucketAcl (or any ACL) on a bucket whose Object Ownership is BucketOwnerEnforced. */
export function aclsDisabledViolation(): AwsRuleViolation {
    return violation(
        "AccessControlListNotSupported",
        "The bucket does not allow ACLs",
        "sets an ACL on a bucket whose Object Ownership is BucketOwnerEnforced (ACLs disabled)",
        "Amazon S3 User Guide, \"Controlling ownership of objects and disabling ACLs for your bucket\"",
    );
}

/**
 * CreateBucket with a canned ACL (`x-amz-acl`) on a bucket created under Object Ownership BucketOwnerEnforced (the
 * default for new buckets since April 2023: Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs
 * for your bucket", "Object Ownership settings" and "Disabling ACLs for all new buckets and enforcing Object Ownership"):
 * with ACLs disabled only the `private` ACL, which grants the bucket owner full control and nothing else, is accepted.
 * The code and message are S3's as its users report them (Amazon S3 API Reference, "CreateBucket" documents the rule,
 * not the wording).
 */
export function createBucketAclViolation(acl: string): AwsRuleViolation | undefined {
    if (acl === "private") {
        return undefined;
    }
    return violation(
        "InvalidBucketAclWithObjectOwnership",
        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
        `creates the bucket with the canned ACL ${acl} while its Object Ownership is BucketOwnerEnforced (ACLs disabled, the default); drop acl (or use private) and grant access with the bucket policy`,
        "Amazon S3 User Guide, \"Controlling ownership of objects and disabling ACLs for your bucket\"; Amazon S3 API Reference, \"CreateBucket\"",
    );
}

/** An account's S3 Block Public Access settings are put by that account (Amazon S3 API Reference, "PutPublicAccessBlock", S3 Control). */
export function accountPublicAccessBlockViolation(targetAccount: string, callerAccount: string): AwsRuleViolation | undefined {
    if (targetAccount === callerAccount) {
        return undefined;
    }
    return violation(
        "AccessDenied",
        "Access Denied",
        `sets the public access block of account ${targetAccount} with credentials of account ${callerAccount}; an account sets only its own`,
        "Amazon S3 API Reference, \"PutPublicAccessBlock\" (S3 Control)",
    );
}

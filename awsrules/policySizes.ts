// Size limits of the policy documents the program renders, each measured the way its service
// counts. IAM does not count white space (IAM User Guide, "IAM and AWS STS quotas", section "IAM
// and STS character limits": role policy aggregate 10,240 characters, managed policy 6,144); S3
// bucket policies are limited to 20 KB (Amazon S3 User Guide, "Bucket policies and user policies");
// KMS key policies to 32 KB (AWS KMS Developer Guide, "Quotas", section "Resource quotas": key
// policy document size, 32,768 bytes).
import { AwsRuleViolation, violation } from "./violation";

export type PolicyKind = "bucket" | "key" | "inlineRole" | "managed";

interface PolicyLimit {
    limit: number;
    unit: "bytes" | "characters without white space";
    what: string;
    code: string;
    message: string;
    source: string;
}

export const POLICY_LIMITS: Readonly<Record<PolicyKind, PolicyLimit>> = {
    bucket: {
        limit: 20 * 1024,
        unit: "bytes",
        what: "an S3 bucket policy",
        code: "PolicyTooLarge",
        message: "Policy exceeds the maximum allowed document size.",
        source: "Amazon S3 User Guide, \"Bucket policies and user policies\"",
    },
    key: {
        limit: 32 * 1024,
        unit: "bytes",
        what: "a KMS key policy",
        code: "LimitExceededException",
        message: "The key policy exceeds the maximum size of 32768 bytes.",
        source: "AWS KMS Developer Guide, \"Quotas\", section \"Resource quotas\" (key policy document size)",
    },
    inlineRole: {
        limit: 10240,
        unit: "characters without white space",
        what: "the inline policies of an IAM role",
        code: "LimitExceeded",
        message: "Maximum policy size of 10240 bytes exceeded for role",
        source: "IAM User Guide, \"IAM and AWS STS quotas\", section \"IAM and STS character limits\"",
    },
    managed: {
        limit: 6144,
        unit: "characters without white space",
        what: "an IAM managed policy",
        code: "LimitExceeded",
        message: "Cannot exceed quota for PolicySize: 6144",
        source: "IAM User Guide, \"IAM and AWS STS quotas\", section \"IAM and STS character limits\"",
    },
};

/** The size of a rendered policy as its service counts it. */
export function policySize(kind: PolicyKind, json: string): number {
    return POLICY_LIMITS[kind].unit === "bytes" ? Buffer.byteLength(json, "utf8") : json.replace(/\s/g, "").length;
}

export function policySizeViolation(kind: PolicyKind, json: string): AwsRuleViolation | undefined {
    const spec = POLICY_LIMITS[kind];
    const size = policySize(kind, json);
    if (size <= spec.limit) {
        return undefined;
    }
    return violation(spec.code, spec.message, `renders to ${size} ${spec.unit}; ${spec.what} may have at most ${spec.limit}`, spec.source);
}

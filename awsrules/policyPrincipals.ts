// The form of the AWS principals a policy names (`Principal`/`NotPrincipal` `{"AWS": …}`), which every service that
// stores a policy with principals checks when it is put. IAM User Guide, "AWS JSON policy elements: Principal":
// an AWS principal is `*`, an account (its 12-digit id or `arn:aws:iam::<account>:root`), an IAM user or role
// (`arn:aws:iam::<account>:user/…`, `…:role/…`, paths included), an assumed-role session
// (`arn:aws:sts::<account>:assumed-role/<role>/<session>`) or a federated user session
// (`arn:aws:sts::<account>:federated-user/<name>`); "You cannot identify a user group as a principal", and "You
// can't use a wildcard to match part of a principal name or ARN". CloudFront origin access identities are IAM users
// of the `cloudfront` pseudo-account (Amazon CloudFront Developer Guide, "Restricting access to an Amazon S3 origin"),
// and a principal whose IAM entity was deleted reads back as its unique id (`AROA…`, `AIDA…`): both pass.
// Each service answers with its own code (S3 `MalformedPolicy: Invalid principal in policy`, KMS
// `MalformedPolicyDocumentException`, IAM `MalformedPolicyDocument`).

import { AwsRuleViolation, violation } from "./violation";

type Json = Record<string, unknown>;

function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

const PARTITION = "aws(?:-cn|-us-gov)?";
const ACCOUNT = "\\d{12}";
const VALID: readonly RegExp[] = [
    new RegExp(`^${ACCOUNT}$`),
    new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:root$`),
    new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:(?:user|role)/(?:[^*?/]+/)*[^*?/]+$`),
    new RegExp(`^arn:${PARTITION}:sts::${ACCOUNT}:assumed-role/[^*?/]+/[^*?/]+$`),
    new RegExp(`^arn:${PARTITION}:sts::${ACCOUNT}:federated-user/[^*?/]+$`),
    new RegExp(`^arn:${PARTITION}:iam::cloudfront:user/CloudFront Origin Access Identity [A-Z0-9]+$`),
    /^A[A-Z0-9]{15,127}$/,
];

/** Why an AWS principal value is not one, or undefined when it is. */
export function awsPrincipalProblem(value: string): string | undefined {
    if (value === "*" || VALID.some((form) => form.test(value))) return undefined;
    if (/:group\//.test(value)) return `${value} is an IAM user group, which cannot be a principal`;
    if (value.startsWith("arn:") && /[*?]/.test(value)) return `${value} uses a wildcard inside a principal ARN, which principals do not allow (use "*" with a condition on aws:PrincipalArn)`;
    return `${value} is not an account id, an account root, user, role or session ARN, or "*"`;
}

/** The first AWS principal of a policy document that is not one, with why; undefined when every one is. */
export function malformedAwsPrincipal(document: unknown): string | undefined {
    if (document === null || typeof document !== "object") return undefined;
    for (const statement of asList((document as Json)["Statement"])) {
        for (const element of ["Principal", "NotPrincipal"]) {
            const principal = ((statement ?? {}) as Json)[element];
            if (principal === null || typeof principal !== "object") continue;
            for (const value of asList((principal as Json)["AWS"])) {
                if (typeof value !== "string") continue;
                const problem = awsPrincipalProblem(value);
                if (problem !== undefined) return problem;
            }
        }
    }
    return undefined;
}

const ANSWERS = {
    s3: { code: "MalformedPolicy", message: "Invalid principal in policy", api: "Amazon S3 API Reference, \"PutBucketPolicy\"" },
    kms: { code: "MalformedPolicyDocumentException", message: "Policy contains a statement with one or more invalid principals.", api: "AWS KMS API Reference, \"PutKeyPolicy\" and \"CreateKey\" (Policy)" },
    iam: { code: "MalformedPolicyDocument", message: "Invalid principal in policy", api: "IAM API Reference, \"CreateRole\" and \"UpdateAssumeRolePolicy\"" },
} as const;

/** The error the service storing `document` answers for its first malformed AWS principal, or undefined. */
export function principalFormatViolation(document: unknown, service: keyof typeof ANSWERS): AwsRuleViolation | undefined {
    const problem = malformedAwsPrincipal(document);
    if (problem === undefined) return undefined;
    const answer = ANSWERS[service];
    return violation(answer.code, answer.message, `names ${problem}`, `${answer.api}; IAM User Guide, "AWS JSON policy elements: Principal"`);
}

// The grammar of a policy document as the IAM policy language defines it ("IAM User Guide, Grammar of the IAM JSON
// policy language"), checked with @cloud-copilot/iam-policy's validators (test-only, as the engine is) when a service
// stores a policy: S3 PutBucketPolicy, KMS PutKeyPolicy, SNS SetTopicAttributes, IAM CreateRole/PutRolePolicy/
// CreatePolicy all refuse a document that is not one (an Effect other than Allow or Deny, a statement without an
// action, a Principal in an identity policy, ...). The validators are lenient where AWS may be strict, so a document
// they pass may still be one AWS refuses; one they refuse, AWS refuses too.
import { validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";

export type PolicyKind = "resource" | "trust" | "identity";

const VALIDATORS: Record<PolicyKind, (document: unknown) => { path: string; message: string }[]> = {
    resource: validateResourcePolicy,
    trust: validateTrustPolicy,
    identity: validateIdentityPolicy,
};

/** The first grammar error of a parsed document, as `<path>: <message>`; undefined when it is a policy of that kind. */
export function grammarProblem(document: unknown, kind: PolicyKind): string | undefined {
    const errors = VALIDATORS[kind](document);
    return errors.length === 0 ? undefined : `${errors[0].path}: ${errors[0].message}`;
}

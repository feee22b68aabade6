// Key and bucket policy checks that need more than the document: the principals it names must
// exist, and (KMS) the caller must still be able to change the policy afterwards.
import type { AwsRuleViolation } from "../../awsrules";
import type { Caller } from "../../fakeaws";
import { kmsCallContext } from "../../test/iam/support/requestContext";
import { CALLER_IS_ADMINISTRATOR, requestCaller } from "./iamDecision";
import type { World } from "./world";

const LOCKOUT_SOURCE =
    "AWS KMS API Reference, \"PutKeyPolicy\" and \"CreateKey\", parameter BypassPolicyLockoutSafetyCheck; AWS KMS Developer Guide, \"Default key policy\" (key policy lockout safety check)";

type Json = Record<string, unknown>;

function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Every IAM role ARN named as an AWS principal. */
function namedRoles(document: unknown): string[] {
    if (document === null || typeof document !== "object") return [];
    return asList((document as Json)["Statement"]).flatMap((statement) => {
        const principal = ((statement ?? {}) as Json)["Principal"];
        if (principal === null || typeof principal !== "object") return [];
        return asList((principal as Json)["AWS"]).filter((p): p is string => typeof p === "string" && /^arn:aws:iam::\d{12}:role\//.test(p));
    });
}

/**
 * KMS and S3 resolve principals when a policy is put: a role that a program has declared but not yet
 * created does not exist (AWS KMS API Reference, "PutKeyPolicy": "The principals in the key policy
 * must exist and be visible to AWS KMS"; Amazon S3 API Reference, "PutBucketPolicy": Invalid principal
 * in policy). Roles the world never saw are taken to exist already (accounts outside the stack).
 */
export function missingPrincipal(document: unknown, world: World): string | undefined {
    return namedRoles(document).find((arn) => roleNotCreatedYet(arn, world));
}

/** A role this deployment has declared but not created: no AWS API accepts it as a principal yet. */
export function roleNotCreatedYet(arn: string, world: World): boolean {
    return world.role(arn)?.state === "declared";
}

/** The error each service answers for a principal that does not exist. */
export function invalidPrincipalViolation(service: "kms" | "s3", arn: string): AwsRuleViolation {
    return {
        ...(service === "kms"
            ? {
                  code: "MalformedPolicyDocumentException",
                  message: "Policy contains a statement with one or more invalid principals.",
                  source: "AWS KMS API Reference, \"PutKeyPolicy\", parameter Policy (principals must exist and be visible to AWS KMS)",
              }
            : { code: "MalformedPolicy", message: "Invalid principal in policy", source: "Amazon S3 API Reference, \"PutBucketPolicy\"" }),
        rule: `names ${arn}, a role of this deployment that does not exist yet (make the policy depend on the role's arn output)`,
    };
}

/**
 * KMS's policy lockout safety check, evaluated with the IAM policy engine the tests use: the caller,
 * given administrator permissions in its own account, must be allowed kms:PutKeyPolicy on the key
 * under the new policy. A policy that delegates to the account root allows it; one that names only
 * other principals does not.
 */
export async function lockoutViolation(policyJson: string, keyArn: string, caller: Caller): Promise<AwsRuleViolation | undefined> {
    const keyAccount = keyArn.split(":")[4];
    let decision: string;
    try {
        // Loaded on first use: the engine (and its IAM data) costs each plugin process a second at start.
        const { decide } = await import("../../test/iam/support/oracle");
        const answer = await decide({
            principal: caller.principal,
            action: "kms:PutKeyPolicy",
            resource: keyArn,
            resourceAccount: keyAccount,
            context: kmsCallContext(requestCaller(caller), { accountId: keyAccount, region: keyArn.split(":")[3] }),
            identityPolicies: [CALLER_IS_ADMINISTRATOR],
            resourcePolicy: { name: "new key policy", document: JSON.parse(policyJson) as never },
        });
        decision = answer.decision;
    } catch (error) {
        return {
            code: "MalformedPolicyDocumentException",
            message: "The policy is not syntactically or semantically correct.",
            rule: `could not be evaluated: ${(error as Error).message.split("\n")[0]}`,
            source: "AWS KMS API Reference, \"PutKeyPolicy\", errors (MalformedPolicyDocumentException)",
        };
    }
    if (decision === "Allowed") return undefined;
    return {
        code: "MalformedPolicyDocumentException",
        message: "The new key policy will not allow you to update the key policy in the future.",
        rule: `would not let the caller ${caller.arn} call kms:PutKeyPolicy again (${decision}, evaluated as if it had administrator permissions in its account); name it in the policy or delegate to arn:aws:iam::${keyAccount}:root`,
        source: LOCKOUT_SOURCE,
    };
}

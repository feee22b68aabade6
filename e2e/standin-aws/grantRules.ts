// CreateGrant is authorized like any KMS call: the key policy (with IAM policies where it delegates to the account
// root) must let the caller call kms:CreateGrant, with the grant's own request keys (AWS KMS API Reference,
// "CreateGrant"; AWS KMS Developer Guide, "Grants in AWS KMS": "kms:GrantOperations", "kms:GranteePrincipal",
// "kms:RetiringPrincipal", "kms:GrantIsForAWSResource", which is false for a grant a program creates itself). Our
// components keep kms:CreateGrant away from key administrators, so a program whose deploying role only administers
// a key without the account-root statement cannot hand out grants on it; neither can it in AWS.
import type { AwsRuleViolation } from "../../awsrules";
import type { Caller } from "../../fakeaws";
import type { RequestContext } from "../../test/iam/support/oracle";
import { kmsCallContext } from "../../test/iam/support/requestContext";
import { CALLER_IS_ADMINISTRATOR, keyPolicyOf, policyDecision, requestCaller } from "./iamDecision";
import type { KeyRecord } from "./world";

export interface GrantRequest {
    operations: readonly string[];
    granteePrincipal?: string;
    retiringPrincipal?: string;
}

export async function createGrantRefused(key: KeyRecord, grant: GrantRequest, caller: Caller): Promise<AwsRuleViolation | undefined> {
    const keyAccount = key.arn.split(":")[4];
    const context: RequestContext = {
        ...kmsCallContext(requestCaller(caller), { accountId: keyAccount, region: key.arn.split(":")[3] }),
        "kms:GrantOperations": [...grant.operations],
        "kms:GrantIsForAWSResource": "false",
    };
    if (grant.granteePrincipal !== undefined) context["kms:GranteePrincipal"] = grant.granteePrincipal;
    if (grant.retiringPrincipal !== undefined) context["kms:RetiringPrincipal"] = grant.retiringPrincipal;
    const answer = await policyDecision({
        principal: caller.principal,
        action: "kms:CreateGrant",
        resource: key.arn,
        resourceAccount: keyAccount,
        context,
        identityPolicies: [CALLER_IS_ADMINISTRATOR],
        resourcePolicy: keyPolicyOf(key),
    });
    if (answer === undefined || answer === "Allowed") return undefined;
    return {
        code: "AccessDeniedException",
        message: `User: ${caller.principal} is not authorized to perform: kms:CreateGrant on resource: ${key.arn} because no resource-based policy allows the kms:CreateGrant action`,
        rule: `the key policy does not let ${caller.arn} create this grant (${answer}); let the deploying role call kms:CreateGrant in the key policy, or delegate to the account root`,
        source: "AWS KMS API Reference, \"CreateGrant\"; AWS KMS Developer Guide, \"Grants in AWS KMS\"",
    };
}

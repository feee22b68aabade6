import { accountOfPrincipal } from "../model/arn";
import { allows } from "../model/iam";
import { documentProperty, documentStatements, KEY_POLICY_TYPES } from "./documentFacts";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";

export const KMS_KEY_POLICY_DEPLOYER_ACCESS = "kms-key-policy-deployer-access";

const FIX = "keep the account root delegation ({\"Principal\":{\"AWS\":\"arn:aws:iam::<account>:root\"},\"Action\":\"kms:*\"}) or name the deploying role among the key administrators with kms:PutKeyPolicy";

/**
 * The deploying role is the role the key's provider assumes (`assumeRoles[0].roleArn`, aws-native
 * `assumeRole.roleArn`). KMS's policy lockout safety check ("AWS KMS Developer Guide: Default key policy",
 * "PutKeyPolicy: BypassPolicyLockoutSafetyCheck") requires that principal to be able to call
 * kms:PutKeyPolicy under the new policy, directly or through the account root delegation to IAM.
 */
export const kmsKeyPolicyDeployerAccess = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_POLICY_DEPLOYER_ACCESS,
        description: "A key policy lets the role that deploys the key (its provider's assumed role) call kms:PutKeyPolicy, directly or through the account root, so the stack can still manage the key.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    KEY_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        const role = resource.provider.deployRole;
        const property = documentProperty(resource.type);
        if (typeof role !== "string" || property === undefined || resource.props[property] === undefined || resource.props[property] === null) {
            return;
        }
        const statements = documentStatements(resource.type, resource.props);
        if (statements.length === 0) {
            return; // unknown, unreadable (other policies say so) or no statements at all
        }
        const who = { arn: role, account: accountOfPrincipal(role), referencedByDocument: false };
        if (allows(statements, "kms:PutKeyPolicy", "*", who) === false) {
            report(`${describe(resource)} has a key policy under which the deploying role ${role} (its provider's assumed role) can't call kms:PutKeyPolicy, neither by name nor through arn:aws:iam::${who.account ?? "<account>"}:root: KMS refuses the policy, or with the safety check bypassed the stack loses control of the key. Fix: ${FIX}`);
        }
    },
);

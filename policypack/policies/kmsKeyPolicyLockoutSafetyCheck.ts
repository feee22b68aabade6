import { asBool } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { KEY_POLICY_TYPES } from "./documentFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_POLICY_LOCKOUT_SAFETY_CHECK = "kms-key-policy-lockout-safety-check";

const FIX = "remove bypassPolicyLockoutSafetyCheck (or set it to false), and make sure the key policy lets the account root or the deploying role call kms:PutKeyPolicy";

// "AWS KMS API Reference: PutKeyPolicy / CreateKey, BypassPolicyLockoutSafetyCheck": setting it lets a key
// policy through that makes the key unmanageable; AWS recommends never setting it unless necessary.
export const kmsKeyPolicyLockoutSafetyCheck = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_POLICY_LOCKOUT_SAFETY_CHECK,
        description: "KMS keys and key policies keep the policy lockout safety check (bypassPolicyLockoutSafetyCheck is not true), so no policy can make a key unmanageable.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    KEY_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        if (asBool(resource.props["bypassPolicyLockoutSafetyCheck"]) === true) {
            report(`${describe(resource)} sets bypassPolicyLockoutSafetyCheck: true, so KMS accepts a key policy that locks every principal out of managing the key (only AWS Support can then recover it). Fix: ${FIX}`);
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyPolicyLockoutSafetyCheck,
    doc: {
        checks: "No key or key policy sets `bypassPolicyLockoutSafetyCheck: true` (KMS would accept a policy that makes the key unmanageable).",
        shapes: "`aws.kms.Key`, `ReplicaKey`, `ExternalKey`, `ReplicaExternalKey`, `KeyPolicy`, native `Key`",
        config: "—",
    },
    compliant: [{ title: "a key and key policy that keep the safety check", resources: dataBucket() }],
    violating: [
        { title: "a KeyPolicy with bypassPolicyLockoutSafetyCheck: true", resources: dataBucket((r) => withInputs(r, "data-key-policy", { bypassPolicyLockoutSafetyCheck: true })) },
        { title: "a Key with bypassPolicyLockoutSafetyCheck: true", resources: dataBucket((r) => withInputs(r, "data-key", { bypassPolicyLockoutSafetyCheck: true })) },
    ],
});

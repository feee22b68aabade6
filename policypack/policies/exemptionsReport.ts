import { StackValidationPolicy } from "@pulumi/policy";
import { stackIndexFor } from "../model/indexCache";
import { describe } from "./framework";
import { EXEMPT_TAG, exemptedPolicies } from "./exemptions";

export const ENCRYPTED_BUCKETS_EXEMPTIONS = "encrypted-buckets-exemptions";

/**
 * Keeps tag-based exemptions visible: every exempted resource shows up as an advisory in each preview.
 * Only the resource types the pack judges can be exempted, so the shared stack index is enough.
 */
export const encryptedBucketsExemptions: StackValidationPolicy = {
    name: ENCRYPTED_BUCKETS_EXEMPTIONS,
    description: `Lists resources that exempt themselves from policies with the "${EXEMPT_TAG}" tag.`,
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: `remove the "${EXEMPT_TAG}" tag once the exemption is no longer needed`,
    validateStack: (args, reportViolation) => {
        for (const r of stackIndexFor(args.resources).resourcesByUrn.values()) {
            if (!r.props["tags"] && !r.props["tagsAll"]) {
                continue;
            }
            const exempted = exemptedPolicies(r.tags);
            if (exempted.length > 0) {
                reportViolation(`${describe(r)} is exempt from: ${exempted.join(", ")}. Exemptions must be reviewed; remove the tag when it is no longer needed.`, r.urn);
            }
        }
    },
};

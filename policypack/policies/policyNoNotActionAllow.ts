import { isAllow } from "../model/iam";
import { documentStatements, RESOURCE_POLICY_TYPES } from "./documentFacts";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";

export const POLICY_NO_NOT_ACTION_ALLOW = "policy-no-not-action-allow";

const FIX = "list the allowed actions in Action and the resources in Resource; use NotAction / NotResource only in Deny statements";

// "IAM JSON policy elements: NotAction / NotResource": with Allow they grant every action (resource) not
// listed, including ones added to the service later.
export const policyNoNotActionAllow = resourcePolicy<ExemptionConfig>(
    {
        name: POLICY_NO_NOT_ACTION_ALLOW,
        description: "Bucket and key policies don't Allow with NotAction or NotResource (an allow of everything not listed).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    RESOURCE_POLICY_TYPES,
    {},
    (resource, _config, report) => {
        for (const s of documentStatements(resource.type, resource.props)) {
            if (isAllow(s) !== true) {
                continue;
            }
            const elements = [s.notActions !== undefined ? "NotAction" : "", s.notResources !== undefined ? "NotResource" : ""].filter((e) => e !== "");
            if (elements.length > 0) {
                report(`${describe(resource)} has an Allow${s.sid ? ` "${s.sid}"` : ""} with ${elements.join(" and ")}, which allows everything it doesn't list. Fix: ${FIX}`);
            }
        }
    },
);

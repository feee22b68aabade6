import { isAllow } from "../model/iam";
import { documentStatements, RESOURCE_POLICY_TYPES } from "./documentFacts";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { jsonOf } from "../fixtures/format";
import { bucketPolicyOf, bucketPolicyStatements, dataBucket, rootStatement, withInputs } from "../fixtures/stacks";

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

export const definition = definePolicy({
    policy: policyNoNotActionAllow,
    doc: {
        checks: "No bucket or key policy Allow with `NotAction` or `NotResource` (it allows everything it doesn't list).",
        shapes: "bucket and key policy shapes above",
        config: "—",
    },
    compliant: [{ title: "bucket and key policies that list their actions and resources", resources: dataBucket() }],
    violating: [
        {
            title: "a key policy Allow with NotResource",
            resources: dataBucket((r) => withInputs(r, "data-key-policy", { policy: jsonOf({ Version: "2012-10-17", Statement: [
                rootStatement("111111111111"),
                { Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: "kms:Decrypt", NotResource: "arn:aws:kms:eu-west-1:111111111111:key/other" },
            ] }) })),
        },
        {
            title: "a bucket policy Allow with NotAction (the document is built from the bucket's ARN, unknown before it exists)",
            firesAtPreview: false,
            resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf([
                ...bucketPolicyStatements("data", "data-key"),
                { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, NotAction: "s3:DeleteBucket", Resource: "arn:aws:s3:::data/*" },
            ]))),
        },
    ],
});

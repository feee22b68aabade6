import * as T from "../model/awsTypes";
import { asString, children, field, isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const S3_BUCKET_OWNERSHIP_CONTROLS = "s3-bucket-ownership-controls";

const FIX = "set rule.objectOwnership = \"BucketOwnerEnforced\" (ACLs disabled; access only through policies)";

// "Amazon S3 User Guide: Controlling ownership of objects and disabling ACLs": BucketOwnerEnforced disables
// ACLs, so no ACL can make an object public or leave it owned by another account.
export const s3BucketOwnershipControls = resourcePolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_OWNERSHIP_CONTROLS,
        description: "Bucket ownership controls disable ACLs (objectOwnership BucketOwnerEnforced, AWS's default for new buckets).",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: FIX,
    },
    new Set([T.OWNERSHIP_CONTROLS]),
    {},
    (controls, _config, report) => {
        const rules = children(controls.props, "rule", "rules");
        if (isUnknown(rules)) {
            return;
        }
        for (const rule of rules) {
            const ownership = asString(field(rule, "objectOwnership"));
            if (typeof ownership === "string" && ownership !== "BucketOwnerEnforced") {
                report(`${describe(controls)} sets objectOwnership "${ownership}", which keeps ACLs enabled. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: s3BucketOwnershipControls,
    doc: {
        checks: "`aws.s3.BucketOwnershipControls` sets `objectOwnership: \"BucketOwnerEnforced\"` (ACLs disabled).",
        shapes: "`BucketOwnershipControls`",
        config: "—",
    },
    compliant: [{ title: "ownership controls BucketOwnerEnforced", resources: dataBucket() }],
    violating: [{ title: "ownership controls ObjectWriter", resources: dataBucket((r) => withInputs(r, "data-ownership", { rule: { objectOwnership: "ObjectWriter" } })) }],
});

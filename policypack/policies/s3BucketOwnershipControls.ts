import * as T from "../model/awsTypes";
import { objectOwnershipSettings } from "../model/s3Shapes";
import { isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const S3_BUCKET_OWNERSHIP_CONTROLS = "s3-bucket-ownership-controls";

const FIX = "set objectOwnership = \"BucketOwnerEnforced\" (BucketOwnershipControls rule, or aws-native ownershipControls.rules[]) (ACLs disabled; access only through policies)";

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
    // aws-native declares ownership controls in the bucket itself (`ownershipControls.rules[]`).
    new Set([T.OWNERSHIP_CONTROLS, T.NATIVE_BUCKET]),
    {},
    (controls, _config, report) => {
        const settings = objectOwnershipSettings(controls.type, controls.props);
        if (isUnknown(settings)) {
            return;
        }
        for (const ownership of settings) {
            if (typeof ownership === "string" && ownership !== "BucketOwnerEnforced") {
                report(`${describe(controls)} sets objectOwnership "${ownership}", which keeps ACLs enabled. Fix: ${FIX}`);
            }
        }
    },
);

export const definition = definePolicy({
    policy: s3BucketOwnershipControls,
    doc: {
        checks: "`aws.s3.BucketOwnershipControls` (or an aws-native bucket's `ownershipControls.rules[]`) sets `objectOwnership: \"BucketOwnerEnforced\"` (ACLs disabled).",
        shapes: "`BucketOwnershipControls`, native `ownershipControls`",
        config: "—",
    },
    compliant: [{ title: "ownership controls BucketOwnerEnforced", resources: dataBucket() }],
    violating: [{ title: "ownership controls ObjectWriter", resources: dataBucket((r) => withInputs(r, "data-ownership", { rule: { objectOwnership: "ObjectWriter" } })) }],
});

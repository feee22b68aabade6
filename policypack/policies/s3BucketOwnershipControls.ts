import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { declareAppliesTo } from "../model/appliesTo";
import { rememberNativeBucketInputs } from "./nativeBucketInputs";
import * as T from "../model/awsTypes";
import { objectOwnershipSettings } from "../model/s3Shapes";
import { isUnknown } from "../model/values";
import { describe, PolicyMeta, resourcePolicy, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket, duplicated, withInputs } from "../fixtures/stacks";
import { DuplicateKind, duplicateFinding, externalDuplicateFinding, externalDuplicates } from "./duplicateConfigs";

export const S3_BUCKET_OWNERSHIP_CONTROLS = "s3-bucket-ownership-controls";

const FIX = "set objectOwnership = \"BucketOwnerEnforced\" (BucketOwnershipControls rule, or aws-native ownershipControls.rules[]) (ACLs disabled; access only through policies)";

// "Amazon S3 User Guide: Controlling ownership of objects and disabling ACLs": BucketOwnerEnforced disables
// ACLs, so no ACL can make an object public or leave it owned by another account.
const META: PolicyMeta = {
    name: S3_BUCKET_OWNERSHIP_CONTROLS,
    description: "Bucket ownership controls disable ACLs (objectOwnership BucketOwnerEnforced, AWS's default for new buckets).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: FIX,
};

// A bucket without ownership controls behaves as ObjectWriter ("Amazon S3 User Guide: Controlling ownership of
// objects and disabling ACLs"), so deleting one of two declarations turns ACLs back on.
const DUPLICATE: DuplicateKind = {
    what: "ownership controls",
    own: () => "its own ownershipControls",
    onDelete: "removing either one from the program deletes the bucket's ownership controls (DeleteBucketOwnershipControls), which turns ACLs back on, while the other is still declared",
    fix: "keep exactly one ownership controls declaration for the bucket (a single aws.s3.BucketOwnershipControls, or only an aws-native bucket's ownershipControls) with objectOwnership \"BucketOwnerEnforced\"",
};

/** Two declarations of one bucket's ownership controls (duplicateConfigs.ts). */
const stackPart = stackPolicy<ExemptionConfig>(META, {}, (index, _config, report) => {
    for (const bucket of index.buckets) {
        const duplicate = duplicateFinding(bucket.resource, bucket.ownership, DUPLICATE);
        if (duplicate !== undefined) {
            report(duplicate);
        }
    }
    for (const group of externalDuplicates(index.external.ownership)) {
        report(externalDuplicateFinding(group, DUPLICATE));
    }
}, { readsVerifiedByResourcePart: true });

const RESOURCE_TYPES: ReadonlySet<string> = new Set([T.OWNERSHIP_CONTROLS, T.NATIVE_BUCKET]);

const resourcePart = resourcePolicy<ExemptionConfig>(
    META,
    // aws-native declares ownership controls in the bucket itself (`ownershipControls.rules[]`).
    RESOURCE_TYPES,
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

const checkResource = resourcePart.validateResource as (args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>;

/** The resource part, which also records an aws-native bucket's declared blocks for the stack part (nativeBucketInputs.ts). */
const validateResource = declareAppliesTo((args: ResourceValidationArgs, report: ReportViolation): void | Promise<void> => {
    rememberNativeBucketInputs(args);
    return checkResource(args, report);
}, RESOURCE_TYPES);

export const s3BucketOwnershipControls = { ...resourcePart, validateResource, validateStack: stackPart.validateStack };

export const definition = definePolicy({
    policy: s3BucketOwnershipControls,
    doc: {
        checks: "`aws.s3.BucketOwnershipControls` (or an aws-native bucket's `ownershipControls.rules[]`) sets `objectOwnership: \"BucketOwnerEnforced\"` (ACLs disabled). Two ownership controls declarations for one bucket (two `BucketOwnershipControls`, or one next to an aws-native bucket's own `ownershipControls`; also two for one bucket the stack does not declare, by its literal name) are flagged on the bucket whatever they say: S3 keeps the last one written, and removing either deletes the bucket's ownership controls. An aws-native bucket's own `ownershipControls` next to a separate resource is a second declaration only when the bucket's inputs declare it: its outputs hold Cloud Control's read, with S3's default for new buckets (BucketOwnerEnforced) whether or not the program declared it. On a state (`pulumi policy analyze`) it never is: an imported bucket's recorded inputs are that same read.",
        shapes: "`BucketOwnershipControls`, native `ownershipControls`",
        config: "—",
    },
    compliant: [{ title: "ownership controls BucketOwnerEnforced", resources: dataBucket() }],
    violating: [
        { title: "ownership controls ObjectWriter", resources: dataBucket((r) => withInputs(r, "data-ownership", { rule: { objectOwnership: "ObjectWriter" } })) },
        { title: "two ownership controls for one bucket, both BucketOwnerEnforced", resources: dataBucket((r) => duplicated(r, "data-ownership")) },
    ],
});

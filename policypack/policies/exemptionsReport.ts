import { StackValidationPolicy } from "@pulumi/policy";
import { stackIndexFor } from "../model/indexCache";
import { describe } from "./framework";
import { asObject, asString, isUnknown, ValueObject } from "../model/values";
import { EXEMPT_TAG, exemptedPolicies } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket, without } from "../fixtures/stacks";

/**
 * `r.tags.get(EXEMPT_TAG)` read straight from the props (same precedence: `tags` over `tagsAll`), so the
 * thousands of tagged resources without an exemption never build a tag map.
 */
function exemptTagOf(props: ValueObject): string | undefined {
    let value: string | undefined;
    for (const key of ["tagsAll", "tags"]) {
        const list = props[key];
        if (Array.isArray(list)) {
            // aws-native: [{ key, value }]
            const entry = list.map((t) => asObject(t)).find((t) => t !== undefined && !isUnknown(t) && t["key"] === EXEMPT_TAG) as ValueObject | undefined;
            const v = entry ? asString(entry["value"]) : undefined;
            if (v !== undefined) {
                value = isUnknown(v) ? undefined : v;
            }
            continue;
        }
        const block = asObject(list);
        if (block && !isUnknown(block)) {
            const v = asString(block[EXEMPT_TAG]);
            if (v !== undefined) {
                value = isUnknown(v) ? undefined : v;
            }
        }
    }
    return value;
}

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
            if (exemptTagOf(r.props) === undefined) {
                continue;
            }
            const exempted = exemptedPolicies(r.tags);
            if (exempted.length > 0) {
                reportViolation(`${describe(r)} is exempt from: ${exempted.join(", ")}. Exemptions must be reviewed; remove the tag when it is no longer needed.`, r.urn);
            }
        }
    },
};

export const definition = definePolicy({
    policy: encryptedBucketsExemptions,
    doc: {
        checks: "Lists every resource carrying `encrypted-buckets:exempt`, so exemptions show in every preview.",
        shapes: "any indexed type",
        config: "—",
    },
    compliant: [{ title: "no exemption tag", resources: dataBucket() }],
    violating: [{ title: "a bucket exempt from the public access block policy", resources: dataBucket((r) => without(r, "data-pab"), { tags: { [EXEMPT_TAG]: "s3-bucket-public-access-block" } }) }],
});

// Exemptions are explicit: a resource opts out of named policies with the tag
// `encrypted-buckets:exempt=<policy>[,<policy>...]`, or a policy's config lists tag key/values
// (`exemptTags`) whose resources it skips. The `encrypted-buckets-exemptions` policy reports every
// tag-based exemption as an advisory, so they show in every preview.
import { Maybe } from "../model/policyDocument";
import { EXEMPT_TAG, policiesInExemptTag } from "../model/guardrailToggles";

export { EXEMPT_TAG };

export interface ExemptionConfig {
    /** Resources carrying any of these tag key/value pairs are skipped by this policy. */
    exemptTags?: Record<string, string>;
}

export function exemptedPolicies(tags: ReadonlyMap<string, Maybe<string>>): string[] {
    const value = tags.get(EXEMPT_TAG);
    if (typeof value !== "string") {
        return [];
    }
    return policiesInExemptTag(value);
}

export function isExempt(policyName: string, tags: ReadonlyMap<string, Maybe<string>>, config: ExemptionConfig): boolean {
    if (tags.size === 0) {
        return false; // the common case on a large stack: nothing to split or look up
    }
    if (typeof tags.get(EXEMPT_TAG) === "string" && exemptedPolicies(tags).includes(policyName)) {
        return true;
    }
    const configured = config.exemptTags;
    if (configured === undefined) {
        return false;
    }
    for (const key of Object.keys(configured)) {
        if (tags.get(key) === configured[key]) {
            return true;
        }
    }
    return false;
}

/** Cheap pre-test on a resource's inputs: can `isExempt` be true at all (so the tag map is worth building)? */
export function mayBeExempt(props: Readonly<Record<string, unknown>>, config: ExemptionConfig): boolean {
    if (config.exemptTags !== undefined && Object.keys(config.exemptTags).length > 0) {
        return true;
    }
    const tags = props["tags"];
    if (Array.isArray(tags)) {
        // aws-native: [{ key, value }]
        return tags.some((t) => t !== null && typeof t === "object" && (t as Record<string, unknown>)["key"] === EXEMPT_TAG);
    }
    return tags !== null && typeof tags === "object" && EXEMPT_TAG in tags;
}

export const exemptTagsSchema = {
    type: "object" as const,
    description: "Resources with any of these tag key/value pairs are exempt from this policy.",
    additionalProperties: { type: "string" as const },
};

// Tags on S3 buckets, KMS keys and IAM roles share AWS's tagging limits. Tagging AWS Resources
// User Guide, "Tag naming limits and requirements"; Amazon S3 User Guide, "Categorizing your storage
// using tags" (bucket tags: up to 50, InvalidTag); AWS KMS Developer Guide, "Tags in AWS KMS"
// (TagException); IAM User Guide, "Tagging IAM resources", section "Rules for tagging in IAM".
import { AwsRuleViolation, violation } from "./violation";

export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
const SOURCE = "Tagging AWS Resources User Guide, \"Tag naming limits and requirements\"";

export type TaggedService = "s3" | "kms" | "iam";

/** Letters, digits and spaces in any language, and + - = . _ : / @ (the common set of S3, KMS and IAM). */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Which tagging rule the tags break, in words, with the offending key. */
export function tagRuleBroken(tags: Readonly<Record<string, string>>): string | undefined {
    const keys = Object.keys(tags);
    if (keys.length > MAX_TAGS) return `has ${keys.length} tags; a resource takes at most ${MAX_TAGS}`;
    for (const key of keys) {
        const value = tags[key];
        if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) return `tag key "${key}" must be 1-${MAX_TAG_KEY_LENGTH} characters`;
        if (key.toLowerCase().startsWith("aws:")) return `tag key "${key}" starts with aws:, a prefix reserved for AWS's own tags`;
        if (!TAG_CHARACTERS.test(key)) return `tag key "${key}" may contain only letters, digits, spaces and + - = . _ : / @`;
        if (typeof value !== "string" || value.length > MAX_TAG_VALUE_LENGTH) return `tag "${key}" has a value longer than ${MAX_TAG_VALUE_LENGTH} characters`;
        if (!TAG_CHARACTERS.test(value)) return `tag "${key}" has a value with characters other than letters, digits, spaces and + - = . _ : / @`;
    }
    return undefined;
}

/** The error each service answers: S3 InvalidTag, KMS TagException, IAM InvalidInput / LimitExceeded. */
export function tagsViolation(tags: Readonly<Record<string, string>>, service: TaggedService): AwsRuleViolation | undefined {
    const rule = tagRuleBroken(tags);
    if (rule === undefined) {
        return undefined;
    }
    const tooMany = Object.keys(tags).length > MAX_TAGS;
    switch (service) {
        case "s3":
            return violation("InvalidTag", tooMany ? "Bucket tag count cannot be greater than 50" : "The TagKey you have provided is invalid", rule, SOURCE);
        case "kms":
            return violation("TagException", tooMany ? "Too many tags" : "The tag is invalid", rule, SOURCE);
        case "iam":
            return tooMany
                ? violation("LimitExceeded", "The number of tags has reached the maximum limit.", rule, SOURCE)
                : violation("InvalidInput", "The specified tag is invalid.", rule, SOURCE);
    }
}

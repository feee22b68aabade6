// The arguments of LogBucket and BucketAccessLogging, declared once as zod schemas: the vocabulary of
// docs/configuration.md ("logBuckets", "accessLogs"), their defaults, and messages that name the field
// and the fix. The components parse with them and report every problem at once.
import { z } from "zod";
import { autoNamedBucketViolation } from "../awsrules";
import { accountIdField, booleanField, bucketNameField, regionField, tagsField } from "./args/fields";

export const logBucketArgsSchema = z.strictObject({
    accountId: accountIdField,
    region: regionField,
    /** Physical name; unset lets Pulumi generate one from the component name. */
    bucketName: bucketNameField.optional(),
    /** Default false: deleting the stack keeps a log bucket that still holds logs. */
    forceDestroy: booleanField.default(false),
    /** Default true, as the stack configuration's: Pulumi `protect` on the bucket. */
    protect: booleanField.default(true),
    /** Default true: the bucket policy seals itself after the synchronous part of the program. */
    autoSeal: booleanField.default(true),
    tags: tagsField.default({}),
});

export type LogBucketArgs = z.input<typeof logBucketArgsSchema>;
export type ResolvedLogBucketArgs = z.output<typeof logBucketArgsSchema>;

/** Object key prefixes: no leading slash, no wildcards (the policy adds `*`), ending in `/` so one source's prefix never covers another's. */
export const logPrefixSchema = z
    .string({ error: "is not an object key prefix. Fix: pass one as text, such as raw/" })
    .min(1, { error: "is empty. Fix: give a prefix such as raw/, or leave it unset to use <source name>/" })
    .max(512, { error: "is longer than 512 characters. Fix: shorten it" })
    .refine((p) => !p.startsWith("/"), { error: "starts with /, which S3 keys never do. Fix: drop the leading slash (raw/, not /raw/)" })
    .refine((p) => !/[*?]/.test(p), { error: "contains * or ?. Fix: give a literal prefix; the policy adds the wildcard" })
    // The prefix is part of the log bucket policy's Resource ARN, where IAM reads ${...} as a policy variable.
    .refine((p) => !p.includes("${"), { error: "contains ${, the start of an IAM policy variable (the log delivery statement would not match the literal key). Fix: give a literal prefix" })
    .refine((p) => p.endsWith("/"), { error: "does not end with /, so one source's prefix could cover another's. Fix: end it with / (raw/, not raw)" });


/** Without bucketName, Pulumi names the bucket `<resource name>-<7 random>`, which must still be a valid bucket name. */
export function generatedNameProblem(resourceName: string): string | undefined {
    return autoNamedBucketViolation(resourceName)?.rule;
}

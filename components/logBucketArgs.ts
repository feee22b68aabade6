// The arguments of LogBucket and BucketAccessLogging, declared once as zod schemas: the vocabulary of
// docs/configuration.md ("logBuckets", "accessLogs"), their defaults, and messages that name the field
// and the fix. The components parse with them and report every problem at once.
import { z } from "zod";
import { autoNamedBucketViolation, bucketNameRuleBroken, isAwsRegion, tagRuleBroken } from "../awsrules";
import { InvalidArgumentError } from "./args/parseArgs";

const accountId = z.string({ error: "is not an AWS account id; pass the 12 digits as a quoted string such as \"111122223333\"" }).regex(/^\d{12}$/, { error: "is not an AWS account id; pass the 12 digits as a quoted string such as \"111122223333\" (keep leading zeros)" });
const region = z.string({ error: "is not an AWS region; pass a region code such as eu-west-1" }).refine(isAwsRegion, { error: "is not an AWS region of the aws partition; use a region code such as eu-west-1" });
const bool = z.boolean({ error: "is not a boolean; pass true or false" });

export const logBucketArgsSchema = z.strictObject({
    accountId,
    region,
    /** Physical name; unset lets Pulumi generate one from the component name. */
    bucketName: z
        .string({ error: "must be an S3 bucket name" })
        .superRefine((name, ctx) => {
            const broken = bucketNameRuleBroken(name);
            if (broken !== undefined) ctx.addIssue({ code: "custom", message: `"${name}" ${broken} (S3 bucket naming rules); choose another name or leave it unset` });
        })
        .optional(),
    /** Default false: deleting the stack keeps a log bucket that still holds logs. */
    forceDestroy: bool.default(false),
    /** Default true, as the stack configuration's: Pulumi `protect` on the bucket. */
    protect: bool.default(true),
    /** Default true: the bucket policy seals itself after the synchronous part of the program. */
    autoSeal: bool.default(true),
    tags: z
        .record(z.string(), z.string({ error: "has a tag value that is not text; quote it" }))
        .superRefine((tags, ctx) => {
            const broken = tagRuleBroken(tags);
            if (broken !== undefined) ctx.addIssue({ code: "custom", message: `${broken} (AWS tagging rules); fix or remove the tag` });
        })
        .default({}),
});

export type LogBucketArgs = z.input<typeof logBucketArgsSchema>;
export type ResolvedLogBucketArgs = z.output<typeof logBucketArgsSchema>;

/** Object key prefixes: no leading slash, no wildcards (the policy adds `*`), ending in `/` so one source's prefix never covers another's. */
export const logPrefixSchema = z
    .string({ error: "must be an object key prefix such as raw/" })
    .min(1, { error: "must not be empty; omit it to use <source name>/" })
    .max(512, { error: "must be at most 512 characters" })
    .refine((p) => !p.startsWith("/"), { error: "must not start with /; S3 keys have no leading slash (use raw/, not /raw/)" })
    .refine((p) => !/[*?]/.test(p), { error: "must not contain * or ?; give a literal prefix, the policy adds the wildcard" })
    .refine((p) => p.endsWith("/"), { error: "must end with / so that one source's prefix never covers another's (raw/, not raw)" });


/** Without bucketName, Pulumi names the bucket `<resource name>-<7 random>`, which must still be a valid bucket name. */
export function generatedNameProblem(resourceName: string): string | undefined {
    return autoNamedBucketViolation(resourceName)?.rule;
}

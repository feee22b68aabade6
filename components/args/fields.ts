// The field formats every component argument and every stack configuration key is built from, each
// with the message that says what is wrong and how to fix it. One declaration per format: the
// components' schemas use these, and config/ composes those schemas, so both layers accept and
// reject exactly the same values. The AWS rules themselves live in awsrules/.
import { z } from "zod";
import { autoNamedBucketViolation, bucketNameRuleBroken, deletionWindowViolation, isAwsRegion, kmsAliasNameViolation, roleNameViolation, rolePathViolation, tagRuleBroken } from "../../awsrules";
import { GRANT_ACCESS_LEVELS } from "../policy/actions";
import { parseIamPrincipalArn, parseKmsKeyArn } from "../policy/arns";

const show = (value: unknown): string => (typeof value === "string" ? `"${value}"` : String(value));

/**
 * The message of a component's whole-arguments object: "missing" only when nothing was passed; a string, a number or a
 * list in its place is named as what it is (`new CustomerManagedKey("k", "alias/x")` from JavaScript).
 */
export function argsObjectError(fields: string): (issue: { input?: unknown }) => string {
    return (issue) =>
        issue.input === undefined || issue.input === null
            ? `is missing. Fix: pass ${fields}`
            : `is ${Array.isArray(issue.input) ? "a list" : show(issue.input)}, not an object. Fix: pass an object with ${fields}`;
}

export const booleanField = z.boolean({ error: (issue) => `is ${show(issue.input)}. Fix: pass true or false` });

export const accountIdField = z
    .string({
        error: (issue) =>
            issue.input === undefined
                ? 'is missing. Fix: pass the 12-digit AWS account id in quotes (e.g. "111111111111")'
                : `is ${show(issue.input)}, not a 12-digit AWS account id as a string. Fix: pass it in quotes (e.g. "111111111111") so leading zeros survive`,
    })
    .regex(/^\d{12}$/, { error: (issue) => `is ${show(issue.input)}, not an AWS account id. Fix: use exactly 12 digits, in quotes (e.g. "111111111111")` });

/** Regions of the aws partition, as the AWS SDK's partitions data lists them (awsrules/regions.ts). */
export const regionField = z.string({ error: (issue) => `${issue.input === undefined ? "is missing" : "is not a region"}. Fix: pass an AWS region code such as eu-west-1` }).refine(isAwsRegion, {
    error: (issue) =>
        `is ${show(issue.input)}, not an AWS region of the aws partition. Fix: use a region code such as eu-west-1 or us-east-1, not an availability zone like eu-west-1a ` +
        `(aws-cn and aws-us-gov are not supported; AWS General Reference, "AWS Regions")`,
});

/** An IAM user or role ARN (paths allowed): the principals grants and key roles name. */
export const principalArnField = z.string({ error: "is not an IAM user or role ARN. Fix: pass one as text" }).refine((arn) => parseIamPrincipalArn(arn) !== undefined, {
    error: (issue) =>
        String(issue.input).startsWith("arn:aws:sts::")
            ? `is ${show(issue.input)}, an assumed-role session ARN, not an IAM user or role ARN. Fix: pass the role ARN arn:aws:iam::<account id>:role/<name>`
            : `is ${show(issue.input)}, not an IAM user or role ARN. Fix: use arn:aws:iam::<account id>:user/<name> or arn:aws:iam::<account id>:role/<name> ` +
              "(account roots, groups and wildcards are not accepted)",
});

/** Key-policy role lists also take an account root (`arn:aws:iam::<id>:root`), which delegates to that account's IAM. */
export const keyPolicyPrincipalField = z
    .string({ error: "is not an IAM principal ARN. Fix: pass one as text" })
    .refine((arn) => /^arn:aws:iam::\d{12}:root$/.test(arn) || parseIamPrincipalArn(arn) !== undefined, {
        error: (issue) =>
            String(issue.input).startsWith("arn:aws:sts::")
                ? `is ${show(issue.input)}, an assumed-role session ARN, not an IAM principal ARN. Fix: pass the role ARN arn:aws:iam::<account id>:role/<name>`
                : `is ${show(issue.input)}, not an IAM principal ARN. Fix: use arn:aws:iam::<account id>:role/<name>, arn:aws:iam::<account id>:user/<name> or arn:aws:iam::<account id>:root`,
    });

export const keyPolicyPrincipalList = z.array(keyPolicyPrincipalField, { error: "is not a list. Fix: pass a list of IAM principal ARNs" }).default([]);

/** A KMS key ARN: S3 compares key ids literally and replication rejects aliases. */
export const kmsKeyArnField = z.string({ error: "is not a KMS key ARN. Fix: pass one as text" }).refine((arn) => parseKmsKeyArn(arn) !== undefined, {
    error: (issue) => {
        const value = String(issue.input);
        const isAlias = value.startsWith("alias/") || /^arn:aws:kms:[^:]*:\d{12}:alias\//.test(value);
        return `${isAlias ? `is the alias ${show(value)}` : `is ${show(value)}, not a KMS key ARN`}. Fix: pass the key ARN arn:aws:kms:<region>:<account>:key/<key-id>: S3 compares key ids literally and replication rejects aliases`;
    },
});

export const kmsAliasField = z.string({ error: "is not a KMS alias name. Fix: pass one such as alias/data-raw" }).superRefine((alias, ctx) => {
    const broken = kmsAliasNameViolation(alias);
    if (broken !== undefined) {
        ctx.addIssue({ code: "custom", message: `is ${show(alias)}, which ${broken.rule}. Fix: use alias/<name> with letters, digits, /, _ and -, e.g. alias/data-raw (${broken.source})` });
    }
});

export const deletionWindowField = z
    .number({ error: (issue) => `is ${show(issue.input)}, not a number of days. Fix: use a whole number of days from 7 to 30 (the KMS limits), default 30` })
    .superRefine((days, ctx) => {
        const broken = deletionWindowViolation(days);
        if (broken !== undefined) {
            const bound = Number.isInteger(days) ? (days < 7 ? "must be at least 7 days (the KMS minimum)" : "must be at most 30 days (the KMS maximum)") : "must be a whole number of days";
            ctx.addIssue({ code: "custom", message: `is ${days}: it ${bound}. Fix: use 7-30 days, default 30 (${broken.source})` });
        }
    });

export const bucketNameField = z.string({ error: "is not an S3 bucket name. Fix: pass one as text, or leave it unset to get a generated name" }).superRefine((name, ctx) => {
    const broken = bucketNameRuleBroken(name);
    if (broken !== undefined) {
        ctx.addIssue({
            code: "custom",
            message:
                `is ${show(name)}, not a valid S3 bucket name: it ${broken} (S3 bucket naming rules). Fix: use 3-63 lower-case letters, digits, dots and hyphens, ` +
                "starting and ending with a letter or digit, without reserved prefixes or suffixes; or leave it unset to get a generated name",
        });
    }
});

/** Without a bucket name Pulumi generates `<resource name>-<7 hex>`, which must obey the same rules. */
export function generatedBucketNameProblem(resourceName: string, whatToShorten: string): string | undefined {
    const broken = autoNamedBucketViolation(resourceName);
    return broken === undefined ? undefined : `is unset and ${broken.rule} (S3 bucket naming rules). Fix: set bucketName, or shorten ${whatToShorten}`;
}

/** Resource tags: AWS's tagging limits (awsrules/tags.ts): at most 50, key 1-128, value 0-256, no aws: prefix. */
export const tagsField = z
    .record(z.string(), z.string({ error: "is not text. Fix: tag values must be text" }), { error: 'is not a map of tags. Fix: pass { key: "value", ... }' })
    .superRefine((tags, ctx) => {
        const broken = tagRuleBroken(tags);
        if (broken !== undefined) {
            ctx.addIssue({ code: "custom", message: `${broken} (AWS tagging rules). Fix: keep at most 50 tags, keys of 1-128 characters not starting with aws:, values of at most 256` });
        }
    });

/** Object key prefixes end up in ARNs and s3:prefix conditions, where * and ? would be wildcards. */
export const keyPrefixField = z
    .string({ error: "is not an object key prefix. Fix: pass one such as reports/" })
    .min(1, { error: "is empty. Fix: give a prefix such as reports/, or omit it to cover the whole bucket" })
    .max(1024, { error: "is longer than 1024 characters, the longest S3 object key. Fix: shorten it" })
    .refine((p) => !p.startsWith("/"), { error: (issue) => `is ${show(issue.input)}, which starts with /, but S3 keys have no leading slash. Fix: drop it (reports/, not /reports/)` })
    .refine((p) => !/[*?]/.test(p), { error: (issue) => `is ${show(issue.input)}, which contains * or ? (they would act as wildcards). Fix: give a literal prefix, the policy adds the wildcard` })
    // IAM reads ${...} in a Resource or condition value as a policy variable (IAM User Guide, "IAM policy elements: Variables and tags").
    .refine((p) => !p.includes("${"), { error: (issue) => `is ${show(issue.input)}, which contains \${, the start of an IAM policy variable (it would not match the literal key). Fix: give a literal prefix` });

export const iamRoleNameField = z.string({ error: "is not an IAM role name. Fix: pass one as text, or leave it unset" }).superRefine((name, ctx) => {
    const broken = roleNameViolation(name);
    if (broken !== undefined) {
        ctx.addIssue({ code: "custom", message: `is ${show(name)}, not a valid IAM role name: it ${broken.rule}. Fix: use at most 64 letters, digits or +=,.@_- (${broken.source})` });
    }
});

export const iamRolePathField = z.string({ error: "is not an IAM path. Fix: pass one as text" }).superRefine((path, ctx) => {
    if (rolePathViolation(path) !== undefined) {
        ctx.addIssue({ code: "custom", message: `is ${show(path)}, not an IAM path. Fix: use "/" or a path that starts and ends with "/", e.g. "/service-role/"` });
    }
});

/** A whole number ≥ 0 (replication rule priorities). */
export const priorityField = z
    .number({ error: (issue) => `is ${show(issue.input)}. Fix: pass a whole number >= 0` })
    .int({ error: (issue) => `is ${show(issue.input)}. Fix: pass a whole number >= 0` })
    .min(0, { error: (issue) => `is ${show(issue.input)}. Fix: pass a whole number >= 0` });

/** A closed list of words, with a message that lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, meaning?: string) {
    return z.enum(values, { error: (issue) => `is ${show(issue.input)}. Fix: use one of ${values.map((v) => `"${v}"`).join(", ")}${meaning === undefined ? "" : ` (${meaning})`}` });
}

/** What a grant lets its principal do with objects: one vocabulary for bucket grants and service grants. */
export const grantAccessField = oneOf(GRANT_ACCESS_LEVELS, "read, write, or both");

// Field-level formats (account ids, regions, ARNs, names) and the messages that say how to fix them.
import { z } from "zod";
import { bucketNameRuleBroken, isAwsRegion, roleNameViolation, tagRuleBroken } from "../awsrules";

export const ACCOUNT_ID = /^\d{12}$/;
/** An IAM role ARN: `arn:aws:iam::<12 digits>:role/<optional path/>name`. */
export const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
/** An IAM user or role ARN. */
export const USER_OR_ROLE_ARN = /^arn:aws:iam::(\d{12}):(user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
export const KMS_ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
export const LOGICAL_NAME = /^[a-z0-9][a-z0-9-]{0,47}$/;

export const accountIdSchema = z
    .string({ error: "must be a 12-digit AWS account id in quotes, e.g. \"111111111111\"" })
    .regex(ACCOUNT_ID, { error: "must be exactly 12 digits (quote it in YAML so leading zeros survive), e.g. \"111111111111\"" });

/** Regions of the aws partition, as the AWS SDK's partitions data lists them (awsrules/regions.ts). */
export const regionSchema = z
    .string({ error: "must be an AWS region name such as eu-west-1" })
    .refine(isAwsRegion, {
        error: (issue) =>
            `"${String(issue.input)}" is not an AWS region of the aws partition; use a region code such as eu-west-1 or us-east-1 (AWS General Reference, "AWS Regions")`,
    });

export const roleArnSchema = z
    .string({ error: "must be an IAM role ARN" })
    .regex(ROLE_ARN, { error: "is not an IAM role ARN; use arn:aws:iam::<account id>:role/<name>" });

export const principalArnSchema = z
    .string({ error: "must be an IAM user or role ARN" })
    .regex(USER_OR_ROLE_ARN, {
        error: "is not an IAM user or role ARN; use arn:aws:iam::<account id>:user/<name> or arn:aws:iam::<account id>:role/<name> (account roots, groups and wildcards are not accepted)",
    });

/** Key-policy role lists also take an account root, which delegates to that account's IAM. */
export const keyPolicyPrincipalSchema = z
    .string({ error: "must be an IAM user or role ARN, or an account root" })
    .regex(/^arn:aws:iam::\d{12}:(?:root|(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/, {
        error: "is not an IAM principal ARN; use arn:aws:iam::<account id>:role/<name>, arn:aws:iam::<account id>:user/<name> or arn:aws:iam::<account id>:root",
    });

export const logicalNameSchema = z
    .string({ error: "must be a name" })
    .regex(LOGICAL_NAME, { error: "must be 1-48 lower-case letters, digits or hyphens, starting with a letter or digit" });

export const aliasNameSchema = z
    .string({ error: "must be a KMS alias name such as alias/data-raw" })
    .regex(KMS_ALIAS_NAME, { error: "must look like alias/<name> (letters, digits, / _ -), e.g. alias/data-raw" })
    .refine((alias) => !alias.startsWith("alias/aws/"), { error: "alias/aws/ is reserved for AWS managed keys; choose another prefix" });

export const iamRoleNameSchema = z
    .string({ error: "must be an IAM role name" })
    .refine((name) => roleNameViolation(name) === undefined, { error: "must be an IAM role name: 1-64 letters, digits or +=,.@_-" });

export const bucketNameSchema = z.string({ error: "must be an S3 bucket name" }).superRefine((name, ctx) => {
    const problem = bucketNameRuleBroken(name);
    if (problem !== undefined) {
        ctx.addIssue({ code: "custom", message: `"${name}" ${problem} (S3 bucket naming rules)` });
    }
});

/** Resource tags: AWS's tagging limits (awsrules/tags.ts): at most 50, key 1-128, value 0-256, no aws: prefix. */
export const tagsSchema = z.record(z.string(), z.string({ error: "tag values must be text" })).superRefine((tags, ctx) => {
    const problem = tagRuleBroken(tags);
    if (problem !== undefined) {
        ctx.addIssue({ code: "custom", message: `${problem} (AWS tagging rules); fix or remove the tag` });
    }
});

/** Object key prefixes: no leading slash (S3 keys have none) and no wildcards (we add them). */
export const prefixSchema = z
    .string({ error: "must be an object key prefix such as reports/" })
    .min(1, { error: "must not be empty; omit it to cover the whole bucket" })
    .refine((p) => !p.startsWith("/"), { error: "must not start with /; S3 keys have no leading slash (use reports/, not /reports/)" })
    .refine((p) => !/[*?]/.test(p), { error: "must not contain * or ?; give a literal prefix, the policy adds the wildcard" });

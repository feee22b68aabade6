// A bucket's S3 Lifecycle rules, declared once: the zod schema is the argument of EncryptedBucket (and,
// composed, of the stack configuration), its checks are AWS's own (awsrules/s3Lifecycle.ts), and
// lifecycleRuleInputs renders the @pulumi/aws v7 BucketLifecycleConfiguration rules.
import { PACK_MIN_NONCURRENT_RETENTION_DAYS } from "../policypack/model/guardrailToggles";
import type * as aws from "@pulumi/aws";
import { z } from "zod";
import { booleanField } from "./args/fields";
import { LIFECYCLE_STORAGE_CLASSES, LifecycleRuleFacts, lifecycleRulesViolation, MAX_LIFECYCLE_RULES, MAX_NEWER_NONCURRENT_VERSIONS } from "../awsrules";

const wholeDays = (minimum: number, what: string) =>
    z
        .number({ error: `must be a whole number of days (${what})` })
        .int({ error: `must be a whole number of days (${what})` })
        .min(minimum, { error: `must be at least ${minimum} (${what})` });

/**
 * The fewest days a rule may keep a noncurrent version: the policy pack's `s3-lifecycle-noncurrent-retention`
 * refuses fewer by default (versioning is how an overwritten or deleted object is restored; Amazon S3 User
 * Guide, "Retaining multiple versions of objects with S3 Versioning"), so the configuration refuses them first,
 * before anything is registered, instead of the pack at preview.
 */
export const MIN_NONCURRENT_RETENTION_DAYS = PACK_MIN_NONCURRENT_RETENTION_DAYS;

const transitionSchema = z.strictObject({
    days: wholeDays(0, "0 or more; at least 30 for STANDARD_IA and ONEZONE_IA"),
    storageClass: z.enum(LIFECYCLE_STORAGE_CLASSES, { error: `must be one of ${LIFECYCLE_STORAGE_CLASSES.join(", ")}` }),
});

const lifecyclePrefixSchema = z
    .string({ error: "must be an object key prefix such as tmp/" })
    .min(1, { error: "is empty. Fix: give a prefix such as tmp/, or omit it for a rule on the whole bucket" })
    .max(1024, { error: "must be at most 1024 characters (an S3 key's length)" })
    .refine((p) => !p.startsWith("/"), { error: "must not start with /; S3 keys have no leading slash (use tmp/, not /tmp/)" });

export const lifecycleRuleSchema = z
    .strictObject({
        /** Rule id, unique in the bucket's configuration (1-255 characters). */
        id: z.string({ error: "must be the rule's id, e.g. expire-tmp" }).min(1, { error: "must not be empty" }).max(255, { error: "must be at most 255 characters" }),
        /** Only objects under this prefix; unset: the whole bucket. */
        prefix: lifecyclePrefixSchema.optional(),
        /** Current versions: expire after `days` (a versioned bucket keeps them as noncurrent), or remove expired delete markers. */
        expiration: z
            .strictObject({
                days: wholeDays(1, "1 or more").optional(),
                expiredObjectDeleteMarker: booleanField.optional(),
            })
            .optional(),
        transitions: z.array(transitionSchema, { error: "must be a list of { days, storageClass }" }).default([]),
        /** Noncurrent versions: deleted permanently `days` after they became noncurrent, keeping the newest `newerNoncurrentVersions`. */
        noncurrentVersionExpiration: z
            .strictObject({
                days: wholeDays(MIN_NONCURRENT_RETENTION_DAYS, `${MIN_NONCURRENT_RETENTION_DAYS} or more, so an overwritten or deleted object can be restored for a week; the policy pack refuses fewer`),
                newerNoncurrentVersions: z
                    .number({ error: `must be a whole number from 1 to ${MAX_NEWER_NONCURRENT_VERSIONS}` })
                    .int({ error: `must be a whole number from 1 to ${MAX_NEWER_NONCURRENT_VERSIONS}` })
                    .min(1, { error: `must be a whole number from 1 to ${MAX_NEWER_NONCURRENT_VERSIONS}` })
                    .max(MAX_NEWER_NONCURRENT_VERSIONS, { error: `must be a whole number from 1 to ${MAX_NEWER_NONCURRENT_VERSIONS}` })
                    .optional(),
            })
            .optional(),
        noncurrentVersionTransitions: z.array(transitionSchema, { error: "must be a list of { days, storageClass }" }).default([]),
        /** Incomplete multipart uploads are aborted (and their parts deleted) this many days after they started. */
        abortIncompleteMultipartUploadDays: wholeDays(1, "1 or more").optional(),
    })
    .superRefine((rule, ctx) => {
        const broken = lifecycleRulesViolation([lifecycleRuleFacts(rule)]);
        if (broken !== undefined) {
            ctx.addIssue({ code: "custom", message: `${broken.rule} (${broken.source})` });
        }
    });

export const lifecycleRulesSchema = z
    .array(lifecycleRuleSchema, { error: "must be a list of lifecycle rules" })
    .max(MAX_LIFECYCLE_RULES, { error: `must have at most ${MAX_LIFECYCLE_RULES} rules (the S3 limit per bucket)` })
    .superRefine((rules, ctx) => {
        const seen = new Map<string, number>();
        rules.forEach((rule, index) => {
            const first = seen.get(rule.id);
            if (first !== undefined) {
                ctx.addIssue({ code: "custom", path: [index, "id"], message: `"${rule.id}" is also the id of rule [${first}]; give each lifecycle rule its own id (S3 requires unique ids)` });
            }
            seen.set(rule.id, index);
        });
    });

/** What the caller writes (defaults unset). */
export type LifecycleRuleArgs = z.input<typeof lifecycleRuleSchema>;
/** After parsing (defaults filled in). */
export type LifecycleRule = z.output<typeof lifecycleRuleSchema>;

/** The view the AWS rules check, shared with the e2e stand-in. */
export function lifecycleRuleFacts(rule: LifecycleRule): LifecycleRuleFacts {
    return {
        id: rule.id,
        expirationDays: rule.expiration?.days,
        expiredObjectDeleteMarker: rule.expiration?.expiredObjectDeleteMarker,
        transitions: rule.transitions,
        noncurrentExpirationDays: rule.noncurrentVersionExpiration?.days,
        noncurrentNewerVersions: rule.noncurrentVersionExpiration?.newerNoncurrentVersions,
        noncurrentTransitions: rule.noncurrentVersionTransitions,
        abortIncompleteMultipartUploadDays: rule.abortIncompleteMultipartUploadDays,
    };
}

/** True when a rule permanently deletes data (noncurrent versions) or hides current versions behind delete markers. */
export function lifecycleRuleExpires(rule: LifecycleRule): boolean {
    return rule.expiration?.days !== undefined || rule.noncurrentVersionExpiration !== undefined;
}

/** The @pulumi/aws v7 rules; an empty prefix filter is S3's "every object". */
export function lifecycleRuleInputs(rules: readonly LifecycleRule[]): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    return rules.map((rule) => ({
        id: rule.id,
        status: "Enabled",
        filter: { prefix: rule.prefix ?? "" },
        ...(rule.expiration !== undefined ? { expiration: { ...rule.expiration } } : {}),
        ...(rule.transitions.length > 0 ? { transitions: rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) } : {}),
        ...(rule.noncurrentVersionExpiration !== undefined
            ? {
                  noncurrentVersionExpiration: {
                      noncurrentDays: rule.noncurrentVersionExpiration.days,
                      ...(rule.noncurrentVersionExpiration.newerNoncurrentVersions !== undefined
                          ? { newerNoncurrentVersions: rule.noncurrentVersionExpiration.newerNoncurrentVersions }
                          : {}),
                  },
              }
            : {}),
        ...(rule.noncurrentVersionTransitions.length > 0
            ? { noncurrentVersionTransitions: rule.noncurrentVersionTransitions.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass })) }
            : {}),
        ...(rule.abortIncompleteMultipartUploadDays !== undefined ? { abortIncompleteMultipartUpload: { daysAfterInitiation: rule.abortIncompleteMultipartUploadDays } } : {}),
    }));
}

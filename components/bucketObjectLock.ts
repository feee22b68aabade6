// A bucket's S3 Object Lock, declared once: the zod schema is the argument of EncryptedBucket (and,
// composed, of the stack configuration); its checks are AWS's own (awsrules/s3ObjectLock.ts).
// Object Lock is set when the bucket is created (objectLockEnabled) and can never be turned off.
import type * as aws from "@pulumi/aws";
import { z } from "zod";
import { booleanField } from "./args/fields";
import { defaultRetentionViolation } from "../awsrules";

const period = (unit: string) =>
    z.number({ error: `must be a whole number of ${unit} (at least 1)` }).int({ error: `must be a whole number of ${unit} (at least 1)` }).min(1, { error: `must be at least 1 ${unit.replace(/s$/, "")}` });

export const objectLockSchema = z
    .strictObject({
        /**
         * Default retention mode of new object versions. governance: users with
         * s3:BypassGovernanceRetention may still delete or shorten; compliance: nobody, the root user
         * included, can delete a version or shorten its retention until it expires.
         * Unset (with no days/years): Object Lock on, no default retention.
         */
        mode: z.enum(["governance", "compliance"], { error: "must be governance or compliance" }).optional(),
        days: period("days").optional(),
        years: period("years").optional(),
        /** Compliance mode cannot be undone for the versions it locks: required to be true with it. */
        acknowledgeCompliance: booleanField.default(false),
    })
    .superRefine((lock, ctx) => {
        const hasPeriod = lock.days !== undefined || lock.years !== undefined;
        if (lock.mode === undefined) {
            if (hasPeriod) {
                ctx.addIssue({ code: "custom", path: ["mode"], message: "is required with days or years; set mode: governance (or compliance), or remove the period for Object Lock without default retention" });
            }
        } else {
            const broken = defaultRetentionViolation({ mode: lock.mode.toUpperCase(), days: lock.days, years: lock.years });
            if (broken !== undefined) {
                ctx.addIssue({ code: "custom", message: `${broken.rule}; give days or years, not both (${broken.source})` });
            }
        }
        if (lock.mode === "compliance" && !lock.acknowledgeCompliance) {
            ctx.addIssue({
                code: "custom",
                path: ["acknowledgeCompliance"],
                message:
                    "must be true with mode: compliance: every object version written is then undeletable by anyone, the root user included, until its retention ends, " +
                    "and the bucket cannot be deleted before that; set acknowledgeCompliance: true, or use mode: governance",
            });
        }
        if (lock.mode !== "compliance" && lock.acknowledgeCompliance) {
            ctx.addIssue({ code: "custom", path: ["acknowledgeCompliance"], message: "is set but mode is not compliance; remove it" });
        }
    });

export type ObjectLockArgs = z.input<typeof objectLockSchema>;
export type ObjectLock = z.output<typeof objectLockSchema>;

/** The @pulumi/aws v7 BucketObjectLockConfiguration rule; undefined when there is no default retention. */
export function objectLockRuleInput(lock: ObjectLock): aws.types.input.s3.BucketObjectLockConfigurationRule | undefined {
    if (lock.mode === undefined) {
        return undefined;
    }
    return {
        defaultRetention: {
            mode: lock.mode.toUpperCase(),
            ...(lock.days !== undefined ? { days: lock.days } : {}),
            ...(lock.years !== undefined ? { years: lock.years } : {}),
        },
    };
}

// The shape of the `encrypted-buckets:*` stack configuration, field by field, with defaults. Rules
// that relate fields to each other (references, regions, duplicates) live in crossChecks.ts.
import { z } from "zod";
import {
    accountIdSchema,
    aliasNameSchema,
    bucketNameSchema,
    iamRoleNameSchema,
    keyPolicyPrincipalSchema,
    logicalNameSchema,
    prefixSchema,
    principalArnSchema,
    regionSchema,
    roleArnSchema,
    tagsSchema,
} from "./primitives";

const principalList = z.array(keyPolicyPrincipalSchema, { error: "must be a list of IAM principal ARNs" }).default([]);

const aliasReference = z.string({ error: "must name an entry of accounts" }).min(1, { error: "must name an entry of accounts" });

export const accountSchema = z.strictObject({
    accountId: accountIdSchema,
    region: regionSchema,
    roleArn: roleArnSchema,
    sessionName: z
        .string()
        .regex(/^[\w+=,.@-]{2,64}$/, { error: "must be 2-64 letters, digits or +=,.@_-" })
        .optional(),
    externalId: z.string().min(2, { error: "must be at least 2 characters" }).optional(),
});

/** The settings of a key this stack creates and whose policy it owns. */
export const keySpecFields = {
    alias: aliasNameSchema.optional(),
    description: z.string({ error: "must be text" }).optional(),
    administrators: principalList,
    users: principalList,
    serviceUsers: principalList,
    deletionWindowInDays: z
        .number({ error: "must be a whole number of days between 7 and 30" })
        .int({ error: "must be a whole number of days between 7 and 30" })
        .min(7, { error: "must be at least 7 days (the KMS minimum); use 7-30, default 30" })
        .max(30, { error: "must be at most 30 days (the KMS maximum); use 7-30, default 30" })
        .default(30),
    rootDelegation: z.boolean({ error: "must be true or false" }).default(true),
};

export const ownKeySchema = z.strictObject(keySpecFields);

export const sharedKeySchema = z.strictObject({
    account: aliasReference,
    region: regionSchema.optional(),
    ...keySpecFields,
    alias: aliasNameSchema,
    /** Pulumi `protect` for this key; default: the stack's `protect`. */
    protect: z.boolean({ error: "must be true or false" }).optional(),
});

export type ParsedKeyChoice = { kind: "own"; spec: z.output<typeof ownKeySchema> } | { kind: "shared"; name: string };

/**
 * `key:` is either the name of an entry of `keys` (a shared key) or the settings of the bucket's own
 * key. A KMS alias or ARN is refused: the stack must own the key's policy to grant and replicate.
 */
const keyChoiceSchema = z.unknown().optional().transform((value, ctx): ParsedKeyChoice => {
    if (value === undefined || value === null) {
        return { kind: "own", spec: ownKeySchema.parse({}) };
    }
    if (typeof value === "string") {
        if (value.startsWith("alias/") || value.startsWith("arn:")) {
            ctx.addIssue({
                code: "custom",
                message:
                    `"${value}" is a KMS alias or ARN; an existing key cannot be used because this stack must manage its key policy. ` +
                    `Name an entry of keys (e.g. key: shared-data) or give the key settings (e.g. key: { alias: ${value.startsWith("alias/") ? value : "alias/my-bucket"} })`,
            });
            return z.NEVER;
        }
        return { kind: "shared", name: value };
    }
    const parsed = ownKeySchema.safeParse(value);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: "custom", message: friendlyMessage(issue), path: issue.path as PropertyKey[] });
        }
        return z.NEVER;
    }
    return { kind: "own", spec: parsed.data };
});

export const guardrailsSchema = z
    .strictObject({
        encryptionHeader: z
            .enum(["compatible", "strict", "strict-key"], {
                error: "must be compatible (deny uploads that ask for another encryption), strict (require the aws:kms header) or strict-key (require aws:kms and this bucket's key)",
            })
            .default("compatible"),
        requireTls: z.boolean({ error: "must be true or false" }).default(true),
        denyWrongEncryptionHeaders: z.boolean({ error: "must be true or false" }).default(true),
        denyKmsHeaderWithoutKeyId: z.boolean({ error: "must be true or false" }).default(true),
        minimumTlsVersion: z.enum(["1.2", "1.3"], { error: "must be \"1.2\" or \"1.3\" (quoted)" }).default("1.2"),
        denySigV2: z.boolean({ error: "must be true or false" }).default(true),
        denySseC: z.boolean({ error: "must be true or false" }).default(true),
    })
    .default({
        encryptionHeader: "compatible",
        requireTls: true,
        denyWrongEncryptionHeaders: true,
        denyKmsHeaderWithoutKeyId: true,
        minimumTlsVersion: "1.2",
        denySigV2: true,
        denySseC: true,
    });

export const grantSchema = z.strictObject({
    principal: principalArnSchema,
    access: z.enum(["read", "write", "read-write"], { error: "is not a grant kind; use read, write or read-write" }),
    prefix: prefixSchema.optional(),
    consumerAccount: aliasReference.optional(),
});

export const STORAGE_CLASSES = ["STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "GLACIER_IR", "DEEP_ARCHIVE"] as const;

export const replicaSchema = z.strictObject({
    account: aliasReference,
    region: regionSchema.optional(),
    bucketName: bucketNameSchema.optional(),
    key: keyChoiceSchema,
    storageClass: z.enum(STORAGE_CLASSES, { error: `must be one of ${STORAGE_CLASSES.join(", ")}` }).default("STANDARD"),
    replicationTime: z.boolean({ error: "must be true or false (S3 Replication Time Control, 15 minutes)" }).default(false),
    /** Default: true, except for tag-filtered rules (S3 cannot replicate delete markers for those). */
    deleteMarkerReplication: z.boolean({ error: "must be true or false" }).optional(),
    filter: z
        .strictObject({
            prefix: prefixSchema.optional(),
            tags: z.record(z.string(), z.string({ error: "tag values must be text" })).optional(),
        })
        .optional(),
    priority: z.number({ error: "must be a whole number ≥ 0" }).int({ error: "must be a whole number ≥ 0" }).min(0, { error: "must be ≥ 0" }).optional(),
    allowSameRegion: z.boolean({ error: "must be true or false" }).default(false),
    bidirectional: z.boolean({ error: "must be true or false" }).default(false),
    roleName: iamRoleNameSchema.optional(),
    /** The replica's own setting: never inherited from the source bucket. */
    forceDestroy: z.boolean({ error: "must be true or false" }).default(false),
});

const deployedNames = (what: string) =>
    z.array(z.string({ error: `must be a list of ${what}` }).min(1, { error: `must be a list of ${what}` }), { error: `must be a list of ${what}` }).default([]);

/**
 * Explicit consent to an edit the program otherwise refuses. Replacement and key acknowledgements name
 * the deployed bucket or key they accept losing track of, so a forgotten acknowledgement never covers
 * a later edit.
 */
export const acknowledgeSchema = z
    .strictObject({
        forceDestroy: z.boolean({ error: "must be true or false" }).default(false),
        replaceBucket: deployedNames("deployed bucket names (physical S3 names)"),
        retireKey: deployedNames("deployed KMS key ARNs"),
    })
    .default({ forceDestroy: false, replaceBucket: [], retireKey: [] });

export const bucketSchema = z.strictObject({
    name: logicalNameSchema,
    account: aliasReference,
    region: regionSchema.optional(),
    bucketName: bucketNameSchema.optional(),
    key: keyChoiceSchema,
    bucketKeyEnabled: z.boolean({ error: "must be true or false" }).default(true),
    guardrails: guardrailsSchema,
    grants: z.array(grantSchema, { error: "must be a list of grants" }).default([]),
    replicas: z.array(replicaSchema, { error: "must be a list of replicas" }).default([]),
    forceDestroy: z.boolean({ error: "must be true or false" }).default(false),
    /** Pulumi `protect` for this bucket, its replicas and the keys they own; default: the stack's `protect`. */
    protect: z.boolean({ error: "must be true or false" }).optional(),
    acknowledge: acknowledgeSchema,
    tags: tagsSchema.optional(),
});

export const stackConfigSchema = z.strictObject({
    accounts: z
        .record(logicalNameSchema, accountSchema, { error: "must map account aliases to { accountId, region, roleArn }" })
        .refine((accounts) => Object.keys(accounts).length > 0, { error: "must list at least one account" }),
    keys: z.record(logicalNameSchema, sharedKeySchema, { error: "must map shared key names to key settings" }).default({}),
    buckets: z
        .array(bucketSchema, { error: "must be a list of buckets" })
        .min(1, { error: "must list at least one bucket" }),
    tags: tagsSchema.optional(),
    /** Default true: buckets and keys get Pulumi `protect`, and forceDestroy needs an acknowledgement. */
    protect: z.boolean({ error: "must be true or false" }).default(true),
});

export type ParsedStackConfig = z.output<typeof stackConfigSchema>;

/** Zod's default wording for a few generic issues, rephrased to say the fix. */
export function friendlyMessage(issue: z.core.$ZodIssue): string {
    if (issue.code === "unrecognized_keys") {
        return `unknown setting${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; remove ${issue.keys.length > 1 ? "them" : "it"} or fix the spelling`;
    }
    if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
        return issue.input === undefined ? `is required (expected ${issue.expected})` : `must be a ${issue.expected}`;
    }
    return issue.message;
}

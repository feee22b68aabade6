// The arguments of EncryptedBucket, declared once: formats, defaults, messages and the rules that
// relate them. The stack configuration composes the same fields (config/schema.ts).
import { z } from "zod";
import { accountIdField, argsObjectError, booleanField, bucketNameField, generatedBucketNameProblem, oneOf, regionField, tagsField } from "./args/fields";
import { addProblem, issueMessage } from "./args/parseArgs";
import { CustomerManagedKey } from "./customerManagedKey";
import { ExternalKey } from "./externalKey/externalKey";
import { CustomerManagedKeyArgs, customerManagedKeyArgsSchema } from "./customerManagedKeyArgs";
import { BucketGuardrails, ENCRYPTION_HEADER_MODES, EncryptionHeaderMode } from "./policy/bucketPolicy";
import { bucketResourceName } from "./resourceNames";
import { LifecycleRule, lifecycleRulesSchema } from "./bucketLifecycle";
import { ObjectLock, objectLockSchema } from "./bucketObjectLock";

export const tlsVersionField = oneOf(["1.2", "1.3"], "quote it in YAML");

/** The bucket-policy guardrails in the documentation's vocabulary (docs/configuration.md, "guardrails"); each defaults to the secure choice. */
export const guardrailsFields = {
    encryptionHeader: oneOf(
        ENCRYPTION_HEADER_MODES,
        "compatible: deny uploads that ask for another encryption; strict: require the aws:kms header; strict-key: require aws:kms and this bucket's key",
    ).default("compatible"),
    /** Deny every request not made over TLS. */
    requireTls: booleanField.default(true),
    denyWrongEncryptionHeaders: booleanField.default(true),
    denyKmsHeaderWithoutKeyId: booleanField.default(true),
    /** `false` drops the statement (components only; the stack configuration always keeps it). */
    minimumTlsVersion: z
        .union([tlsVersionField, z.literal(false)], { error: (issue) => `is ${JSON.stringify(issue.input)}. Fix: use "1.2" or "1.3" (quoted), or false to leave out the TLS version statement` })
        .default("1.2"),
    denySigV2: booleanField.default(true),
    denySseC: booleanField.default(true),
};

/** Names and values the components used before the vocabulary was unified; still accepted, with a warning. */
const DEPRECATED_GUARDRAIL_NAMES = { denyInsecureTransport: "requireTls", denySignatureV2: "denySigV2", encryptionHeaderMode: "encryptionHeader" } as const;
const DEPRECATED_HEADER_MODES: Readonly<Record<string, EncryptionHeaderMode>> = { "strict-with-key": "strict-key" };

/** The guardrails argument as callers may still write it. */
export type GuardrailsArgs = z.input<z.ZodObject<typeof guardrailsFields>> & {
    /** @deprecated renamed requireTls */
    denyInsecureTransport?: boolean;
    /** @deprecated renamed denySigV2 */
    denySignatureV2?: boolean;
    /** @deprecated renamed encryptionHeader ("strict-with-key" is now "strict-key") */
    encryptionHeaderMode?: EncryptionHeaderMode | "strict-with-key";
};

/** The deprecated names or values `guardrails` uses, each as "old → new", for a warning. */
export function deprecatedGuardrailNames(guardrails: unknown): string[] {
    if (guardrails === null || typeof guardrails !== "object") {
        return [];
    }
    const used: string[] = [];
    for (const [name, value] of Object.entries(guardrails)) {
        const renamed = (DEPRECATED_GUARDRAIL_NAMES as Record<string, string>)[name];
        if (renamed !== undefined) used.push(`guardrails.${name} → guardrails.${renamed}`);
        if ((name === "encryptionHeader" || name === "encryptionHeaderMode") && typeof value === "string" && DEPRECATED_HEADER_MODES[value] !== undefined) {
            used.push(`"${value}" → "${DEPRECATED_HEADER_MODES[value]}"`);
        }
    }
    return used;
}

function renameDeprecated(guardrails: unknown): unknown {
    if (guardrails === undefined) return {};
    if (guardrails === null || typeof guardrails !== "object" || Array.isArray(guardrails)) return guardrails;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(guardrails)) {
        const renamed = (DEPRECATED_GUARDRAIL_NAMES as Record<string, string>)[name] ?? name;
        out[renamed] = renamed === "encryptionHeader" && typeof value === "string" ? (DEPRECATED_HEADER_MODES[value] ?? value) : value;
    }
    return out;
}

/** Guardrails with the deprecated names mapped to the current ones; unset toggles take their secure defaults. */
export const guardrailsArgsSchema = z.preprocess(renameDeprecated, z.strictObject(guardrailsFields, { error: "is not an object. Fix: pass { requireTls?, encryptionHeader?, ... } or leave it unset" }));

export const encryptedBucketFields = {
    /** The account the provider deploys into. */
    accountId: accountIdField,
    region: regionField,
    /** Explicit bucket name; unset lets Pulumi generate one from the resource name. */
    bucketName: bucketNameField.optional(),
    /** Default false: deleting the stack keeps a bucket that still holds objects. */
    forceDestroy: booleanField.default(false),
    /** A key shared with other buckets of the same account and region, or an existing key (ExternalKey). */
    key: z
        .custom<CustomerManagedKey | ExternalKey>((value) => value instanceof CustomerManagedKey || value instanceof ExternalKey, {
            error: "is neither a CustomerManagedKey nor an ExternalKey. Fix: pass a CustomerManagedKey component, or an ExternalKey for an existing key (its owner applies the statements it exports)",
        })
        .optional(),
    /** Settings for the bucket's own key when `key` is not given; alias defaults to `alias/s3/<name>`. Checked with the key's own schema. */
    keyArgs: z
        .custom<Partial<Omit<CustomerManagedKeyArgs, "accountId" | "region">>>((value) => value !== null && typeof value === "object" && !Array.isArray(value), {
            error: "is not an object. Fix: pass the settings of the bucket's own key ({ alias?, administrators?, ... }) or leave it unset",
        })
        .optional(),
    /** Default true: S3 Bucket Keys cut KMS calls (and cost) by orders of magnitude. */
    bucketKeyEnabled: booleanField.default(true),
    /** Guardrail toggles; each unset one takes its secure default (SECURE_GUARDRAIL_DEFAULTS). */
    guardrails: guardrailsArgsSchema,
    /** Default true: the bucket policy seals itself after the synchronous part of the program. */
    autoSeal: booleanField.default(true),
    /**
     * Default true, as the stack configuration's: Pulumi `protect` on the bucket, and on its own key when it
     * creates one, so a destroy or a deleted line can't take the data (or the key that reads it) with it.
     */
    protect: booleanField.default(true),
    tags: tagsField.default({}),
    /** S3 Lifecycle rules of this bucket (a replica's are its own, never its source's). */
    lifecycleRules: lifecycleRulesSchema.default([]),
    /** S3 Object Lock, set when the bucket is created; changing it later replaces the bucket. */
    objectLock: objectLockSchema.optional(),
};

export type EncryptedBucketArgs = Omit<z.input<z.ZodObject<typeof encryptedBucketFields>>, "guardrails"> & { guardrails?: GuardrailsArgs };

export interface ResolvedBucketArgs {
    accountId: string;
    region: string;
    bucketName: string | undefined;
    forceDestroy: boolean;
    bucketKeyEnabled: boolean;
    guardrails: BucketGuardrails;
    autoSeal: boolean;
    protect: boolean;
    /** The shared key, or undefined when the bucket creates its own. */
    key: CustomerManagedKey | ExternalKey | undefined;
    /** Arguments of the bucket's own key (validated), when `key` is not given. */
    ownKey: CustomerManagedKeyArgs | undefined;
    tags: Record<string, string>;
    lifecycleRules: LifecycleRule[];
    objectLock: ObjectLock | undefined;
}

/** The bucket's own key: its keyArgs over the bucket's defaults. */
function ownKeyArgs(name: string, args: BucketFields): CustomerManagedKeyArgs {
    return {
        alias: `alias/s3/${name}`,
        autoSeal: args.autoSeal,
        protect: args.protect,
        tags: args.tags,
        ...args.keyArgs,
        accountId: args.accountId,
        region: args.region,
    } as CustomerManagedKeyArgs;
}

type BucketFields = z.output<z.ZodObject<typeof encryptedBucketFields>>;

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
/** Own-key fields the bucket fills in from its own (already checked) fields unless keyArgs sets them. */
const FROM_THE_BUCKET = new Set<PropertyKey>(["accountId", "region", "autoSeal", "protect", "tags"]);

function checkBucketArgs(name: string, args: BucketFields, ctx: z.RefinementCtx): void {
    if (!isPlainObject(args)) {
        return;
    }
    if (args.bucketName === undefined) {
        const problem = generatedBucketNameProblem(bucketResourceName(name), "the component's name");
        if (problem !== undefined) addProblem(ctx, ["bucketName"], problem);
    }
    const placed = accountIdField.safeParse(args.accountId).success && regionField.safeParse(args.region).success;
    if (args.key !== undefined) {
        if (args.keyArgs !== undefined) {
            addProblem(ctx, ["keyArgs"], "is set together with key. Fix: pass either key (a shared CustomerManagedKey) or keyArgs (settings for the bucket's own key), not both");
        }
        const problem = placed && (args.key instanceof CustomerManagedKey || args.key instanceof ExternalKey) ? args.key.usableByProblem(args.accountId, args.region) : undefined;
        if (problem !== undefined) addProblem(ctx, ["key"], problem);
        return;
    }
    if (args.keyArgs !== undefined && !isPlainObject(args.keyArgs)) {
        return;
    }
    // Checked now so a bad keyArgs fails before the bucket component registers anything.
    const key = customerManagedKeyArgsSchema.safeParse(ownKeyArgs(name, args), { reportInput: true });
    if (!key.success) {
        const set = new Set<PropertyKey>(Object.keys(args.keyArgs ?? {}));
        for (const issue of key.error.issues) {
            // The bucket's own fields are reported at their own place.
            if (FROM_THE_BUCKET.has(issue.path[0]) && !set.has(issue.path[0])) continue;
            addProblem(ctx, ["keyArgs", ...issue.path], issueMessage(issue));
        }
    }
}

/**
 * The schema for `EncryptedBucket "<name>"`: the fields above plus the rules that need the component's
 * name (the generated bucket name, the default key alias).
 */
export function encryptedBucketArgsSchema(name: string) {
    return z
        .strictObject(encryptedBucketFields, { error: argsObjectError("at least accountId and region") })
        // Runs even when a field is malformed, so one error lists every problem; it reads only what is valid.
        .check(z.superRefine((args: BucketFields, ctx) => checkBucketArgs(name, args, ctx), { when: () => true }))
        .transform(
            (args): ResolvedBucketArgs => ({
                accountId: args.accountId,
                region: args.region,
                bucketName: args.bucketName,
                forceDestroy: args.forceDestroy,
                bucketKeyEnabled: args.bucketKeyEnabled,
                guardrails: args.guardrails,
                autoSeal: args.autoSeal,
                protect: args.protect,
                key: args.key,
                ownKey: args.key === undefined ? ownKeyArgs(name, args) : undefined,
                tags: args.tags,
                lifecycleRules: args.lifecycleRules,
                objectLock: args.objectLock,
            }),
        );
}

// The shape of the `encrypted-buckets:*` stack configuration, field by field, with defaults. Rules
// that relate fields to each other (references, regions, duplicates) live in crossChecks.ts.
import { z } from "zod";
import { booleanField, bucketNameField, kmsKeyArnField } from "../components/args/fields";
import { issueMessage } from "../components/args/parseArgs";
import { keySettingsFields } from "../components/customerManagedKeyArgs";
import { encryptedBucketFields, guardrailsFields, tlsVersionField } from "../components/encryptedBucketArgs";
import { bucketGrantFields } from "../components/bucketGrantArgs";
import { replicationDestinationFields, replicationFields } from "../components/bucketReplicationPlan";
import { accountIdSchema, deployedNamesSchema, logicalNameSchema, regionSchema, roleArnSchema, tagsSchema } from "./primitives";
import { serviceGrantBucketFields } from "./serviceGrants";
import { ExternalKeyChoice, namesExistingKey, parseExternalKeyChoice } from "./externalKey";
import { accessLogsSchema, logBucketsSchema } from "./accessLogs";
import { replicaMonitoringSchema } from "./replicationMonitoring";
import { externalReplicaBucketFields, replicaRuleFields } from "./externalReplicas";

const aliasReference = z.string({ error: "must name an entry of accounts" }).min(1, { error: "must name an entry of accounts" });

export const accountSchema = z.strictObject({
    accountId: accountIdSchema,
    region: regionSchema,
    roleArn: roleArnSchema,
    sessionName: z
        .string()
        .regex(/^[\w+=,.@-]{2,64}$/, { error: (issue) => `is ${JSON.stringify(issue.input)}. Fix: use 2-64 letters, digits or +=,.@_- (an STS role session name), or leave it unset` })
        .optional(),
    externalId: z.string({ error: "is not text. Fix: pass the external id the role's trust policy requires, in quotes" }).min(2, { error: "is shorter than 2 characters. Fix: pass the external id the role's trust policy requires (2-1224 characters)" }).optional(),
});

/**
 * The settings of a key this stack creates and whose policy it owns: CustomerManagedKey's own fields
 * (the alias defaults from the bucket's name).
 */
export const keySpecFields = {
    alias: keySettingsFields.alias.optional(),
    description: keySettingsFields.description,
    administrators: keySettingsFields.administrators,
    administratorsMayDeleteKey: keySettingsFields.administratorsMayDeleteKey,
    users: keySettingsFields.users,
    serviceUsers: keySettingsFields.serviceUsers,
    deletionWindowInDays: keySettingsFields.deletionWindowInDays,
    rootDelegation: keySettingsFields.rootDelegation,
};

export const ownKeySchema = z.strictObject(keySpecFields);

export const sharedKeySchema = z.strictObject({
    account: aliasReference,
    region: regionSchema.optional(),
    ...keySpecFields,
    alias: keySettingsFields.alias,
    /** Pulumi `protect` for this key; default: the stack's `protect`. */
    protect: booleanField.optional(),
});

export type ParsedKeyChoice = { kind: "own"; spec: z.output<typeof ownKeySchema> } | { kind: "shared"; name: string } | ExternalKeyChoice;

/**
 * `key:` is the name of an entry of `keys` (a shared key), the settings of the bucket's own key, or
 * an existing key's ARN (`arn:aws:kms:...` or `{ arn, verify }`), whose owner applies the key-policy
 * statements the stack exports. A bare alias is refused: S3 and replication need the key ARN.
 */
const keyChoiceSchema = z.unknown().optional().transform((value, ctx): ParsedKeyChoice => {
    if (value === undefined || value === null) {
        return { kind: "own", spec: ownKeySchema.parse({}) };
    }
    if (namesExistingKey(value)) {
        const { choice, issues } = parseExternalKeyChoice(value);
        for (const issue of issues) {
            ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        }
        return choice ?? z.NEVER;
    }
    if (typeof value === "string") {
        if (value.startsWith("alias/")) {
            ctx.addIssue({
                code: "custom",
                message:
                    `"${value}" is a KMS alias; name an entry of keys (e.g. key: shared-data), give the key settings (e.g. key: { alias: ${value} }), ` +
                    `or give an existing key's ARN (key: arn:aws:kms:<region>:<account>:key/<key-id>; aws kms describe-key --key-id ${value} prints it)`,
            });
            return z.NEVER;
        }
        return { kind: "shared", name: value };
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        ctx.addIssue({
            code: "custom",
            message:
                `is ${Array.isArray(value) ? "a list" : JSON.stringify(value)}, not a key. Fix: name an entry of keys (e.g. key: shared-data), give the key settings ` +
                "(e.g. key: { alias: alias/encrypted-buckets/data }), or give an existing key's ARN (key: arn:aws:kms:<region>:<account>:key/<key-id>); leave it unset for a key of the bucket's own",
        });
        return z.NEVER;
    }
    const parsed = ownKeySchema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: "custom", message: issueMessage(issue), path: issue.path as PropertyKey[] });
        }
        return z.NEVER;
    }
    return { kind: "own", spec: parsed.data };
});

/** EncryptedBucket's guardrails; the configuration always keeps the TLS version statement. */
export const guardrailsSchema = z.strictObject({ ...guardrailsFields, minimumTlsVersion: tlsVersionField.default("1.2") }).prefault({});

/** BucketGrant's fields; `consumerAccount` names the account whose provider creates the consumer policy. */
export const grantSchema = z.strictObject({
    principal: bucketGrantFields.principal,
    access: bucketGrantFields.access,
    prefix: bucketGrantFields.prefix,
    consumerAccount: aliasReference.optional(),
});

export { STORAGE_CLASSES } from "./primitives";

/** BucketReplication's own fields (the buckets are the program's business). */
const destination = replicationDestinationFields(z.never());
const replication = replicationFields(z.never());

/**
 * One destination of the bucket's BucketReplication, plus the replica bucket's own settings. The
 * replication-wide switches (roleName, allowSameRegion) are per replica here and must agree (crossChecks.ts).
 */
export const replicaSchema = z.strictObject({
    account: aliasReference,
    region: regionSchema.optional(),
    bucketName: encryptedBucketFields.bucketName,
    key: keyChoiceSchema,
    ...replicaRuleFields,
    bidirectional: destination.bidirectional,
    roleName: replication.roleName,
    /** The replica's own setting: never inherited from the source bucket. */
    forceDestroy: encryptedBucketFields.forceDestroy,
    lifecycleRules: encryptedBucketFields.lifecycleRules,
    objectLock: encryptedBucketFields.objectLock,
    monitoring: replicaMonitoringSchema,
});


/**
 * Explicit consent to an edit the program otherwise refuses. Replacement and key acknowledgements name
 * the deployed bucket or key they accept losing track of, so a forgotten acknowledgement never covers
 * a later edit.
 */
export const acknowledgeSchema = z
    .strictObject({
        forceDestroy: booleanField.default(false),
        replaceBucket: deployedNamesSchema("deployed bucket names (physical S3 names)", bucketNameField),
        retireKey: deployedNamesSchema("deployed KMS key ARNs", kmsKeyArnField),
    })
    .default({ forceDestroy: false, replaceBucket: [], retireKey: [] });

/** EncryptedBucket's fields, plus the bucket's place (account alias), key choice, grants and replicas. */
export const bucketSchema = z.strictObject({
    name: logicalNameSchema,
    account: aliasReference,
    region: regionSchema.optional(),
    bucketName: encryptedBucketFields.bucketName,
    key: keyChoiceSchema,
    bucketKeyEnabled: encryptedBucketFields.bucketKeyEnabled,
    guardrails: guardrailsSchema,
    grants: z.array(grantSchema, { error: "must be a list of grants. Fix: write each grant as a list item: - { principal: arn:aws:iam::<account>:role/<name>, access: read }" }).default([]),
    ...serviceGrantBucketFields,
    replicas: z.array(replicaSchema, { error: "must be a list of replicas. Fix: write each replica as a list item: - { account: <alias>, region: <region> }" }).default([]),
    ...externalReplicaBucketFields,
    forceDestroy: encryptedBucketFields.forceDestroy,
    /** Pulumi `protect` for this bucket, its replicas and the keys they own; default: the stack's `protect`. */
    protect: booleanField.optional(),
    acknowledge: acknowledgeSchema,
    tags: tagsSchema.optional(),
    lifecycleRules: encryptedBucketFields.lifecycleRules,
    objectLock: encryptedBucketFields.objectLock,
    accessLogs: accessLogsSchema.optional(),
});

export const stackConfigSchema = z.strictObject({
    accounts: z
        .record(logicalNameSchema, accountSchema, { error: "must map account aliases to { accountId, region, roleArn }. Fix: write accounts: { data: { accountId: \"111111111111\", region: eu-west-1, roleArn: arn:aws:iam::111111111111:role/<deploy role> } }" })
        .refine((accounts) => Object.keys(accounts).length > 0, { error: "must list at least one account. Fix: add an entry such as data: { accountId, region, roleArn }" }),
    keys: z.record(logicalNameSchema, sharedKeySchema, { error: "must map shared key names to key settings" }).default({}),
    buckets: z
        .array(bucketSchema, { error: "must be a list of buckets. Fix: write each bucket as a list item: - { name: raw, account: <alias> }" })
        .min(1, { error: "must list at least one bucket. Fix: add an entry such as - { name: raw, account: <alias> }" }),
    logBuckets: logBucketsSchema,
    tags: tagsSchema.optional(),
    /** Default true: buckets and keys get Pulumi `protect`, and forceDestroy needs an acknowledgement. */
    protect: booleanField.default(true),
});

export type ParsedStackConfig = z.output<typeof stackConfigSchema>;

/** Kept for callers of config/: the components' issue wording. */
export const friendlyMessage = issueMessage;

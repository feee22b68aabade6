// The arguments of CustomerManagedKey, declared once: formats, defaults, messages and the rules that
// relate them. The stack configuration composes the same fields (config/schema.ts).
import { z } from "zod";
import { accountIdField, argsObjectError, booleanField, deletionWindowField, keyPolicyPrincipalList, kmsAliasField, principalArnField, regionField, tagsField } from "./args/fields";
import { addProblem } from "./args/parseArgs";
import { parseIamPrincipalArn } from "./policy/arns";
import { KeyPolicyRoles } from "./policy/keyPolicy";
import { MAX_KEY_DESCRIPTION_LENGTH } from "../awsrules";

/** The key's settings that do not depend on where it is deployed; buckets (`keyArgs`) and config keys take these. */
export const keySettingsFields = {
    /** `alias/<name>`. */
    alias: kmsAliasField,
    description: z
        .string({ error: "is not text. Fix: pass a description or leave it unset" })
        .max(MAX_KEY_DESCRIPTION_LENGTH, {
            error: (issue) => `is ${String(issue.input).length} characters long; KMS takes at most ${MAX_KEY_DESCRIPTION_LENGTH} (AWS KMS API Reference, "CreateKey"). Fix: shorten it`,
        })
        .optional(),
    /** 7-30, default 30: the longest chance to cancel a mistaken deletion. */
    deletionWindowInDays: deletionWindowField.default(30),
    /** Default true: IAM policies in the key's account may grant use of the key. */
    rootDelegation: booleanField.default(true),
    /** Key management only: no cryptographic actions, no kms:CreateGrant. */
    administrators: keyPolicyPrincipalList,
    /** Default true; false keeps ScheduleKeyDeletion/CancelKeyDeletion away from administrators. */
    administratorsMayDeleteKey: booleanField.default(true),
    /** Encrypt/Decrypt/ReEncrypt/GenerateDataKey through S3 in this region, plus DescribeKey. */
    users: keyPolicyPrincipalList,
    /** CreateGrant/ListGrants/RevokeGrant for AWS resources only. */
    serviceUsers: keyPolicyPrincipalList,
};

export const customerManagedKeyFields = {
    /** The account the provider deploys into; used for the root statement and to check shared use. */
    accountId: accountIdField,
    region: regionField,
    ...keySettingsFields,
    /**
     * The principal that deploys the key: the role the key's provider assumes (the last `roleArn` of its `assumeRoles`),
     * in `accountId`. Required when `rootDelegation` is false, and then added to the key administrators,
     * because KMS's policy lockout safety check refuses a key policy that would not let the caller call
     * PutKeyPolicy again. With root delegation it is not added: the root statement already lets the
     * role's IAM permissions (which CreateKey needs anyway) manage the key.
     */
    deployRoleArn: principalArnField.optional(),
    /** Default true: the key policy seals itself after the synchronous part of the program. */
    autoSeal: booleanField.default(true),
    /**
     * Default true, as the stack configuration's: Pulumi `protect` on the key, so `pulumi destroy` or removing
     * it from the program fails instead of dropping it. The key is retained on delete either way (KEY_LIFECYCLE).
     */
    protect: booleanField.default(true),
    tags: tagsField.default({}),
};

/** Rules between the key's fields; `path` is where the key's fields sit in the schema being refined. */
export function checkKeyArgs(
    args: { accountId: string; rootDelegation: boolean; deployRoleArn?: string; administrators: readonly string[]; users: readonly string[] },
    ctx: z.RefinementCtx,
    path: PropertyKey[] = [],
): void {
    checkKeyRoleSeparation(args, (at, message) => addProblem(ctx, [...path, ...at], message));
    if (!args.rootDelegation && args.deployRoleArn === undefined) {
        addProblem(
            ctx,
            [...path, "deployRoleArn"],
            "is missing while rootDelegation is false. Fix: pass the ARN of the role the key's provider assumes: without the account-root statement only principals named in the key policy can " +
                "ever change it, and KMS's lockout safety check refuses a key policy that would not let the deploying role call PutKeyPolicy again " +
                "(the component adds that role to the key administrators); or keep rootDelegation: true",
        );
    }
    const deployer = args.deployRoleArn === undefined ? undefined : parseIamPrincipalArn(args.deployRoleArn);
    if (deployer !== undefined && /^\d{12}$/.test(args.accountId) && deployer.accountId !== args.accountId) {
        addProblem(
            ctx,
            [...path, "deployRoleArn"],
            `is in account ${deployer.accountId}, but the key is in account ${args.accountId}. Fix: pass the role the key's provider assumes in the key's account (the last roleArn of that provider's assumeRoles)`,
        );
    }
}

/**
 * Separation of duties: the key policy gives administrators management only and users cryptography only, so
 * one principal in both lists would hold both (what the pack's kms-key-policy-admin-separation reports). With
 * rootDelegation false the deploying role joins the administrators, so it may not be a user either.
 */
export function checkKeyRoleSeparation(
    args: { administrators: readonly string[]; users: readonly string[]; rootDelegation: boolean; deployRoleArn?: string },
    report: (path: PropertyKey[], message: string) => void,
): void {
    const administrators = new Set(args.administrators);
    args.users.forEach((user, i) => {
        if (administrators.has(user)) {
            report(
                ["users", i],
                `is ${user}, also one of the key's administrators; separation of duties keeps a principal from both managing and using the key. ` +
                    "Fix: use a separate role for key administration (administrators) and for encryption and decryption (users)",
            );
        } else if (!args.rootDelegation && user === args.deployRoleArn) {
            report(
                ["users", i],
                `is ${user}, the role that deploys the key, which becomes a key administrator while rootDelegation is false; separation of duties keeps a principal from both managing and using the key. ` +
                    "Fix: grant key use to another role, or keep rootDelegation: true",
            );
        }
    });
}

/** The validated, defaulted form of the args, as the key policy builders take it. */
export interface ResolvedKeyArgs extends KeyPolicyRoles {
    alias: string;
    description: string;
    deletionWindowInDays: number;
    autoSeal: boolean;
    protect: boolean;
    tags: Record<string, string>;
}

type ParsedKeyArgs = z.output<z.ZodObject<typeof customerManagedKeyFields>>;

function resolve({ deployRoleArn, ...args }: ParsedKeyArgs): ResolvedKeyArgs {
    return {
        ...args,
        description: args.description ?? `SSE-KMS key ${args.alias}`,
        // Without root delegation the key policy alone decides who may manage the key: the deploying
        // role must be named, or KMS refuses the policy (lockout safety check) and refresh, tagging and
        // destroy by that role would be denied.
        administrators: !args.rootDelegation && deployRoleArn !== undefined ? [...new Set([...args.administrators, deployRoleArn])] : args.administrators,
    };
}

export const customerManagedKeyArgsSchema = z
    .strictObject(customerManagedKeyFields, { error: argsObjectError("accountId, region and alias") })
    .superRefine((args, ctx) => checkKeyArgs(args, ctx))
    .transform(resolve);

export type CustomerManagedKeyArgs = z.input<typeof customerManagedKeyArgsSchema>;

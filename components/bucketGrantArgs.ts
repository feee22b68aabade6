// The arguments of BucketGrant, declared once: formats, defaults, messages and the rules that relate
// them. The stack configuration composes the same fields (config/schema.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { accountIdField, argsObjectError, booleanField, grantAccessField, keyPrefixField, principalArnField } from "./args/fields";
import { addProblem } from "./args/parseArgs";
import { EncryptedBucket } from "./encryptedBucket";
import { parseIamPrincipalArn } from "./policy/arns";
import { retiredKeysField } from "./retiredKeys";

export { grantAccessField };

export const bucketGrantFields = {
    bucket: z.custom<EncryptedBucket>((value) => value instanceof EncryptedBucket, { error: "is not an EncryptedBucket. Fix: pass the EncryptedBucket component the grant is for" }),
    /** IAM user or role ARN (paths allowed), in the bucket's account or another one (the stack configuration's `principal`). */
    principal: principalArnField,
    access: grantAccessField,
    /** Limit the grant to keys under this prefix, e.g. "reports/". */
    prefix: keyPrefixField.optional(),
    /**
     * Default true: create the IAM policy on the principal (same account: with the bucket's
     * provider; other account: with `consumerProvider`). False only emits `consumerPolicyJson`.
     */
    attachToPrincipal: booleanField.optional(),
    /** Provider for the principal's account when it is not the bucket's; without it the policy is only exported. */
    consumerProvider: z
        .custom<pulumi.ProviderResource>((value) => pulumi.ProviderResource.isInstance(value), { error: "is not a Pulumi provider. Fix: pass an aws.Provider for the principal's account" })
        .optional(),
    /** Name of the inline IAM policy on the principal; defaults to the grant's resource name. */
    policyName: z.string({ error: "is not text. Fix: pass an IAM policy name" }).optional(),
};

/** A role or user the program declares itself: the grant takes its kind and name now, its ARN once it exists. */
export type GrantPrincipalResource = aws.iam.Role | aws.iam.User;

// `isInstance`, not `instanceof`: a program may load its own copy of @pulumi/aws.
export function isGrantPrincipalResource(value: unknown): value is GrantPrincipalResource {
    return aws.iam.Role.isInstance(value) || aws.iam.User.isInstance(value);
}

/**
 * A component's `principal`: the stack configuration's ARN, or a role or user resource of the program. An ARN
 * output alone is refused: whether to attach a RolePolicy or a UserPolicy is decided before the ARN is known.
 */
const grantPrincipalField = z
    .custom<string | GrantPrincipalResource>((value) => typeof value === "string" || isGrantPrincipalResource(value), {
        error: (issue) =>
            pulumi.Output.isInstance(issue.input)
                ? "is an Output. Fix: pass the aws.iam.Role or aws.iam.User resource itself (principal: role, not role.arn): the grant needs to know whether it is a role or a user before its ARN exists; or pass the ARN as text"
                : "is not an IAM user or role ARN, nor an aws.iam.Role or aws.iam.User. Fix: pass the ARN as text, or the role or user resource your program declares",
    })
    .superRefine((value, ctx) => {
        if (typeof value === "string") {
            for (const issue of principalArnField.safeParse(value).error?.issues ?? []) {
                addProblem(ctx, [], issue.message);
            }
        }
    });

/** The component's own fields: the configuration's, with a principal that may also be a resource of the program. */
const componentGrantFields = {
    ...bucketGrantFields,
    principal: grantPrincipalField,
    /** The account of a principal given as a resource, when it is not the bucket's (an ARN names its own account). */
    principalAccountId: accountIdField.optional(),
    retiredKeys: retiredKeysField,
};

/** The arguments as callers write them: `principal`, or its older name `principalArn` (deprecated, still accepted). */
export type BucketGrantArgs = Omit<z.input<z.ZodObject<typeof componentGrantFields>>, "principal"> &
    ({ principal: string | GrantPrincipalResource; principalArn?: never } | { /** @deprecated renamed principal */ principalArn: string; principal?: never });

/** The argument's older name, mapped to the current one (BucketGrant warns about it). */
export function usesDeprecatedPrincipalArn(args: unknown): boolean {
    return args !== null && typeof args === "object" && "principalArn" in args && !("principal" in args);
}

function renameDeprecated(args: unknown): unknown {
    if (!usesDeprecatedPrincipalArn(args)) return args;
    const { principalArn, ...rest } = args as Record<string, unknown>;
    return { ...rest, principal: principalArn };
}

const IAM_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

/** The schema for `BucketGrant "<name>"` (the policy name defaults to the grant's name). */
export function bucketGrantArgsSchema(name: string) {
    return z.preprocess(renameDeprecated, z.strictObject(componentGrantFields, { error: argsObjectError("bucket, principal and access") }).superRefine((args, ctx) => {
        const literal = typeof args.principal === "string" ? parseIamPrincipalArn(args.principal) : undefined;
        if (typeof args.principal === "string" && args.principalAccountId !== undefined) {
            addProblem(ctx, ["principalAccountId"], "is set while principal is an ARN, which names its own account. Fix: drop principalAccountId (it is for a principal given as a role or user resource)");
        }
        const principalAccount = typeof args.principal === "string" ? literal?.accountId : (args.principalAccountId ?? args.bucket.accountId);
        const crossAccount = principalAccount !== undefined && principalAccount !== args.bucket.accountId;
        if (principalAccount !== undefined && !crossAccount && args.consumerProvider !== undefined) {
            addProblem(
                ctx,
                ["consumerProvider"],
                `is set, but ${literal?.arn ?? "the principal"} is in the bucket's account ${args.bucket.accountId}. Fix: leave consumerProvider unset: same-account IAM policies are created with the bucket's provider${literal ? "" : " (set principalAccountId when the role or user is in another account)"}`,
            );
        }
        if (crossAccount && args.consumerProvider !== undefined && args.attachToPrincipal === false) {
            addProblem(ctx, ["attachToPrincipal"], "is false while consumerProvider is set. Fix: drop consumerProvider to only export the policy, or drop attachToPrincipal: false to create it");
        }
        const policyName = args.policyName ?? name;
        if (!IAM_POLICY_NAME.test(policyName)) {
            addProblem(
                ctx,
                ["policyName"],
                `is "${policyName}", not a valid IAM policy name. Fix: use 1-128 characters from letters, digits and +=,.@_- (set policyName when the resource name has others)`,
            );
        }
    }));
}

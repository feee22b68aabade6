import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { keyPolicyStatements, KeyPolicyRoles } from "./policy/keyPolicy";
import { StatementAccumulator } from "./policy/statementAccumulator";
import { PolicyStatement } from "./policy/types";
import {
    InvalidArgumentError,
    requireAccountId,
    requireAliasName,
    requireBoolean,
    requireDeletionWindow,
    requireEach,
    requireIamPrincipalArn,
    requireKeyPolicyPrincipal,
    requireRegion,
    requireTags,
} from "./validation";

export const CUSTOMER_MANAGED_KEY_TYPE = "encrypted-buckets:kms:CustomerManagedKey";

export interface CustomerManagedKeyArgs {
    /** The account the provider deploys into; used for the root statement and to check shared use. */
    accountId: string;
    region: string;
    /** `alias/<name>`. */
    alias: string;
    description?: string;
    /** 7-30, default 30: the longest chance to cancel a mistaken deletion. */
    deletionWindowInDays?: number;
    /** Default true: IAM policies in the key's account may grant use of the key. */
    rootDelegation?: boolean;
    /**
     * The principal that deploys the key: the role the key's provider assumes (`assumeRoles[0].roleArn`),
     * in `accountId`. Required when `rootDelegation` is false, and then added to the key administrators,
     * because KMS's policy lockout safety check refuses a key policy that would not let the caller call
     * PutKeyPolicy again. With root delegation it is not added: the root statement already lets the
     * role's IAM permissions (which CreateKey needs anyway) manage the key.
     */
    deployRoleArn?: string;
    /** Key management only: no cryptographic actions, no kms:CreateGrant. */
    administrators?: string[];
    /** Default true; false keeps ScheduleKeyDeletion/CancelKeyDeletion away from administrators. */
    administratorsMayDeleteKey?: boolean;
    /** Encrypt/Decrypt/ReEncrypt/GenerateDataKey through S3 in this region, plus DescribeKey. */
    users?: string[];
    /** CreateGrant/ListGrants/RevokeGrant for AWS resources only. */
    serviceUsers?: string[];
    /** Default true: the key policy seals itself after the synchronous part of the program. */
    autoSeal?: boolean;
    /**
     * Default false: Pulumi `protect` on the key, so `pulumi destroy` or removing it from the program
     * fails instead of dropping it. The key is retained on delete either way (KEY_LIFECYCLE).
     */
    protect?: boolean;
    tags?: Record<string, string>;
}

/**
 * Data outlives every edit: objects and old versions stay encrypted under a key after the bucket stops
 * using it, and a key scheduled for deletion makes them unreadable for good (AWS KMS Developer Guide,
 * "Deleting AWS KMS keys"). So a key leaves the stack by being retained (`retainOnDelete`), never by
 * ScheduleKeyDeletion; its alias and policy are dropped with it (`deletedWith`), so a retained key
 * stays reachable by its alias and usable by the principals that had access. Retiring a key is an
 * explicit act (docs/operations.md). `replacementTrigger` on the account makes a change of account a
 * replacement, never a silent switch of provider that would orphan the key in the old account.
 */
export const KEY_LIFECYCLE = { retainOnDelete: true } as const;

/** The validated, defaulted form of the args; exported so EncryptedBucket can check keyArgs up front. */
export interface ResolvedKeyArgs extends KeyPolicyRoles {
    alias: string;
    description: string;
    deletionWindowInDays: number;
    autoSeal: boolean;
    protect: boolean;
    tags: Record<string, string>;
}

export function resolveCustomerManagedKeyArgs(where: string, args: CustomerManagedKeyArgs, fieldPrefix = ""): ResolvedKeyArgs {
    const f = (name: string) => `${fieldPrefix}${name}`;
    if (args === undefined || args === null) {
        throw new InvalidArgumentError(where, fieldPrefix === "" ? "args" : fieldPrefix.replace(/\.$/, ""), "is missing", "pass accountId, region and alias");
    }
    const accountId = requireAccountId(where, f("accountId"), args.accountId);
    const region = requireRegion(where, f("region"), args.region);
    const alias = requireAliasName(where, f("alias"), args.alias);
    const deletionWindowInDays = args.deletionWindowInDays === undefined ? 30 : requireDeletionWindow(where, f("deletionWindowInDays"), args.deletionWindowInDays);
    const rootDelegation = args.rootDelegation === undefined ? true : requireBoolean(where, f("rootDelegation"), args.rootDelegation);
    const deployRoleArn = args.deployRoleArn === undefined ? undefined : requireDeployRole(where, f("deployRoleArn"), args.deployRoleArn, accountId);
    const administrators = requireEach(where, f("administrators"), args.administrators, requireKeyPolicyPrincipal);
    const users = requireEach(where, f("users"), args.users, requireKeyPolicyPrincipal);
    const serviceUsers = requireEach(where, f("serviceUsers"), args.serviceUsers, requireKeyPolicyPrincipal);
    if (!rootDelegation && deployRoleArn === undefined) {
        throw new InvalidArgumentError(
            where,
            f("deployRoleArn"),
            "is missing while rootDelegation is false",
            "pass the ARN of the role the key's provider assumes: without the account-root statement only principals named in the key policy can " +
                "ever change it, and KMS's lockout safety check refuses a key policy that would not let the deploying role call PutKeyPolicy again " +
                "(the component adds that role to the key administrators); or keep rootDelegation: true",
        );
    }
    return {
        accountId,
        region,
        alias,
        description: args.description ?? `SSE-KMS key ${alias}`,
        deletionWindowInDays,
        rootDelegation,
        // Without root delegation the key policy alone decides who may manage the key: the deploying
        // role must be named, or KMS refuses the policy (lockout safety check) and refresh, tagging and
        // destroy by that role would be denied.
        administrators: !rootDelegation && deployRoleArn !== undefined ? [...new Set([...administrators, deployRoleArn])] : administrators,
        administratorsMayDeleteKey: args.administratorsMayDeleteKey === undefined ? true : requireBoolean(where, f("administratorsMayDeleteKey"), args.administratorsMayDeleteKey),
        users,
        serviceUsers,
        autoSeal: args.autoSeal === undefined ? true : requireBoolean(where, f("autoSeal"), args.autoSeal),
        protect: args.protect === undefined ? false : requireBoolean(where, f("protect"), args.protect),
        tags: args.tags === undefined ? {} : requireTags(where, f("tags"), args.tags),
    };
}

/** The deploying principal is an IAM role (or user) of the key's own account: the provider works in that account. */
function requireDeployRole(where: string, field: string, value: unknown, accountId: string): string {
    const parsed = requireIamPrincipalArn(where, field, value);
    if (parsed.accountId !== accountId) {
        throw new InvalidArgumentError(
            where,
            field,
            `is in account ${parsed.accountId}, but the key is in account ${accountId}`,
            "pass the role the key's provider assumes in the key's account (assumeRoles[0].roleArn of that provider)",
        );
    }
    return parsed.arn;
}

/**
 * A symmetric, rotating, single-region KMS key for SSE-KMS, its alias, and one key policy that other
 * components (grants, replications) extend through `addStatements` until it is sealed.
 */
export class CustomerManagedKey extends pulumi.ComponentResource {
    public readonly key: aws.kms.Key;
    public readonly alias: aws.kms.Alias;
    public readonly keyPolicy: aws.kms.KeyPolicy;
    public readonly arn: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    public readonly aliasName: string;
    public readonly accountId: string;
    public readonly region: string;
    /** The provider its children use; grants on buckets that share this key reuse it. */
    public readonly provider: pulumi.ProviderResource | undefined;
    /** The assembled key policy document (resolves once sealed). */
    public readonly policyDocument: StatementAccumulator["document"];
    private readonly statements: StatementAccumulator;

    constructor(name: string, args: CustomerManagedKeyArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const resolved = resolveCustomerManagedKeyArgs(`CustomerManagedKey "${name}"`, args);
        super(CUSTOMER_MANAGED_KEY_TYPE, name, {}, opts);
        this.accountId = resolved.accountId;
        this.region = resolved.region;
        this.aliasName = resolved.alias;
        this.provider = opts.provider;
        const child = { parent: this, provider: opts.provider };

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: resolved.description,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                deletionWindowInDays: resolved.deletionWindowInDays,
                multiRegion: false,
                isEnabled: true,
                // No inline policy: the KeyPolicy below is the single owner of the policy, so
                // statements added by grants never fight with a second copy on the key.
                bypassPolicyLockoutSafetyCheck: false,
                region: resolved.region,
                tags: resolved.tags,
            },
            { ...child, ...KEY_LIFECYCLE, protect: resolved.protect, replacementTrigger: resolved.accountId },
        );
        this.arn = this.key.arn;
        this.keyId = this.key.keyId;

        const keptWithKey = { ...child, deletedWith: this.key };
        this.alias = new aws.kms.Alias(`${name}-alias`, { name: resolved.alias, targetKeyId: this.key.keyId, region: resolved.region }, keptWithKey);

        this.statements = new StatementAccumulator(`CustomerManagedKey "${name}" key policy`, "key", resolved.autoSeal);
        const base = keyPolicyStatements(resolved);
        this.statements.reserveSids(`CustomerManagedKey "${name}"`, base.map((s) => s.Sid as string));
        this.statements.add(...base);
        this.policyDocument = this.statements.document;

        this.keyPolicy = new aws.kms.KeyPolicy(
            `${name}-policy`,
            {
                keyId: this.key.keyId,
                policy: this.statements.json,
                bypassPolicyLockoutSafetyCheck: false,
                region: resolved.region,
            },
            keptWithKey,
        );

        this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName });
    }

    /** Appends key-policy statements (grants, replication). Throws once sealed. */
    addStatements(...statements: pulumi.Input<PolicyStatement>[]): void {
        this.statements.add(...statements);
    }

    /** Appends a list that resolves later, e.g. statements built inside an `apply` over ARNs. */
    addStatementList(statements: pulumi.Input<readonly PolicyStatement[]>): void {
        this.statements.addList(statements);
    }

    /** Claims Sids now so a clash is reported at the declaration that caused it. */
    reserveSids(claimant: string, sids: readonly string[]): void {
        this.statements.reserveSids(claimant, sids);
    }

    /** Freezes the key policy; idempotent. For programs that await between declarations. */
    seal(): void {
        this.statements.seal();
    }

    get isSealed(): boolean {
        return this.statements.isSealed;
    }

    /** Throws unless a bucket in `accountId`/`region` may use this key as its default key. */
    assertUsableBy(where: string, field: string, accountId: string, region: string): void {
        if (accountId !== this.accountId || region !== this.region) {
            throw new InvalidArgumentError(
                where,
                field,
                `is a key in account ${this.accountId} region ${this.region}, but the bucket is in account ${accountId} region ${region}`,
                "share a key only between buckets of the same account and region (S3 requires the default key in the bucket's region, and a key of another account cannot be managed here); create a key per account and region",
            );
        }
    }
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsProviderOf } from "./awsProvider";
import { accountCheckedRegion } from "./providerAccount";
import { keyPolicyStatements } from "./policy/keyPolicy";
import { KeyPolicyStatements } from "./keyPolicyStatements";
import { StatementAccumulator } from "./policy/statementAccumulator";
import { InvalidArgumentError, parseArgs } from "./args/parseArgs";
import { CustomerManagedKeyArgs, customerManagedKeyArgsSchema } from "./customerManagedKeyArgs";

export { customerManagedKeyArgsSchema, customerManagedKeyFields, keySettingsFields, checkKeyArgs } from "./customerManagedKeyArgs";
export type { CustomerManagedKeyArgs, ResolvedKeyArgs } from "./customerManagedKeyArgs";

export const CUSTOMER_MANAGED_KEY_TYPE = "encrypted-buckets:kms:CustomerManagedKey";

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

/**
 * A symmetric, rotating, single-region KMS key for SSE-KMS, its alias, and one key policy that other
 * components (grants, replications) extend through `addStatements` until it is sealed.
 */
export class CustomerManagedKey extends KeyPolicyStatements {
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
    protected readonly statements: StatementAccumulator;

    constructor(name: string, args: CustomerManagedKeyArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const resolved = parseArgs(`CustomerManagedKey "${name}"`, customerManagedKeyArgsSchema, args);
        super(CUSTOMER_MANAGED_KEY_TYPE, name, {}, opts);
        this.accountId = resolved.accountId;
        this.region = resolved.region;
        this.aliasName = resolved.alias;
        this.provider = awsProviderOf(this);
        const child = { parent: this, provider: this.provider };
        // The key, its alias and its policy wait for the provider to be the one of accountId (providerAccount.ts).
        const region = accountCheckedRegion(`CustomerManagedKey "${name}"`, resolved.accountId, resolved.region, this, this.provider);

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
                region,
                tags: resolved.tags,
            },
            { ...child, ...KEY_LIFECYCLE, protect: resolved.protect, replacementTrigger: resolved.accountId },
        );
        this.arn = this.key.arn;
        this.keyId = this.key.keyId;

        const keptWithKey = { ...child, deletedWith: this.key };
        this.alias = new aws.kms.Alias(`${name}-alias`, { name: resolved.alias, targetKeyId: this.key.keyId, region }, keptWithKey);

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
                region,
            },
            keptWithKey,
        );

        this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName });
    }

    /** Why a bucket in `accountId`/`region` may not use this key as its default key, or undefined when it may. */
    usableByProblem(accountId: string, region: string): string | undefined {
        if (accountId === this.accountId && region === this.region) {
            return undefined;
        }
        return (
            `is a key in account ${this.accountId} region ${this.region}, but the bucket is in account ${accountId} region ${region}; ` +
            "share a key only between buckets of the same account and region (S3 requires the default key in the bucket's region, and a key of another account cannot be managed here); create a key per account and region"
        );
    }

    /** Throws unless a bucket in `accountId`/`region` may use this key as its default key. */
    assertUsableBy(where: string, field: string, accountId: string, region: string): void {
        const problem = this.usableByProblem(accountId, region);
        if (problem !== undefined) {
            throw new InvalidArgumentError(where, [{ field, message: problem }]);
        }
    }
}

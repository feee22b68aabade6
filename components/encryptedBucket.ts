import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsProviderOf } from "./awsProvider";
import { applyBoth } from "./combineOutputs";
import { lifecycleRuleInputs } from "./bucketLifecycle";
import { objectLockRuleInput } from "./bucketObjectLock";
import { parseArgs } from "./args/parseArgs";
import { BucketKey } from "./bucketKey";
import { CustomerManagedKey, CustomerManagedKeyArgs } from "./customerManagedKey";
import { deprecatedGuardrailNames, EncryptedBucketArgs, encryptedBucketArgsSchema } from "./encryptedBucketArgs";
import { packToggleWarnings } from "./packToggleWarnings";
import { accountCheckedRegion } from "./providerAccount";
import { ObjectOwnership } from "./policy/actions";
import { bucketGuardrailSids, bucketGuardrailStatements, BucketGuardrails } from "./policy/bucketPolicy";
import { StatementAccumulator } from "./policy/statementAccumulator";
import { bucketResourceName } from "./resourceNames";
import { PolicyStatement } from "./policy/types";

export { deprecatedGuardrailNames, encryptedBucketArgsSchema, encryptedBucketFields, guardrailsArgsSchema, guardrailsFields, tlsVersionField } from "./encryptedBucketArgs";
export type { EncryptedBucketArgs, GuardrailsArgs, ResolvedBucketArgs } from "./encryptedBucketArgs";

export const ENCRYPTED_BUCKET_TYPE = "encrypted-buckets:s3:EncryptedBucket";

/** ACLs disabled: the bucket owner owns every object, including cross-account uploads and replicas. */
const OBJECT_OWNERSHIP: ObjectOwnership = "BucketOwnerEnforced";

/**
 * An S3 bucket encrypted by default with a customer managed key (SSE-KMS, bucket key on), versioned,
 * private (all four public-access blocks, ACLs disabled), and a bucket policy assembled from
 * guardrail statements plus whatever grants and replications add before it is sealed.
 */
export class EncryptedBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly key: BucketKey;
    public readonly arn: pulumi.Output<string>;
    public readonly bucketName: pulumi.Output<string>;
    public readonly accountId: string;
    public readonly region: string;
    public readonly bucketKeyEnabled: boolean;
    public readonly objectOwnership: ObjectOwnership;
    public readonly guardrails: Readonly<BucketGuardrails>;
    public readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
    public readonly versioning: aws.s3.BucketVersioning;
    public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    public readonly ownershipControls: aws.s3.BucketOwnershipControls;
    /** True when the bucket is created with S3 Object Lock (replication then needs locked destinations). */
    public readonly objectLockEnabled: boolean;
    /** The default retention, when objectLock is set. */
    public readonly objectLockConfiguration: aws.s3.BucketObjectLockConfiguration | undefined;
    /** Present when lifecycleRules is non-empty. */
    public readonly lifecycle: aws.s3.BucketLifecycleConfiguration | undefined;
    public readonly bucketPolicy: aws.s3.BucketPolicy;
    /** The assembled bucket policy document (resolves once sealed). */
    public readonly policyDocument: StatementAccumulator["document"];
    /** The provider its children use; grants create same-account IAM policies with it. */
    public readonly provider: pulumi.ProviderResource | undefined;
    private readonly statements: StatementAccumulator;
    private readonly ownsKey: boolean;

    constructor(name: string, args: EncryptedBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const resolved = parseArgs(`EncryptedBucket "${name}"`, encryptedBucketArgsSchema(name), args);
        super(ENCRYPTED_BUCKET_TYPE, name, {}, opts);
        const deprecated = deprecatedGuardrailNames(args?.guardrails);
        if (deprecated.length > 0) {
            void pulumi.log.warn(`EncryptedBucket "${name}": deprecated guardrail names, still accepted: ${deprecated.join(", ")}; use the new names (docs/configuration.md, "guardrails")`, this);
        }
        for (const warning of packToggleWarnings(`EncryptedBucket "${name}"`, resolved, resolved.tags)) {
            void pulumi.log.warn(warning, this);
        }
        this.accountId = resolved.accountId;
        this.region = resolved.region;
        this.bucketKeyEnabled = resolved.bucketKeyEnabled;
        this.objectOwnership = OBJECT_OWNERSHIP;
        this.guardrails = Object.freeze({ ...resolved.guardrails });
        this.provider = awsProviderOf(this);
        const child = { parent: this, provider: this.provider };
        // Every child waits for the provider to be the one of accountId (providerAccount.ts).
        const region = accountCheckedRegion(`EncryptedBucket "${name}"`, resolved.accountId, resolved.region, this, this.provider);

        this.ownsKey = resolved.key === undefined;
        this.key = resolved.key ?? new CustomerManagedKey(`${name}-cmk`, resolved.ownKey as CustomerManagedKeyArgs, child);

        // A change of account replaces the bucket instead of silently moving it to another provider
        // (which would leave the real bucket behind in the old account, unmanaged).
        this.bucket = new aws.s3.Bucket(
            bucketResourceName(name),
            {
                bucket: resolved.bucketName,
                forceDestroy: resolved.forceDestroy,
                region,
                tags: resolved.tags,
                // Only set when wanted, so buckets without Object Lock keep the inputs they were deployed with.
                ...(resolved.objectLock !== undefined ? { objectLockEnabled: true } : {}),
            },
            { ...child, protect: resolved.protect, replacementTrigger: resolved.accountId },
        );
        // S3 deletes a bucket's configuration with the bucket (Amazon S3 API Reference, "DeleteBucket"), and
        // refuses to delete a bucket that holds objects or versions. Deleting the configuration first
        // would leave a failed delete's bucket, full of data, without its guardrails; with `deletedWith`
        // the engine skips those deletes when the bucket itself is being deleted, while an update that
        // drops only one of them still deletes it.
        const guardrail = { ...child, deletedWith: this.bucket };
        this.arn = this.bucket.arn;
        this.bucketName = this.bucket.bucket;
        const bucketId = this.bucket.id;

        this.encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucketId,
                region,
                rules: [
                    {
                        // The key ARN, not the alias or key id: S3 resolves an alias in the caller's
                        // account, so cross-account writers could end up encrypting with their own key.
                        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn },
                        bucketKeyEnabled: resolved.bucketKeyEnabled,
                    },
                ],
            },
            guardrail,
        );

        this.versioning = new aws.s3.BucketVersioning(
            `${name}-versioning`,
            { bucket: bucketId, region, versioningConfiguration: { status: "Enabled" } },
            guardrail,
        );

        // S3 turns versioning on when a bucket is created with Object Lock; the configuration is put after
        // our BucketVersioning so the two never race (Amazon S3 User Guide, "Configuring S3 Object Lock").
        this.objectLockEnabled = resolved.objectLock !== undefined;
        const lockRule = resolved.objectLock === undefined ? undefined : objectLockRuleInput(resolved.objectLock);
        this.objectLockConfiguration =
            resolved.objectLock === undefined
                ? undefined
                : new aws.s3.BucketObjectLockConfiguration(
                      `${name}-object-lock`,
                      { bucket: bucketId, region, objectLockEnabled: "Enabled", ...(lockRule !== undefined ? { rule: lockRule } : {}) },
                      { ...guardrail, dependsOn: [this.versioning] },
                  );
        // Noncurrent-version rules act on versions, so the configuration follows versioning.
        this.lifecycle =
            resolved.lifecycleRules.length === 0
                ? undefined
                : new aws.s3.BucketLifecycleConfiguration(
                      `${name}-lifecycle`,
                      { bucket: bucketId, region, rules: lifecycleRuleInputs(resolved.lifecycleRules) },
                      { ...guardrail, dependsOn: [this.versioning] },
                  );

        this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { bucket: bucketId, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            guardrail,
        );

        this.statements = new StatementAccumulator(`EncryptedBucket "${name}" bucket policy`, "bucket", resolved.autoSeal);
        this.statements.reserveSids(`EncryptedBucket "${name}" guardrails`, bucketGuardrailSids(resolved.guardrails));
        this.statements.addList(
            applyBoth(this.bucket.bucket, this.key.arn, (bucketName, keyArn) => bucketGuardrailStatements({ bucketName, keyArn }, resolved.guardrails)),
        );
        this.policyDocument = this.statements.document;

        // After the public access block: S3 applies both to the same bucket, and a policy put that
        // races the block can fail or be judged against the old block settings.
        this.bucketPolicy = new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket: bucketId, region, policy: this.statements.json },
            { ...guardrail, dependsOn: [this.publicAccessBlock] },
        );

        // Serialised after the policy: concurrent configuration calls on one bucket can fail with
        // OperationAborted (terraform-aws-s3-bucket orders them the same way).
        this.ownershipControls = new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            { bucket: bucketId, region, rule: { objectOwnership: OBJECT_OWNERSHIP } },
            { ...guardrail, dependsOn: [this.bucketPolicy] },
        );

        this.registerOutputs({ arn: this.arn, bucketName: this.bucketName, keyArn: this.key.arn });
    }

    /** Appends bucket-policy statements (grants, replication). Throws once sealed. */
    addPolicyStatements(...statements: pulumi.Input<PolicyStatement>[]): void {
        this.statements.add(...statements);
    }

    /** Appends a list that resolves later, e.g. statements built inside an `apply` over ARNs. */
    addPolicyStatementList(statements: pulumi.Input<readonly PolicyStatement[]>): void {
        this.statements.addList(statements);
    }

    /** Claims Sids now so a clash is reported at the declaration that caused it. */
    reservePolicySids(claimant: string, sids: readonly string[]): void {
        this.statements.reserveSids(claimant, sids);
    }

    /** Freezes the bucket policy, and the key policy if the key is the bucket's own (a shared key is sealed by its owner). */
    seal(): void {
        this.statements.seal();
        if (this.ownsKey) {
            this.key.seal();
        }
    }

    get isSealed(): boolean {
        return this.statements.isSealed;
    }
}

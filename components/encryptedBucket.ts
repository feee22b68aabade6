import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { applyBoth } from "./combineOutputs";
import { CustomerManagedKey, CustomerManagedKeyArgs, resolveCustomerManagedKeyArgs } from "./customerManagedKey";
import { ObjectOwnership } from "./policy/actions";
import { bucketGuardrailSids, bucketGuardrailStatements, BucketGuardrails, resolveGuardrails } from "./policy/bucketPolicy";
import { StatementAccumulator } from "./policy/statementAccumulator";
import { bucketResourceName } from "./resourceNames";
import { PolicyStatement } from "./policy/types";
import {
    InvalidArgumentError,
    requireAccountId,
    requireBoolean,
    requireBucketName,
    requireGeneratedBucketName,
    requireOneOf,
    requireRegion,
    requireTags,
} from "./validation";

export const ENCRYPTED_BUCKET_TYPE = "encrypted-buckets:s3:EncryptedBucket";

export interface EncryptedBucketArgs {
    /** The account the provider deploys into. */
    accountId: string;
    region: string;
    /** Explicit bucket name; unset lets Pulumi generate one from the resource name. */
    bucketName?: string;
    /** Default false: deleting the stack keeps a bucket that still holds objects. */
    forceDestroy?: boolean;
    /** A key shared with other buckets of the same account and region. */
    key?: CustomerManagedKey;
    /** Settings for the bucket's own key when `key` is not given; alias defaults to `alias/s3/<name>`. */
    keyArgs?: Partial<Omit<CustomerManagedKeyArgs, "accountId" | "region">>;
    /** Default true: S3 Bucket Keys cut KMS calls (and cost) by orders of magnitude. */
    bucketKeyEnabled?: boolean;
    /** Guardrail toggles; each unset one takes its secure default (SECURE_GUARDRAIL_DEFAULTS). */
    guardrails?: Partial<BucketGuardrails>;
    /** Default true: the bucket policy seals itself after the synchronous part of the program. */
    autoSeal?: boolean;
    /** Default false: Pulumi `protect` on the bucket, and on its own key when it creates one. */
    protect?: boolean;
    tags?: Record<string, string>;
}

/** ACLs disabled: the bucket owner owns every object, including cross-account uploads and replicas. */
const OBJECT_OWNERSHIP: ObjectOwnership = "BucketOwnerEnforced";

function validateGuardrails(where: string, g: Partial<BucketGuardrails> | undefined): Partial<BucketGuardrails> {
    if (g === undefined) {
        return {};
    }
    const booleans: (keyof BucketGuardrails)[] = ["denyInsecureTransport", "denySignatureV2", "denyWrongEncryptionHeaders", "denyKmsHeaderWithoutKeyId", "denySseC"];
    for (const name of booleans) {
        if (g[name] !== undefined) {
            requireBoolean(where, `guardrails.${name}`, g[name]);
        }
    }
    const known = new Set<string>([...booleans, "minimumTlsVersion", "encryptionHeaderMode"]);
    for (const name of Object.keys(g)) {
        if (!known.has(name)) {
            throw new InvalidArgumentError(where, `guardrails.${name}`, "is not a guardrail", `use one of ${[...known].join(", ")}`);
        }
    }
    if (g.minimumTlsVersion !== undefined && g.minimumTlsVersion !== false) {
        requireOneOf(where, "guardrails.minimumTlsVersion", g.minimumTlsVersion, ["1.2", "1.3"] as const);
    }
    if (g.encryptionHeaderMode !== undefined) {
        requireOneOf(where, "guardrails.encryptionHeaderMode", g.encryptionHeaderMode, ["compatible", "strict", "strict-with-key"] as const);
    }
    return g;
}

interface ResolvedBucketArgs {
    accountId: string;
    region: string;
    bucketName: string | undefined;
    forceDestroy: boolean;
    bucketKeyEnabled: boolean;
    guardrails: BucketGuardrails;
    autoSeal: boolean;
    protect: boolean;
    ownKey: CustomerManagedKeyArgs | undefined;
    tags: Record<string, string>;
}

function resolveEncryptedBucketArgs(name: string, args: EncryptedBucketArgs): ResolvedBucketArgs {
    const where = `EncryptedBucket "${name}"`;
    if (args === undefined || args === null) {
        throw new InvalidArgumentError(where, "args", "is missing", "pass at least accountId and region");
    }
    const accountId = requireAccountId(where, "accountId", args.accountId);
    const region = requireRegion(where, "region", args.region);
    const bucketName = args.bucketName === undefined ? undefined : requireBucketName(where, "bucketName", args.bucketName);
    if (bucketName === undefined) {
        requireGeneratedBucketName(where, "bucketName", bucketResourceName(name));
    }
    const tags = args.tags === undefined ? {} : requireTags(where, "tags", args.tags);
    const autoSeal = args.autoSeal === undefined ? true : requireBoolean(where, "autoSeal", args.autoSeal);
    const protect = args.protect === undefined ? false : requireBoolean(where, "protect", args.protect);
    let ownKey: CustomerManagedKeyArgs | undefined;
    if (args.key !== undefined) {
        if (args.keyArgs !== undefined) {
            throw new InvalidArgumentError(where, "keyArgs", "is set together with key", "pass either key (a shared CustomerManagedKey) or keyArgs (settings for the bucket's own key), not both");
        }
        if (!(args.key instanceof CustomerManagedKey)) {
            throw new InvalidArgumentError(where, "key", "is not a CustomerManagedKey", "pass a CustomerManagedKey component (an existing key ARN cannot have its policy extended by grants)");
        }
        args.key.assertUsableBy(where, "key", accountId, region);
    } else {
        ownKey = { alias: `alias/s3/${name}`, autoSeal, protect, tags: args.tags, ...args.keyArgs, accountId, region } as CustomerManagedKeyArgs;
        // Checked now so a bad keyArgs fails before the bucket component registers anything.
        resolveCustomerManagedKeyArgs(where, ownKey, "keyArgs.");
    }
    return {
        accountId,
        region,
        bucketName,
        forceDestroy: args.forceDestroy === undefined ? false : requireBoolean(where, "forceDestroy", args.forceDestroy),
        bucketKeyEnabled: args.bucketKeyEnabled === undefined ? true : requireBoolean(where, "bucketKeyEnabled", args.bucketKeyEnabled),
        guardrails: resolveGuardrails(validateGuardrails(where, args.guardrails)),
        autoSeal,
        protect,
        ownKey,
        tags,
    };
}

/**
 * An S3 bucket encrypted by default with a customer managed key (SSE-KMS, bucket key on), versioned,
 * private (all four public-access blocks, ACLs disabled), and a bucket policy assembled from
 * guardrail statements plus whatever grants and replications add before it is sealed.
 */
export class EncryptedBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly key: CustomerManagedKey;
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
    public readonly bucketPolicy: aws.s3.BucketPolicy;
    /** The assembled bucket policy document (resolves once sealed). */
    public readonly policyDocument: StatementAccumulator["document"];
    /** The provider its children use; grants create same-account IAM policies with it. */
    public readonly provider: pulumi.ProviderResource | undefined;
    private readonly statements: StatementAccumulator;
    private readonly ownsKey: boolean;

    constructor(name: string, args: EncryptedBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const resolved = resolveEncryptedBucketArgs(name, args);
        super(ENCRYPTED_BUCKET_TYPE, name, {}, opts);
        this.accountId = resolved.accountId;
        this.region = resolved.region;
        this.bucketKeyEnabled = resolved.bucketKeyEnabled;
        this.objectOwnership = OBJECT_OWNERSHIP;
        this.guardrails = Object.freeze({ ...resolved.guardrails });
        this.provider = opts.provider;
        const child = { parent: this, provider: opts.provider };
        const region = resolved.region;

        this.ownsKey = args.key === undefined;
        this.key = args.key ?? new CustomerManagedKey(`${name}-cmk`, resolved.ownKey as CustomerManagedKeyArgs, child);

        // A change of account replaces the bucket instead of silently moving it to another provider
        // (which would leave the real bucket behind in the old account, unmanaged).
        this.bucket = new aws.s3.Bucket(
            bucketResourceName(name),
            { bucket: resolved.bucketName, forceDestroy: resolved.forceDestroy, region, tags: resolved.tags },
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

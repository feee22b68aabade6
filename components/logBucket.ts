import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsProviderOf } from "./awsProvider";
import { accountCheckedRegion } from "./providerAccount";
import { generatedNameProblem, LogBucketArgs, logBucketArgsSchema } from "./logBucketArgs";
import { ObjectOwnership } from "./policy/actions";
import { LOG_BUCKET_GUARDRAIL_SIDS, logBucketGuardrailStatements, logDeliverySid, logDeliveryStatement } from "./policy/logDelivery";
import { StatementAccumulator } from "./policy/statementAccumulator";
import { bucketResourceName } from "./resourceNames";
import { InvalidArgumentError, parseArgs } from "./args/parseArgs";

export const LOG_BUCKET_TYPE = "encrypted-buckets:s3:LogBucket";

/**
 * S3 server access logging delivers only to a target whose default encryption is SSE-S3 (Amazon S3 User
 * Guide, "Enabling Amazon S3 server access logging": "SSE-KMS is not supported for the target bucket").
 */
export const LOG_BUCKET_SSE_ALGORITHM = "AES256";

/** A source bucket that logs into a LogBucket (what BucketAccessLogging passes). */
export interface LogSourceRegistration {
    /** Names the source in the Sid and in errors. */
    name: string;
    bucketArn: pulumi.Input<string>;
    accountId: string;
    region: string;
    prefix: string;
}

/**
 * The target of S3 server access logs, and nothing else: SSE-S3 default encryption (the only kind log
 * delivery accepts), versioned, private (all four public-access blocks, ACLs disabled), and a bucket
 * policy that denies non-TLS requests and every PutObject that is not log delivery, and lets
 * logging.s3.amazonaws.com write each registered source's logs under that source's prefix, for that
 * source bucket and account only (aws:SourceArn, aws:SourceAccount).
 */
export class LogBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly arn: pulumi.Output<string>;
    public readonly bucketName: pulumi.Output<string>;
    public readonly accountId: string;
    public readonly region: string;
    public readonly objectOwnership: ObjectOwnership = "BucketOwnerEnforced";
    public readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
    public readonly versioning: aws.s3.BucketVersioning;
    public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
    public readonly ownershipControls: aws.s3.BucketOwnershipControls;
    public readonly bucketPolicy: aws.s3.BucketPolicy;
    public readonly policyDocument: StatementAccumulator["document"];
    public readonly provider: pulumi.ProviderResource | undefined;
    private readonly statements: StatementAccumulator;
    private readonly where: string;
    private readonly prefixes = new Map<string, string>();

    constructor(name: string, args: LogBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const where = `LogBucket "${name}"`;
        const resolved = parseArgs(where, logBucketArgsSchema, args ?? {});
        if (resolved.bucketName === undefined) {
            const problem = generatedNameProblem(bucketResourceName(name));
            if (problem !== undefined) {
                throw new InvalidArgumentError(where, "bucketName", `is unset and ${problem}`, "pass bucketName, or give the component a shorter name");
            }
        }
        super(LOG_BUCKET_TYPE, name, {}, opts);
        this.where = where;
        this.accountId = resolved.accountId;
        this.region = resolved.region;
        this.provider = awsProviderOf(this);
        // Every child waits for the provider to be the one of accountId (providerAccount.ts).
        const region = accountCheckedRegion(`LogBucket "${name}"`, resolved.accountId, resolved.region, this, this.provider);
        const child = { parent: this, provider: this.provider };

        this.bucket = new aws.s3.Bucket(
            bucketResourceName(name),
            { bucket: resolved.bucketName, forceDestroy: resolved.forceDestroy, region, tags: resolved.tags },
            { ...child, protect: resolved.protect, replacementTrigger: resolved.accountId },
        );
        // As for EncryptedBucket: S3 deletes a bucket's configuration with the bucket.
        const guardrail = { ...child, deletedWith: this.bucket };
        this.arn = this.bucket.arn;
        this.bucketName = this.bucket.bucket;
        const bucketId = this.bucket.id;

        this.encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            { bucket: bucketId, region, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: LOG_BUCKET_SSE_ALGORITHM } }] },
            guardrail,
        );
        this.versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucketId, region, versioningConfiguration: { status: "Enabled" } }, guardrail);
        this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            { bucket: bucketId, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            guardrail,
        );

        this.statements = new StatementAccumulator(`${where} bucket policy`, "bucket", resolved.autoSeal);
        this.statements.reserveSids(`${where} guardrails`, LOG_BUCKET_GUARDRAIL_SIDS);
        this.statements.addList(this.bucket.bucket.apply((bucketName) => logBucketGuardrailStatements(bucketName)));
        this.policyDocument = this.statements.document;
        this.bucketPolicy = new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket: bucketId, region, policy: this.statements.json },
            { ...guardrail, dependsOn: [this.publicAccessBlock] },
        );
        // Log delivery relies on the bucket policy, not on the legacy log-delivery group ACL, which
        // BucketOwnerEnforced disables ("Permissions for log delivery").
        this.ownershipControls = new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            { bucket: bucketId, region, rule: { objectOwnership: this.objectOwnership } },
            { ...guardrail, dependsOn: [this.bucketPolicy] },
        );
        this.registerOutputs({ arn: this.arn, bucketName: this.bucketName });
    }

    /**
     * Lets log delivery write `source`'s access logs under its prefix. Refuses, before anything is
     * registered, a source in another account or region (S3 requires both buckets in the same account and
     * Region: "Enabling Amazon S3 server access logging") and a prefix that overlaps another source's.
     */
    acceptLogsFrom(claimant: string, source: LogSourceRegistration): void {
        if (source.accountId !== this.accountId) {
            throw new InvalidArgumentError(claimant, "target", `is ${this.where} in account ${this.accountId}, but the source bucket is in account ${source.accountId}`,
                `log to a LogBucket of account ${source.accountId} (S3 delivers server access logs only to a bucket of the source's own account)`);
        }
        if (source.region !== this.region) {
            throw new InvalidArgumentError(claimant, "target", `is ${this.where} in ${this.region}, but the source bucket is in ${source.region}`,
                `log to a LogBucket of ${source.region} (S3 delivers server access logs only to a bucket in the source's Region)`);
        }
        for (const [prefix, holder] of this.prefixes) {
            if (prefix.startsWith(source.prefix) || source.prefix.startsWith(prefix)) {
                throw new InvalidArgumentError(claimant, "prefix", `"${source.prefix}" overlaps "${prefix}", the prefix of ${holder} in ${this.where}`,
                    "give each source bucket its own prefix, neither starting with the other");
            }
        }
        this.statements.reserveSids(claimant, [logDeliverySid(source.name)]);
        this.prefixes.set(source.prefix, claimant);
        this.statements.add(
            pulumi.all([this.bucket.bucket, source.bucketArn]).apply(([logBucketName, bucketArn]) =>
                logDeliveryStatement(logBucketName, { name: source.name, bucketArn, accountId: source.accountId, prefix: source.prefix }),
            ),
        );
    }

    seal(): void {
        this.statements.seal();
    }

    get isSealed(): boolean {
        return this.statements.isSealed;
    }
}

// A compliant program whose team wrote its own ComponentResources (not the repository's components): a key
// component (key + alias, protected through the component: children inherit `protect`) and a bucket component
// (bucket, versioning, default encryption naming the key by the alias's `targetKeyArn` output, public access block,
// ownership controls, a bucket policy built in `pulumi.all([...]).apply`), each child `deletedWith` its bucket.
// Around them the idioms platform teams layer on: a stack-wide resource transform that tags every bucket and key, a
// component `transforms` option that turns on the S3 Bucket Key of every default-encryption rule (the component
// itself leaves it out), provider `defaultTags`, `aliases` from an earlier name, `retainOnDelete`, `ignoreChanges`,
// a dev bucket with `forceDestroy`, and an object uploaded with `sourceHash`. The guardrails pack must let it
// through at preview, during `up` and on the deployed state, with no violation of any level: the Bucket Key comes
// only from the transform, so a pack reading the untransformed inputs would report `s3-bucket-key-enabled`.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const account = "111111111111";
const region = "eu-west-1";
const provider = new aws.Provider("main", {
    region,
    assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }],
    defaultTags: { tags: { team: "analytics", "cost-centre": "cc-042" } },
});

// Every bucket and key the program declares carries the stack's name, whoever wrote the resource.
const TAGGED = new Set(["aws:s3/bucket:Bucket", "aws:kms/key:Key"]);
pulumi.runtime.registerResourceTransform((args) => {
    if (!TAGGED.has(args.type)) {
        return undefined;
    }
    return { props: { ...args.props, tags: { ...(args.props["tags"] ?? {}), stack: pulumi.getStack() } }, opts: args.opts };
});

interface PlatformKeyArgs {
    description: string;
    alias: string;
}

/** A customer managed key for S3 and the alias teams name it by. */
class PlatformKey extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly alias: aws.kms.Alias;

    constructor(name: string, args: PlatformKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("analytics:platform:Key", name, {}, opts);
        this.key = new aws.kms.Key(name, {
            description: args.description,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
            }),
        }, { parent: this, retainOnDelete: true, ignoreChanges: ["description"] });
        this.alias = new aws.kms.Alias(name, { name: args.alias, targetKeyId: this.key.keyId }, { parent: this });
        this.registerOutputs({ keyArn: this.key.arn });
    }
}

interface SecureBucketArgs {
    key: PlatformKey;
    /** A scratch bucket: emptied and deleted with the stack. */
    dev?: boolean;
}

/** A versioned, private bucket under the key, TLS-only, taking uploads only under that key. */
class SecureBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly policy: aws.s3.BucketPolicy;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("analytics:storage:SecureBucket", name, {}, opts);
        const keyArn = args.key.alias.targetKeyArn;
        this.bucket = new aws.s3.Bucket(name, {
            bucket: `${name}-${account}-${region}`,
            forceDestroy: args.dev ?? false,
        }, { parent: this, aliases: [{ name: `${name}-bucket`, parent: pulumi.rootStackResource }], ignoreChanges: ["tags"] });
        const child = { parent: this, deletedWith: this.bucket };
        new aws.s3.BucketVersioning(name, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
        new aws.s3.BucketServerSideEncryptionConfiguration(name, {
            bucket: this.bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn } }],
        }, child);
        const block = new aws.s3.BucketPublicAccessBlock(name, {
            bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, child);
        new aws.s3.BucketOwnershipControls(name, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        this.policy = new aws.s3.BucketPolicy(name, {
            bucket: this.bucket.id,
            policy: pulumi.all([this.bucket.arn, keyArn]).apply(([arn, key]) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                    { Sid: "DenyUnencryptedUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } },
                    { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key } } },
                ],
            })),
        }, { ...child, dependsOn: [block] });
        this.registerOutputs({ bucketName: this.bucket.bucket });
    }
}

// The platform's rule for every default-encryption configuration under a component: S3 Bucket Keys on.
const bucketKeys: pulumi.ResourceTransform = (args) => {
    if (args.type !== "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration") {
        return undefined;
    }
    const rules = (args.props["rules"] as Record<string, unknown>[]).map((rule) => ({ ...rule, bucketKeyEnabled: true }));
    return { props: { ...args.props, rules }, opts: args.opts };
};

const key = new PlatformKey("analytics", { description: "analytics buckets", alias: "alias/analytics" }, { provider, protect: true });
const events = new SecureBucket("events", { key }, { provider, transforms: [bucketKeys] });
const scratch = new SecureBucket("scratch", { key, dev: true }, { provider, transforms: [bucketKeys] });

const schema = JSON.stringify({ fields: ["id", "at", "kind"] });
new aws.s3.BucketObjectv2("schema", {
    bucket: events.bucket.id,
    key: "schema/events.json",
    source: new pulumi.asset.StringAsset(schema),
    sourceHash: schema.length.toString(16),
    contentType: "application/json",
    serverSideEncryption: "aws:kms",
    kmsKeyId: key.alias.targetKeyArn,
}, { provider, dependsOn: [events.policy] });

export const eventsBucket = events.bucket.bucket;
export const scratchBucket = scratch.bucket.bucket;

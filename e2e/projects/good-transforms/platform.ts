// The platform team's guardrails, applied by resource transforms to buckets whoever writes them: default encryption
// under the platform's key with an S3 Bucket Key, versioning, and a bucket policy (the team's own statements, if any,
// after the guardrail statements) that denies requests without TLS, uploads under another algorithm or key, and
// uploads without a key id. They are the legacy inline properties of `aws.s3.Bucket`, since a transform can change
// the resource it is given but not declare the separate configuration resources next to it.
import * as pulumi from "@pulumi/pulumi";

/** The type token the transform rewrites: `aws.s3.Bucket` of @pulumi/aws v7. */
export const BUCKET_TYPE = "aws:s3/bucket:Bucket";

interface PolicyDocument {
    Version: string;
    Statement: unknown[];
}

/** The guardrail statements of one bucket under one key. */
export function guardrailStatements(bucket: string, keyArn: string): unknown[] {
    const arn = `arn:aws:s3:::${bucket}`;
    return [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyOtherAlgorithms", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } } },
        { Sid: "DenyOtherKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } } },
        { Sid: "DenyKmsWithoutKeyId", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } } },
    ];
}

/** The team's policy (JSON text, or none) with the guardrail statements in front. */
export function withGuardrails(bucket: string, keyArn: string, teamPolicy: string | undefined): string {
    const team: PolicyDocument = teamPolicy ? (JSON.parse(teamPolicy) as PolicyDocument) : { Version: "2012-10-17", Statement: [] };
    return JSON.stringify({ Version: "2012-10-17", Statement: [...guardrailStatements(bucket, keyArn), ...team.Statement] });
}

/** A stack transform that gives every `aws.s3.Bucket` the platform's guardrails under `keyArn`. */
export function guardrailsTransform(keyArn: pulumi.Output<string>): pulumi.ResourceTransform {
    return (args) => {
        if (args.type !== BUCKET_TYPE) {
            return undefined;
        }
        const name = args.props["bucket"] as pulumi.Input<string> | undefined;
        if (name === undefined) {
            // The policy names the bucket: an auto-named bucket would need its ARN, which the transform can't know.
            throw new Error(`bucket ${args.name}: set \`bucket\` (its name) so the platform transform can write its policy`);
        }
        const teamPolicy = args.props["policy"] as pulumi.Input<string> | undefined;
        return {
            props: {
                ...args.props,
                serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true } },
                versioning: { enabled: true },
                policy: pulumi.all([name, keyArn, teamPolicy]).apply(([bucket, key, team]) => withGuardrails(bucket, key, team)),
            },
            opts: args.opts,
        };
    };
}

/** A per-resource transform: noncurrent versions expire after `days` (never sooner than the platform's minimum). */
export function keepNoncurrentVersions(days: number): pulumi.ResourceTransform {
    return (args) => {
        if (args.type !== BUCKET_TYPE) {
            return undefined;
        }
        const rules = (args.props["lifecycleRules"] as unknown[] | undefined) ?? [];
        return {
            props: { ...args.props, lifecycleRules: [...rules, { id: "noncurrent-versions", enabled: true, noncurrentVersionExpiration: { days } }] },
            opts: args.opts,
        };
    };
}

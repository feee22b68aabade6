// The arguments of an external replication destination (a bucket this program does not own),
// declared once as a zod schema; config/ composes the same fields for `externalReplicas`.
import { z } from "zod";
import { accountIdField, booleanField, regionField } from "../args/fields";
import { externalKeyArnSchema } from "../externalKey/args";
import { parseKmsKeyArn } from "../policy/arns";

/** `arn:aws:s3:::<bucket>`: S3 bucket ARNs carry neither region nor account (Amazon S3 User Guide, "Bucket naming rules"). */
const BUCKET_ARN = /^arn:aws:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;

export function bucketNameOfArn(arn: string): string | undefined {
    return BUCKET_ARN.exec(arn)?.[1];
}

export const externalBucketArnField = z.string({ error: "is not an S3 bucket ARN. Fix: pass arn:aws:s3:::<bucket-name> as text" }).refine((arn) => bucketNameOfArn(arn) !== undefined, {
    error: (issue) =>
        `is ${JSON.stringify(issue.input)}, not an S3 bucket ARN. Fix: pass arn:aws:s3:::<bucket-name> (a bucket, not an object path or an access point; ` +
        "S3 bucket ARNs have no region and no account)",
});

export const externalDestinationFields = {
    /** The destination bucket, `arn:aws:s3:::<name>`. */
    bucketArn: externalBucketArnField,
    /** The account that owns the destination bucket (replicas become its objects with owner override). */
    accountId: accountIdField,
    /** The destination bucket's region: the rule's cross-region check and the replica key's region. */
    region: regionField,
    /** The destination's customer managed symmetric key (the replica key); the same vocabulary as ExternalKey's `arn`. */
    keyArn: externalKeyArnSchema,
    /**
     * Whether the destination bucket uses an S3 Bucket Key. Default true: the role is then also allowed
     * kms:Decrypt on the replica key, which S3 needs with a Bucket Key and which is harmless without one.
     */
    bucketKeyEnabled: booleanField.default(true),
};

/** The replica key must be the destination's own key, in the destination's region. */
export function replicaKeyProblems(args: { accountId: string; region: string; keyArn: string }): { field: "keyArn"; message: string }[] {
    const key = parseKmsKeyArn(args.keyArn);
    if (key === undefined) return [];
    const problems: { field: "keyArn"; message: string }[] = [];
    if (key.region !== args.region) {
        problems.push({
            field: "keyArn",
            message: `is a key in ${key.region} but the destination bucket is in ${args.region}. Fix: use a key of ${args.region}: S3 encrypts replicas only with a key in the destination bucket's region (Amazon S3 User Guide, "Replicating encrypted objects")`,
        });
    }
    if (key.accountId !== args.accountId) {
        problems.push({
            field: "keyArn",
            message: `is a key of account ${key.accountId} but the destination is in account ${args.accountId}. Fix: use the destination account's own key, or correct accountId (the destination's owner applies the emitted key-policy statement to its key)`,
        });
    }
    return problems;
}

export const externalDestinationArgsSchema = z
    .strictObject(externalDestinationFields, { error: "is not an object. Fix: pass { bucketArn, accountId, region, keyArn }" })
    .superRefine((args, ctx) => {
        for (const problem of replicaKeyProblems(args)) {
            ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
        }
    });

export type ExternalDestinationArgs = z.input<typeof externalDestinationArgsSchema>;

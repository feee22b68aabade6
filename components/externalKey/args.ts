// The arguments of ExternalKey, declared once as a zod schema; config/ composes the same fields.
import { z } from "zod";
import { booleanField } from "../args/fields";
import { parseKmsKeyArn } from "../policy/arns";

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;

export const externalKeyArnSchema = z
    .string({ error: "must be a KMS key ARN such as arn:aws:kms:eu-west-1:111111111111:key/<key-id>" })
    .refine((arn) => !/^alias\/|:alias\//.test(arn), { error: "is a KMS alias. Fix: give the key ARN (arn:aws:kms:<region>:<account>:key/<key-id>): S3 compares key ids literally, replication rejects aliases, and an alias can be repointed" })
    .refine((arn) => /^alias\/|:alias\//.test(arn) || parseKmsKeyArn(arn) !== undefined, { error: "is not a KMS key ARN. Fix: use arn:aws:kms:<region>:<account>:key/<key-id> (aws kms describe-key --key-id <alias> prints it)" });

export const externalKeyFields = {
    arn: externalKeyArnSchema,
    /**
     * Default true: read the key's attributes (aws.kms.getKey, KMS DescribeKey) and refuse a key S3
     * cannot use. false when the deploying role may not describe the key: the key is then trusted.
     */
    verify: booleanField.default(true),
};

export const externalKeyArgsSchema = z
    .strictObject({
        ...externalKeyFields,
        /** The region of the bucket that uses the key: SSE-KMS needs a key in the bucket's region. */
        region: z.string({ error: "must be the bucket's region" }),
        /** The role the bucket's provider assumes; the owner is asked to let it describe the key. */
        deployRoleArn: z.string().regex(ROLE_ARN, { error: "is not an IAM role ARN. Fix: pass the role the bucket's provider assumes" }).optional(),
    })
    .superRefine((args, ctx) => {
        const keyRegion = parseKmsKeyArn(args.arn)?.region;
        if (keyRegion !== undefined && keyRegion !== args.region) {
            ctx.addIssue({
                code: "custom",
                path: ["arn"],
                message: `is a key in ${keyRegion} but the bucket is in ${args.region}; S3 encrypts only with a key in the bucket's region (Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)"), so use a key of ${args.region}`,
            });
        }
    });

export type ExternalKeyFields = z.input<typeof externalKeyArgsSchema>;

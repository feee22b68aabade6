// Formats only the stack configuration has (account entries, logical names). Every other field
// format is the components' (components/args/fields.ts), re-exported here under config's names.
import { z } from "zod";
import { replicationStorageClassField } from "../components/replicationRules";

export {
    accountIdField as accountIdSchema,
    booleanField as booleanSchema,
    bucketNameField as bucketNameSchema,
    iamRoleNameField as iamRoleNameSchema,
    keyPolicyPrincipalField as keyPolicyPrincipalSchema,
    keyPrefixField as prefixSchema,
    kmsAliasField as aliasNameSchema,
    principalArnField as principalArnSchema,
    regionField as regionSchema,
    tagsField as tagsSchema,
} from "../components/args/fields";

/** An IAM role ARN: `arn:aws:iam::<12 digits>:role/<optional path/>name`. */
export const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
export const LOGICAL_NAME = /^[a-z0-9][a-z0-9-]{0,47}$/;

export const roleArnSchema = z
    .string({ error: "must be an IAM role ARN" })
    .regex(ROLE_ARN, { error: "is not an IAM role ARN. Fix: use arn:aws:iam::<account id>:role/<name>" });

export const logicalNameSchema = z
    .string({ error: "must be a name" })
    .regex(LOGICAL_NAME, { error: "must be 1-48 lower-case letters, digits or hyphens, starting with a letter or digit" });

/** Names of deployed things (physical bucket names, key ARNs) an acknowledgement accepts losing track of. */
export const deployedNamesSchema = (what: string) =>
    z.array(z.string({ error: `must be a list of ${what}` }).min(1, { error: `must be a list of ${what}` }), { error: `must be a list of ${what}` }).default([]);
/** S3 has deprecated REDUCED_REDUNDANCY; the configuration does not offer it. */
const offered = replicationStorageClassField.options.filter((c) => c !== "REDUCED_REDUNDANCY");
export const storageClassSchema = replicationStorageClassField.exclude(["REDUCED_REDUNDANCY"], {
    error: (issue): string => `is ${JSON.stringify(issue.input)}. Fix: use one of ${offered.map((c) => `"${c}"`).join(", ")}`,
});
export const STORAGE_CLASSES = storageClassSchema.options;

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
    .regex(LOGICAL_NAME, {
        error: (issue) =>
            `is ${JSON.stringify(issue.input)}: it must be 1-48 lower-case letters, digits or hyphens, starting with a letter or digit. ` +
            `Fix: use a name such as ${JSON.stringify(suggestedLogicalName(String(issue.input)))}`,
    });

/** A name of LOGICAL_NAME's form close to what the user wrote (lower case, other characters as hyphens). */
function suggestedLogicalName(input: string): string {
    const name = input.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+/, "").slice(0, 48);
    return LOGICAL_NAME.test(name) ? name : "data-raw";
}

/**
 * Names of deployed things (physical bucket names, key ARNs) an acknowledgement accepts losing track of, each in
 * its own field's format: an entry that could never equal a deployed name (an alias for a key ARN) would leave the
 * edit refused, or a retired key without its readers' Decrypt, with nothing pointing at the typo.
 */
export const deployedNamesSchema = (what: string, entry: z.ZodType<string>) =>
    z.array(entry, { error: `must be a list of ${what}. Fix: write it as a YAML list, e.g. [name]` }).default([]);
/** S3 has deprecated REDUCED_REDUNDANCY; the configuration does not offer it. */
const offered = replicationStorageClassField.options.filter((c) => c !== "REDUCED_REDUNDANCY");
export const storageClassSchema = replicationStorageClassField.exclude(["REDUCED_REDUNDANCY"], {
    error: (issue): string => `is ${JSON.stringify(issue.input)}. Fix: use one of ${offered.map((c) => `"${c}"`).join(", ")}`,
});
export const STORAGE_CLASSES = storageClassSchema.options;

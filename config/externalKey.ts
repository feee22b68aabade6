// `key:` naming an existing customer managed key: `key: arn:aws:kms:...` or `key: { arn, verify }`,
// parsed with ExternalKey's own schema fields (components/externalKey/args.ts).
import { z } from "zod";
import { externalKeyFields } from "../components/externalKey/args";

export const externalKeyChoiceSchema = z.strictObject(externalKeyFields);

export type ExternalKeyChoice = { kind: "external"; arn: string; verify: boolean };

/** S3 encrypts only with a key in the bucket's region (Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)"). */
export function externalKeyRegionProblem(choice: ExternalKeyChoice, bucketRegion: string | undefined): string | undefined {
    const keyRegion = choice.arn.split(":")[3];
    if (bucketRegion === undefined || keyRegion === bucketRegion) {
        return undefined;
    }
    return `is a key in ${keyRegion} but the bucket is in ${bucketRegion}; S3 encrypts only with a key in the bucket's region, so use an existing key of ${bucketRegion} (or own-key settings)`;
}

/** True when the `key:` value names an existing key (an ARN, or settings with `arn`). */
export function namesExistingKey(value: unknown): boolean {
    return (typeof value === "string" && value.startsWith("arn:")) || (typeof value === "object" && value !== null && "arn" in value);
}

/** Parses an existing-key choice; issues carry paths relative to `key`. */
export function parseExternalKeyChoice(value: unknown): { choice?: ExternalKeyChoice; issues: Array<{ message: string; path: PropertyKey[] }> } {
    const parsed = externalKeyChoiceSchema.safeParse(typeof value === "string" ? { arn: value } : value);
    if (parsed.success) {
        return { choice: { kind: "external", arn: parsed.data.arn, verify: parsed.data.verify }, issues: [] };
    }
    return {
        issues: parsed.error.issues.map((issue) => ({
            message: issue.code === "unrecognized_keys" ? `unknown setting${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} for an existing key; it takes arn and verify` : issue.message,
            path: typeof value === "string" ? [] : (issue.path as PropertyKey[]),
        })),
    };
}

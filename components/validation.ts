// Argument checks shared by the components. Each throws before any resource is registered, with a
// message that names the component, the argument and the fix.
import { autoNamedBucketViolation, bucketNameRuleBroken, isAwsRegion, tagRuleBroken } from "../awsrules";
import { IamPrincipalArn, KmsKeyArnParts, parseIamPrincipalArn, parseKmsKeyArn } from "./policy/arns";

export class InvalidArgumentError extends Error {
    constructor(
        /** e.g. `EncryptedBucket "logs"`. */
        public readonly where: string,
        /** The argument path, e.g. `keyArgs.alias`. */
        public readonly field: string,
        problem: string,
        fix: string,
    ) {
        super(`${where}: ${field} ${problem}. Fix: ${fix}.`);
        this.name = "InvalidArgumentError";
    }
}

function show(value: unknown): string {
    return typeof value === "string" ? `"${value}"` : String(value);
}

export function requireAccountId(where: string, field: string, value: unknown): string {
    if (typeof value !== "string" || !/^\d{12}$/.test(value)) {
        throw new InvalidArgumentError(where, field, `is ${show(value)}, not an AWS account id`, "pass the 12-digit account id as a string, e.g. \"111122223333\" (keep leading zeros)");
    }
    return value;
}

/** Regions of the aws partition, from the AWS SDK's partitions data (the rule config/ applies too). */
export function requireRegion(where: string, field: string, value: unknown): string {
    if (typeof value !== "string" || !isAwsRegion(value)) {
        throw new InvalidArgumentError(
            where,
            field,
            `is ${show(value)}, not an AWS region of the aws partition`,
            "pass a region code such as \"eu-west-1\" (not an availability zone like \"eu-west-1a\"; aws-cn and aws-us-gov are not supported)",
        );
    }
    return value;
}

export function requireIamPrincipalArn(where: string, field: string, value: unknown): IamPrincipalArn {
    const parsed = typeof value === "string" ? parseIamPrincipalArn(value) : undefined;
    if (parsed === undefined) {
        const hint =
            typeof value === "string" && value.startsWith("arn:aws:sts::")
                ? "pass the role ARN (arn:aws:iam::<account>:role/<name>), not an assumed-role session ARN"
                : "pass an IAM user or role ARN such as arn:aws:iam::111122223333:role/app or arn:aws:iam::111122223333:user/path/jane";
        throw new InvalidArgumentError(where, field, `is ${show(value)}, not an IAM user or role ARN`, hint);
    }
    return parsed;
}

/** Key-policy role lists also accept an account root (`arn:aws:iam::<id>:root`) to delegate to that account. */
export function requireKeyPolicyPrincipal(where: string, field: string, value: unknown): string {
    if (typeof value === "string" && /^arn:aws:iam::\d{12}:root$/.test(value)) {
        return value;
    }
    return requireIamPrincipalArn(where, field, value).arn;
}

export function requireKmsKeyArn(where: string, field: string, value: unknown): KmsKeyArnParts {
    const parsed = typeof value === "string" ? parseKmsKeyArn(value) : undefined;
    if (parsed === undefined) {
        const isAlias = typeof value === "string" && (value.startsWith("alias/") || /^arn:aws:kms:[^:]*:\d{12}:alias\//.test(value));
        throw new InvalidArgumentError(
            where,
            field,
            isAlias ? `is the alias ${show(value)}` : `is ${show(value)}, not a KMS key ARN`,
            "pass the key ARN arn:aws:kms:<region>:<account>:key/<key-id>: S3 compares key ids literally and replication rejects aliases",
        );
    }
    return parsed;
}

export function requireAliasName(where: string, field: string, value: unknown): string {
    const ok =
        typeof value === "string" &&
        /^alias\/[a-zA-Z0-9/_-]+$/.test(value) &&
        value.length <= 256 &&
        !value.startsWith("alias/aws/");
    if (!ok) {
        throw new InvalidArgumentError(
            where,
            field,
            `is ${show(value)}, not a usable KMS alias name`,
            "use \"alias/<name>\" with letters, digits, /, _ and - (at most 256 characters); the alias/aws/ prefix is reserved for AWS managed keys",
        );
    }
    return value;
}

export function requireDeletionWindow(where: string, field: string, value: unknown): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 7 || value > 30) {
        throw new InvalidArgumentError(where, field, `is ${show(value)}`, "use a whole number of days from 7 to 30 (KMS limits), or leave it unset for 30");
    }
    return value;
}

/** S3 bucket naming rules (awsrules/s3BucketNames.ts, the rule config/ applies too). */
export function requireBucketName(where: string, field: string, value: unknown): string {
    const broken = typeof value === "string" ? bucketNameRuleBroken(value) : "is not a string";
    if (broken !== undefined) {
        throw new InvalidArgumentError(
            where,
            field,
            `is ${show(value)}, not a valid S3 bucket name: it ${broken}`,
            "use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without reserved prefixes/suffixes; or leave it unset to get a generated name",
        );
    }
    return value as string;
}

/** Without a bucket name Pulumi generates `<resourceName>-<7 hex>`, which must obey the same rules. */
export function requireGeneratedBucketName(where: string, field: string, resourceName: string): void {
    const broken = autoNamedBucketViolation(resourceName);
    if (broken !== undefined) {
        throw new InvalidArgumentError(where, field, `is unset and ${broken.rule}`, "pass bucketName, or give the component a shorter name");
    }
}

/** AWS tagging limits (awsrules/tags.ts): at most 50 tags, key 1-128 characters, value 0-256, no aws: prefix. */
export function requireTags(where: string, field: string, value: unknown): Record<string, string> {
    if (value === null || typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
        throw new InvalidArgumentError(where, field, `is ${show(value)}, not a map of tag keys to text values`, "pass { key: \"value\", ... }");
    }
    const tags = value as Record<string, string>;
    const broken = tagRuleBroken(tags);
    if (broken !== undefined) {
        throw new InvalidArgumentError(where, field, broken, "keep at most 50 tags, keys of 1-128 characters not starting with aws:, values of at most 256 characters");
    }
    return tags;
}

/** Object key prefixes end up in ARNs and s3:prefix conditions, where * and ? would be wildcards. */
export function requireKeyPrefix(where: string, field: string, value: unknown): string {
    const ok = typeof value === "string" && value.length > 0 && value.length <= 1024 && !value.startsWith("/") && !/[*?]/.test(value);
    if (!ok) {
        throw new InvalidArgumentError(
            where,
            field,
            `is ${show(value)}, not a usable key prefix`,
            "pass a non-empty prefix such as \"reports/\" without a leading slash and without * or ? (they would act as wildcards), or leave it unset for the whole bucket",
        );
    }
    return value;
}

export function requireOneOf<T extends string>(where: string, field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(where, field, `is ${show(value)}`, `use one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
    }
    return value as T;
}

export function requireBoolean(where: string, field: string, value: unknown): boolean {
    if (typeof value !== "boolean") {
        throw new InvalidArgumentError(where, field, `is ${show(value)}`, "pass true or false");
    }
    return value;
}

/** Validates each entry of an optional list, naming its index in errors. */
export function requireEach<T>(where: string, field: string, values: unknown, check: (where: string, field: string, value: unknown) => T): T[] {
    if (values === undefined) {
        return [];
    }
    if (!Array.isArray(values)) {
        throw new InvalidArgumentError(where, field, `is ${show(values)}, not a list`, "pass an array (or leave it unset)");
    }
    return values.map((value, index) => check(where, `${field}[${index}]`, value));
}

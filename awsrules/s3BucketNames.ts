// S3 general purpose bucket names. Amazon S3 User Guide, "General purpose bucket naming rules",
// section "General purpose buckets naming rules"; the label rule (no `.-` or `-.`) is the DNS-label
// form of "must begin and end with a letter or number" that CreateBucket applies to each label.
import { AwsRuleViolation, violation } from "./violation";

const SOURCE = "Amazon S3 User Guide, \"General purpose bucket naming rules\", section \"General purpose buckets naming rules\"";
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] as const;

/** Pulumi's auto-name: the logical name, a hyphen and 7 random hex characters. */
export const PULUMI_AUTONAME_SUFFIX_LENGTH = 8;

/** Which naming rule `name` breaks, in words; undefined when S3 accepts it. */
export function bucketNameRuleBroken(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; S3 bucket names have 3-63`;
    if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lower-case letters, digits, dots and hyphens";
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
    if (name.includes("..")) return "must not contain two adjacent dots";
    if (name.includes(".-") || name.includes("-.")) return "must not put a hyphen next to a dot (each dot-separated label begins and ends with a letter or digit)";
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "must not be formatted as an IP address";
    const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
    if (prefix !== undefined) return `must not start with the reserved prefix ${prefix}`;
    const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix !== undefined) return `must not end with the reserved suffix ${suffix}`;
    return undefined;
}

export function bucketNameViolation(name: string): AwsRuleViolation | undefined {
    const rule = bucketNameRuleBroken(name);
    return rule === undefined ? undefined : violation("InvalidBucketName", "The specified bucket is not valid.", rule, SOURCE);
}

/**
 * The name Pulumi generates for a bucket without an explicit name is `<logical name>-<7 hex>`; it
 * must obey the same rules, so a long logical name fails at CreateBucket unless it is checked first.
 */
export function autoNamedBucketViolation(logicalName: string): AwsRuleViolation | undefined {
    const length = logicalName.length + PULUMI_AUTONAME_SUFFIX_LENGTH;
    if (length > 63) {
        return violation(
            "InvalidBucketName",
            "The specified bucket is not valid.",
            `the generated name ${logicalName}-<7 random characters> would be ${length} characters long; S3 bucket names have at most 63`,
            SOURCE,
        );
    }
    return bucketNameViolation(`${logicalName.toLowerCase()}-0000000`);
}

/** Amazon S3 User Guide, same page: "Bucket names must be unique across all AWS accounts in all the AWS Regions within a partition". */
export function bucketAlreadyExists(ownedByCaller: boolean): AwsRuleViolation {
    return ownedByCaller
        ? violation("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", "is already a bucket of this account", SOURCE)
        : violation(
              "BucketAlreadyExists",
              "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
              "is already taken by a bucket of another account (bucket names are unique across all accounts of the partition)",
              SOURCE,
          );
}

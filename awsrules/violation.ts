// What a broken AWS rule looks like, in one shape for every layer: the stand-in provider fails the
// operation with `code` and `message` (what the AWS API answers), while configuration and component
// errors show `rule` (which requirement failed, in words) and point at `source`.

export interface AwsRuleViolation {
    /** AWS's error code, e.g. `InvalidBucketName`, `MalformedPolicyDocumentException`. */
    code: string;
    /** AWS's error message for that code. */
    message: string;
    /** The requirement that failed, phrased so a configuration error can show it after the field name. */
    rule: string;
    /** The AWS documentation that states the requirement: guide title and section. */
    source: string;
}

export function violation(code: string, message: string, rule: string, source: string): AwsRuleViolation {
    return { code, message, rule, source };
}

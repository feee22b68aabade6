// Which resources an AWS service principal acts for, by the service namespace of their ARNs: the `aws:SourceArn`
// a service sends with its request is the ARN of its own resource ("IAM User Guide: AWS global condition context
// keys", aws:SourceArn; "The confused deputy problem"), so a grant to a service pinned to an ARN of another service
// never matches: the service is refused, and the pin names nothing it acts for. One declaration for the pack
// (policy-service-principal-source) and the components' and configuration's input validation (through awsrules/).
// Only services whose documented resource policies pin by aws:SourceArn are listed; any other is not judged.
import { parseArn } from "./arn";

/** Service principal → the ARN service namespaces of the resources it acts for. */
const SOURCE_ARN_SERVICES: Readonly<Record<string, readonly string[]>> = {
    // AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": arn:aws:cloudtrail:<region>:<account>:trail/<name>.
    "cloudtrail.amazonaws.com": ["cloudtrail"],
    // AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket for the AWS Config Delivery Channel".
    "config.amazonaws.com": ["config"],
    // Amazon CloudWatch Logs User Guide, "Enabling logging from AWS services" (vended logs: arn:aws:logs:<region>:<account>:*)
    // and "Exporting log data to Amazon S3" (arn:aws:logs:<region>:<account>:log-group:*).
    "delivery.logs.amazonaws.com": ["logs"],
    "logs.amazonaws.com": ["logs"],
    // Amazon S3 User Guide, "Configuring inventory", "Enabling Amazon S3 server access logging", "Amazon S3 Storage
    // Lens" exports, event notifications: the source bucket (arn:aws:s3:::<bucket>) or an S3 resource.
    "s3.amazonaws.com": ["s3"],
    "logging.s3.amazonaws.com": ["s3"],
    "storage-lens.s3.amazonaws.com": ["s3"],
    // Amazon CloudWatch User Guide, alarm actions to an encrypted SNS topic: arn:aws:cloudwatch:<region>:<account>:alarm:<name>.
    "cloudwatch.amazonaws.com": ["cloudwatch"],
    // Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge": the rule's ARN.
    "events.amazonaws.com": ["events"],
    // Amazon CloudFront Developer Guide, "Restrict access to an Amazon S3 origin": arn:aws:cloudfront::<account>:distribution/<id>.
    "cloudfront.amazonaws.com": ["cloudfront"],
    // Amazon Redshift Management Guide, "Bucket permissions for Amazon Redshift audit logging": the cluster's ARN.
    // Redshift Serverless names its resources under its own namespace: accepted too, so a workgroup's pin is never refused.
    "redshift.amazonaws.com": ["redshift", "redshift-serverless"],
    // Amazon GuardDuty User Guide, "Exporting findings": the detector's ARN.
    "guardduty.amazonaws.com": ["guardduty"],
    // Amazon Macie User Guide, "Storing and retaining sensitive data discovery results": arn:aws:macie2:….
    "macie.amazonaws.com": ["macie2"],
    // AWS Data Exports User Guide (Cost and Usage Reports): arn:aws:cur:us-east-1:<account>:definition/*, arn:aws:bcm-data-exports:….
    "billingreports.amazonaws.com": ["cur"],
    "bcm-data-exports.amazonaws.com": ["cur", "bcm-data-exports"],
    // Amazon SES Developer Guide, "Giving permissions to Amazon SES for email receiving": the receipt rule's ARN.
    "ses.amazonaws.com": ["ses"],
};

/** CloudWatch Logs' Regional principal (`logs.<region>.amazonaws.com`), as key policies name it. */
const REGIONAL_LOGS = /^logs\.[a-z0-9-]+\.amazonaws\.com$/;

/** The ARN service namespaces the resources `principal` acts for; undefined for a service not listed (not judged). */
export function sourceArnServicesOf(principal: string): readonly string[] | undefined {
    const p = principal.toLowerCase();
    if (Object.prototype.hasOwnProperty.call(SOURCE_ARN_SERVICES, p)) {
        return SOURCE_ARN_SERVICES[p];
    }
    return REGIONAL_LOGS.test(p) ? SOURCE_ARN_SERVICES["logs.amazonaws.com"] : undefined;
}

/** The service namespace of an ARN (`arn:<partition>:<service>:…`); undefined when it is no ARN or the service part has a wildcard. */
export function arnServiceOf(arn: string): string | undefined {
    const service = parseArn(arn)?.service;
    if (service === undefined || service === "" || /[*?]/.test(service)) {
        return undefined;
    }
    return service.toLowerCase();
}

/**
 * The services of `sourceArns` none of which `principal` acts for; undefined when the principal is not listed,
 * when any value's service can't be read (precision first), or when one of the values is of the principal's services.
 */
export function foreignSourceArnServices(principal: string, sourceArns: readonly string[]): { expected: readonly string[]; found: string[] } | undefined {
    const expected = sourceArnServicesOf(principal);
    if (expected === undefined || sourceArns.length === 0) {
        return undefined;
    }
    const found: string[] = [];
    for (const arn of sourceArns) {
        const service = arnServiceOf(arn);
        if (service === undefined || expected.includes(service)) {
            return undefined;
        }
        found.push(service);
    }
    return { expected, found: [...new Set(found)] };
}

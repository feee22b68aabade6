// Elastic Load Balancing v2 log delivery into S3, as ELB checks it when access or connection logs are enabled
// (ModifyLoadBalancerAttributes, which the provider calls right after CreateLoadBalancer). Elastic Load Balancing
// User Guide, "Enable access logs for your Application Load Balancer" (bucket requirements, "Step 2: Attach a policy to
// your S3 bucket"; the same for "Connection logs for your Application Load Balancer"): the bucket is in the load
// balancer's Region; the only server-side encryption supported is SSE-S3; the bucket policy lets Elastic Load Balancing
// put objects under <prefix>/AWSLogs/<account>/, written as the Elastic Load Balancing account of the Region for Regions
// available before August 2022, else as the service principal logdelivery.elasticloadbalancing.amazonaws.com.
// "Enable access logs for your Network Load Balancer": the bucket is in the load balancer's Region.
// ELB checks by writing a test object; when it cannot, the call fails with "Access Denied for bucket: <bucket>.
// Please check S3bucket permission".
import { AwsRuleViolation, violation } from "./violation";

export const ALB_LOGS_SOURCE = "Elastic Load Balancing User Guide, \"Enable access logs for your Application Load Balancer\"";
export const NLB_LOGS_SOURCE = "Elastic Load Balancing User Guide, \"Enable access logs for your Network Load Balancer\"";

/** The service principal ELB writes ALB logs as in Regions available as of August 2022 (and may in every Region). */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** "Regions available before August 2022": the Elastic Load Balancing account of each Region. */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
};

/** The test object ELB writes when logs are enabled: under the prefix and AWSLogs/<load balancer account>/. */
export function elbLogTestObjectKey(prefix: string, accountId: string): string {
    const trimmed = prefix.replace(/^\/+|\/+$/g, "");
    return `${trimmed === "" ? "" : `${trimmed}/`}AWSLogs/${accountId}/ELBAccessLogTestFile`;
}

export interface ElbLogTargetFacts {
    /** "application" | "network" | "gateway". */
    loadBalancerType: string;
    loadBalancerRegion: string;
    bucket: string;
    bucketRegion: string;
    /** The bucket's default encryption algorithm (AES256, aws:kms, aws:kms:dsse); undefined: S3's default, SSE-S3. */
    sseAlgorithm?: string;
}

/** ELB's answer when its test write fails (ALB: InvalidConfigurationRequest; NLB: ValidationError). */
export function elbAccessDenied(loadBalancerType: string, bucket: string, rule: string): AwsRuleViolation {
    const application = loadBalancerType === "application";
    return violation(application ? "InvalidConfigurationRequest" : "ValidationError", `Access Denied for bucket: ${bucket}. Please check S3bucket permission`,
        rule, application ? ALB_LOGS_SOURCE : NLB_LOGS_SOURCE);
}

/** The Region and (for an Application Load Balancer) encryption requirements of a log bucket; the policy is the caller's to evaluate. */
export function elbLogTargetViolation(facts: ElbLogTargetFacts): AwsRuleViolation | undefined {
    if (facts.bucketRegion !== facts.loadBalancerRegion) {
        return elbAccessDenied(facts.loadBalancerType, facts.bucket,
            `the log bucket ${facts.bucket} is in ${facts.bucketRegion}, the load balancer in ${facts.loadBalancerRegion}; the bucket must be in the load balancer's Region`);
    }
    const sse = facts.sseAlgorithm ?? "AES256";
    if (facts.loadBalancerType === "application" && sse !== "AES256") {
        return elbAccessDenied(facts.loadBalancerType, facts.bucket,
            `the log bucket ${facts.bucket} encrypts by default with ${sse}; an Application Load Balancer delivers logs only to a bucket under SSE-S3 (AES256)`);
    }
    return undefined;
}

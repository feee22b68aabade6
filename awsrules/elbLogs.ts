// Elastic Load Balancing log delivery into S3, as ELB checks it when access or connection logs are enabled
// (ModifyLoadBalancerAttributes, which the provider calls right after CreateLoadBalancer). Elastic Load Balancing
// User Guide, "Enable access logs for your Application Load Balancer" (bucket requirements, "Step 2: Attach a policy to
// your S3 bucket"; the same for "Connection logs for your Application Load Balancer") and "Enable access logs for your
// Classic Load Balancer" (the same requirements and grantees): the bucket is in the load balancer's Region; the only
// server-side encryption supported is SSE-S3; the bucket policy lets Elastic Load Balancing put objects under
// <prefix>/AWSLogs/<account>/, written as the Elastic Load Balancing account of the Region for Regions available
// before August 2022, else as the service principal logdelivery.elasticloadbalancing.amazonaws.com.
// "Enable access logs for your Network Load Balancer": the bucket is in the load balancer's Region.
// ELB checks by writing a test object; when it cannot, the call fails with "Access Denied for bucket: <bucket>.
// Please check S3bucket permission" (the Classic guide's "Troubleshooting" names an unsupported server-side encryption
// option as one cause).
import { AwsRuleViolation, violation } from "./violation";

import { CLASSIC, SSE_S3_ONLY_LOG_DELIVERERS } from "../policypack/model/elbLogDelivery";

export const ALB_LOGS_SOURCE = "Elastic Load Balancing User Guide, \"Enable access logs for your Application Load Balancer\"";
export const NLB_LOGS_SOURCE = "Elastic Load Balancing User Guide, \"Enable access logs for your Network Load Balancer\"";
export const CLB_LOGS_SOURCE = "Elastic Load Balancing User Guide, \"Enable access logs for your Classic Load Balancer\"";

// Who ELB writes as, and which load balancers' logs take only SSE-S3: declared once, with the pack that recognises a
// log-delivery grant and a log bucket.
export { APPLICATION, CLASSIC, ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, SSE_S3_ONLY_LOG_DELIVERERS } from "../policypack/model/elbLogDelivery";

/** How a load balancer of each type is named in a refusal, and the guide that states its log bucket's requirements. */
const LABEL: Readonly<Record<string, { name: string; source: string }>> = {
    application: { name: "an Application Load Balancer", source: ALB_LOGS_SOURCE },
    [CLASSIC]: { name: "a Classic Load Balancer", source: CLB_LOGS_SOURCE },
};

/** The test object ELB writes when logs are enabled: under the prefix and AWSLogs/<load balancer account>/. */
export function elbLogTestObjectKey(prefix: string, accountId: string): string {
    const trimmed = prefix.replace(/^\/+|\/+$/g, "");
    return `${trimmed === "" ? "" : `${trimmed}/`}AWSLogs/${accountId}/ELBAccessLogTestFile`;
}

export interface ElbLogTargetFacts {
    /** "application" | "network" | "gateway" | "classic". */
    loadBalancerType: string;
    loadBalancerRegion: string;
    bucket: string;
    bucketRegion: string;
    /** The bucket's default encryption algorithm (AES256, aws:kms, aws:kms:dsse); undefined: S3's default, SSE-S3. */
    sseAlgorithm?: string;
}

/** ELB's answer when its test write fails (ALB and Classic: InvalidConfigurationRequest; NLB: ValidationError). */
export function elbAccessDenied(loadBalancerType: string, bucket: string, rule: string): AwsRuleViolation {
    const label = LABEL[loadBalancerType];
    return violation(label !== undefined ? "InvalidConfigurationRequest" : "ValidationError", `Access Denied for bucket: ${bucket}. Please check S3bucket permission`,
        rule, label?.source ?? NLB_LOGS_SOURCE);
}

/** The Region and (for an Application or Classic Load Balancer) encryption requirements of a log bucket; the policy is the caller's to evaluate. */
export function elbLogTargetViolation(facts: ElbLogTargetFacts): AwsRuleViolation | undefined {
    if (facts.bucketRegion !== facts.loadBalancerRegion) {
        return elbAccessDenied(facts.loadBalancerType, facts.bucket,
            `the log bucket ${facts.bucket} is in ${facts.bucketRegion}, the load balancer in ${facts.loadBalancerRegion}; the bucket must be in the load balancer's Region`);
    }
    const sse = facts.sseAlgorithm ?? "AES256";
    if (SSE_S3_ONLY_LOG_DELIVERERS.has(facts.loadBalancerType) && sse !== "AES256") {
        return elbAccessDenied(facts.loadBalancerType, facts.bucket,
            `the log bucket ${facts.bucket} encrypts by default with ${sse}; ${LABEL[facts.loadBalancerType]?.name ?? "the load balancer"} delivers logs only to a bucket under SSE-S3 (AES256)`);
    }
    return undefined;
}

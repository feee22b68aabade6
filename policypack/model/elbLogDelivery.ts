// Who writes Elastic Load Balancing logs into S3, as a bucket policy grants it: one declaration for the pack (which
// recognises a log-delivery grant) and the deploy tier's stand-in (which checks ELB's test write). Elastic Load
// Balancing User Guide, "Enable access logs for your Application Load Balancer", "Step 2: Attach a policy to your S3
// bucket": the Elastic Load Balancing account of the Region for Regions available before August 2022, else the log
// delivery service principal; older guides, and Network Load Balancers, name `delivery.logs.amazonaws.com`, and
// Outposts `logdelivery.elb.amazonaws.com`. A Classic Load Balancer writes as the same grantees ("Enable access logs for
// your Classic Load Balancer", "Step 2: Attach a policy to your S3 bucket").

/** `loadBalancerType` values: ELBv2's default, and what the pack and the stand-in call a Classic Load Balancer. */
export const APPLICATION = "application";
export const CLASSIC = "classic";

/**
 * The load balancers whose logs ELB delivers only into a bucket under SSE-S3: "The only server-side encryption option
 * that's supported is Amazon S3-managed keys (SSE-S3)", in the bucket requirements of both "Enable access logs for
 * your Application Load Balancer" and "Enable access logs for your Classic Load Balancer" (Elastic Load Balancing User
 * Guide). A Network Load Balancer's logs accept SSE-KMS; a Gateway Load Balancer delivers none into S3.
 */
export const SSE_S3_ONLY_LOG_DELIVERERS: ReadonlySet<string> = new Set([APPLICATION, CLASSIC]);

/** The service principal ELB writes ALB logs as in Regions available as of August 2022 (and may in every Region). */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** The service principals that are Elastic Load Balancing's own (not CloudWatch Logs' shared log delivery). */
export const ELB_OWN_LOG_DELIVERY_SERVICES: ReadonlySet<string> = new Set([ELB_LOG_DELIVERY_SERVICE, "logdelivery.elb.amazonaws.com"]);

/** Every service principal a bucket policy may grant ELB log delivery to. */
export const ELB_LOG_DELIVERY_SERVICES: ReadonlySet<string> = new Set([...ELB_OWN_LOG_DELIVERY_SERVICES, "delivery.logs.amazonaws.com"]);

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
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
};

// Elastic Load Balancing v2 load balancers as the stand-in applies AWS's rules to them: when access or connection
// logs are enabled, ELB checks that it can deliver into the bucket by writing a test object (Elastic Load Balancing
// User Guide, "Enable access logs for your Application Load Balancer", "Connection logs for your Application Load
// Balancer", "Enable access logs for your Network Load Balancer"), and the provider's ModifyLoadBalancerAttributes call
// fails with "Access Denied for bucket" when it cannot: the bucket in another Region (any type), or, for an Application
// Load Balancer, a bucket whose default encryption is not SSE-S3 or whose policy does not let Elastic Load Balancing
// put that object (the Region's Elastic Load Balancing account, or the log delivery service principal). The rules are
// in awsrules/elbLogs.ts; the policy is evaluated with the IAM engine the tests use (iamDecision.ts). The bucket's
// account is no rule: "The bucket and the load balancer can be owned by different accounts" (the same guide, bucket
// requirements), so a log-archive account's bucket is judged by its Region, encryption and policy like any other, the
// test object under AWSLogs/<the load balancer's account>/.
// Not modelled: a Network Load Balancer's bucket policy and key policy (delivery.logs.amazonaws.com), the prefix's
// AWSLogs restriction, subnets, security groups and listeners (EC2 is not modelled).
import { ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, elbAccessDenied, elbLogTargetViolation, elbLogTestObjectKey } from "../../awsrules";
import type { AwsRuleViolation } from "../../awsrules";
import { s3ByServiceContext } from "../../test/iam/support/requestContext";
import type { Check, Operation } from "./enforce";
import { CALLER_IS_ADMINISTRATOR, policyDecision } from "./iamDecision";
import type { BucketRecord } from "./world";

type Props = Record<string, unknown>;

/** One enabled log setting: `accessLogs` / `connectionLogs` (an object, or a one-element list as older SDKs send it). */
interface LogSetting {
    property: string;
    bucket: string;
    prefix: string;
}

function block(value: unknown): Props {
    const first = Array.isArray(value) ? value[0] : value;
    return first !== null && typeof first === "object" ? (first as Props) : {};
}

/** The provider's default for `enabled` is false, "even when bucket is specified". */
function enabledSettings(inputs: Props): LogSetting[] {
    return ["accessLogs", "connectionLogs"].flatMap((property) => {
        const b = block(inputs[property]);
        const bucket = typeof b["bucket"] === "string" ? b["bucket"] : "";
        return b["enabled"] === true && bucket !== "" ? [{ property, bucket, prefix: typeof b["prefix"] === "string" ? b["prefix"] : "" }] : [];
    });
}

/** The policy's verdict on ELB's test write, as `principal`, or undefined when the engine could not tell. */
async function testWrite(bucket: BucketRecord, principal: { arn: string; accountId: string; service: boolean }, objectArn: string, lb: { arn: string; accountId: string }, region: string): Promise<string | undefined> {
    const s3Keys = { "s3:ResourceAccount": bucket.accountId, "s3:authType": "REST-HEADER", "s3:signatureversion": "AWS4-HMAC-SHA256", "s3:TlsVersion": "1.2" };
    const context = principal.service
        ? s3ByServiceContext(principal.arn, lb, bucket.accountId, region)
        : {
            "aws:PrincipalAccount": principal.accountId,
            "aws:PrincipalArn": principal.arn,
            "aws:PrincipalType": "Account",
            "aws:PrincipalIsAWSService": "false",
            "aws:ResourceAccount": bucket.accountId,
            "aws:RequestedRegion": region,
            "aws:SecureTransport": "true",
            ...s3Keys,
        };
    return policyDecision({
        principal: principal.arn,
        action: "s3:PutObject",
        resource: objectArn,
        resourceAccount: bucket.accountId,
        context,
        // Elastic Load Balancing's own account lets it write; only the bucket policy is this stack's to decide.
        identityPolicies: principal.service ? [] : [CALLER_IS_ADMINISTRATOR],
        ...(bucket.policy !== undefined ? { resourcePolicy: { name: `bucket policy of ${bucket.name}`, document: JSON.parse(bucket.policy) as never } } : {}),
    });
}

/** Why ELB's test write into `bucket` fails for an Application Load Balancer of `lb`, or undefined when it succeeds. */
async function albTestWriteRefused(bucket: BucketRecord, setting: LogSetting, lb: { arn: string; accountId: string }, region: string): Promise<AwsRuleViolation | undefined> {
    const key = elbLogTestObjectKey(setting.prefix, lb.accountId);
    const objectArn = `arn:aws:s3:::${bucket.name}/${key}`;
    const elbAccount = ELB_LOG_ACCOUNTS[region];
    const writers = [
        { arn: ELB_LOG_DELIVERY_SERVICE, accountId: "", service: true },
        ...(elbAccount !== undefined ? [{ arn: `arn:aws:iam::${elbAccount}:root`, accountId: elbAccount, service: false }] : []),
    ];
    const verdicts: string[] = [];
    for (const writer of writers) {
        const decision = await testWrite(bucket, writer, objectArn, lb, region);
        if (decision === undefined || decision === "Allowed") return undefined;
        verdicts.push(`${writer.arn}: ${decision}`);
    }
    const who = elbAccount !== undefined ? `the Elastic Load Balancing account of ${region} (${elbAccount}) or ${ELB_LOG_DELIVERY_SERVICE}` : ELB_LOG_DELIVERY_SERVICE;
    return elbAccessDenied("application", bucket.name,
        `the policy of log bucket ${bucket.name} does not let ${who} put ${key} (${verdicts.join("; ")}); grant s3:PutObject on ${bucket.name}/${key.replace(/ELBAccessLogTestFile$/, "*")} to it`);
}

const loadBalancer: Check = async (op: Operation) => {
    const type = String(op.outputs["loadBalancerType"] ?? "application");
    const region = String(op.outputs["region"] ?? op.ctx.region);
    const arn = String(op.outputs["arn"]);
    const modify = { doing: `modifying ELBv2 Load Balancer (${arn}) attributes`, service: "Elastic Load Balancing v2", action: "ModifyLoadBalancerAttributes" };
    for (const setting of enabledSettings(op.inputs)) {
        const bucket = op.world.bucket(setting.bucket);
        if (bucket === undefined) continue; // another owner's bucket: its Region, encryption and policy are not in this world
        const broken = elbLogTargetViolation({
            loadBalancerType: type,
            loadBalancerRegion: region,
            bucket: bucket.name,
            bucketRegion: bucket.region,
            ...(bucket.defaultEncryption !== undefined ? { sseAlgorithm: bucket.defaultEncryption.sseAlgorithm } : {}),
        });
        if (broken !== undefined) return [modify, broken];
        if (type !== "application") continue;
        const refused = await albTestWriteRefused(bucket, setting, { arn, accountId: op.ctx.accountId }, region);
        if (refused !== undefined) return [modify, refused];
    }
    return undefined;
};

export const LOAD_BALANCER_CHECKS = {
    "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
    "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
};

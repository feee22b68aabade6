// Load balancers as the stand-in applies AWS's rules to them: when access or connection logs are enabled, ELB checks
// that it can deliver into the bucket by writing a test object (Elastic Load Balancing User Guide, "Enable access logs
// for your Application Load Balancer", "Connection logs for your Application Load Balancer", "Enable access logs for
// your Network Load Balancer", "Enable access logs for your Classic Load Balancer"), and the provider's
// ModifyLoadBalancerAttributes call fails with "Access Denied for bucket" when it cannot: the bucket in another Region
// (any type), or, for an Application or Classic Load Balancer, a bucket whose default encryption is not SSE-S3 or whose
// policy does not let Elastic Load Balancing put that object (the Region's Elastic Load Balancing account, or the log
// delivery service principal). The rules are in awsrules/elbLogs.ts; the policy is evaluated with the IAM engine the
// tests use (iamDecision.ts). The bucket's account is no rule: "The bucket and the load balancer can be owned by
// different accounts" (the same guides, bucket requirements), so a log-archive account's bucket is judged by its
// Region, encryption and policy like any other, the test object under AWSLogs/<the load balancer's account>/.
// Not modelled: a Network Load Balancer's bucket policy and key policy (delivery.logs.amazonaws.com), the prefix's
// AWSLogs restriction, subnets, security groups, listeners and instances (EC2 is not modelled), and Classic's 409
// status for InvalidConfigurationRequest (every refusal here is a 400).
import { APPLICATION, CLASSIC, ELB_LOG_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE, elbAccessDenied, elbLogTargetViolation, elbLogTestObjectKey, SSE_S3_ONLY_LOG_DELIVERERS } from "../../awsrules";
import type { AwsRuleViolation } from "../../awsrules";
import * as T from "../../policypack/model/awsTypes";
import { s3ByServiceContext } from "../../test/iam/support/requestContext";
import type { ApiCall } from "./awsError";
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

/** Where a load balancer of one kind keeps its log settings, and what `enabled` is when unset. */
interface LogBlocks {
    properties: readonly string[];
    prefixKey: string;
    enabledWhenUnset: boolean;
}

/** ELBv2: the provider's default for `enabled` is false, "even when bucket is specified". */
const ELBV2_LOGS: LogBlocks = { properties: ["accessLogs", "connectionLogs"], prefixKey: "prefix", enabledWhenUnset: false };
/** Classic: access logs only, under `bucketPrefix`; the provider's default for `enabled` is true. */
const CLASSIC_LOGS: LogBlocks = { properties: ["accessLogs"], prefixKey: "bucketPrefix", enabledWhenUnset: true };

function enabledSettings(inputs: Props, kind: LogBlocks): LogSetting[] {
    return kind.properties.flatMap((property) => {
        const b = block(inputs[property]);
        const bucket = typeof b["bucket"] === "string" ? b["bucket"] : "";
        const enabled = b["enabled"] === undefined ? kind.enabledWhenUnset : b["enabled"] === true;
        const prefix = b[kind.prefixKey];
        return enabled && bucket !== "" ? [{ property, bucket, prefix: typeof prefix === "string" ? prefix : "" }] : [];
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

/** Why ELB's test write into `bucket` fails for an Application or Classic Load Balancer `lb`, or undefined when it succeeds. */
async function testWriteRefused(type: string, bucket: BucketRecord, setting: LogSetting, lb: { arn: string; accountId: string }, region: string): Promise<AwsRuleViolation | undefined> {
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
    return elbAccessDenied(type, bucket.name,
        `the policy of log bucket ${bucket.name} does not let ${who} put ${key} (${verdicts.join("; ")}); grant s3:PutObject on ${bucket.name}/${key.replace(/ELBAccessLogTestFile$/, "*")} to it`);
}

/** A load balancer's log delivery check, whatever its kind: the bucket's Region and encryption, then ELB's test write. */
function logDeliveryCheck(kind: LogBlocks, typeOf: (op: Operation) => string, modifyCall: (op: Operation) => ApiCall): Check {
    return async (op: Operation) => {
        const type = typeOf(op);
        const region = String(op.outputs["region"] ?? op.ctx.region);
        const arn = String(op.outputs["arn"]);
        for (const setting of enabledSettings(op.inputs, kind)) {
            const bucket = op.world.bucket(setting.bucket);
            if (bucket === undefined) continue; // another owner's bucket: its Region, encryption and policy are not in this world
            const broken = elbLogTargetViolation({
                loadBalancerType: type,
                loadBalancerRegion: region,
                bucket: bucket.name,
                bucketRegion: bucket.region,
                ...(bucket.defaultEncryption !== undefined ? { sseAlgorithm: bucket.defaultEncryption.sseAlgorithm } : {}),
            });
            if (broken !== undefined) return [modifyCall(op), broken];
            if (!SSE_S3_ONLY_LOG_DELIVERERS.has(type)) continue;
            const refused = await testWriteRefused(type, bucket, setting, { arn, accountId: op.ctx.accountId }, region);
            if (refused !== undefined) return [modifyCall(op), refused];
        }
        return undefined;
    };
}

const elbv2 = logDeliveryCheck(ELBV2_LOGS, (op) => String(op.outputs["loadBalancerType"] ?? APPLICATION),
    (op) => ({ doing: `modifying ELBv2 Load Balancer (${String(op.outputs["arn"])}) attributes`, service: "Elastic Load Balancing v2", action: "ModifyLoadBalancerAttributes" }));
// The provider names a Classic Load Balancer by its name, its id ("modifying ELB Classic Load Balancer (<name>) attributes").
const classic = logDeliveryCheck(CLASSIC_LOGS, () => CLASSIC,
    (op) => ({ doing: `modifying ELB Classic Load Balancer (${String(op.outputs["name"])}) attributes`, service: "Elastic Load Balancing", action: "ModifyLoadBalancerAttributes" }));

export const LOAD_BALANCER_CHECKS = {
    [T.LOAD_BALANCER]: elbv2,
    [T.ALB_LOAD_BALANCER]: elbv2,
    [T.CLASSIC_LOAD_BALANCER]: classic,
};

// Load balancers: what AWS computes for them. Elastic Load Balancing v2 (`aws.lb.LoadBalancer` and its alias
// `aws.alb.LoadBalancer`): the ARN is arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<app|net|gwy>/<name>/<16 hex>
// and is the id; the DNS name and the canonical hosted zone depend on the type and Region (Elastic Load Balancing API
// Reference, "CreateLoadBalancer", "LoadBalancer" data type; AWS General Reference, "Elastic Load Balancing endpoints
// and quotas"). The VPC is the subnets' (EC2 is not modelled: a stable id derived from the subnets stands in).
// A Classic Load Balancer (`aws.elb.LoadBalancer`): the id is its name, the ARN
// arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<name>, the DNS name <name>-<n>.<region>.elb.amazonaws.com
// in the same canonical hosted zone as an Application Load Balancer's. Its `accessLogs` are answered as given, without
// the provider's defaults (`enabled` true, `interval` 60): the stand-in diffs outputs against new inputs, and a
// default in the outputs would be a change at every `up` of a program that leaves it out.
import * as T from "../policypack/model/awsTypes";
import type { AwsContext } from "./context";
import { regionOf } from "./context";
import { autoName, hashHex } from "./deterministic";

type Inputs = Record<string, unknown>;
type Result = { id: string; outputs: Record<string, unknown> };

/** CreateLoadBalancer's Name: at most 32 characters. */
const MAX_NAME_LENGTH = 32;

const TYPE_SEGMENT: Readonly<Record<string, string>> = { application: "app", network: "net", gateway: "gwy" };

/** Canonical hosted zone ids of ALB and NLB DNS names, for the Regions the repository's programs use. */
const HOSTED_ZONES: Readonly<Record<string, { application: string; network: string }>> = {
    "us-east-1": { application: "Z35SXDOTRQ7X7K", network: "Z26RNL4JYFTOTI" },
    "us-east-2": { application: "Z3AADJGX6KTTL2", network: "ZLMOA37VPKANP" },
    "us-west-2": { application: "Z1H1FL5HABSF5", network: "Z18D5FSROUN65G" },
    "eu-west-1": { application: "Z32O12XQLNTSW2", network: "Z2IFOLAFXWLO4F" },
    "eu-central-1": { application: "Z215JYRZR1TBD5", network: "Z3F0SRJ5LGBH90" },
};

function text(inputs: Inputs, key: string): string | undefined {
    const value = inputs[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** The load balancer's name: as written, else `namePrefix` + suffix, else the auto-name (the e2e stand-in's Check fills it in). */
export function loadBalancerName(name: string, inputs: Inputs, ctx: AwsContext, type: string, region: string): string {
    const explicit = text(inputs, "name");
    if (explicit !== undefined) return explicit;
    const prefix = text(inputs, "namePrefix");
    const generated = prefix !== undefined ? `${prefix}${hashHex(type, name, ctx.accountId, region).slice(0, 26)}` : autoName(name, type, ctx.accountId, region);
    return generated.slice(0, MAX_NAME_LENGTH);
}

function loadBalancer(name: string, inputs: Inputs, ctx: AwsContext, type: string): Result {
    const region = regionOf(inputs, ctx);
    const kind = text(inputs, "loadBalancerType") ?? "application";
    const lbName = loadBalancerName(name, inputs, ctx, type, region);
    const hash = hashHex(type, name, ctx.accountId, region);
    const arnSuffix = `${TYPE_SEGMENT[kind] ?? "app"}/${lbName}/${hash.slice(0, 16)}`;
    const arn = `arn:aws:elasticloadbalancing:${region}:${ctx.accountId}:loadbalancer/${arnSuffix}`;
    const internal = inputs["internal"] === true ? "internal-" : "";
    // ALB names resolve under <region>.elb.amazonaws.com, NLB (and GWLB) names under elb.<region>.amazonaws.com.
    const dnsName = kind === "application"
        ? `${internal}${lbName}-${parseInt(hash.slice(16, 24), 16)}.${region}.elb.amazonaws.com`
        : `${internal}${lbName}-${hash.slice(16, 32)}.elb.${region}.amazonaws.com`;
    const zones = HOSTED_ZONES[region];
    const zoneId = zones === undefined ? undefined : kind === "application" ? zones.application : zones.network;
    const subnets = Array.isArray(inputs["subnets"]) ? inputs["subnets"].map(String) : [];
    return {
        id: arn,
        outputs: {
            enableDeletionProtection: false,
            internal: false,
            ipAddressType: "ipv4",
            ...(kind === "application" ? { desyncMitigationMode: "defensive", dropInvalidHeaderFields: false, enableHttp2: true, idleTimeout: 60 } : { enableCrossZoneLoadBalancing: false }),
            ...inputs,
            loadBalancerType: kind,
            name: lbName,
            arn,
            arnSuffix,
            id: arn,
            dnsName,
            ...(zoneId !== undefined ? { zoneId } : {}),
            vpcId: `vpc-${hashHex("vpc", ctx.accountId, region, ...subnets).slice(0, 17)}`,
            region,
            tagsAll: { ...((inputs["tags"] as Inputs | undefined) ?? {}) },
        },
    };
}

function classicLoadBalancer(name: string, inputs: Inputs, ctx: AwsContext, type: string): Result {
    const region = regionOf(inputs, ctx);
    const lbName = loadBalancerName(name, inputs, ctx, type, region);
    const hash = hashHex(type, name, ctx.accountId, region);
    const internal = inputs["internal"] === true ? "internal-" : "";
    const zoneId = HOSTED_ZONES[region]?.application;
    return {
        id: lbName,
        outputs: {
            connectionDraining: false,
            connectionDrainingTimeout: 300,
            crossZoneLoadBalancing: true,
            desyncMitigationMode: "defensive",
            idleTimeout: 60,
            internal: false,
            instances: [],
            ...inputs,
            name: lbName,
            arn: `arn:aws:elasticloadbalancing:${region}:${ctx.accountId}:loadbalancer/${lbName}`,
            id: lbName,
            dnsName: `${internal}${lbName}-${parseInt(hash.slice(16, 24), 16)}.${region}.elb.amazonaws.com`,
            ...(zoneId !== undefined ? { zoneId } : {}),
            region,
            tagsAll: { ...((inputs["tags"] as Inputs | undefined) ?? {}) },
        },
    };
}

export const LOAD_BALANCER_BUILDERS = {
    [T.LOAD_BALANCER]: loadBalancer,
    [T.ALB_LOAD_BALANCER]: loadBalancer,
    [T.CLASSIC_LOAD_BALANCER]: classicLoadBalancer,
};

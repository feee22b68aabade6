// What a load balancer says about the logs it delivers into S3, in the shapes users write: Elastic Load Balancing v2's
// @pulumi/aws `aws.lb.LoadBalancer` / `aws.alb.LoadBalancer` (`accessLogs` / `connectionLogs` blocks of
// `{ bucket, enabled, prefix }`, `loadBalancerType`), aws-native's `loadBalancerAttributes` list of `{ key, value }`
// strings (`access_logs.s3.enabled`, `access_logs.s3.bucket`, and `connection_logs.s3.*`), and a Classic Load
// Balancer's `aws.elb.LoadBalancer` (`accessLogs` block of `{ bucket, bucketPrefix, interval, enabled }`, access logs only).
import * as T from "./awsTypes";
import { APPLICATION, CLASSIC } from "./elbLogDelivery";
import { Maybe } from "./policyDocument";
import { bucketNameOf } from "./s3Shapes";
import { asBool, asString, children, field, isUnknown, UNKNOWN, Unknown, ValueObject } from "./values";

export type ElbLogKind = "access" | "connection";

export interface ElbLogSetting {
    log: ElbLogKind;
    /**
     * When unset, the provider's default: false for ELBv2 ("Boolean to enable / disable accessLogs. Defaults to false,
     * even when bucket is specified."), true for a Classic Load Balancer ("Boolean to enable / disable accessLogs.
     * Default is true").
     */
    enabled: Maybe<boolean>;
    /** The bucket's name as written (UNKNOWN while it is an output); undefined when none is named. */
    bucketRef: Maybe<string> | undefined;
    /** The input property the bucket is passed through, for the dependency fallback. */
    depKeys: readonly string[];
}

/**
 * "application" | "network" | "gateway" (ELBv2's `loadBalancerType`, aws-native's `type`; "application" when unset),
 * "classic" for a Classic Load Balancer; UNKNOWN while it is an output.
 */
export function loadBalancerType(type: string, props: ValueObject): Maybe<string> {
    if (T.CLASSIC_LOAD_BALANCER_TYPES.has(type)) {
        return CLASSIC;
    }
    const value = asString(props[type === T.NATIVE_LOAD_BALANCER ? "type" : "loadBalancerType"]);
    return value === undefined || value === "" ? APPLICATION : value;
}

const BLOCKS: readonly [ElbLogKind, string][] = [["access", "accessLogs"], ["connection", "connectionLogs"]];
const ATTRIBUTE_PREFIX: Readonly<Record<ElbLogKind, string>> = { access: "access_logs.s3", connection: "connection_logs.s3" };

/** Classic Load Balancers deliver access logs only, from the same `accessLogs` property name as ELBv2's. */
const CLASSIC_BLOCKS: readonly [ElbLogKind, string][] = [["access", "accessLogs"]];

function enabledOf(v: Maybe<boolean> | undefined, unset = false): Maybe<boolean> {
    return v === undefined ? unset : v;
}

/** The load balancer's log settings that name a bucket (or may: an unknown block). */
export function elbLogSettings(type: string, props: ValueObject): ElbLogSetting[] {
    const settings = type === T.NATIVE_LOAD_BALANCER ? nativeSettings(props)
        : T.CLASSIC_LOAD_BALANCER_TYPES.has(type) ? awsSettings(props, CLASSIC_BLOCKS, true)
            : awsSettings(props, BLOCKS, false);
    return settings.filter((s) => s.bucketRef !== undefined);
}

function awsSettings(props: ValueObject, blocks: readonly [ElbLogKind, string][], enabledWhenUnset: boolean): ElbLogSetting[] {
    return blocks.map(([log, prop]) => {
        const list = children(props, prop);
        const block: ValueObject | Unknown | undefined = isUnknown(list) ? UNKNOWN : list[0];
        return {
            log,
            enabled: enabledOf(asBool(field(block, "enabled")), enabledWhenUnset),
            bucketRef: bucketNameOf(asString(field(block, "bucket"))),
            depKeys: [prop],
        };
    });
}

function nativeSettings(props: ValueObject): ElbLogSetting[] {
    const attributes = children(props, "loadBalancerAttributes");
    const valueOf = (key: string): Maybe<string> | undefined => {
        if (isUnknown(attributes)) {
            return UNKNOWN;
        }
        // An entry whose key is unknown may be this one: its value can't be placed.
        if (attributes.some((a) => isUnknown(a) || isUnknown(a["key"]))) {
            return UNKNOWN;
        }
        const hit = attributes.find((a) => !isUnknown(a) && a["key"] === key);
        return hit === undefined || isUnknown(hit) ? undefined : asString(hit["value"]);
    };
    return BLOCKS.map(([log]) => {
        const enabled = valueOf(`${ATTRIBUTE_PREFIX[log]}.enabled`);
        return {
            log,
            enabled: isUnknown(enabled) ? UNKNOWN : enabledOf(asBool(enabled)),
            bucketRef: bucketNameOf(valueOf(`${ATTRIBUTE_PREFIX[log]}.bucket`)),
            depKeys: ["loadBalancerAttributes"],
        };
    });
}

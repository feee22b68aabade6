// What an Elastic Load Balancing v2 load balancer says about the logs it delivers into S3, in the shapes users write:
// @pulumi/aws `aws.lb.LoadBalancer` / `aws.alb.LoadBalancer` (`accessLogs` / `connectionLogs` blocks of
// `{ bucket, enabled, prefix }`, `loadBalancerType`), and aws-native's `loadBalancerAttributes` list of
// `{ key, value }` strings (`access_logs.s3.enabled`, `access_logs.s3.bucket`, and `connection_logs.s3.*`).
import * as T from "./awsTypes";
import { Maybe } from "./policyDocument";
import { bucketNameOf } from "./s3Shapes";
import { asBool, asString, children, field, isUnknown, UNKNOWN, Unknown, ValueObject } from "./values";

export type ElbLogKind = "access" | "connection";

export interface ElbLogSetting {
    log: ElbLogKind;
    /** Known false when unset: the provider's default ("Boolean to enable / disable accessLogs. Defaults to false, even when bucket is specified."). */
    enabled: Maybe<boolean>;
    /** The bucket's name as written (UNKNOWN while it is an output); undefined when none is named. */
    bucketRef: Maybe<string> | undefined;
    /** The input property the bucket is passed through, for the dependency fallback. */
    depKeys: readonly string[];
}

/** The default of `loadBalancerType` (@pulumi/aws) and `type` (aws-native): "application". */
export const APPLICATION = "application";

/** "application" | "network" | "gateway"; UNKNOWN while it is an output. */
export function loadBalancerType(type: string, props: ValueObject): Maybe<string> {
    const value = asString(props[type === T.NATIVE_LOAD_BALANCER ? "type" : "loadBalancerType"]);
    return value === undefined || value === "" ? APPLICATION : value;
}

const BLOCKS: readonly [ElbLogKind, string][] = [["access", "accessLogs"], ["connection", "connectionLogs"]];
const ATTRIBUTE_PREFIX: Readonly<Record<ElbLogKind, string>> = { access: "access_logs.s3", connection: "connection_logs.s3" };

function enabledOf(v: Maybe<boolean> | undefined): Maybe<boolean> {
    return v === undefined ? false : v;
}

/** The load balancer's log settings that name a bucket (or may: an unknown block). */
export function elbLogSettings(type: string, props: ValueObject): ElbLogSetting[] {
    return (type === T.NATIVE_LOAD_BALANCER ? nativeSettings(props) : awsSettings(props)).filter((s) => s.bucketRef !== undefined);
}

function awsSettings(props: ValueObject): ElbLogSetting[] {
    return BLOCKS.map(([log, prop]) => {
        const blocks = children(props, prop);
        const block: ValueObject | Unknown | undefined = isUnknown(blocks) ? UNKNOWN : blocks[0];
        return {
            log,
            enabled: enabledOf(asBool(field(block, "enabled"))),
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

// What Amazon Redshift audit logging says about the bucket it delivers into, in the shapes users write:
// `aws.redshift.Logging` (`logDestinationType`, `bucketName`, `s3KeyPrefix`; the resource exists only while logging
// is on) and the inline `logging` block of an `aws.redshift.Cluster` of an older @pulumi/aws major
// (`{ enable, bucketName, s3KeyPrefix, logDestinationType }`, `enable` required).
import * as T from "./awsTypes";
import { Maybe } from "./policyDocument";
import { bucketNameOf } from "./s3Shapes";
import { asBool, asString, children, field, isUnknown, UNKNOWN, Unknown, ValueObject } from "./values";

export interface RedshiftLogSetting {
    /**
     * `logDestinationType` as written: "s3" | "cloudwatch"; undefined when unset (a bucket and no type is an S3
     * destination: the one Redshift offered before CloudWatch); UNKNOWN while it is an output.
     */
    destinationType: Maybe<string> | undefined;
    /** Always true for an `aws.redshift.Logging`; the inline block's `enable` (false when unset). */
    enabled: Maybe<boolean>;
    /** The bucket's name (or ARN) as written (UNKNOWN while it is an output); undefined when none is named. */
    bucketRef: Maybe<string> | undefined;
    /** The input property the bucket is passed through, for the dependency fallback. */
    depKeys: readonly string[];
}

/** The audit log setting of a Redshift resource that names a bucket (or may: an unknown block), if it has one. */
export function redshiftLogSettings(type: string, props: ValueObject): RedshiftLogSetting[] {
    const setting = type === T.REDSHIFT_LOGGING ? loggingSetting(props) : inlineSetting(props);
    return setting.bucketRef === undefined ? [] : [setting];
}

function loggingSetting(props: ValueObject): RedshiftLogSetting {
    return {
        destinationType: asString(props["logDestinationType"]),
        enabled: true,
        bucketRef: bucketNameOf(asString(props["bucketName"])),
        depKeys: ["bucketName"],
    };
}

function inlineSetting(props: ValueObject): RedshiftLogSetting {
    const list = children(props, "logging");
    const block: ValueObject | Unknown | undefined = isUnknown(list) ? UNKNOWN : list[0];
    const enabled = asBool(field(block, "enable"));
    return {
        destinationType: asString(field(block, "logDestinationType")),
        enabled: enabled === undefined ? false : enabled,
        bucketRef: bucketNameOf(asString(field(block, "bucketName"))),
        depKeys: ["logging"],
    };
}

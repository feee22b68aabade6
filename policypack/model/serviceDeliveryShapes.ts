// What an AWS service the stack points at a bucket asks S3 for when it writes there, in the shapes users write with
// @pulumi/aws 7. Each of these services has its own encryption setting, which overrides the bucket's default
// encryption for what it delivers (Amazon S3 API Reference, "PutObject": the request's x-amz-server-side-encryption
// and x-amz-server-side-encryption-aws-kms-key-id headers; without them the bucket's default applies):
// - `aws.cloudtrail.Trail`: `s3BucketName`, `kmsKeyId` (AWS CloudTrail User Guide, "Encrypting CloudTrail log files
//   with AWS KMS keys (SSE-KMS)"); unset, the trail asks for no key.
// - `aws.cfg.DeliveryChannel`: `s3BucketName`, `s3KmsKeyArn` (AWS Config API Reference, "DeliveryChannel").
// - `aws.kinesis.FirehoseDeliveryStream` with `destination: "extended_s3"`: `extendedS3Configuration.bucketArn`,
//   `.kmsKeyArn` (Amazon Data Firehose API Reference, "EncryptionConfiguration", "KMSEncryptionConfig").
// - `aws.s3.Inventory`: `destination.bucket.bucketArn`, `.encryption.sseS3` / `.encryption.sseKms.keyId` (Amazon S3
//   API Reference, "InventoryEncryption": "Contains the type of server-side encryption used to encrypt the S3 Inventory
//   results").
// - `aws.athena.Workgroup`: `configuration.resultConfiguration.outputLocation` (`s3://bucket/prefix/`),
//   `.encryptionConfiguration.encryptionOption` `SSE_S3` | `SSE_KMS` (+ `kmsKeyArn`) | `CSE_KMS` (Amazon Athena API
//   Reference, "EncryptionConfiguration"). CSE_KMS encrypts on the client: the upload asks S3 for nothing, so the
//   bucket's default applies.
// And in @pulumi/aws-native 1.x, with the names Pulumi sends (the aws-native SDK's `Input(...)` names; AWS
// CloudFormation Template Reference, the resource's page):
// - `aws-native:cloudtrail:Trail`: `s3BucketName`, `kmsKeyId` ("AWS::CloudTrail::Trail"), as the classic trail.
// - `aws-native:configuration:DeliveryChannel`: `s3BucketName`, `s3KmsKeyArn` ("AWS::Config::DeliveryChannel").
// - `aws-native:kinesisfirehose:DeliveryStream`: `extendedS3DestinationConfiguration` or `s3DestinationConfiguration`
//   (one destination per stream), each with `bucketArn` and `encryptionConfiguration` = `{ kmsEncryptionConfig:
//   { awskmsKeyArn } }` or `{ noEncryptionConfig: "NoEncryption" }` ("AWS::KinesisFirehose::DeliveryStream
//   EncryptionConfiguration"); NoEncryption, like no setting, asks S3 for nothing.
// - `aws-native:athena:WorkGroup`: `workGroupConfiguration.resultConfiguration.outputLocation`,
//   `.encryptionConfiguration` = `{ encryptionOption, kmsKey }` ("AWS::Athena::WorkGroup EncryptionConfiguration").
import * as T from "./awsTypes";
import { Maybe } from "./policyDocument";
import { bucketNameOf } from "./s3Shapes";
import { asObject, asString, field, isUnknown, UNKNOWN, Unknown, ValueObject } from "./values";

/**
 * What the delivery asks S3 for: nothing (the bucket's default applies), SSE-S3, or SSE-KMS with `keyRef`;
 * UNKNOWN while the setting is an output.
 */
export type RequestedEncryption = "default" | "sse-s3" | "sse-kms" | Unknown;

export interface ServiceDeliverySetting {
    /** The service, as a message names it, e.g. "CloudTrail". */
    service: string;
    /** The input that names the bucket, as a message names it, e.g. "s3BucketName". */
    bucketField: string;
    /** The bucket's name (from a name, an ARN or an `s3://` URI) as written; UNKNOWN while it is an output. */
    bucketRef: Maybe<string> | undefined;
    /** The input the bucket and the key are passed through, for the dependency fallback. */
    depKeys: readonly string[];
    encryption: RequestedEncryption;
    /** The input that asks for the encryption, as a message names it. */
    encryptionField: string;
    /** The key named for SSE-KMS (ARN, alias or id as written); UNKNOWN while it is an output. */
    keyRef: Maybe<string> | undefined;
}

/** The delivery of a resource of `type`, if it names a bucket (or may: an output). */
export function serviceDeliverySettings(type: string, props: ValueObject): ServiceDeliverySetting[] {
    const setting = settingOf(type, props);
    return setting === undefined || setting.bucketRef === undefined ? [] : [setting];
}

function settingOf(type: string, props: ValueObject): ServiceDeliverySetting | undefined {
    switch (type) {
        case T.CLOUDTRAIL_TRAIL:
        case T.NATIVE_CLOUDTRAIL_TRAIL:
            return keyOnly("CloudTrail", props, "s3BucketName", "kmsKeyId", ["s3BucketName", "kmsKeyId"]);
        case T.CONFIG_DELIVERY_CHANNEL:
        case T.NATIVE_CONFIG_DELIVERY_CHANNEL:
            return keyOnly("AWS Config", props, "s3BucketName", "s3KmsKeyArn", ["s3BucketName", "s3KmsKeyArn"]);
        case T.FIREHOSE_DELIVERY_STREAM:
            return firehose(props);
        case T.NATIVE_FIREHOSE_DELIVERY_STREAM:
            return nativeFirehose(props);
        case T.S3_INVENTORY:
            return inventory(props);
        case T.ATHENA_WORKGROUP:
            return athena(props, "configuration", "kmsKeyArn");
        case T.NATIVE_ATHENA_WORKGROUP:
            return athena(props, "workGroupConfiguration", "kmsKey");
        default:
            return undefined;
    }
}

/** A setting whose only encryption choice is a key: set, SSE-KMS with it; unset, the bucket's default. */
function keyOnly(service: string, o: ValueObject | Unknown | undefined, bucketField: string, keyField: string, depKeys: readonly string[]): ServiceDeliverySetting {
    const keyRef = nonEmpty(asString(field(o, keyField)));
    return {
        service, bucketField, bucketRef: bucketNameOf(nonEmpty(asString(field(o, bucketField)))), depKeys,
        // A key set from an output (unknown in a preview) is a key all the same: which one, the references tell.
        encryption: keyRef === undefined ? "default" : "sse-kms",
        encryptionField: keyField, keyRef,
    };
}

function firehose(props: ValueObject): ServiceDeliverySetting | undefined {
    const destination = asString(props["destination"]);
    if (typeof destination === "string" && destination !== "extended_s3") {
        return undefined; // other destinations write to S3 only as a backup, with settings of their own
    }
    const config = asObject(field(props, "extendedS3Configuration"));
    const setting = keyOnly("Amazon Data Firehose", config, "bucketArn", "kmsKeyArn", ["extendedS3Configuration"]);
    return {
        ...setting, bucketField: "extendedS3Configuration.bucketArn", encryptionField: "extendedS3Configuration.kmsKeyArn",
        // An unknown destination type may not be S3 at all: nothing decided.
        ...(isUnknown(destination) ? { encryption: UNKNOWN } : {}),
    };
}

/** The S3 destination of an aws-native stream, if it has one (its other destinations write to S3 only as a backup). */
function nativeFirehose(props: ValueObject): ServiceDeliverySetting | undefined {
    const configKey = ["extendedS3DestinationConfiguration", "s3DestinationConfiguration"].find((k) => field(props, k) !== undefined);
    if (configKey === undefined) {
        return undefined;
    }
    const config = asObject(field(props, configKey));
    const encryption = asObject(field(config, "encryptionConfiguration"));
    const kms = asObject(field(encryption, "kmsEncryptionConfig"));
    const keyRef = nonEmpty(asString(field(kms, "awskmsKeyArn")));
    let requested: RequestedEncryption;
    if (isUnknown(encryption) || isUnknown(kms)) {
        requested = UNKNOWN;
    } else {
        // noEncryptionConfig ("NoEncryption"), or no setting: the stream asks S3 for nothing.
        requested = kms !== undefined ? "sse-kms" : "default";
    }
    return {
        service: "Amazon Data Firehose", bucketField: `${configKey}.bucketArn`,
        bucketRef: bucketNameOf(nonEmpty(asString(field(config, "bucketArn")))), depKeys: [configKey],
        encryption: requested, encryptionField: `${configKey}.encryptionConfiguration.kmsEncryptionConfig.awskmsKeyArn`, keyRef,
    };
}

function inventory(props: ValueObject): ServiceDeliverySetting {
    const bucket = asObject(field(asObject(field(props, "destination")), "bucket"));
    const encryption = asObject(field(bucket, "encryption"));
    const sseKms = asObject(field(encryption, "sseKms"));
    const sseS3 = field(encryption, "sseS3");
    const keyRef = nonEmpty(asString(field(sseKms, "keyId")));
    let requested: RequestedEncryption;
    if (isUnknown(encryption) || isUnknown(sseKms) || isUnknown(sseS3)) {
        requested = UNKNOWN;
    } else if (sseKms !== undefined) {
        requested = "sse-kms";
    } else {
        requested = sseS3 !== undefined ? "sse-s3" : "default";
    }
    return {
        service: "S3 Inventory", bucketField: "destination.bucket.bucketArn",
        bucketRef: bucketNameOf(nonEmpty(asString(field(bucket, "bucketArn")))), depKeys: ["destination"],
        encryption: requested, encryptionField: "destination.bucket.encryption", keyRef,
    };
}

/** A workgroup's query results: `configKey` is `configuration` (@pulumi/aws) or `workGroupConfiguration` (aws-native). */
function athena(props: ValueObject, configKey: string, keyField: string): ServiceDeliverySetting {
    const result = asObject(field(asObject(field(props, configKey)), "resultConfiguration"));
    const encryption = asObject(field(result, "encryptionConfiguration"));
    const option = asString(field(encryption, "encryptionOption"));
    let requested: RequestedEncryption;
    if (isUnknown(option)) {
        requested = UNKNOWN;
    } else {
        requested = option === "SSE_S3" ? "sse-s3" : option === "SSE_KMS" ? "sse-kms" : "default";
    }
    return {
        service: "Athena", bucketField: `${configKey}.resultConfiguration.outputLocation`,
        bucketRef: bucketOfS3Uri(asString(field(result, "outputLocation"))), depKeys: [configKey],
        encryption: requested, encryptionField: `${configKey}.resultConfiguration.encryptionConfiguration`,
        keyRef: nonEmpty(asString(field(encryption, keyField))),
    };
}

/** The bucket of `s3://bucket/prefix/`; UNKNOWN for an output (a URI built from a bucket's name is one in a preview). */
function bucketOfS3Uri(uri: Maybe<string> | undefined): Maybe<string> | undefined {
    if (typeof uri !== "string") {
        return uri;
    }
    const m = /^s3:\/\/([^/]+)/.exec(uri);
    return m === null ? undefined : m[1];
}

function nonEmpty(v: Maybe<string> | undefined): Maybe<string> | undefined {
    return v === "" ? undefined : v;
}

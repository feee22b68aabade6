// Request-context fixtures. iam-simulate derives nothing from the request (L5), so every request
// built here carries the keys AWS would always set; a scenario only states what differs from a
// normal, well-formed request (transport, headers, encryption context). A key that does not apply
// to the action makes the oracle throw (L6), so each builder sets only keys valid for its service.
import type { NamedPolicy, RequestContext } from "./oracle";

/** Who makes a request, as S3/KMS see it. */
export interface Caller {
    /** Short description for test names and failure messages. */
    label: string;
    /** The request principal: an IAM user ARN or an assumed-role session ARN. */
    arn: string;
    /** The IAM ARN policies name (aws:PrincipalArn): the user or the role, never the session. */
    principalArn: string;
    accountId: string;
    principalType: "User" | "AssumedRole";
    identityPolicies: readonly NamedPolicy[];
}

const IAM_ARN = /^arn:aws:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/;

/** A caller from an IAM user or role ARN; roles call through a session, like every real role. */
export function callerFromArn(label: string, principalArn: string, identityPolicies: readonly NamedPolicy[]): Caller {
    const match = IAM_ARN.exec(principalArn);
    if (match === null) {
        throw new Error(`not an IAM user or role ARN: ${principalArn}`);
    }
    const [, accountId, kind, name] = match;
    if (kind === "user") {
        return { label, arn: principalArn, principalArn, accountId, principalType: "User", identityPolicies };
    }
    return {
        label,
        arn: `arn:aws:sts::${accountId}:assumed-role/${name}/session`,
        principalArn,
        accountId,
        principalType: "AssumedRole",
        identityPolicies,
    };
}

export function withPolicies(caller: Caller, identityPolicies: readonly NamedPolicy[]): Caller {
    return { ...caller, identityPolicies };
}

/** How the request reached S3. */
export interface Transport {
    secure: boolean;
    /** s3:TlsVersion; only present on TLS connections. */
    tlsVersion?: "1.0" | "1.1" | "1.2" | "1.3";
    signature: "SigV4" | "SigV2";
}

export const HTTPS: Transport = { secure: true, tlsVersion: "1.2", signature: "SigV4" };
export const PLAIN_HTTP: Transport = { secure: false, signature: "SigV4" };
export const TLS_1_0: Transport = { secure: true, tlsVersion: "1.0", signature: "SigV4" };
export const SIGV2: Transport = { secure: true, tlsVersion: "1.2", signature: "SigV2" };

/** Encryption headers of an upload (PutObject / CreateMultipartUpload / ReplicateObject only), and its canned ACL header. */
export interface EncryptionHeaders {
    serverSideEncryption?: string;
    kmsKeyId?: string;
    customerAlgorithm?: string;
    /** x-amz-acl, e.g. `bucket-owner-full-control` (`aws s3 cp --acl ...`). */
    cannedAcl?: string;
}

function principalKeys(caller: Caller, resourceAccount: string, region: string): RequestContext {
    return {
        "aws:PrincipalAccount": caller.accountId,
        "aws:PrincipalArn": caller.principalArn,
        "aws:PrincipalType": caller.principalType,
        // Present in every signed request (IAM User Guide, "AWS global condition context keys").
        "aws:PrincipalIsAWSService": "false",
        "aws:ResourceAccount": resourceAccount,
        "aws:RequestedRegion": region,
    };
}

export function s3Context(
    caller: Caller,
    bucketAccount: string,
    region: string,
    transport: Transport = HTTPS,
    headers: EncryptionHeaders = {},
): RequestContext {
    const context: RequestContext = {
        ...principalKeys(caller, bucketAccount, region),
        "aws:SecureTransport": String(transport.secure),
        "s3:ResourceAccount": bucketAccount,
        "s3:authType": "REST-HEADER",
        // S3 reports the signature algorithm name, not "SigV4"/"SigV2".
        "s3:signatureversion": transport.signature === "SigV4" ? "AWS4-HMAC-SHA256" : "AWS",
    };
    if (transport.tlsVersion !== undefined) {
        context["s3:TlsVersion"] = transport.tlsVersion;
    }
    if (headers.serverSideEncryption !== undefined) {
        context["s3:x-amz-server-side-encryption"] = headers.serverSideEncryption;
    }
    if (headers.kmsKeyId !== undefined) {
        context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = headers.kmsKeyId;
    }
    if (headers.customerAlgorithm !== undefined) {
        context["s3:x-amz-server-side-encryption-customer-algorithm"] = headers.customerAlgorithm;
    }
    if (headers.cannedAcl !== undefined) {
        context["s3:x-amz-acl"] = headers.cannedAcl;
    }
    return context;
}

/**
 * The KMS call S3 makes for an SSE-KMS object: same caller, kms:ViaService = S3 in the bucket's
 * region, encryption context aws:s3:arn = the object ARN, or the bucket ARN with S3 Bucket Keys.
 */
export function kmsViaS3Context(caller: Caller, keyAccount: string, region: string, encryptionContextArn: string): RequestContext {
    return {
        ...principalKeys(caller, keyAccount, region),
        "aws:SecureTransport": "true",
        "kms:CallerAccount": caller.accountId,
        "kms:ViaService": `s3.${region}.amazonaws.com`,
        "kms:EncryptionContext:aws:s3:arn": encryptionContextArn,
        "kms:EncryptionContextKeys": ["aws:s3:arn"],
    };
}

/** The same KMS call made directly by the caller (SDK/CLI), not through S3: no kms:ViaService. */
export function kmsDirectContext(caller: Caller, keyAccount: string, region: string, encryptionContextArn: string): RequestContext {
    return {
        ...principalKeys(caller, keyAccount, region),
        "aws:SecureTransport": "true",
        "kms:CallerAccount": caller.accountId,
        "kms:EncryptionContext:aws:s3:arn": encryptionContextArn,
        "kms:EncryptionContextKeys": ["aws:s3:arn"],
    };
}

/** A direct KMS management call (DescribeKey, PutKeyPolicy, ...), which carries no encryption context. */
export function kmsCallContext(caller: Caller, key: { accountId: string; region: string }): RequestContext {
    return {
        ...principalKeys(caller, key.accountId, key.region),
        "aws:SecureTransport": "true",
        "kms:CallerAccount": caller.accountId,
    };
}

/**
 * A request an AWS service principal makes while it acts for a resource (CloudTrail for a trail, log
 * delivery for a log group): AWS sets aws:SourceAccount and aws:SourceArn to that resource (IAM User
 * Guide, "AWS global condition context keys"), which is what a confused-deputy-safe policy pins.
 */
export interface ServiceCaller {
    service: string;
    sourceAccount: string;
    sourceArn: string;
}

function serviceKeys(caller: ServiceCaller, region: string): RequestContext {
    return {
        "aws:PrincipalIsAWSService": "true",
        "aws:PrincipalServiceName": caller.service,
        "aws:SourceAccount": caller.sourceAccount,
        "aws:SourceArn": caller.sourceArn,
        "aws:RequestedRegion": region,
        "aws:SecureTransport": "true",
    };
}

export function serviceS3Context(caller: ServiceCaller, bucketAccount: string, region: string): RequestContext {
    return {
        ...serviceKeys(caller, region),
        "aws:ResourceAccount": bucketAccount,
        "s3:ResourceAccount": bucketAccount,
        "s3:authType": "REST-HEADER",
        "s3:signatureversion": "AWS4-HMAC-SHA256",
        "s3:TlsVersion": "1.2",
    };
}

/** The KMS call S3 makes while writing for the service: kms:ViaService S3, the bucket's encryption context. */
export function serviceKmsViaS3Context(caller: ServiceCaller, keyAccount: string, region: string, encryptionContextArn: string): RequestContext {
    return {
        ...serviceKeys(caller, region),
        "aws:ResourceAccount": keyAccount,
        "kms:ViaService": `s3.${region}.amazonaws.com`,
        "kms:EncryptionContext:aws:s3:arn": encryptionContextArn,
        "kms:EncryptionContextKeys": ["aws:s3:arn"],
    };
}

/** A KMS call the service makes itself (kms:DescribeKey): no kms:ViaService, no encryption context. */
export function serviceKmsDirectContext(caller: ServiceCaller, keyAccount: string, region: string): RequestContext {
    return { ...serviceKeys(caller, region), "aws:ResourceAccount": keyAccount };
}

/** sts:AssumeRole by an AWS service principal (the replication role's trust policy). */
export function assumeRoleByServiceContext(service: string, sourceAccount: string): RequestContext {
    return {
        "aws:SecureTransport": "true",
        "aws:PrincipalIsAWSService": "true",
        "aws:PrincipalServiceName": service,
        "aws:SourceAccount": sourceAccount,
    };
}

/**
 * An S3 request made by an AWS service principal on behalf of one source resource (e.g. server access
 * log delivery by logging.s3.amazonaws.com for a source bucket): the service sets aws:SourceArn and
 * aws:SourceAccount to that resource and its owner ("Permissions for log delivery").
 */
export function s3ByServiceContext(service: string, source: { arn: string; accountId: string }, bucketAccount: string, region: string): RequestContext {
    return {
        ...serviceContext(service, source, bucketAccount, region),
        "s3:ResourceAccount": bucketAccount,
        "s3:authType": "REST-HEADER",
        "s3:signatureversion": "AWS4-HMAC-SHA256",
        "s3:TlsVersion": "1.2",
    };
}

/** sns:Publish by an AWS service principal for one source resource (S3 event notifications, CloudWatch alarm actions). */
export function snsByServiceContext(service: string, source: { arn: string; accountId: string }, topicAccount: string, region: string): RequestContext {
    return serviceContext(service, source, topicAccount, region);
}

/** The global keys of a request an AWS service principal makes for one source resource (confused-deputy keys). */
export function serviceContext(service: string, source: { arn: string; accountId: string }, resourceAccount: string, region: string): RequestContext {
    return {
        "aws:SecureTransport": "true",
        "aws:PrincipalIsAWSService": "true",
        "aws:PrincipalServiceName": service,
        "aws:SourceArn": source.arn,
        "aws:SourceAccount": source.accountId,
        "aws:ResourceAccount": resourceAccount,
        "aws:RequestedRegion": region,
    };
}

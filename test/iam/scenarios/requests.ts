// Request builders for the scenarios: an S3 request against a bucket as deployed, and the KMS
// request S3 (or the caller directly) makes against the bucket's key. Every request carries the
// full context from requestContext.ts; the arguments only say what differs.
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import {
    assumeRoleByServiceContext,
    callerFromArn,
    HTTPS,
    kmsCallContext,
    kmsDirectContext,
    kmsViaS3Context,
    s3Context,
    type Caller,
    type EncryptionHeaders,
    type Transport,
} from "../support/requestContext";
import type { BucketFacts, GrantFacts, KeyFacts } from "../world/types";

/** An object key inside the grant's prefix, so prefix-limited grants are exercised too. */
export function objectKey(prefix: string | undefined): string {
    return `${prefix ?? ""}data/2026/object-1.csv`;
}

/** An object outside every grant's prefix. */
export const OUTSIDE_PREFIX = "outside-the-grant/";

export function objectArn(bucket: BucketFacts, prefix?: string): string {
    return `${bucket.arn}/${objectKey(prefix)}`;
}

/** A normal HTTPS request at the lowest TLS version the bucket accepts (1.2 unless it asks for 1.3). */
export function httpsFor(bucket: BucketFacts): Transport {
    return bucket.guardrails.minimumTlsVersion === "1.3" ? { ...HTTPS, tlsVersion: "1.3" } : HTTPS;
}

export interface ObjectRequestOptions {
    transport?: Transport;
    headers?: EncryptionHeaders;
    prefix?: string;
}

export function s3ObjectRequest(caller: Caller, bucket: BucketFacts, action: string, options: ObjectRequestOptions = {}): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource: objectArn(bucket, options.prefix),
        resourceAccount: bucket.accountId,
        context: s3Context(caller, bucket.accountId, bucket.region, options.transport ?? httpsFor(bucket), options.headers),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: bucket.policy,
    };
}

/** A bucket-level request; `listPrefix` is the ListObjects prefix parameter (s3:prefix). */
export function s3BucketRequest(
    caller: Caller,
    bucket: BucketFacts,
    action: string,
    transport: Transport = httpsFor(bucket),
    listPrefix?: string,
): OracleRequest {
    const context = s3Context(caller, bucket.accountId, bucket.region, transport);
    if (listPrefix !== undefined) {
        context["s3:prefix"] = listPrefix;
    }
    return {
        principal: caller.arn,
        action,
        resource: bucket.arn,
        resourceAccount: bucket.accountId,
        context,
        identityPolicies: caller.identityPolicies,
        resourcePolicy: bucket.policy,
    };
}

/** The aws:s3:arn encryption context S3 sends: the bucket ARN with a Bucket Key, else the object ARN. */
export function encryptionContextFor(bucket: BucketFacts, prefix?: string): string {
    return bucket.bucketKeyEnabled ? bucket.arn : objectArn(bucket, prefix);
}

export interface KmsRequestOptions {
    /** "s3": S3 calls KMS for the caller (kms:ViaService set); "direct": the caller calls KMS itself. */
    via: "s3" | "direct";
    /** Region S3 calls KMS from; defaults to the key's region (SSE-KMS keys are regional). */
    viaRegion?: string;
    encryptionContext: string;
}

export function kmsRequest(caller: Caller, key: KeyFacts, action: string, options: KmsRequestOptions): OracleRequest {
    const region = options.viaRegion ?? key.region;
    return {
        principal: caller.arn,
        action,
        resource: key.arn,
        resourceAccount: key.accountId,
        context:
            options.via === "s3"
                ? kmsViaS3Context(caller, key.accountId, region, options.encryptionContext)
                : kmsDirectContext(caller, key.accountId, region, options.encryptionContext),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: key.policy,
    };
}

/** A KMS call that involves no data (DescribeKey, PutKeyPolicy, ...): no encryption context. */
export function kmsManagementRequest(caller: Caller, key: KeyFacts, action: string): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource: key.arn,
        resourceAccount: key.accountId,
        context: kmsCallContext(caller, key),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: key.policy,
    };
}

export function grantee(grant: GrantFacts): Caller {
    return callerFromArn(grant.principalArn, grant.principalArn, [grant.identityPolicy]);
}

export function reads(grant: GrantFacts): boolean {
    return grant.access !== "write";
}

export function writes(grant: GrantFacts): boolean {
    return grant.access !== "read";
}

export function isCrossAccount(grant: GrantFacts): boolean {
    return grant.principalAccountId !== grant.bucket.accountId;
}

/** An AWS service assuming a role of `accountId`: only the role's trust policy decides. */
export function assumeRoleByService(service: string, roleArn: string, accountId: string, trustPolicy: NamedPolicy): OracleRequest {
    return {
        principal: service,
        action: "sts:AssumeRole",
        resource: roleArn,
        resourceAccount: accountId,
        context: assumeRoleByServiceContext(service, accountId),
        identityPolicies: [],
        resourcePolicy: trustPolicy,
        resourcePolicyKind: "trust",
    };
}

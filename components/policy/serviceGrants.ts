// Grants to principals that are not IAM users or roles: an AWS service acting for one account's
// resource (CloudTrail, log delivery), and every account of an AWS Organization (read only).
// Same shape as grants.ts: one input, the key-policy and bucket-policy statements it needs, so the
// component, the IAM evaluation tier and the docs read the same documents.
import { GrantAccess, grantBucketActions, grantKmsActions, grantObjectActions, KEY_USER_DESCRIBE_ACTIONS, LIST_BUCKET_ACTIONS, serviceGrantObjectActions } from "./actions";
import { bucketArn, objectsArn, s3ViaService } from "./arns";
import { grantedBucketEncryptionContext, grantIdentityPolicy, GrantTarget } from "./grants";
import { Condition, PolicyDocument, PolicyStatement } from "./types";

/** `<name>.amazonaws.com` (optionally regional, e.g. `logs.eu-west-1.amazonaws.com`): the form of AWS service principals. */
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*\.amazonaws\.com$/;

/**
 * S3 server access logging delivers only to a target bucket encrypted with SSE-S3, never SSE-KMS
 * (Amazon S3 User Guide, "Enabling Amazon S3 server access logging"), so granting its service
 * principal on an SSE-KMS bucket would look right and deliver nothing.
 */
export const SERVER_ACCESS_LOGGING_SERVICE = "logging.s3.amazonaws.com";

/** An AWS Organization id: `o-` and 10 to 32 lower-case letters or digits (AWS Organizations API, "Organization"). */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** The bucket-level action a log-delivery service calls before it writes (CloudTrail, "Amazon S3 bucket policy for CloudTrail"). */
export const SERVICE_WRITE_BUCKET_ACTIONS: readonly string[] = ["s3:GetBucketAcl"];

export interface ServicePrincipalGrantSubject {
    /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
    service: string;
    access: GrantAccess;
    prefix?: string;
    /** The account whose resources may make the service act on this bucket (`aws:SourceAccount`). */
    sourceAccount: string;
    /** Optionally, the resource ARN (wildcards allowed) the service acts for (`aws:SourceArn`). */
    sourceArn?: string;
    /** PascalCase fragment unique within the bucket and key policies. */
    sidBase: string;
}

export interface OrganizationReadSubject {
    organizationId: string;
    prefix?: string;
    sidBase: string;
}

export function serviceGrantSids(sidBase: string): { keyUse: string; describeKey: string; bucket: string; objects: string } {
    return { keyUse: `${sidBase}UseKey`, describeKey: `${sidBase}DescribeKey`, bucket: `${sidBase}Bucket`, objects: `${sidBase}Objects` };
}

export function organizationReadSids(sidBase: string): { keyUse: string; list: string; objects: string; retiredKeys: string } {
    return { keyUse: `${sidBase}UseKeyViaS3`, list: `${sidBase}ListBucket`, objects: `${sidBase}Objects`, retiredKeys: `${sidBase}DecryptRetiredKeys` };
}

/**
 * The confused-deputy guard (IAM User Guide, "The confused deputy problem"): the service is allowed
 * only while it acts for a resource of `sourceAccount` (and, when given, for the resource `sourceArn`).
 */
export function serviceSourceConditions(subject: Pick<ServicePrincipalGrantSubject, "sourceAccount" | "sourceArn">): Condition {
    return {
        StringEquals: { "aws:SourceAccount": subject.sourceAccount },
        ...(subject.sourceArn !== undefined ? { ArnLike: { "aws:SourceArn": subject.sourceArn } } : {}),
    };
}

function bucketEncryptionContext(bucketName: string): Record<string, string | string[]> {
    return grantedBucketEncryptionContext(bucketName).StringLike ?? {};
}

function serviceBucketActions(access: GrantAccess): string[] {
    const actions: string[] = [];
    if (access !== "write") {
        // A service reads objects it is told about; version listing is for people (grantBucketActions).
        actions.push(...LIST_BUCKET_ACTIONS);
    }
    if (access !== "read") {
        actions.push(...SERVICE_WRITE_BUCKET_ACTIONS);
    }
    return actions;
}

/** Bucket-policy statements: the service, pinned to its source, on the bucket and the (prefixed) objects. */
export function serviceGrantBucketStatements(subject: ServicePrincipalGrantSubject, target: Pick<GrantTarget, "bucketName">): PolicyStatement[] {
    const sids = serviceGrantSids(subject.sidBase);
    const source = serviceSourceConditions(subject);
    return [
        {
            Sid: sids.bucket,
            Effect: "Allow",
            Principal: { Service: subject.service },
            Action: serviceBucketActions(subject.access),
            Resource: bucketArn(target.bucketName),
            Condition: source,
        },
        {
            Sid: sids.objects,
            Effect: "Allow",
            Principal: { Service: subject.service },
            Action: serviceGrantObjectActions(subject.access),
            Resource: objectsArn(target.bucketName, subject.prefix),
            Condition: source,
        },
    ];
}

/**
 * Key-policy statement: the service may use the key for this bucket's objects while it acts for its
 * source. No kms:ViaService: the AWS services' own documented key-policy statements pin the source,
 * and S3 calls KMS for them; the encryption context keeps the key to this bucket.
 */
export function serviceGrantKeyStatement(subject: ServicePrincipalGrantSubject, target: Pick<GrantTarget, "bucketName">): PolicyStatement {
    const source = serviceSourceConditions(subject);
    return {
        Sid: serviceGrantSids(subject.sidBase).keyUse,
        Effect: "Allow",
        Principal: { Service: subject.service },
        Action: grantKmsActions(subject.access),
        Resource: "*",
        Condition: { ...source, StringLike: bucketEncryptionContext(target.bucketName) },
    };
}

/**
 * The writing services whose own documentation puts kms:DescribeKey in the key policy of the bucket
 * they deliver to; they call it themselves, not through S3. Only these: other services document no
 * DescribeKey (AWS Config, "Permissions for the KMS Key for the AWS Config Delivery Channel", lists
 * kms:Decrypt and kms:GenerateDataKey only), and each extra action is one more thing a confused deputy
 * could do. A service missing here that needs it is added here, with the page that says so.
 */
export const SERVICES_THAT_DESCRIBE_THE_KEY: ReadonlySet<string> = new Set([
    // AWS CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail", required for trails: "Enable
    // CloudTrail to describe KMS key properties"; and "Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)":
    // "If you are using an existing S3 bucket with an S3 bucket Key, CloudTrail must be allowed permission in the
    // key policy to use the AWS KMS actions GenerateDataKey and DescribeKey. If cloudtrail.amazonaws.com is not
    // granted those permissions in the key policy, you cannot create or update a trail." Buckets here use a Bucket
    // Key by default (bucketKeyEnabled), and the first page requires the statement for every trail's key anyway.
    "cloudtrail.amazonaws.com",
    // Amazon CloudWatch Logs User Guide, "Enable logging from AWS services", "Amazon S3 bucket server-side
    // encryption": the key statement for delivery.logs.amazonaws.com (VPC flow logs and other vended logs) lists
    // kms:DescribeKey with the data actions, pinned by aws:SourceAccount and aws:SourceArn.
    "delivery.logs.amazonaws.com",
]);

/** Whether the grant gets its own DescribeKey statement: a writing grant to a service that documents needing it. */
export function serviceDescribesKey(subject: Pick<ServicePrincipalGrantSubject, "service" | "access">): boolean {
    return subject.access !== "read" && SERVICES_THAT_DESCRIBE_THE_KEY.has(subject.service);
}

/**
 * kms:DescribeKey for the service while it acts for its source. A statement of its own: DescribeKey
 * carries no encryption context, so the data statement's kms:EncryptionContext:aws:s3:arn condition
 * could never match it; the same aws:SourceAccount / aws:SourceArn conditions keep another account's
 * trail or log delivery from describing the key (CloudTrail's own example pins aws:SourceArn).
 */
export function serviceGrantDescribeKeyStatement(subject: ServicePrincipalGrantSubject): PolicyStatement {
    return {
        Sid: serviceGrantSids(subject.sidBase).describeKey,
        Effect: "Allow",
        Principal: { Service: subject.service },
        Action: [...KEY_USER_DESCRIBE_ACTIONS],
        Resource: "*",
        Condition: serviceSourceConditions(subject),
    };
}

/** Every key-policy statement of a service grant: the data actions, and DescribeKey where the service needs it. */
export function serviceGrantKeyStatements(subject: ServicePrincipalGrantSubject, target: Pick<GrantTarget, "bucketName">): PolicyStatement[] {
    const use = serviceGrantKeyStatement(subject, target);
    return serviceDescribesKey(subject) ? [use, serviceGrantDescribeKeyStatement(subject)] : [use];
}

/** The Sids `serviceGrantKeyStatements` writes into the key policy, to reserve before the bucket name is known. */
export function serviceGrantKeySids(subject: ServicePrincipalGrantSubject): string[] {
    const sids = serviceGrantSids(subject.sidBase);
    return serviceDescribesKey(subject) ? [sids.keyUse, sids.describeKey] : [sids.keyUse];
}

/**
 * Principal "*" pinned by aws:PrincipalOrgID, minus the bucket's own account: there a resource
 * policy alone grants access (IAM User Guide, "Policy evaluation logic", same account), which would
 * hand every principal of the owner account a read it was never given. Its principals use grants.
 */
function organizationConditions(subject: OrganizationReadSubject, bucketAccountId: string): Condition {
    return {
        StringEquals: { "aws:PrincipalOrgID": subject.organizationId },
        StringNotEquals: { "aws:PrincipalAccount": bucketAccountId },
    };
}

function withPrefixList(condition: Condition, prefix: string | undefined): Condition {
    return prefix ? { ...condition, StringLike: { "s3:prefix": `${prefix}*` } } : condition;
}

export function organizationReadBucketStatements(subject: OrganizationReadSubject, target: Pick<GrantTarget, "bucketName" | "bucketAccountId">): PolicyStatement[] {
    const sids = organizationReadSids(subject.sidBase);
    const condition = organizationConditions(subject, target.bucketAccountId);
    return [
        {
            Sid: sids.list,
            Effect: "Allow",
            Principal: "*",
            Action: grantBucketActions("read"),
            Resource: bucketArn(target.bucketName),
            Condition: withPrefixList(condition, subject.prefix),
        },
        {
            Sid: sids.objects,
            Effect: "Allow",
            Principal: "*",
            Action: grantObjectActions("read"),
            Resource: objectsArn(target.bucketName, subject.prefix),
            Condition: condition,
        },
    ];
}

export function organizationReadKeyStatement(subject: OrganizationReadSubject, target: Pick<GrantTarget, "bucketName" | "bucketAccountId" | "region">): PolicyStatement {
    const condition = organizationConditions(subject, target.bucketAccountId);
    return {
        Sid: organizationReadSids(subject.sidBase).keyUse,
        Effect: "Allow",
        Principal: "*",
        Action: grantKmsActions("read"),
        Resource: "*",
        Condition: {
            ...condition,
            StringEquals: { ...condition.StringEquals, "kms:ViaService": s3ViaService(target.region) },
            StringLike: bucketEncryptionContext(target.bucketName),
        },
    };
}

/** The same Decrypt on a retired key of the program (a shared key other buckets use): what the bucket's objects written before a key move need. */
export function organizationReadRetiredKeyStatement(subject: OrganizationReadSubject, target: Pick<GrantTarget, "bucketName" | "bucketAccountId" | "region">): PolicyStatement {
    return { ...organizationReadKeyStatement(subject, target), Sid: organizationReadSids(subject.sidBase).retiredKeys };
}

/** What a member account's principal attaches to read (the bucket and key policies alone do not grant across accounts). */
export function organizationReadIdentityPolicy(subject: OrganizationReadSubject, target: GrantTarget): PolicyDocument {
    return grantIdentityPolicy({ access: "read", prefix: subject.prefix, sidBase: subject.sidBase }, target);
}

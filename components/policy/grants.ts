// The three documents one grant changes together (the AWS Knowledge Center article "How can I allow users to download from and upload to my S3 bucket that has default encryption using a custom AWS KMS key?"; the AWS CDK's bucket and key grants): a key-policy
// statement, bucket-policy statements (only when the principal is in another account), and the
// principal's own IAM policy. One input, three outputs, so they cannot drift apart.
import { GrantAccess, grantBucketActions, grantKmsActions, grantObjectActions, reads } from "./actions";
import { bucketArn, objectsArn, s3ViaService } from "./arns";
import { Condition, PolicyDocument, policyDocument, PolicyStatement } from "./types";

export interface GrantSubject {
    /** IAM user or role ARN. */
    principalArn: string;
    principalAccountId: string;
    access: GrantAccess;
    /** Key prefix the grant is limited to, e.g. "reports/"; empty or undefined for the whole bucket. */
    prefix?: string;
    /** PascalCase fragment unique within the bucket and key policies, e.g. "GrantAnalyticsRead". */
    sidBase: string;
}

export interface GrantTarget {
    bucketName: string;
    bucketAccountId: string;
    /** The bucket's region; S3 calls KMS there, so it is the kms:ViaService value. */
    region: string;
    keyArn: string;
    /**
     * Keys the bucket's default key was before a key move (the stack's `acknowledge.retireKey`): default encryption
     * applies to new objects only (Amazon S3 API Reference, "ServerSideEncryptionRule"), so every object and version
     * written before the move still needs its old key.
     */
    retiredKeyArns?: readonly string[];
}

/** Sids each document gets for a grant, so components can reserve them before ARNs resolve. */
export function grantSids(sidBase: string): { keyUse: string; list: string; objects: string; identityKey: string; retiredKeys: string } {
    return {
        keyUse: `${sidBase}UseKeyViaS3`,
        list: `${sidBase}ListBucket`,
        objects: `${sidBase}Objects`,
        identityKey: `${sidBase}UseKey`,
        retiredKeys: `${sidBase}DecryptRetiredKeys`,
    };
}

export function isCrossAccount(subject: GrantSubject, target: Pick<GrantTarget, "bucketAccountId">): boolean {
    return subject.principalAccountId !== target.bucketAccountId;
}

function listCondition(prefix: string | undefined): Condition | undefined {
    return prefix ? { StringLike: { "s3:prefix": `${prefix}*` } } : undefined;
}

function withCondition(statement: PolicyStatement, condition: Condition | undefined): PolicyStatement {
    return condition === undefined ? statement : { ...statement, Condition: condition };
}

/**
 * S3 passes the object ARN as encryption context, or the bucket ARN when an S3 Bucket Key is on.
 * Matching both keeps a grant on one bucket from using a shared key for another bucket's objects.
 */
export function grantedBucketEncryptionContext(bucketName: string): Condition {
    const arn = bucketArn(bucketName);
    return { StringLike: { "kms:EncryptionContext:aws:s3:arn": [arn, `${arn}/*`] } };
}

/**
 * Key-policy statement: the principal by ARN, only through S3 in the bucket's region, only from
 * the principal's account and only for the granted bucket. Resource "*" means "this key" in a key policy.
 */
export function grantKeyPolicyStatement(subject: GrantSubject, target: Pick<GrantTarget, "bucketName" | "region">): PolicyStatement {
    return {
        Sid: grantSids(subject.sidBase).keyUse,
        Effect: "Allow",
        Principal: { AWS: subject.principalArn },
        Action: grantKmsActions(subject.access),
        Resource: "*",
        Condition: {
            StringEquals: {
                "kms:ViaService": s3ViaService(target.region),
                "kms:CallerAccount": subject.principalAccountId,
            },
            ...grantedBucketEncryptionContext(target.bucketName),
        },
    };
}

/**
 * The key-policy statement a reading grant keeps on a retired key that this stack still manages (a shared key other
 * buckets use): Decrypt only, for this bucket's objects only. A principal of another account needs it as well as its
 * IAM policy (AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS key").
 */
export function grantRetiredKeyPolicyStatement(subject: GrantSubject, target: Pick<GrantTarget, "bucketName" | "region">): PolicyStatement {
    return { ...grantKeyPolicyStatement({ ...subject, access: "read" }, target), Sid: grantSids(subject.sidBase).retiredKeys };
}

/** Bucket-policy statements; none for a same-account principal, whose IAM policy is enough. */
export function grantBucketPolicyStatements(subject: GrantSubject, target: GrantTarget): PolicyStatement[] {
    if (!isCrossAccount(subject, target)) {
        return [];
    }
    const sids = grantSids(subject.sidBase);
    return [
        withCondition(
            {
                Sid: sids.list,
                Effect: "Allow",
                Principal: { AWS: subject.principalArn },
                Action: grantBucketActions(subject.access),
                Resource: bucketArn(target.bucketName),
            },
            listCondition(subject.prefix),
        ),
        {
            Sid: sids.objects,
            Effect: "Allow",
            Principal: { AWS: subject.principalArn },
            Action: grantObjectActions(subject.access),
            Resource: objectsArn(target.bucketName, subject.prefix),
        },
    ];
}

/** The principal's IAM policy (attached in its own account, or handed to that account's admins). */
/** What the identity policy depends on: access, prefix and Sids, not who the principal is (an organisation's members share one). */
export type GrantScope = Pick<GrantSubject, "access" | "prefix" | "sidBase">;

/** Decrypt on the retired keys, through S3 and for this bucket only, so objects written before a key move stay readable. */
function retiredKeysIdentityStatements(subject: GrantScope, target: GrantTarget): PolicyStatement[] {
    const retired = target.retiredKeyArns ?? [];
    if (retired.length === 0 || !reads(subject.access)) {
        return [];
    }
    return [
        {
            Sid: grantSids(subject.sidBase).retiredKeys,
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [...retired],
            Condition: {
                StringEquals: { "kms:ViaService": s3ViaService(target.region) },
                ...grantedBucketEncryptionContext(target.bucketName),
            },
        },
    ];
}

export function grantIdentityPolicy(subject: GrantSubject | GrantScope, target: GrantTarget): PolicyDocument {
    const sids = grantSids(subject.sidBase);
    return policyDocument([
        withCondition(
            {
                Sid: sids.list,
                Effect: "Allow",
                Action: grantBucketActions(subject.access),
                Resource: bucketArn(target.bucketName),
            },
            listCondition(subject.prefix),
        ),
        {
            Sid: sids.objects,
            Effect: "Allow",
            Action: grantObjectActions(subject.access),
            Resource: objectsArn(target.bucketName, subject.prefix),
        },
        {
            Sid: sids.identityKey,
            Effect: "Allow",
            Action: grantKmsActions(subject.access),
            Resource: target.keyArn,
            Condition: {
                StringEquals: { "kms:ViaService": s3ViaService(target.region) },
                ...grantedBucketEncryptionContext(target.bucketName),
            },
        },
        ...retiredKeysIdentityStatements(subject, target),
    ]);
}

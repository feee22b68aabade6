import { parseKmsKeyArn, s3ViaService } from "./arns";
import { SID_PATTERN } from "./sids";
import { Condition } from "./types";

// The plain-string view of the two ends of a replication that every replication builder takes,
// the checks on it, and the KMS condition block all replication KMS statements share.

/** One bucket taking part in a replication, with its values already resolved. */
export interface ReplicationBucketEnd {
    /** `arn:aws:s3:::<bucket>` */
    bucketArn: string;
    /** Key ARN of the bucket's default CMK (never an alias: S3 replication rejects aliases). */
    keyArn: string;
    /** Region of the bucket and of its key. */
    region: string;
    /** Account that owns the bucket and the key. */
    accountId: string;
    /** Whether the bucket uses an S3 Bucket Key (then S3 also calls kms:Decrypt on the replica key). */
    bucketKeyEnabled: boolean;
    /** Whether the bucket has S3 Object Lock (as a source, its role also reads retention and legal holds). Default false. */
    objectLockEnabled?: boolean;
}

/** A destination as the source's replication role sees it. */
export interface ReplicationDestinationEnd extends ReplicationBucketEnd {
    /** Alphanumeric Sid fragment naming this destination, unique within one replication role. */
    sidToken: string;
    /** Whether the rule sets `accessControlTranslation.owner = Destination` (cross-account only). */
    ownerOverride: boolean;
}

const BUCKET_ARN = /^arn:aws:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;
const ALIAS = /(^alias\/)|(:alias\/)/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;

export function assertBucketArn(value: string, field: string): void {
    if (!BUCKET_ARN.test(value)) {
        throw new Error(`${field}: "${value}" is not a bucket ARN; pass "arn:aws:s3:::<bucket-name>" (the bucket's arn output)`);
    }
}

/** Accepts only a key ARN; an alias or a bare key id is rejected because replication needs the key ARN. */
export function assertKmsKeyArn(value: string, field: string): void {
    if (ALIAS.test(value)) {
        throw new Error(
            `${field}: "${value}" is a KMS alias; S3 replication needs the key ARN ` +
                `("arn:aws:kms:<region>:<account>:key/<key-id>"), pass the key's arn output instead of its alias`,
        );
    }
    if (parseKmsKeyArn(value) === undefined) {
        throw new Error(`${field}: "${value}" is not a KMS key ARN; pass "arn:aws:kms:<region>:<account>:key/<key-id>"`);
    }
}

/** Checks one end: ARNs well-formed, key in the bucket's region (SSE-KMS cannot use a key from another region). */
export function assertBucketEnd(end: ReplicationBucketEnd, field: string): void {
    assertBucketArn(end.bucketArn, `${field}.bucketArn`);
    assertKmsKeyArn(end.keyArn, `${field}.keyArn`);
    if (!ACCOUNT_ID.test(end.accountId)) {
        throw new Error(`${field}.accountId: "${end.accountId}" is not a 12-digit AWS account id`);
    }
    const keyRegion = parseKmsKeyArn(end.keyArn)?.region;
    if (keyRegion !== end.region) {
        throw new Error(
            `${field}.keyArn: the key is in region "${keyRegion}" but the bucket is in "${end.region}"; ` +
                `use a key created in the bucket's region`,
        );
    }
}

export function assertRoleArn(value: string, field: string): void {
    if (!ROLE_ARN.test(value)) {
        throw new Error(`${field}: "${value}" is not an IAM role ARN; pass the replication role's arn output or replicationRoleArn(...)`);
    }
}

export function assertSidToken(token: string, field: string): void {
    if (!SID_PATTERN.test(token)) {
        throw new Error(`${field}: "${token}" must be letters and digits only (it becomes part of a statement Sid); build it with sidToken()`);
    }
}

/**
 * Limits a KMS permission to S3 in the bucket's region acting for this one bucket. The encryption
 * context is the object ARN without an S3 Bucket Key and the bucket ARN with one, so both are
 * listed: a policy with only `bucket/*` breaks as soon as a bucket key is turned on (AFT #639).
 */
export function s3KmsConditions(region: string, bucketArn: string): Condition {
    return {
        StringEquals: { "kms:ViaService": s3ViaService(region) },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
    };
}

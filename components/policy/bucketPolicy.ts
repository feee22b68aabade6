// Bucket-policy guardrails: independent Deny statements, each behind a toggle that defaults to the
// secure choice. Every statement names `Principal: "*"` (S3 rejects a bucket-policy statement
// without a principal) and carries a stable Sid.
import { bucketArn, objectsArn } from "./arns";
import { PolicyStatement } from "./types";

export const BUCKET_GUARDRAIL_SIDS = {
    denyInsecureTransport: "DenyInsecureTransport",
    denyOutdatedTls: "DenyOutdatedTlsVersion",
    denySignatureV2: "DenySignatureVersion2",
    denyWrongAlgorithmHeader: "DenyWrongEncryptionAlgorithmHeader",
    denyWrongKeyHeader: "DenyWrongKmsKeyHeader",
    denyKmsHeaderWithoutKeyId: "DenyKmsHeaderWithoutKeyId",
    /** Exactly AWS's "DenyUnEncryptedObjectUploads" statement (Amazon S3 User Guide, "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)"), Sid included. */
    strictRequireKmsHeader: "DenyUnEncryptedObjectUploads",
    strictRequireBucketKeyHeader: "DenyUploadsWithoutThisBucketKey",
    denySseC: "DenySseCUploads",
} as const;

export type MinimumTlsVersion = "1.2" | "1.3";

/**
 * "compatible": headers are checked only when present, so uploads that send no encryption headers
 * still succeed and are encrypted with the bucket's default key (AWS CLI, log delivery, Terraform
 * lock files, all of which rely on the bucket's default encryption).
 * "strict": AWS's DenyUnEncryptedObjectUploads (Amazon S3 User Guide, "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)"), which also denies header-less uploads.
 * "strict-key": strict, and the key-id header must name this bucket's key.
 * Both strict modes deny multipart uploads: UploadPart and CompleteMultipartUpload are s3:PutObject (Amazon S3 User Guide,
 * "Multipart upload API and permissions") but cannot carry the encryption headers (Amazon S3 API Reference, "UploadPart"),
 * and a missing key makes StringNotEquals true. No condition key tells a part from a header-less PutObject, so the
 * statements cannot be narrowed; "compatible" is the mode for buckets that receive large uploads.
 */
export type EncryptionHeaderMode = "compatible" | "strict" | "strict-key";

export const ENCRYPTION_HEADER_MODES = ["compatible", "strict", "strict-key"] as const satisfies readonly EncryptionHeaderMode[];

export interface BucketGuardrails {
    /** Deny every request not made over TLS (`aws:SecureTransport = false`). */
    requireTls: boolean;
    /** Deny TLS below this version; `false` turns the statement off. */
    minimumTlsVersion: MinimumTlsVersion | false;
    /** Deny requests signed with Signature Version 2 (SSE-KMS objects need SigV4: Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)"). */
    denySigV2: boolean;
    /** Deny a present `x-amz-server-side-encryption` header other than aws:kms, and a present key-id header other than this bucket's key. */
    denyWrongEncryptionHeaders: boolean;
    /**
     * Deny `aws:kms` sent without a key-id header: S3 would then use the AWS managed key aws/s3
     * instead of the bucket's key (Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)": "If the header is not present ... S3 assumes the AWS
     * managed CMK").
     */
    denyKmsHeaderWithoutKeyId: boolean;
    encryptionHeader: EncryptionHeaderMode;
    /** Deny customer-provided keys (SSE-C): the data would not be protected by this bucket's key. */
    denySseC: boolean;
}

export const SECURE_GUARDRAIL_DEFAULTS: Readonly<BucketGuardrails> = Object.freeze({
    requireTls: true,
    minimumTlsVersion: "1.2",
    denySigV2: true,
    denyWrongEncryptionHeaders: true,
    denyKmsHeaderWithoutKeyId: true,
    encryptionHeader: "compatible",
    denySseC: true,
});

/** Fills unset toggles with the secure defaults. */
export function resolveGuardrails(overrides: Partial<BucketGuardrails> = {}): BucketGuardrails {
    const resolved: BucketGuardrails = { ...SECURE_GUARDRAIL_DEFAULTS };
    for (const [name, value] of Object.entries(overrides) as [keyof BucketGuardrails, BucketGuardrails[keyof BucketGuardrails] | undefined][]) {
        if (value !== undefined) {
            (resolved as unknown as Record<string, unknown>)[name] = value;
        }
    }
    return resolved;
}

const SSE_HEADER = "s3:x-amz-server-side-encryption";
const SSE_KEY_ID_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";
const SSE_C_ALGORITHM_HEADER = "s3:x-amz-server-side-encryption-customer-algorithm";

function bucketAndObjects(bucketName: string): string[] {
    return [bucketArn(bucketName), objectsArn(bucketName)];
}

export function denyInsecureTransportStatement(bucketName: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denyInsecureTransport,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: bucketAndObjects(bucketName),
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

export function denyOutdatedTlsStatement(bucketName: string, minimum: MinimumTlsVersion): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denyOutdatedTls,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: bucketAndObjects(bucketName),
        Condition: { NumericLessThan: { "s3:TlsVersion": minimum } },
    };
}

/**
 * AWS documents `s3:signatureversion` values "AWS" (SigV2) and "AWS4-HMAC-SHA256" (SigV4). Matching
 * "AWS" denies exactly SigV2; a StringNotEquals on the SigV4 value would also fire for requests
 * that carry no signature at all, which is not what this toggle is about.
 */
export function denySignatureV2Statement(bucketName: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denySignatureV2,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: bucketAndObjects(bucketName),
        Condition: { StringEquals: { "s3:signatureversion": "AWS" } },
    };
}

/**
 * The `Null: false` half makes these "present and wrong": a negated operator alone is true when
 * the header is missing, which would deny uploads relying on default encryption (IAM User Guide, "IAM JSON policy
 * elements: Condition operators", section "...IfExists condition operators").
 * Only s3:PutObject is named, so s3:ReplicateObject writes by a replication role are unaffected.
 */
export function denyWrongAlgorithmHeaderStatement(bucketName: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denyWrongAlgorithmHeader,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: objectsArn(bucketName),
        Condition: {
            StringNotEquals: { [SSE_HEADER]: "aws:kms" },
            Null: { [SSE_HEADER]: "false" },
        },
    };
}

export function denyWrongKeyHeaderStatement(bucketName: string, keyArn: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denyWrongKeyHeader,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: objectsArn(bucketName),
        Condition: {
            StringNotEquals: { [SSE_KEY_ID_HEADER]: keyArn },
            Null: { [SSE_KEY_ID_HEADER]: "false" },
        },
    };
}

/** Both Null checks sit in one operator block, so they are ANDed: algorithm present, key id absent. */
export function denyKmsHeaderWithoutKeyIdStatement(bucketName: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denyKmsHeaderWithoutKeyId,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: objectsArn(bucketName),
        Condition: { Null: { [SSE_HEADER]: "false", [SSE_KEY_ID_HEADER]: "true" } },
    };
}

/** AWS's "DenyUnEncryptedObjectUploads" (Amazon S3 User Guide, "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)"), reproduced exactly. */
export function strictRequireKmsHeaderStatement(bucketName: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.strictRequireKmsHeader,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: objectsArn(bucketName),
        Condition: { StringNotEquals: { [SSE_HEADER]: "aws:kms" } },
    };
}

/** "Require a particular KMS key" (Amazon S3 User Guide, "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)"): also denies uploads that omit the key-id header. */
export function strictRequireBucketKeyHeaderStatement(bucketName: string, keyArn: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.strictRequireBucketKeyHeader,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: objectsArn(bucketName),
        Condition: { StringNotEquals: { [SSE_KEY_ID_HEADER]: keyArn } },
    };
}

export function denySseCStatement(bucketName: string): PolicyStatement {
    return {
        Sid: BUCKET_GUARDRAIL_SIDS.denySseC,
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: objectsArn(bucketName),
        Condition: { Null: { [SSE_C_ALGORITHM_HEADER]: "false" } },
    };
}

export interface GuardrailTarget {
    bucketName: string;
    /** The bucket's default key, as a key ARN (S3 compares the header literally; an alias never matches). */
    keyArn: string;
}

/** The guardrail statements for `settings`, in a fixed order. */
export function bucketGuardrailStatements(target: GuardrailTarget, settings: BucketGuardrails): PolicyStatement[] {
    const { bucketName, keyArn } = target;
    const statements: PolicyStatement[] = [];
    if (settings.requireTls) {
        statements.push(denyInsecureTransportStatement(bucketName));
    }
    if (settings.minimumTlsVersion !== false) {
        statements.push(denyOutdatedTlsStatement(bucketName, settings.minimumTlsVersion));
    }
    if (settings.denySigV2) {
        statements.push(denySignatureV2Statement(bucketName));
    }
    if (settings.denyWrongEncryptionHeaders) {
        statements.push(denyWrongAlgorithmHeaderStatement(bucketName), denyWrongKeyHeaderStatement(bucketName, keyArn));
    }
    if (settings.denyKmsHeaderWithoutKeyId) {
        statements.push(denyKmsHeaderWithoutKeyIdStatement(bucketName));
    }
    if (settings.encryptionHeader !== "compatible") {
        statements.push(strictRequireKmsHeaderStatement(bucketName));
    }
    if (settings.encryptionHeader === "strict-key") {
        statements.push(strictRequireBucketKeyHeaderStatement(bucketName, keyArn));
    }
    if (settings.denySseC) {
        statements.push(denySseCStatement(bucketName));
    }
    return statements;
}

/** The Sids `bucketGuardrailStatements` will emit, known before the bucket and key ARNs are. */
export function bucketGuardrailSids(settings: BucketGuardrails): string[] {
    return bucketGuardrailStatements({ bucketName: "placeholder", keyArn: "placeholder" }, settings).map((s) => s.Sid as string);
}

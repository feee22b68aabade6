// The action sets this project grants, in one place, so the key policy, the bucket policy, the
// consumer policies, the docs and the lint test all agree. Every list is explicit: no wildcard that
// could widen when AWS adds actions, except where AWS's own key-user statement has one (kms:ReEncrypt*, kms:GenerateDataKey*; AWS KMS Developer Guide, "Default key policy").

/**
 * Key administration without cryptographic use and without kms:CreateGrant (AWS KMS Developer Guide, "Default key policy",
 * "Allows key administrators to administer the KMS key": administrators "cannot use the KMS key in cryptographic operations"; a grant would let an administrator
 * hand themselves Decrypt). Compare CDK ADMIN_ACTIONS and terraform-aws-kms KeyAdministration,
 * whose `kms:Create*` / `kms:Get*` wildcards include CreateGrant and GetPublicKey.
 */
export const KEY_ADMINISTRATION_ACTIONS: readonly string[] = [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:EnableKeyRotation",
    "kms:DisableKeyRotation",
    "kms:RotateKeyOnDemand",
    "kms:ListKeyRotations",
    "kms:ListKeyPolicies",
    "kms:ListResourceTags",
    "kms:ListGrants",
    "kms:RevokeGrant",
    "kms:EnableKey",
    "kms:DisableKey",
    "kms:UpdateKeyDescription",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:TagResource",
    "kms:UntagResource",
];

/** Separate from administration so "Allow key administrators to delete this key" (AWS KMS Developer Guide, "Create a KMS key", console steps) is a switch. */
export const KEY_DELETION_ACTIONS: readonly string[] = ["kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"];

/** The key-user actions of AWS KMS Developer Guide, "Default key policy" ("Allows key users to use the KMS key") that S3 performs on the caller's behalf (scoped with kms:ViaService). */
export const KEY_USER_CRYPTO_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

/** The remaining key-user action of the default key policy: callers invoke DescribeKey directly, never via S3. */
export const KEY_USER_DESCRIBE_ACTIONS: readonly string[] = ["kms:DescribeKey"];

/** What AWS services need to attach grants to the key (EBS, RDS, ...), guarded by kms:GrantIsForAWSResource. */
export const KEY_SERVICE_GRANT_ACTIONS: readonly string[] = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

export type GrantAccess = "read" | "write" | "read-write";

export const GRANT_ACCESS_LEVELS = ["read", "write", "read-write"] as const satisfies readonly GrantAccess[];

export type ObjectOwnership = "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";

/** Whether a grant reads objects (read, read-write). */
export function reads(access: GrantAccess): boolean {
    return access === "read" || access === "read-write";
}

function writes(access: GrantAccess): boolean {
    return access === "write" || access === "read-write";
}

/**
 * Object-level S3 actions an AWS service principal's grant gets (the AWS Knowledge Center article "How can I allow users to download from and upload
 * to my S3 bucket that has default encryption using a custom AWS KMS key?"). Writers get s3:PutObjectAcl as that article
 * advises for cross-account uploads: a PutObject that carries an ACL header (`--acl bucket-owner-full-control`, which many
 * tools and organisations' own policies send) needs it (Amazon S3 API Reference, "PutObject", "Permissions": "To
 * successfully change the objects ACL of your PutObject request, you must have the s3:PutObjectAcl"). With ACLs disabled
 * (BucketOwnerEnforced) S3 still accepts that one canned ACL and refuses every other ACL (Amazon S3 User Guide,
 * "Troubleshooting" of Object Ownership, AccessControlListNotSupported), so the permission can change no object's access.
 */
export function serviceGrantObjectActions(access: GrantAccess): string[] {
    const actions: string[] = [];
    if (reads(access)) {
        actions.push("s3:GetObject", "s3:GetObjectVersion");
    }
    if (writes(access)) {
        // AbortMultipartUpload lets a failed large upload clean up its parts (they are billed until then).
        actions.push("s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload");
    }
    return actions;
}

/**
 * Reading an object's tag set, of the current object or of a version. The AWS CLI's `s3 cp`, `mv` and `sync` between
 * buckets copy an object above the multipart threshold in parts and carry its tags over themselves, starting with
 * GetObjectTagging on the source, whether or not it has tags (AWS CLI Command Reference, "s3 cp", `--copy-props`; AWS
 * Knowledge Center, "Why can't I copy an object between two Amazon S3 buckets?"): without it a reader cannot copy a
 * large object out of the bucket. Tags are never written by a grant: replication rules filter on them, so s3:PutObjectTagging
 * would let a writer steer objects it did not write into or out of a replication.
 */
export const TAG_READ_ACTIONS: readonly string[] = ["s3:GetObjectTagging", "s3:GetObjectVersionTagging"];

/**
 * Reading an object's metadata without its data, of the current object or of a version: GetObjectAttributes needs
 * s3:GetObjectAttributes, and s3:GetObjectVersion with s3:GetObjectVersionAttributes for a version (Amazon S3 API
 * Reference, "GetObjectAttributes", "Permissions"; on a versioned bucket, which every bucket here is, that page names
 * the version pair). Part of "read": SDKs and tools use it for checksums, sizes and part counts of what they download
 * (`aws s3api get-object-attributes`), and it returns only metadata of an object the reader may download.
 */
export const ATTRIBUTE_READ_ACTIONS: readonly string[] = ["s3:GetObjectAttributes", "s3:GetObjectVersionAttributes"];

/**
 * Resuming a multipart upload the writer started: ListParts needs s3:ListMultipartUploadParts (Amazon S3 User Guide,
 * "Uploading and copying objects using multipart upload", "Multipart upload API and permissions"), on the object,
 * so a prefix limits it like s3:PutObject. s3:ListBucketMultipartUploads (ListMultipartUploads) is not granted: it is a
 * bucket-level action without the s3:prefix condition key (Service Authorization Reference, "Actions, resources, and
 * condition keys for Amazon S3"), so it would list the keys of every upload in progress, outside a grant's prefix too.
 */
export const MULTIPART_WRITE_ACTIONS: readonly string[] = ["s3:ListMultipartUploadParts"];

/**
 * Object-level S3 actions of a grant to IAM principals (grants, organization reads): a service's, readers also read
 * attributes and tags, writers also list the parts of their uploads.
 */
export function grantObjectActions(access: GrantAccess): string[] {
    const actions = serviceGrantObjectActions(access);
    const extraWrites = writes(access) ? [...MULTIPART_WRITE_ACTIONS] : [];
    if (!reads(access)) {
        return [...actions, ...extraWrites];
    }
    const firstWrite = actions.findIndex((action) => !action.startsWith("s3:Get"));
    const at = firstWrite === -1 ? actions.length : firstWrite;
    return [...actions.slice(0, at), ...ATTRIBUTE_READ_ACTIONS, ...TAG_READ_ACTIONS, ...actions.slice(at), ...extraWrites];
}

/** The bucket-level action every grant gets: ListBucket, which `aws s3 ls`, `aws s3 sync` and recursive copies need (same Knowledge Center article). */
export const LIST_BUCKET_ACTIONS: readonly string[] = ["s3:ListBucket"];

/**
 * Bucket-level S3 actions of a grant to IAM principals: ListBucket, and for readers ListBucketVersions, without which
 * the versions a reader may download (s3:GetObjectVersion) cannot be found (Amazon S3 API Reference,
 * "ListObjectVersions": s3:ListBucketVersions). Both take the s3:prefix condition key, so a prefix limits both.
 */
export function grantBucketActions(access: GrantAccess): string[] {
    return reads(access) ? [...LIST_BUCKET_ACTIONS, "s3:ListBucketVersions"] : [...LIST_BUCKET_ACTIONS];
}

/**
 * KMS actions S3 calls with the grantee's credentials: Decrypt to read; GenerateDataKey to write,
 * plus Decrypt because multipart uploads decrypt the data key for each part (aws/aws-cdk#8947).
 */
export function grantKmsActions(access: GrantAccess): string[] {
    return writes(access) ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"];
}

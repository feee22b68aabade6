// The object operations next to GetObject and PutObject, and what a grant gives for each. A grant is
// "download" (s3:GetObject, s3:GetObjectVersion, their attributes and tags, and s3:ListBucketVersions), "upload"
// (s3:PutObject, s3:PutObjectAcl, s3:AbortMultipartUpload, s3:ListMultipartUploadParts) and s3:ListBucket; the
// operations below authorize as actions of their own (Service Authorization Reference, "Actions, resources, and
// condition keys for Amazon S3"), so a grant must neither give them by accident nor be mistaken for giving them:
// - Amazon S3 API Reference, "HeadObject" and "GetObject": a version (versionId) needs s3:GetObjectVersion.
// - Amazon S3 API Reference, "GetObjectAttributes": s3:GetObjectAttributes, and s3:GetObjectVersion with
//   s3:GetObjectVersionAttributes for a version (or, on a versioned bucket, always): reading grants include both,
//   since every bucket here is versioned and `aws s3api get-object-attributes` is a read.
// - Amazon S3 API Reference, "ListObjectVersions": s3:ListBucketVersions, which reading grants include, limited
//   to the grant's prefix by s3:prefix like s3:ListBucket: without it a reader cannot find an older version.
// - Amazon S3 API Reference, "GetObjectTagging": s3:GetObjectTagging (s3:GetObjectVersionTagging for a version),
//   which reading grants include: the AWS CLI reads the tags of every object it copies in parts between buckets
//   (AWS CLI Command Reference, "s3 cp", --copy-props).
// - Amazon S3 API Reference, "PutObject" ("x-amz-tagging": s3:PutObjectTagging),
//   "RestoreObject", "DeleteObjectVersion".
// - AWS KMS Developer Guide, "Default key policy": key users use the key, administrators manage it; a
//   grantee is a key user of one bucket, never an administrator.
import { ALLOWED, notGranted } from "../support/scenario";
import type { OracleRequest } from "../support/oracle";
import {
    allow,
    BUCKET_ARN,
    deployment,
    expectDecisions,
    granteeCaller,
    KEY_ARN,
    kms,
    kmsManagement,
    objectArn,
    READER_PREFIX,
    s3List,
    s3Object,
    type Deployment,
} from "./fixtures";
import type { Caller } from "../support/requestContext";

const INSIDE = `${READER_PREFIX}2026/q3.csv`;

/** A bucket-level request other than ListBucket (e.g. ListObjectVersions -> s3:ListBucketVersions); `prefix` as in s3List. */
function bucketRequest(d: Deployment, caller: Caller, action: string, prefix?: string): OracleRequest {
    return { ...s3List(d, caller, prefix), action };
}

describe("AWS docs (HeadObject, GetObject versionId, GetObjectAttributes): what a reading grant reads", () => {
    it("a reader in another account heads and downloads current and older versions, and decrypts them", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        await expectDecisions([
            ["HeadObject (s3:GetObject)", ALLOWED, s3Object(d, reader, "s3:GetObject", INSIDE)],
            ["HeadObject / GetObject with versionId (s3:GetObjectVersion)", ALLOWED, s3Object(d, reader, "s3:GetObjectVersion", INSIDE)],
            // Every version of an object has the same ARN, so the same encryption context.
            ["kms:Decrypt of the older version via S3", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn(INSIDE) })],
            ["s3:GetObjectVersion outside the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObjectVersion", "payroll/2026.csv")],
        ]);
    });

    it("a reader reads the tags of what it may read (current and older versions), and only there", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        const local = granteeCaller(d, "localReader");
        await expectDecisions([
            ["GetObjectTagging (s3:GetObjectTagging)", ALLOWED, s3Object(d, reader, "s3:GetObjectTagging", INSIDE)],
            ["GetObjectTagging with versionId (s3:GetObjectVersionTagging)", ALLOWED, s3Object(d, reader, "s3:GetObjectVersionTagging", INSIDE)],
            ["GetObjectTagging outside the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObjectTagging", "payroll/2026.csv")],
            ["local reader GetObjectTagging", ALLOWED, s3Object(d, local, "s3:GetObjectTagging", INSIDE)],
            ["GetObjectTagging by a write-only grantee", notGranted("identity", "resource"), s3Object(d, granteeCaller(d, "partnerWriter"), "s3:GetObjectTagging", "incoming/x.bin")],
        ]);
    });

    it("a reader lists versions and reads attributes within its prefix (current and older versions), but restores nothing", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        const local = granteeCaller(d, "localReader");
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["GetObjectAttributes (s3:GetObjectAttributes)", ALLOWED, s3Object(d, reader, "s3:GetObjectAttributes", INSIDE)],
            ["GetObjectAttributes of a version (s3:GetObjectVersionAttributes)", ALLOWED, s3Object(d, reader, "s3:GetObjectVersionAttributes", INSIDE)],
            ["GetObjectAttributes outside the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObjectVersionAttributes", "payroll/2026.csv")],
            ["ListObjectVersions with the grant's prefix (s3:ListBucketVersions)", ALLOWED, bucketRequest(d, reader, "s3:ListBucketVersions", READER_PREFIX)],
            ["ListObjectVersions of the whole bucket", notGranted("identity", "resource"), bucketRequest(d, reader, "s3:ListBucketVersions")],
            ["ListObjectVersions with another prefix", notGranted("identity", "resource"), bucketRequest(d, reader, "s3:ListBucketVersions", "payroll/")],
            ["RestoreObject (s3:RestoreObject)", notGranted("identity", "resource"), s3Object(d, reader, "s3:RestoreObject", INSIDE)],
            // Same account: no bucket-policy statement is needed, so only the IAM side decides.
            ["local reader GetObjectAttributes", ALLOWED, s3Object(d, local, "s3:GetObjectAttributes", INSIDE)],
            ["local reader ListObjectVersions (no prefix)", ALLOWED, bucketRequest(d, local, "s3:ListBucketVersions")],
            ["local reader RestoreObject", notGranted("identity"), s3Object(d, local, "s3:RestoreObject", INSIDE)],
            // Versions are for readers: a write-only grantee sees no version listing or attributes.
            ["write-only ListObjectVersions", notGranted("identity", "resource"), bucketRequest(d, writer, "s3:ListBucketVersions")],
            ["write-only GetObjectAttributes", notGranted("identity", "resource"), s3Object(d, writer, "s3:GetObjectAttributes", "incoming/x.bin")],
        ]);
    });
});

describe("AWS docs (PutObject x-amz-tagging, PutObjectTagging, DeleteObjectVersion): what a writing grant writes", () => {
    // No s3:PutObjectTagging for writers: replication rules filter on tags, so retagging objects would let a writer
    // steer objects it did not write into (or out of) a replication.
    it("a writer uploads, but tags nothing and deletes no version", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const editor = granteeCaller(d, "partnerEditor");
        const key = "incoming/2026/tagged.bin";
        await expectDecisions([
            ["PutObject (s3:PutObject) with the bucket's key", ALLOWED, s3Object(d, writer, "s3:PutObject", key, { headers: { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN } })],
            // An upload with x-amz-tagging is also authorized as s3:PutObjectTagging, so it fails as a whole.
            ["the same upload's x-amz-tagging (s3:PutObjectTagging)", notGranted("identity", "resource"), s3Object(d, writer, "s3:PutObjectTagging", key)],
            ["PutObjectTagging by a read-write grantee", notGranted("identity", "resource"), s3Object(d, editor, "s3:PutObjectTagging", key)],
            ["DeleteObjectVersion by a read-write grantee", notGranted("identity", "resource"), s3Object(d, editor, "s3:DeleteObjectVersion", key)],
            ["DeleteObjectTagging by a read-write grantee", notGranted("identity", "resource"), s3Object(d, editor, "s3:DeleteObjectTagging", key)],
        ]);
    });
});

describe("AWS docs (Default key policy): a grantee uses the key for its bucket and never administers it", () => {
    it("a grantee of another account, even with an IAM policy allowing kms:*, cannot delete, re-policy or grant the key", async () => {
        const d = deployment();
        const editor = granteeCaller(d, "partnerEditor", [d.identity("partnerEditor"), allow("kms admin in its own account", "kms:*")]);
        await expectDecisions([
            ["kms:ScheduleKeyDeletion", notGranted("resource"), kmsManagement(d, editor, "kms:ScheduleKeyDeletion")],
            ["kms:PutKeyPolicy", notGranted("resource"), kmsManagement(d, editor, "kms:PutKeyPolicy")],
            ["kms:CreateGrant", notGranted("resource"), kmsManagement(d, editor, "kms:CreateGrant")],
            ["kms:DisableKey", notGranted("resource"), kmsManagement(d, editor, "kms:DisableKey")],
            ["kms:Decrypt called directly (not through S3)", notGranted("resource"), kms(d, editor, "kms:Decrypt", { via: "direct", encryptionContext: objectArn("x.csv") })],
        ]);
    });

    // Root delegation is on, so the key's own account could let its IAM grant more; the grant's IAM policy does not.
    it("a grantee of the key's account, with its grant's IAM policy, cannot administer the key or use it outside S3", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "localWriter");
        await expectDecisions([
            ["kms:ScheduleKeyDeletion", notGranted("identity"), kmsManagement(d, writer, "kms:ScheduleKeyDeletion")],
            ["kms:PutKeyPolicy", notGranted("identity"), kmsManagement(d, writer, "kms:PutKeyPolicy")],
            ["kms:CreateGrant", notGranted("identity"), kmsManagement(d, writer, "kms:CreateGrant")],
            ["kms:GenerateDataKey called directly (not through S3)", notGranted("identity"), kms(d, writer, "kms:GenerateDataKey", { via: "direct", encryptionContext: objectArn("x.csv") })],
            ["kms:Decrypt called directly (not through S3), bucket context", notGranted("identity"), kms(d, writer, "kms:Decrypt", { via: "direct", encryptionContext: BUCKET_ARN })],
        ]);
    });
});

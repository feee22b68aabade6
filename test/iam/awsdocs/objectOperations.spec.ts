// The object operations next to GetObject and PutObject, and what a grant gives for each. A grant is
// "download" (s3:GetObject, s3:GetObjectVersion and their tags), "upload" (s3:PutObject, s3:PutObjectAcl,
// s3:AbortMultipartUpload) and s3:ListBucket; the operations below authorize as actions of their own
// (Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3"), so a grant
// must neither give them by accident nor be mistaken for giving them:
// - Amazon S3 API Reference, "HeadObject" and "GetObject": a version (versionId) needs s3:GetObjectVersion.
// - Amazon S3 API Reference, "GetObjectAttributes": s3:GetObjectAttributes (s3:GetObjectVersionAttributes
//   for a version), which no grant includes.
// - Amazon S3 API Reference, "GetObjectTagging": s3:GetObjectTagging (s3:GetObjectVersionTagging for a version),
//   which reading grants include: the AWS CLI reads the tags of every object it copies in parts between buckets
//   (AWS CLI Command Reference, "s3 cp", --copy-props).
// - Amazon S3 API Reference, "PutObject" ("x-amz-tagging": s3:PutObjectTagging),
//   "RestoreObject", "DeleteObjectVersion", "ListObjectVersions" (s3:ListBucketVersions).
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

/** A bucket-level request other than ListBucket (e.g. ListObjectVersions -> s3:ListBucketVersions). */
function bucketRequest(d: Deployment, caller: Caller, action: string): OracleRequest {
    return { ...s3List(d, caller), action };
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

    it("a reader gets no attributes, version listing or restores: no grant includes them", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        const local = granteeCaller(d, "localReader");
        await expectDecisions([
            ["GetObjectAttributes (s3:GetObjectAttributes)", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObjectAttributes", INSIDE)],
            ["GetObjectAttributes of a version (s3:GetObjectVersionAttributes)", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObjectVersionAttributes", INSIDE)],
            ["ListObjectVersions (s3:ListBucketVersions)", notGranted("identity", "resource"), bucketRequest(d, reader, "s3:ListBucketVersions")],
            ["RestoreObject (s3:RestoreObject)", notGranted("identity", "resource"), s3Object(d, reader, "s3:RestoreObject", INSIDE)],
            // Same account: no bucket-policy statement is needed, so only the IAM side is missing.
            ["local reader GetObjectAttributes", notGranted("identity"), s3Object(d, local, "s3:GetObjectAttributes", INSIDE)],
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

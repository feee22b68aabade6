// Request flows users run every day, request by request, against the documents the components
// generate (compatible and strict header modes):
// - Amazon S3 User Guide, "Uploading and copying objects using multipart upload": CreateMultipartUpload
//   carries the encryption headers, UploadPart and CompleteMultipartUpload do not; each part needs
//   kms:Decrypt and the upload kms:GenerateDataKey.
// - Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)": a copy decrypts
//   the source with its key and encrypts the copy with the destination's; the copy request carries
//   the destination's encryption headers; without headers the bucket's default encryption applies.
// - Amazon S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys": with a Bucket
//   Key the encryption context is the bucket ARN, without one the object ARN.
// - Amazon S3 User Guide, "Sharing objects with presigned URLs": a presigned URL is only as good as
//   its signer's permissions; S3 reports it as s3:authType QUERY-STRING.
// - AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS key" and IAM User Guide,
//   "Cross-account policy evaluation logic": another role of the grantee's account is not the grantee.
import { BUCKET_GUARDRAIL_SIDS as SID } from "../../../components/policy/bucketPolicy";
import type { OracleRequest } from "../support/oracle";
import { PLAIN_HTTP, type EncryptionHeaders } from "../support/requestContext";
import { ALLOWED, deniedBy, notGranted } from "../support/scenario";
import {
    allow,
    BUCKET_ARN,
    callerWith,
    deployment,
    expectDecisions,
    granteeCaller,
    KEY_ARN,
    KEY_ID,
    kms,
    objectArn,
    OTHER_BUCKET_ARN,
    OWNER,
    PARTNER,
    READER_PREFIX,
    REGION,
    s3List,
    s3Object,
    STRANGER,
} from "./fixtures";

const BUCKET_KEY_HEADERS: EncryptionHeaders = { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN };
const LARGE = "exports/2026/dump.tar";
const SOURCE = "reports/2026/q1.csv";
const COPY = "reports/2026/q1-final.csv";

/** The same request, authenticated by a presigned URL (query-string signature) instead of an Authorization header. */
function presigned(request: OracleRequest): OracleRequest {
    return { ...request, context: { ...request.context, "s3:authType": "QUERY-STRING" } };
}

describe("AWS docs (Uploading and copying objects using multipart upload): each request of a multipart upload", () => {
    for (const name of ["partnerWriter", "localWriter"] as const) {
        it(`${name}: CreateMultipartUpload with the bucket's key, header-less UploadPart and Complete, Decrypt per part (both contexts)`, async () => {
            const d = deployment();
            const writer = granteeCaller(d, name);
            await expectDecisions([
                ["CreateMultipartUpload (s3:PutObject) with aws:kms and the key ARN", ALLOWED, s3Object(d, writer, "s3:PutObject", LARGE, { headers: BUCKET_KEY_HEADERS })],
                ["CreateMultipartUpload without headers (default encryption)", ALLOWED, s3Object(d, writer, "s3:PutObject", LARGE)],
                ["kms:GenerateDataKey via S3, object ARN context", ALLOWED, kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(LARGE) })],
                ["kms:GenerateDataKey via S3, bucket ARN context (Bucket Key)", ALLOWED, kms(d, writer, "kms:GenerateDataKey", { encryptionContext: BUCKET_ARN })],
                ["UploadPart (s3:PutObject, no encryption headers)", ALLOWED, s3Object(d, writer, "s3:PutObject", LARGE)],
                ["kms:Decrypt via S3 for UploadPart, object ARN context", ALLOWED, kms(d, writer, "kms:Decrypt", { encryptionContext: objectArn(LARGE) })],
                ["kms:Decrypt via S3 for UploadPart, bucket ARN context (Bucket Key)", ALLOWED, kms(d, writer, "kms:Decrypt", { encryptionContext: BUCKET_ARN })],
                ["CompleteMultipartUpload (s3:PutObject, no encryption headers)", ALLOWED, s3Object(d, writer, "s3:PutObject", LARGE)],
                ["ListParts, resuming the upload (s3:ListMultipartUploadParts)", ALLOWED, s3Object(d, writer, "s3:ListMultipartUploadParts", LARGE)],
                ["AbortMultipartUpload", ALLOWED, s3Object(d, writer, "s3:AbortMultipartUpload", LARGE)],
                ["UploadPart over plain HTTP", deniedBy(SID.denyInsecureTransport), s3Object(d, writer, "s3:PutObject", LARGE, { transport: PLAIN_HTTP })],
            ]);
        });
    }

    // ListMultipartUploads is bucket-level and takes no s3:prefix (Service Authorization Reference, "Actions, resources,
    // and condition keys for Amazon S3"): it would show the keys of every upload in progress, so no grant has it.
    it("a writer limited to a prefix lists the parts of its upload there, and no upload in progress of the bucket", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["ListMultipartUploads (s3:ListBucketMultipartUploads)", notGranted("identity", "resource"), { ...s3List(d, writer), action: "s3:ListBucketMultipartUploads" }],
            ["a reader's ListParts (s3:ListMultipartUploadParts)", notGranted("identity", "resource"), s3Object(d, reader, "s3:ListMultipartUploadParts", `${READER_PREFIX}big.bin`)],
        ]);
    });

    // UploadPart takes no x-amz-server-side-encryption header (Amazon S3 API Reference, "UploadPart": only SSE-C's)
    // and CompleteMultipartUpload none at all, yet both are s3:PutObject; a missing key makes StringNotEquals true
    // (IAM User Guide, "IAM JSON policy elements: Condition operators"), so AWS's DenyUnEncryptedObjectUploads refuses them.
    for (const mode of ["strict", "strict-key"] as const) {
        it(`${mode}: CreateMultipartUpload with the bucket's key passes, every UploadPart and CompleteMultipartUpload is refused`, async () => {
            const d = deployment({ encryptionHeader: mode });
            const writer = granteeCaller(d, "partnerWriter");
            await expectDecisions([
                ["CreateMultipartUpload (s3:PutObject) with aws:kms and the key ARN", ALLOWED, s3Object(d, writer, "s3:PutObject", LARGE, { headers: BUCKET_KEY_HEADERS })],
                ["UploadPart / CompleteMultipartUpload (s3:PutObject, no encryption headers)", deniedBy(SID.strictRequireKmsHeader), s3Object(d, writer, "s3:PutObject", LARGE)],
            ]);
        });
    }
});

describe("AWS docs (Specifying SSE-KMS): CopyObject within the bucket and across buckets sharing the key", () => {
    it("a read-write grantee in another account copies an object within the bucket (object and Bucket Key contexts)", async () => {
        const d = deployment();
        const editor = granteeCaller(d, "partnerEditor");
        await expectDecisions([
            ["s3:GetObject on the copy source", ALLOWED, s3Object(d, editor, "s3:GetObject", SOURCE)],
            ["s3:PutObject of the copy with aws:kms and the key ARN", ALLOWED, s3Object(d, editor, "s3:PutObject", COPY, { headers: BUCKET_KEY_HEADERS })],
            ["s3:PutObject of the copy without headers (default encryption)", ALLOWED, s3Object(d, editor, "s3:PutObject", COPY)],
            ["kms:Decrypt of the source, object ARN context", ALLOWED, kms(d, editor, "kms:Decrypt", { encryptionContext: objectArn(SOURCE) })],
            ["kms:GenerateDataKey for the copy, object ARN context", ALLOWED, kms(d, editor, "kms:GenerateDataKey", { encryptionContext: objectArn(COPY) })],
            ["kms:Decrypt / GenerateDataKey, bucket ARN context (Bucket Key)", ALLOWED, kms(d, editor, "kms:GenerateDataKey", { encryptionContext: BUCKET_ARN })],
        ]);
    });

    it("a copy into a strict bucket must carry aws:kms; a write-only grantee cannot read the copy source", async () => {
        const strict = deployment({ encryptionHeader: "strict" });
        const editor = granteeCaller(strict, "partnerEditor");
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["strict: s3:PutObject of the copy without headers", deniedBy(SID.strictRequireKmsHeader), s3Object(strict, editor, "s3:PutObject", COPY)],
            ["strict: s3:PutObject of the copy with aws:kms and the key ARN", ALLOWED, s3Object(strict, editor, "s3:PutObject", COPY, { headers: BUCKET_KEY_HEADERS })],
            ["write-only: s3:GetObject on the copy source", notGranted("identity", "resource"), s3Object(d, writer, "s3:GetObject", SOURCE)],
        ]);
    });

    it("the grant's key use does not follow a copy to or from another bucket on the same key", async () => {
        const d = deployment();
        const editor = granteeCaller(d, "partnerEditor");
        await expectDecisions([
            ["kms:GenerateDataKey for a copy into another bucket", notGranted("identity", "resource"), kms(d, editor, "kms:GenerateDataKey", { encryptionContext: objectArn(COPY, OTHER_BUCKET_ARN) })],
            ["kms:Decrypt of a copy source in another bucket", notGranted("identity", "resource"), kms(d, editor, "kms:Decrypt", { encryptionContext: objectArn(SOURCE, OTHER_BUCKET_ARN) })],
            ["kms:Decrypt of a copy source in another bucket (its Bucket Key context)", notGranted("identity", "resource"), kms(d, editor, "kms:Decrypt", { encryptionContext: OTHER_BUCKET_ARN })],
        ]);
    });
});

describe("AWS docs (Sharing objects with presigned URLs): the URL carries its signer's permissions", () => {
    const inside = `${READER_PREFIX}2026/q2.csv`;

    it("a URL signed by a grantee works over HTTPS and not over HTTP", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["presigned GET signed by the reader", ALLOWED, presigned(s3Object(d, reader, "s3:GetObject", inside))],
            ["kms:Decrypt via S3 with the signer's credentials", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn(inside) })],
            ["presigned PUT signed by the writer with aws:kms and the key ARN", ALLOWED, presigned(s3Object(d, writer, "s3:PutObject", LARGE, { headers: BUCKET_KEY_HEADERS }))],
            ["presigned PUT asking for aws:kms without a key id", deniedBy(SID.denyKmsHeaderWithoutKeyId), presigned(s3Object(d, writer, "s3:PutObject", LARGE, { headers: { serverSideEncryption: "aws:kms" } }))],
            ["presigned GET used over plain HTTP", deniedBy(SID.denyInsecureTransport), presigned(s3Object(d, reader, "s3:GetObject", inside, { transport: PLAIN_HTTP }))],
            ["presigned GET outside the signer's prefix", notGranted("identity", "resource"), presigned(s3Object(d, reader, "s3:GetObject", "payroll/2026.csv"))],
        ]);
    });

    it("a URL signed by someone the bucket never granted, or by a grantee without its IAM policy, gets nothing", async () => {
        const d = deployment();
        const stranger = callerWith(`arn:aws:iam::${STRANGER}:role/Administrator`, [allow("admin", ["s3:*", "kms:*"])]);
        const bareReader = granteeCaller(d, "partnerReader", []);
        await expectDecisions([
            ["presigned GET signed by an administrator of another account", notGranted("resource"), presigned(s3Object(d, stranger, "s3:GetObject", inside))],
            ["its kms:Decrypt via S3", notGranted("resource"), kms(d, stranger, "kms:Decrypt", { encryptionContext: objectArn(inside) })],
            ["presigned GET signed by the grantee without its IAM policy", notGranted("identity"), presigned(s3Object(d, bareReader, "s3:GetObject", inside))],
        ]);
    });
});

describe("AWS docs (Specifying SSE-KMS): the forms of x-amz-server-side-encryption-aws-kms-key-id", () => {
    // S3 compares the header as sent ("Protecting data with server-side encryption using AWS KMS keys
    // (SSE-KMS)": the condition names the key ARN); only the key ARN form is accepted.
    it("a writer of the bucket's account: the key ARN is accepted, other forms and other keys are not", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "localWriter");
        const aliasArn = `arn:aws:kms:${REGION}:${OWNER}:alias/example-data`;
        await expectDecisions([
            ["aws:kms and the key ARN", ALLOWED, s3Object(d, writer, "s3:PutObject", LARGE, { headers: BUCKET_KEY_HEADERS })],
            ["aws:kms and the bare key id", deniedBy(SID.denyWrongKeyHeader), s3Object(d, writer, "s3:PutObject", LARGE, { headers: { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ID } })],
            ["aws:kms and an alias ARN", deniedBy(SID.denyWrongKeyHeader), s3Object(d, writer, "s3:PutObject", LARGE, { headers: { serverSideEncryption: "aws:kms", kmsKeyId: aliasArn } })],
            ["aws:kms and a key ARN of the writer's other account", deniedBy(SID.denyWrongKeyHeader), s3Object(d, writer, "s3:PutObject", LARGE, { headers: { serverSideEncryption: "aws:kms", kmsKeyId: `arn:aws:kms:${REGION}:${PARTNER}:key/${KEY_ID}` } })],
        ]);
    });
});

describe("AWS docs (Cross-account policy evaluation logic): the grantee is one role, not its account", () => {
    it("another role of the grantee's account, with a copy of the grantee's IAM policy, is refused by the bucket and the key", async () => {
        const d = deployment();
        const sibling = callerWith(`arn:aws:iam::${PARTNER}:role/uploader-copy`, [d.identity("partnerWriter")]);
        await expectDecisions([
            ["s3:PutObject with the bucket's key", notGranted("resource"), s3Object(d, sibling, "s3:PutObject", LARGE, { headers: BUCKET_KEY_HEADERS })],
            ["kms:GenerateDataKey via S3", notGranted("resource"), kms(d, sibling, "kms:GenerateDataKey", { encryptionContext: objectArn(LARGE) })],
        ]);
    });
});

describe("AWS docs (Specifying SSE-KMS; Bucket Keys): listing, deleting and reading with and without a Bucket Key", () => {
    it("grantees list (write grants too, for sync); nobody deletes, no grant includes it", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const editor = granteeCaller(d, "partnerEditor");
        await expectDecisions([
            ["writer s3:ListBucket", ALLOWED, s3List(d, writer)],
            ["editor s3:ListBucket", ALLOWED, s3List(d, editor)],
            ["editor s3:DeleteObject", notGranted("identity", "resource"), s3Object(d, editor, "s3:DeleteObject", SOURCE)],
            ["editor s3:DeleteObjectVersion", notGranted("identity", "resource"), s3Object(d, editor, "s3:DeleteObjectVersion", SOURCE)],
            ["local writer s3:DeleteObject", notGranted("identity"), s3Object(d, granteeCaller(d, "localWriter"), "s3:DeleteObject", SOURCE)],
        ]);
    });

    // Same account, root delegation on: the key policy's account-root statement matches every request, so
    // only the caller's IAM policy (pinned to this bucket's encryption context) is missing for another bucket.
    it("a reader in the bucket's account: HeadObject/GetObject decrypt with either context; another bucket's objects on the same key do not", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "localReader");
        const refused = notGranted("identity");
        await expectDecisions([
            ["HeadObject (s3:GetObject)", ALLOWED, s3Object(d, reader, "s3:GetObject", SOURCE)],
            ["kms:Decrypt, object ARN context (no Bucket Key)", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn(SOURCE) })],
            ["kms:Decrypt, bucket ARN context (Bucket Key)", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: BUCKET_ARN })],
            ["kms:Decrypt for another bucket's object", refused, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn(SOURCE, OTHER_BUCKET_ARN) })],
            ["kms:Decrypt for another bucket (Bucket Key context)", refused, kms(d, reader, "kms:Decrypt", { encryptionContext: OTHER_BUCKET_ARN })],
            ["kms:Decrypt for a bucket whose name extends this one's", refused, kms(d, reader, "kms:Decrypt", { encryptionContext: `${BUCKET_ARN}-archive/${SOURCE}` })],
        ]);
    });
});

// Grants to IAM principals of the bucket's account and of another account, decided as the AWS
// documentation says they must be:
// - IAM User Guide, "Cross-account policy evaluation logic": a request to a resource of another
//   account needs an Allow in the caller's IAM policy AND in the resource policy; either alone is
//   an implicit deny.
// - Amazon S3 User Guide, "Bucket owner granting cross-account bucket permissions": the bucket
//   policy names the other account's principal, and that account's IAM policy grants it too.
// - AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS key": the key policy
//   must allow the external principal (or its account) and its IAM policy must allow the key.
// - Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)" and the
//   Knowledge Center article "How can I allow users to download from and upload to my S3 bucket
//   that has default encryption using a custom AWS KMS key?": uploads need kms:GenerateDataKey,
//   downloads kms:Decrypt; multipart uploads need both.
// - Amazon S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys": with a Bucket
//   Key the encryption context is the bucket ARN, not the object ARN.
import { ALLOWED, notGranted } from "../support/scenario";
import {
    BUCKET_ARN,
    deployment,
    expectDecisions,
    granteeCaller,
    KEY_ARN,
    kms,
    objectArn,
    OTHER_BUCKET_ARN,
    READER_PREFIX,
    s3List,
    s3Object,
} from "./fixtures";

const KMS_HEADERS = { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN };
const UPLOAD_KEY = "incoming/2026/batch-1.parquet";

describe("AWS docs: a writer in another account needs its IAM policy, the bucket policy and the key policy", () => {
    it("uploads, single and multipart, with all three policies (object and Bucket Key encryption contexts)", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["s3:PutObject with aws:kms and the key ARN", ALLOWED, s3Object(d, writer, "s3:PutObject", UPLOAD_KEY, { headers: KMS_HEADERS })],
            ["kms:GenerateDataKey via S3, object ARN context", ALLOWED, kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD_KEY) })],
            ["kms:GenerateDataKey via S3, bucket ARN context (Bucket Key)", ALLOWED, kms(d, writer, "kms:GenerateDataKey", { encryptionContext: BUCKET_ARN })],
            // Multipart: each UploadPart makes S3 decrypt the upload's data key with the caller's credentials.
            ["kms:Decrypt via S3 for UploadPart, object ARN context", ALLOWED, kms(d, writer, "kms:Decrypt", { encryptionContext: objectArn(UPLOAD_KEY) })],
            ["kms:Decrypt via S3 for UploadPart, bucket ARN context (Bucket Key)", ALLOWED, kms(d, writer, "kms:Decrypt", { encryptionContext: BUCKET_ARN })],
            ["s3:AbortMultipartUpload", ALLOWED, s3Object(d, writer, "s3:AbortMultipartUpload", UPLOAD_KEY)],
        ]);
    });

    it("is refused when its own account's IAM policy is missing", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter", []);
        await expectDecisions([
            ["s3:PutObject", notGranted("identity"), s3Object(d, writer, "s3:PutObject", UPLOAD_KEY, { headers: KMS_HEADERS })],
            ["kms:GenerateDataKey via S3", notGranted("identity"), kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD_KEY) })],
        ]);
    });

    it("is refused by S3 when the bucket policy does not name it", async () => {
        const d = deployment({ withoutBucketStatementsFor: ["partnerWriter"] });
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([["s3:PutObject", notGranted("resource"), s3Object(d, writer, "s3:PutObject", UPLOAD_KEY, { headers: KMS_HEADERS })]]);
    });

    it("is refused by KMS when the key policy does not name it, even though S3 accepts the upload", async () => {
        const d = deployment({ withoutKeyStatementFor: ["partnerWriter"] });
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["s3:PutObject", ALLOWED, s3Object(d, writer, "s3:PutObject", UPLOAD_KEY, { headers: KMS_HEADERS })],
            ["kms:GenerateDataKey via S3", notGranted("resource"), kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD_KEY) })],
        ]);
    });

    it("cannot use the key for another bucket's objects, nor outside S3, nor through S3 in another region", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["kms:GenerateDataKey via S3 for another bucket on the same key", notGranted("identity", "resource"), kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn("x.csv", OTHER_BUCKET_ARN) })],
            ["kms:Decrypt via S3 for another bucket (Bucket Key context)", notGranted("identity", "resource"), kms(d, writer, "kms:Decrypt", { encryptionContext: OTHER_BUCKET_ARN })],
            ["kms:Decrypt called directly (kms:ViaService absent)", notGranted("identity", "resource"), kms(d, writer, "kms:Decrypt", { via: "direct", encryptionContext: objectArn(UPLOAD_KEY) })],
            ["kms:GenerateDataKey via S3 in another region", notGranted("identity", "resource"), kms(d, writer, "kms:GenerateDataKey", { viaRegion: "us-east-1", encryptionContext: objectArn(UPLOAD_KEY) })],
        ]);
    });

    it("a write grant neither downloads nor deletes", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        await expectDecisions([
            ["s3:GetObject", notGranted("identity", "resource"), s3Object(d, writer, "s3:GetObject", UPLOAD_KEY)],
            ["s3:DeleteObject", notGranted("identity", "resource"), s3Object(d, writer, "s3:DeleteObject", UPLOAD_KEY)],
        ]);
    });
});

describe("AWS docs: a read-only grant in another account, limited to a prefix", () => {
    const inside = `${READER_PREFIX}2026/q1.csv`;

    it("downloads and lists under its prefix (object and Bucket Key encryption contexts)", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        await expectDecisions([
            ["s3:GetObject under the prefix", ALLOWED, s3Object(d, reader, "s3:GetObject", inside)],
            ["s3:GetObjectVersion under the prefix", ALLOWED, s3Object(d, reader, "s3:GetObjectVersion", inside)],
            ["kms:Decrypt via S3, object ARN context", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn(inside) })],
            ["kms:Decrypt via S3, bucket ARN context (Bucket Key)", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: BUCKET_ARN })],
            ["s3:ListBucket with s3:prefix = the grant's prefix", ALLOWED, s3List(d, reader, READER_PREFIX)],
            ["s3:ListBucket with s3:prefix below the grant's prefix", ALLOWED, s3List(d, reader, `${READER_PREFIX}2026/`)],
        ]);
    });

    it("writes, deletes and encrypts nothing", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        await expectDecisions([
            ["s3:PutObject under the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:PutObject", inside, { headers: KMS_HEADERS })],
            ["s3:DeleteObject under the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:DeleteObject", inside)],
            ["s3:PutObjectAcl under the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:PutObjectAcl", inside)],
            ["kms:GenerateDataKey via S3", notGranted("identity", "resource"), kms(d, reader, "kms:GenerateDataKey", { encryptionContext: objectArn(inside) })],
            ["kms:Encrypt via S3", notGranted("identity", "resource"), kms(d, reader, "kms:Encrypt", { encryptionContext: objectArn(inside) })],
            ["kms:ReEncryptFrom via S3", notGranted("identity", "resource"), kms(d, reader, "kms:ReEncryptFrom", { encryptionContext: objectArn(inside) })],
        ]);
    });

    it("reaches nothing outside its prefix, including a sibling whose name starts the same", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        await expectDecisions([
            ["s3:GetObject outside the prefix", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObject", "payroll/2026.csv")],
            ["s3:GetObject in a sibling prefix (reports-archive/)", notGranted("identity", "resource"), s3Object(d, reader, "s3:GetObject", "reports-archive/2020.csv")],
            ["s3:ListBucket with another s3:prefix", notGranted("identity", "resource"), s3List(d, reader, "payroll/")],
            ["s3:ListBucket of the sibling prefix", notGranted("identity", "resource"), s3List(d, reader, "reports-archive/")],
            ["s3:ListBucket without a prefix (the whole bucket)", notGranted("identity", "resource"), s3List(d, reader)],
        ]);
    });
});

describe("AWS docs: a reader in the bucket's own account", () => {
    it("needs no bucket-policy statement (IAM User Guide, \"Policy evaluation logic\": in one account either side may allow)", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "localReader");
        await expectDecisions([
            ["s3:GetObject", ALLOWED, s3Object(d, reader, "s3:GetObject", "any/object.csv")],
            ["kms:Decrypt via S3", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn("any/object.csv") })],
            ["s3:PutObject", notGranted("identity"), s3Object(d, reader, "s3:PutObject", "any/object.csv", { headers: KMS_HEADERS })],
        ]);
    });

    it("still decrypts without root delegation, because the grant names it in the key policy", async () => {
        const d = deployment({ rootDelegation: false });
        const reader = granteeCaller(d, "localReader");
        await expectDecisions([["kms:Decrypt via S3", ALLOWED, kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn("any/object.csv") })]]);
    });
});

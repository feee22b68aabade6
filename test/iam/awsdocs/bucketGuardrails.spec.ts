// The bucket-policy guardrails against the Amazon S3 User Guide:
// - "Specifying server-side encryption with AWS KMS (SSE-KMS)": aws:kms without a key id makes S3
//   use the AWS managed key aws/s3; SSE-KMS requests need TLS and Signature Version 4; the key-id
//   header must name a key of the caller's account unless it is a full key ARN.
// - "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)", "Requiring SSE-KMS
//   for all objects written to a bucket": DenyUnEncryptedObjectUploads refuses uploads without
//   x-amz-server-side-encryption: aws:kms, and the key-id condition requires one key ARN.
// - "Enforcing encryption in transit" / "Security best practices for Amazon S3": aws:SecureTransport
//   false and s3:TlsVersion below 1.2 are denied.
// - "Using server-side encryption with customer-provided keys (SSE-C)", "Blocking SSE-C": a present
//   x-amz-server-side-encryption-customer-algorithm header is refused.
// Each upload is made by a cross-account writer holding a full grant, so only the guardrail decides.
import { BUCKET_GUARDRAIL_SIDS as SID } from "../../../components/policy/bucketPolicy";
import { HTTPS, PLAIN_HTTP, SIGV2, TLS_1_0, type EncryptionHeaders } from "../support/requestContext";
import { ALLOWED, deniedBy, notGranted, type Expectation } from "../support/scenario";
import { callerWith, allow, deployment, expectDecisions, granteeCaller, KEY_ARN, KEY_ID, OTHER_KEY_ARN, s3List, s3Object, STRANGER } from "./fixtures";

const OBJECT_KEY = "incoming/file.bin";
const BUCKET_KEY: EncryptionHeaders = { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN };

type Case = [step: string, expect: Expectation, headers: EncryptionHeaders];

async function uploads(mode: "compatible" | "strict" | "strict-key", cases: readonly Case[]): Promise<void> {
    const d = deployment({ encryptionHeader: mode });
    const writer = granteeCaller(d, "partnerWriter");
    await expectDecisions(cases.map(([step, expect, headers]) => [step, expect, s3Object(d, writer, "s3:PutObject", OBJECT_KEY, { headers })]));
}

describe("AWS docs (Specifying SSE-KMS): upload headers on a compatible bucket", () => {
    it("accepts the bucket's key by ARN and header-less uploads (bucket default encryption), including UploadPart, which carries no encryption headers", async () => {
        await uploads("compatible", [
            ["aws:kms and the bucket's key ARN", ALLOWED, BUCKET_KEY],
            ["no encryption headers (default encryption applies)", ALLOWED, {}],
            ["UploadPart of an upload started with the bucket's key (parts carry no SSE-KMS headers)", ALLOWED, {}],
        ]);
    });

    it("refuses every header that would encrypt under another key or none of ours", async () => {
        await uploads("compatible", [
            ["aws:kms without a key id: S3 would use aws/s3", deniedBy(SID.denyKmsHeaderWithoutKeyId), { serverSideEncryption: "aws:kms" }],
            ["aws:kms with another key of the same account", deniedBy(SID.denyWrongKeyHeader), { serverSideEncryption: "aws:kms", kmsKeyId: OTHER_KEY_ARN }],
            // A bare key id resolves in the caller's account: for a writer from another account it names
            // one of its own keys, whatever S3 puts in the condition key, so it must fail.
            ["aws:kms with the bare key id from another account", deniedBy(SID.denyWrongKeyHeader), { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ID }],
            ["aws:kms with an alias name from another account", deniedBy(SID.denyWrongKeyHeader), { serverSideEncryption: "aws:kms", kmsKeyId: "alias/uploads" }],
            ["AES256 (SSE-S3)", deniedBy(SID.denyWrongAlgorithmHeader), { serverSideEncryption: "AES256" }],
            ["aws:kms:dsse (DSSE-KMS) with the bucket's key", deniedBy(SID.denyWrongAlgorithmHeader), { serverSideEncryption: "aws:kms:dsse", kmsKeyId: KEY_ARN }],
            ["SSE-C (customer-provided key)", deniedBy(SID.denySseC), { customerAlgorithm: "AES256" }],
            ["key id header alone, naming another key", deniedBy(SID.denyWrongKeyHeader), { kmsKeyId: OTHER_KEY_ARN }],
        ]);
    });
});

describe("AWS docs (Requiring SSE-KMS for all objects written to a bucket): strict and strict-key buckets", () => {
    it("strict: DenyUnEncryptedObjectUploads refuses uploads without aws:kms, accepts the bucket's key", async () => {
        await uploads("strict", [
            ["aws:kms and the bucket's key ARN", ALLOWED, BUCKET_KEY],
            ["no encryption headers", deniedBy(SID.strictRequireKmsHeader), {}],
            ["AES256", deniedBy(SID.strictRequireKmsHeader), { serverSideEncryption: "AES256" }],
            ["aws:kms with another key", deniedBy(SID.denyWrongKeyHeader), { serverSideEncryption: "aws:kms", kmsKeyId: OTHER_KEY_ARN }],
        ]);
    });

    it("strict-key: the key-id header must be this bucket's key ARN", async () => {
        await uploads("strict-key", [
            ["aws:kms and the bucket's key ARN", ALLOWED, BUCKET_KEY],
            ["aws:kms without a key id", deniedBy(SID.strictRequireBucketKeyHeader), { serverSideEncryption: "aws:kms" }],
            ["aws:kms with another key", deniedBy(SID.strictRequireBucketKeyHeader), { serverSideEncryption: "aws:kms", kmsKeyId: OTHER_KEY_ARN }],
            ["no encryption headers", deniedBy(SID.strictRequireKmsHeader), {}],
        ]);
    });
});

describe("AWS docs (Enforcing encryption in transit; SigV4 for SSE-KMS): transport", () => {
    it("refuses plain HTTP, TLS below 1.2 and Signature Version 2, for reads, writes and listings", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const reader = granteeCaller(d, "partnerReader");
        const readKey = "reports/q1.csv";
        await expectDecisions([
            ["s3:PutObject over HTTPS, TLS 1.2", ALLOWED, s3Object(d, writer, "s3:PutObject", OBJECT_KEY, { headers: BUCKET_KEY })],
            ["s3:PutObject over TLS 1.3", ALLOWED, s3Object(d, writer, "s3:PutObject", OBJECT_KEY, { headers: BUCKET_KEY, transport: { ...HTTPS, tlsVersion: "1.3" } })],
            ["s3:PutObject over plain HTTP", deniedBy(SID.denyInsecureTransport), s3Object(d, writer, "s3:PutObject", OBJECT_KEY, { headers: BUCKET_KEY, transport: PLAIN_HTTP })],
            ["s3:GetObject over plain HTTP", deniedBy(SID.denyInsecureTransport), s3Object(d, reader, "s3:GetObject", readKey, { transport: PLAIN_HTTP })],
            ["s3:GetObject over TLS 1.0", deniedBy(SID.denyOutdatedTls), s3Object(d, reader, "s3:GetObject", readKey, { transport: TLS_1_0 })],
            ["s3:GetObject over TLS 1.1", deniedBy(SID.denyOutdatedTls), s3Object(d, reader, "s3:GetObject", readKey, { transport: { ...HTTPS, tlsVersion: "1.1" } })],
            ["s3:GetObject signed with SigV2", deniedBy(SID.denySignatureV2), s3Object(d, reader, "s3:GetObject", readKey, { transport: SIGV2 })],
            ["s3:PutObject signed with SigV2", deniedBy(SID.denySignatureV2), s3Object(d, writer, "s3:PutObject", OBJECT_KEY, { headers: BUCKET_KEY, transport: SIGV2 })],
        ]);
    });

    it("a principal the bucket never granted is refused even with perfect headers", async () => {
        const d = deployment();
        const stranger = callerWith(`arn:aws:iam::${STRANGER}:role/Administrator`, [allow("admin", "s3:*")]);
        await expectDecisions([
            ["s3:PutObject with the bucket's key", notGranted("resource"), s3Object(d, stranger, "s3:PutObject", OBJECT_KEY, { headers: BUCKET_KEY })],
            ["s3:ListBucket", notGranted("resource"), s3List(d, stranger)],
        ]);
    });
});

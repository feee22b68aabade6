// Upload encryption headers under the two bucket-policy modes. "compatible" checks headers only
// when they are present, so uploads relying on the bucket's default encryption still work;
// "strict" is AWS's DenyUnEncryptedObjectUploads, which refuses header-less uploads.
import { ALLOWED, defineScenario, deniedBy, type Expectation, type Scenario } from "../support/scenario";
import type { EncryptionHeaders } from "../support/requestContext";
import type { HeaderMode, World } from "../world/types";
import { encryptionContextFor, kmsRequest, s3ObjectRequest } from "./requests";
import { writersOnBucketsIn, type GrantFixture } from "./select";

const CATEGORY = "Encryption headers" as const;

/** A well-formed key ARN that is not the bucket's key: same account and region, another key id. */
function otherKeyArn(f: GrantFixture): string {
    const key = f.grant.bucket.key;
    return `arn:aws:kms:${key.region}:${key.accountId}:key/ffffffff-ffff-4fff-bfff-ffffffffffff`;
}

interface HeaderCase {
    id: string;
    title: string;
    headers: (f: GrantFixture) => EncryptionHeaders;
    /** The s3:PutObject decision; when Allowed, S3 then asks KMS for a data key. */
    put: Expectation;
    note?: string;
}

const SSE_KMS_WITHOUT_KEY_NOTE =
    "Without a key id S3 encrypts with the AWS managed key aws/s3, not the bucket's key, so this is refused. The AWS CLI's `aws s3 cp FILE s3://BUCKET --sse aws:kms` sends exactly this: add `--sse-kms-key-id <key ARN>`, or leave out `--sse` and let the bucket's default encryption apply (not in strict modes).";

const CASES: Record<HeaderMode, HeaderCase[]> = {
    compatible: [
        { id: "no-headers", title: "Upload without encryption headers (bucket default encryption)", headers: () => ({}), put: ALLOWED },
        {
            id: "kms-and-bucket-key",
            title: "Upload with aws:kms and the bucket's key ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: f.grant.bucket.key.arn }),
            put: ALLOWED,
        },
        { id: "aes256", title: "Upload asking for SSE-S3 (AES256)", headers: () => ({ serverSideEncryption: "AES256" }), put: deniedBy("DenyWrongEncryptionAlgorithmHeader") },
        {
            id: "dsse",
            title: "Upload asking for dual-layer SSE-KMS (aws:kms:dsse)",
            headers: (f) => ({ serverSideEncryption: "aws:kms:dsse", kmsKeyId: f.grant.bucket.key.arn }),
            put: deniedBy("DenyWrongEncryptionAlgorithmHeader"),
        },
        {
            id: "wrong-key",
            title: "Upload with aws:kms and another key's ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: otherKeyArn(f) }),
            put: deniedBy("DenyWrongKmsKeyHeader"),
        },
        {
            id: "kms-without-key-id",
            title: "Upload with aws:kms but no key id (S3 would use the AWS managed key aws/s3)",
            headers: () => ({ serverSideEncryption: "aws:kms" }),
            put: deniedBy("DenyKmsHeaderWithoutKeyId"),
            note: SSE_KMS_WITHOUT_KEY_NOTE,
        },
        { id: "sse-c", title: "Upload with a customer-provided key (SSE-C)", headers: () => ({ customerAlgorithm: "AES256" }), put: deniedBy("DenySseCUploads") },
    ],
    strict: [
        { id: "no-headers", title: "Upload without encryption headers", headers: () => ({}), put: deniedBy("DenyUnEncryptedObjectUploads") },
        {
            id: "kms-and-bucket-key",
            title: "Upload with aws:kms and the bucket's key ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: f.grant.bucket.key.arn }),
            put: ALLOWED,
        },
        { id: "aes256", title: "Upload asking for SSE-S3 (AES256)", headers: () => ({ serverSideEncryption: "AES256" }), put: deniedBy("DenyUnEncryptedObjectUploads") },
        {
            id: "wrong-key",
            title: "Upload with aws:kms and another key's ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: otherKeyArn(f) }),
            put: deniedBy("DenyWrongKmsKeyHeader"),
        },
        {
            id: "kms-without-key-id",
            title: "Upload with aws:kms but no key id",
            headers: () => ({ serverSideEncryption: "aws:kms" }),
            put: deniedBy("DenyKmsHeaderWithoutKeyId"),
            note: SSE_KMS_WITHOUT_KEY_NOTE,
        },
        {
            id: "sse-c",
            title: "Upload with a customer-provided key (SSE-C)",
            headers: () => ({ customerAlgorithm: "AES256" }),
            put: deniedBy("DenySseCUploads"),
        },
    ],
    "strict-key": [
        {
            id: "no-headers",
            title: "Upload without encryption headers",
            headers: () => ({}),
            put: deniedBy("DenyUnEncryptedObjectUploads"),
        },
        {
            id: "kms-and-bucket-key",
            title: "Upload with aws:kms and the bucket's key ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: f.grant.bucket.key.arn }),
            put: ALLOWED,
        },
        {
            id: "kms-without-key-id",
            title: "Upload with aws:kms but no key id",
            headers: () => ({ serverSideEncryption: "aws:kms" }),
            put: deniedBy("DenyUploadsWithoutThisBucketKey"),
        },
        {
            id: "wrong-key",
            title: "Upload with aws:kms and another key's ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: otherKeyArn(f) }),
            put: deniedBy("DenyUploadsWithoutThisBucketKey"),
        },
        {
            id: "key-alias",
            title: "Upload naming the bucket's key by alias instead of ARN",
            headers: (f) => ({ serverSideEncryption: "aws:kms", kmsKeyId: `arn:aws:kms:${f.grant.bucket.key.region}:${f.grant.bucket.key.accountId}:alias/some-alias` }),
            put: deniedBy("DenyUploadsWithoutThisBucketKey"),
        },
        { id: "aes256", title: "Upload asking for SSE-S3 (AES256)", headers: () => ({ serverSideEncryption: "AES256" }), put: deniedBy("DenyUnEncryptedObjectUploads") },
        { id: "sse-c", title: "Upload with a customer-provided key (SSE-C)", headers: () => ({ customerAlgorithm: "AES256" }), put: deniedBy("DenySseCUploads") },
    ],
};

function scenarioFor(mode: HeaderMode, c: HeaderCase): Scenario<World> {
    const putLeg = {
        step: "s3:PutObject",
        expect: c.put,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObject", { headers: c.headers(f), prefix: f.grant.prefix }),
    };
    const kmsLeg = {
        step: "kms:GenerateDataKey via S3 with the bucket's key",
        expect: ALLOWED,
        request: (f: GrantFixture) =>
            kmsRequest(f.caller, f.grant.bucket.key, "kms:GenerateDataKey", { via: "s3", encryptionContext: encryptionContextFor(f.grant.bucket, f.grant.prefix) }),
    };
    return defineScenario({
        id: `headers-${mode}-${c.id}`,
        category: CATEGORY,
        title: `${mode} bucket: ${c.title}`,
        note: c.note,
        select: writersOnBucketsIn(mode),
        // S3 only asks KMS for a data key once it has accepted the upload.
        legs: c.put.decision === "Allowed" ? [putLeg, kmsLeg] : [putLeg],
    });
}

export const headerScenarios: ReadonlyArray<Scenario<World>> = (Object.keys(CASES) as HeaderMode[]).flatMap((mode) =>
    CASES[mode].map((c) => scenarioFor(mode, c)),
);

// A grantee whose own account limits it further than our grant: what the grant can and cannot give.
// - IAM User Guide, "Permissions boundaries for IAM entities": a boundary sets the maximum permissions the
//   identity-based policies can grant; across accounts every request needs the boundary too. In the
//   resource's own account, a resource-based policy that names an IAM user's ARN is not limited by an
//   implicit deny in the user's boundary, while one that names a role's ARN is limited for its sessions.
// - IAM User Guide, "Session policies": a session's permissions are the intersection of the role's
//   identity-based policies and the session policy.
// - AWS Organizations User Guide, "Service control policies (SCPs)" and IAM User Guide, "Policy evaluation
//   logic": an SCP of the caller's account limits its principals whatever a resource policy of another
//   account allows; a Deny in an SCP refuses the request.
// Our documents cannot (and must not) override any of these: a grant is an Allow, never a way around the
// grantee account's own limits. And our bucket's header guardrails must compose with a common SCP that
// requires an encryption header: a grantee uploading with the bucket's key ARN satisfies both.
import { ALLOWED, deniedBy, notGranted } from "../support/scenario";
import type { CallerLimits, NamedPolicy, OracleRequest } from "../support/oracle";
import { policyDocument } from "../../../components/policy/types";
import { allow, BUCKET_ARN, deployment, expectDecisions, granteeCaller, KEY_ARN, kms, objectArn, OWNER, PARTNER, s3List, s3Object } from "./fixtures";

const FULL_AWS_ACCESS: NamedPolicy = allow("FullAWSAccess", "*");
const UPLOAD = "incoming/2026/limits.bin";
const BUCKET_KEY_HEADERS = { serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN };

function limited(request: OracleRequest, callerLimits: CallerLimits): OracleRequest {
    return { ...request, callerLimits };
}

const S3_ONLY_BOUNDARY: NamedPolicy = allow("boundary allowing S3 only", "s3:*");

/** A read-only session of the writer's role (AssumeRole with a Policy parameter). */
const READ_ONLY_SESSION: NamedPolicy = allow("read-only session policy", ["s3:GetObject", "s3:ListBucket", "kms:Decrypt"]);

/** The common "every upload names its encryption" SCP (Deny s3:PutObject when the header is absent). */
const REQUIRE_ENCRYPTION_HEADER_SCP: NamedPolicy = {
    name: "SCP requiring an encryption header",
    document: policyDocument([
        { Sid: "DenyUploadsWithoutEncryptionHeader", Effect: "Deny", Action: "s3:PutObject", Resource: "*", Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } } },
    ]),
};

/** A data-perimeter SCP: KMS keys of the organization's own accounts only. */
const OWN_KEYS_ONLY_SCP: NamedPolicy = {
    name: "SCP allowing only the account's own KMS keys",
    document: policyDocument([
        { Sid: "DenyKmsKeysOfOtherAccounts", Effect: "Deny", Action: "kms:*", Resource: "*", Condition: { StringNotEquals: { "aws:ResourceAccount": PARTNER } } },
    ]),
};

describe("AWS docs (Permissions boundaries for IAM entities): a grantee's boundary limits what the grant gives", () => {
    it("a writer in another account whose boundary allows S3 only uploads nothing: S3 accepts, KMS refuses", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const limits: CallerLimits = { permissionsBoundary: S3_ONLY_BOUNDARY };
        await expectDecisions([
            ["s3:PutObject with the bucket's key", ALLOWED, limited(s3Object(d, writer, "s3:PutObject", UPLOAD, { headers: BUCKET_KEY_HEADERS }), limits)],
            ["kms:GenerateDataKey via S3", notGranted("limits"), limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), limits)],
        ]);
    });

    it("in the key's account: a role named in the key policy is limited by its boundary", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "localReader");
        const limits: CallerLimits = { permissionsBoundary: S3_ONLY_BOUNDARY };
        await expectDecisions([
            ["s3:GetObject", ALLOWED, limited(s3Object(d, reader, "s3:GetObject", "reports/q1.csv"), limits)],
            ["kms:Decrypt via S3", notGranted("limits"), limited(kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn("reports/q1.csv") }), limits)],
        ]);
    });

    // The grant's key-policy statement names the user's ARN, so the key policy alone allows it; S3 has no
    // bucket-policy statement for a same-account grantee, so there the boundary decides.
    it("in the key's account: an IAM user named in the key policy is not limited by its boundary for KMS, but is for S3", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "localWriter");
        await expectDecisions([
            ["kms:GenerateDataKey via S3, boundary allowing S3 only", ALLOWED, limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), { permissionsBoundary: S3_ONLY_BOUNDARY })],
            ["s3:PutObject, boundary allowing KMS only", notGranted("limits"), limited(s3Object(d, writer, "s3:PutObject", UPLOAD, { headers: BUCKET_KEY_HEADERS }), { permissionsBoundary: allow("boundary allowing KMS only", "kms:*") })],
        ]);
    });
});

// A common least-privilege setup: the grantee's account uses the consumer policy the stack exports as the role's
// permissions boundary too. The boundary then allows exactly the grant, so every request of it must still pass.
describe("AWS docs (Permissions boundaries for IAM entities): a boundary equal to the grant's consumer policy", () => {
    it("a reader in another account bounded by its own consumer policy downloads, lists versions and reads attributes, and nothing more", async () => {
        const d = deployment();
        const reader = granteeCaller(d, "partnerReader");
        const limits: CallerLimits = { permissionsBoundary: d.identity("partnerReader") };
        const key = "reports/2026/bounded.csv";
        await expectDecisions([
            ["s3:GetObject", ALLOWED, limited(s3Object(d, reader, "s3:GetObject", key), limits)],
            ["s3:GetObjectVersion", ALLOWED, limited(s3Object(d, reader, "s3:GetObjectVersion", key), limits)],
            ["s3:GetObjectVersionAttributes", ALLOWED, limited(s3Object(d, reader, "s3:GetObjectVersionAttributes", key), limits)],
            ["s3:ListBucketVersions within the prefix", ALLOWED, limited({ ...s3List(d, reader, "reports/"), action: "s3:ListBucketVersions" }, limits)],
            ["kms:Decrypt via S3, object ARN context", ALLOWED, limited(kms(d, reader, "kms:Decrypt", { encryptionContext: objectArn(key) }), limits)],
            ["kms:Decrypt via S3, bucket ARN context (Bucket Key)", ALLOWED, limited(kms(d, reader, "kms:Decrypt", { encryptionContext: BUCKET_ARN }), limits)],
            ["kms:Decrypt called directly", notGranted("identity", "resource", "limits"), limited(kms(d, reader, "kms:Decrypt", { via: "direct", encryptionContext: objectArn(key) }), limits)],
        ]);
    });

    it("a writer in another account bounded by its own consumer policy uploads in parts and resumes", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const limits: CallerLimits = { permissionsBoundary: d.identity("partnerWriter") };
        await expectDecisions([
            ["s3:PutObject (CreateMultipartUpload) with the bucket's key", ALLOWED, limited(s3Object(d, writer, "s3:PutObject", UPLOAD, { headers: BUCKET_KEY_HEADERS }), limits)],
            ["s3:PutObject (UploadPart, no headers)", ALLOWED, limited(s3Object(d, writer, "s3:PutObject", UPLOAD), limits)],
            ["s3:ListMultipartUploadParts", ALLOWED, limited(s3Object(d, writer, "s3:ListMultipartUploadParts", UPLOAD), limits)],
            ["kms:GenerateDataKey via S3", ALLOWED, limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), limits)],
            ["kms:Decrypt via S3 (each part)", ALLOWED, limited(kms(d, writer, "kms:Decrypt", { encryptionContext: objectArn(UPLOAD) }), limits)],
        ]);
    });
});

describe("AWS docs (Session policies): a session narrower than the grantee's role", () => {
    it("a read-only session of a writer's role uploads nothing and gets no data key", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const limits: CallerLimits = { sessionPolicy: READ_ONLY_SESSION };
        await expectDecisions([
            ["s3:PutObject with the bucket's key", notGranted("limits"), limited(s3Object(d, writer, "s3:PutObject", UPLOAD, { headers: BUCKET_KEY_HEADERS }), limits)],
            ["kms:GenerateDataKey via S3", notGranted("limits"), limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), limits)],
        ]);
    });
});

describe("AWS docs (Service control policies): the grantee account's SCPs", () => {
    it("an SCP requiring an encryption header refuses header-less uploads; with the bucket's key ARN both the SCP and the bucket accept", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const limits: CallerLimits = { serviceControlPolicies: [FULL_AWS_ACCESS, REQUIRE_ENCRYPTION_HEADER_SCP] };
        await expectDecisions([
            ["s3:PutObject without encryption headers", deniedBy("DenyUploadsWithoutEncryptionHeader"), limited(s3Object(d, writer, "s3:PutObject", UPLOAD), limits)],
            ["s3:PutObject with aws:kms and the bucket's key ARN", ALLOWED, limited(s3Object(d, writer, "s3:PutObject", UPLOAD, { headers: BUCKET_KEY_HEADERS }), limits)],
            ["kms:GenerateDataKey via S3", ALLOWED, limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), limits)],
        ]);
    });

    it("a data-perimeter SCP allowing only the account's own keys refuses our key, whatever the key policy says", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const limits: CallerLimits = { serviceControlPolicies: [FULL_AWS_ACCESS, OWN_KEYS_ONLY_SCP] };
        await expectDecisions([
            ["s3:PutObject with the bucket's key", ALLOWED, limited(s3Object(d, writer, "s3:PutObject", UPLOAD, { headers: BUCKET_KEY_HEADERS }), limits)],
            [`kms:GenerateDataKey via S3 on a key of ${OWNER}`, deniedBy("DenyKmsKeysOfOtherAccounts"), limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), limits)],
        ]);
    });

    it("SCPs without an Allow for KMS leave the grant unusable, and the refusal is the SCPs'", async () => {
        const d = deployment();
        const writer = granteeCaller(d, "partnerWriter");
        const limits: CallerLimits = { serviceControlPolicies: [allow("SCP allowing S3 only", "s3:*")] };
        await expectDecisions([
            ["kms:GenerateDataKey via S3", notGranted("limits"), limited(kms(d, writer, "kms:GenerateDataKey", { encryptionContext: objectArn(UPLOAD) }), limits)],
        ]);
    });
});

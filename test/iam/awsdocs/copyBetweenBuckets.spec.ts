// Copying between two buckets of this program that use different keys, request by request:
// - Amazon S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)" and Amazon S3 API
//   Reference, "CopyObject": a copy reads the source (s3:GetObject, kms:Decrypt with the source's key and
//   the source's encryption context) and writes the target (s3:PutObject, kms:GenerateDataKey with the
//   target's key and the target's encryption context); the encryption headers of the copy request are the
//   target's, and without them the target's default encryption applies.
// - Amazon S3 User Guide, "Uploading and copying objects using multipart upload" ("Multipart upload API
//   and permissions"): UploadPartCopy reads the source part like GetObject and writes the part like
//   UploadPart, which needs kms:Decrypt on the target's key as well as kms:GenerateDataKey.
// - Amazon S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys": with a Bucket Key the
//   encryption context of each side is its bucket ARN, without one its object ARN.
// - IAM User Guide, "Cross-account policy evaluation logic": a copier in another account needs both grants'
//   IAM policies, both bucket policies and both key policies.
// - AWS CLI Command Reference, "s3 cp" (--copy-props, default "default"): `aws s3 cp`, `mv` and `sync` between
//   buckets copy an object above the multipart threshold (8 MB) with UploadPartCopy and carry its tags over
//   themselves: GetObjectTagging on the source, then the tags on the copy (PutObjectTagging) when there are
//   any. AWS Knowledge Center, "Why can't I copy an object between two Amazon S3 buckets?": copying tagged
//   objects needs s3:GetObjectTagging on the source and s3:PutObjectTagging on the destination.
// The copier holds a read grant on the source and a write grant on the target: two grants, each pinned to
// its own bucket's encryption context, so neither key may be used for the other bucket's objects.
import { BUCKET_GUARDRAIL_SIDS as SID, bucketGuardrailStatements, resolveGuardrails } from "../../../components/policy/bucketPolicy";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement, type GrantSubject, type GrantTarget } from "../../../components/policy/grants";
import { keyPolicyDocument } from "../../../components/policy/keyPolicy";
import { policyDocument } from "../../../components/policy/types";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import { callerFromArn, HTTPS, kmsViaS3Context, s3Context, type Caller, type EncryptionHeaders } from "../support/requestContext";
import { ALLOWED, deniedBy, notGranted } from "../support/scenario";
import { expectDecisions, OWNER, PARTNER, REGION } from "./fixtures";

interface End {
    target: GrantTarget;
    keyPolicy: NamedPolicy;
    bucketPolicy: NamedPolicy;
}

const SOURCE_TARGET: GrantTarget = {
    bucketName: "example-data-bucket",
    bucketAccountId: OWNER,
    region: REGION,
    keyArn: `arn:aws:kms:${REGION}:${OWNER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
};
const ARCHIVE_TARGET: GrantTarget = {
    bucketName: "example-archive-bucket",
    bucketAccountId: OWNER,
    region: REGION,
    keyArn: `arn:aws:kms:${REGION}:${OWNER}:key/5678efab-56ef-78ab-90cd-5678901234ef`,
};

const COPIERS = {
    partner: `arn:aws:iam::${PARTNER}:role/archiver`,
    local: `arn:aws:iam::${OWNER}:role/local-archiver`,
} as const;

type CopierName = keyof typeof COPIERS;

function subject(name: CopierName, access: "read" | "write"): GrantSubject {
    const account = name === "partner" ? PARTNER : OWNER;
    return { principalArn: COPIERS[name], principalAccountId: account, access, sidBase: `${name === "partner" ? "Partner" : "Local"}Archiver${access === "read" ? "Read" : "Write"}` };
}

/** One bucket and its key as the components write them, with the copiers' grants on it. */
function end(target: GrantTarget, access: "read" | "write"): End {
    const subjects = (Object.keys(COPIERS) as CopierName[]).map((name) => subject(name, access));
    const guardrails = bucketGuardrailStatements({ bucketName: target.bucketName, keyArn: target.keyArn }, resolveGuardrails());
    return {
        target,
        keyPolicy: {
            name: `${target.bucketName} key policy`,
            document: keyPolicyDocument(
                { accountId: OWNER, region: REGION, rootDelegation: true, administrators: [`arn:aws:iam::${OWNER}:role/key-admin`], administratorsMayDeleteKey: false, users: [], serviceUsers: [] },
                subjects.map((s) => grantKeyPolicyStatement(s, target)),
            ),
        },
        bucketPolicy: { name: `${target.bucketName} bucket policy`, document: policyDocument([...guardrails, ...subjects.flatMap((s) => grantBucketPolicyStatements(s, target))]) },
    };
}

const SOURCE = end(SOURCE_TARGET, "read");
const ARCHIVE = end(ARCHIVE_TARGET, "write");

/** The copier with both grants' IAM policies (or the ones given). */
function copier(name: CopierName, policies?: readonly NamedPolicy[]): Caller {
    const own = policies ?? [
        { name: `${name} read grant IAM policy`, document: grantIdentityPolicy(subject(name, "read"), SOURCE_TARGET) },
        { name: `${name} write grant IAM policy`, document: grantIdentityPolicy(subject(name, "write"), ARCHIVE_TARGET) },
    ];
    return callerFromArn(`${name} archiver`, COPIERS[name], own);
}

const bucketArn = (e: End): string => `arn:aws:s3:::${e.target.bucketName}`;
const objectArn = (e: End, key: string): string => `${bucketArn(e)}/${key}`;

function s3(e: End, caller: Caller, action: string, key: string, headers?: EncryptionHeaders): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource: objectArn(e, key),
        resourceAccount: OWNER,
        context: s3Context(caller, OWNER, REGION, HTTPS, headers),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: e.bucketPolicy,
    };
}

/** S3 calls `keyOf`'s key for the caller, with `contextOf`'s encryption context (object ARN, or bucket ARN with a Bucket Key). */
function kms(keyOf: End, caller: Caller, action: string, encryptionContext: string): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource: keyOf.target.keyArn,
        resourceAccount: OWNER,
        context: kmsViaS3Context(caller, OWNER, REGION, encryptionContext),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: keyOf.keyPolicy,
    };
}

const FROM = "reports/2026/q1.csv";
const TO = "archive/2026/q1.csv";
const ARCHIVE_HEADERS: EncryptionHeaders = { serverSideEncryption: "aws:kms", kmsKeyId: ARCHIVE_TARGET.keyArn };

describe("AWS docs (CopyObject; Specifying SSE-KMS): a copy between two buckets with different keys", () => {
    for (const name of ["partner", "local"] as const) {
        it(`${name} copier: CopyObject reads with the source's key and writes with the target's (object and Bucket Key contexts)`, async () => {
            const c = copier(name);
            await expectDecisions([
                ["s3:GetObject on the copy source", ALLOWED, s3(SOURCE, c, "s3:GetObject", FROM)],
                ["s3:PutObject of the copy with aws:kms and the target's key ARN", ALLOWED, s3(ARCHIVE, c, "s3:PutObject", TO, ARCHIVE_HEADERS)],
                ["s3:PutObject of the copy without headers (the target's default encryption)", ALLOWED, s3(ARCHIVE, c, "s3:PutObject", TO)],
                ["kms:Decrypt with the source's key, source object context", ALLOWED, kms(SOURCE, c, "kms:Decrypt", objectArn(SOURCE, FROM))],
                ["kms:Decrypt with the source's key, source bucket context (Bucket Key)", ALLOWED, kms(SOURCE, c, "kms:Decrypt", bucketArn(SOURCE))],
                ["kms:GenerateDataKey with the target's key, target object context", ALLOWED, kms(ARCHIVE, c, "kms:GenerateDataKey", objectArn(ARCHIVE, TO))],
                ["kms:GenerateDataKey with the target's key, target bucket context (Bucket Key)", ALLOWED, kms(ARCHIVE, c, "kms:GenerateDataKey", bucketArn(ARCHIVE))],
            ]);
        });

        it(`${name} copier: UploadPartCopy of a large object (parts read from the source, written and decrypted with the target's key)`, async () => {
            const c = copier(name);
            await expectDecisions([
                ["CreateMultipartUpload (s3:PutObject) with the target's key", ALLOWED, s3(ARCHIVE, c, "s3:PutObject", TO, ARCHIVE_HEADERS)],
                ["UploadPartCopy: s3:GetObject on the source", ALLOWED, s3(SOURCE, c, "s3:GetObject", FROM)],
                ["UploadPartCopy: s3:PutObject of the part (no encryption headers)", ALLOWED, s3(ARCHIVE, c, "s3:PutObject", TO)],
                ["UploadPartCopy: kms:Decrypt of the source part", ALLOWED, kms(SOURCE, c, "kms:Decrypt", objectArn(SOURCE, FROM))],
                ["UploadPartCopy: kms:Decrypt of the upload's data key with the target's key", ALLOWED, kms(ARCHIVE, c, "kms:Decrypt", objectArn(ARCHIVE, TO))],
                ["UploadPartCopy: kms:Decrypt with the target's key, Bucket Key context", ALLOWED, kms(ARCHIVE, c, "kms:Decrypt", bucketArn(ARCHIVE))],
                ["CompleteMultipartUpload (s3:PutObject)", ALLOWED, s3(ARCHIVE, c, "s3:PutObject", TO)],
            ]);
        });
    }

    // With root delegation on, the bucket's own account could still allow it by IAM; the key policy never does.
    const keyRefusal = (name: CopierName) => (name === "partner" ? notGranted("identity", "resource") : notGranted("identity"));

    for (const name of ["partner", "local"] as const) {
        it(`${name} copier: neither key serves the other bucket, and the copy cannot keep the source's key`, async () => {
            const c = copier(name);
            await expectDecisions([
                // `aws s3 cp s3://source/x s3://archive/x --sse aws:kms --sse-kms-key-id <source key>`
                ["s3:PutObject of the copy naming the source's key", deniedBy(SID.denyWrongKeyHeader), s3(ARCHIVE, c, "s3:PutObject", TO, { serverSideEncryption: "aws:kms", kmsKeyId: SOURCE_TARGET.keyArn })],
                ["kms:GenerateDataKey with the source's key for the target's object", keyRefusal(name), kms(SOURCE, c, "kms:GenerateDataKey", objectArn(ARCHIVE, TO))],
                ["kms:Decrypt with the source's key for the target's object", keyRefusal(name), kms(SOURCE, c, "kms:Decrypt", objectArn(ARCHIVE, TO))],
                ["kms:Decrypt with the target's key for the source's object", keyRefusal(name), kms(ARCHIVE, c, "kms:Decrypt", objectArn(SOURCE, FROM))],
                ["kms:GenerateDataKey with the target's key, source bucket context", keyRefusal(name), kms(ARCHIVE, c, "kms:GenerateDataKey", bucketArn(SOURCE))],
            ]);
        });
    }

    // Before the fix a read grant had no s3:GetObjectTagging, so every CLI copy of a large object out of a bucket
    // of this program (into another of ours, or into the grantee's own bucket) failed on GetObjectTagging.
    for (const name of ["partner", "local"] as const) {
        it(`${name} copier: the AWS CLI's multipart copy reads the source's tags (s3 cp/sync, default --copy-props)`, async () => {
            const c = copier(name);
            await expectDecisions([
                ["GetObjectTagging on the copy source", ALLOWED, s3(SOURCE, c, "s3:GetObjectTagging", FROM)],
                ["GetObjectTagging of a source version (s3:GetObjectVersionTagging)", ALLOWED, s3(SOURCE, c, "s3:GetObjectVersionTagging", FROM)],
                ["GetObjectTagging on the target (a write grant reads nothing)", name === "partner" ? notGranted("identity", "resource") : notGranted("identity"), s3(ARCHIVE, c, "s3:GetObjectTagging", TO)],
            ]);
        });
    }

    // Writers get no s3:PutObjectTagging: tags decide which replication rule copies an object where (replication
    // filters), so retagging objects a writer did not write would let it steer them to another destination. A tagged
    // source is copied in with `--copy-props metadata-directive` (tags left behind) instead.
    it("writing the source's tags onto the copy is not granted (tagged sources: --copy-props metadata-directive)", async () => {
        await expectDecisions([
            ["PutObjectTagging on the target, partner", notGranted("identity", "resource"), s3(ARCHIVE, copier("partner"), "s3:PutObjectTagging", TO)],
            ["PutObjectTagging on the target, same account", notGranted("identity"), s3(ARCHIVE, copier("local"), "s3:PutObjectTagging", TO)],
        ]);
    });

    it("the copy goes one way only: a write grant reads nothing back, a read grant writes nothing", async () => {
        const c = copier("partner");
        await expectDecisions([
            ["s3:GetObject on the target (copy back)", notGranted("identity", "resource"), s3(ARCHIVE, c, "s3:GetObject", TO)],
            ["s3:PutObject on the source", notGranted("identity", "resource"), s3(SOURCE, c, "s3:PutObject", FROM, { serverSideEncryption: "aws:kms", kmsKeyId: SOURCE_TARGET.keyArn })],
            ["kms:GenerateDataKey with the source's key for the source", notGranted("identity", "resource"), kms(SOURCE, c, "kms:GenerateDataKey", objectArn(SOURCE, FROM))],
        ]);
    });

    it("a copier in another account with only one of its two grants' IAM policies is refused on the other side", async () => {
        const readOnly = copier("partner", [{ name: "read grant IAM policy", document: grantIdentityPolicy(subject("partner", "read"), SOURCE_TARGET) }]);
        await expectDecisions([
            ["s3:GetObject on the source", ALLOWED, s3(SOURCE, readOnly, "s3:GetObject", FROM)],
            ["s3:PutObject of the copy", notGranted("identity"), s3(ARCHIVE, readOnly, "s3:PutObject", TO, ARCHIVE_HEADERS)],
            ["kms:GenerateDataKey with the target's key", notGranted("identity"), kms(ARCHIVE, readOnly, "kms:GenerateDataKey", objectArn(ARCHIVE, TO))],
        ]);
    });
});

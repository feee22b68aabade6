// Granted principals using the bucket: uploads (single and multipart), downloads, listing, and
// what a grant does not cover. Each KMS-encrypted operation is its S3 leg plus the KMS leg S3
// makes with the caller's credentials.
import { BUCKET_GUARDRAIL_SIDS } from "../../../components/policy/bucketPolicy";
import { ALLOWED, defineScenario, deniedBy, notGranted, type Expectation, type Scenario } from "../support/scenario";
import type { BucketFacts, World } from "../world/types";
import { encryptionContextFor, isCrossAccount, kmsRequest, objectArn, OUTSIDE_PREFIX, s3BucketRequest, s3ObjectRequest } from "./requests";
import {
    crossAccountReaders,
    crossAccountWriters,
    sameAccountReaders,
    sameAccountWriters,
    grantsWhere,
    writersWhere,
    type GrantFixture,
} from "./select";

const UPLOAD = "Uploads and downloads" as const;

interface SharedKeyFixture extends GrantFixture {
    other: BucketFacts;
}

/** Cross-account readers paired with each other bucket on the same key that grants them nothing. */
function otherBucketsSharingTheKey(world: World): Array<{ label: string; fixture: SharedKeyFixture }> {
    return crossAccountReaders(world).flatMap(({ label, fixture }) =>
        world.buckets
            .filter((b) => b !== fixture.grant.bucket && b.key.arn === fixture.grant.bucket.key.arn)
            .filter((b) => !world.grants.some((g) => g.bucket === b && g.principalArn === fixture.grant.principalArn))
            .map((other) => ({ label: `${label}, reading ${other.name}`, fixture: { ...fixture, other } })),
    );
}

function bucketKeyHeaders(f: GrantFixture) {
    return { serverSideEncryption: "aws:kms", kmsKeyId: f.grant.bucket.key.arn };
}

const putLeg = {
    step: "s3:PutObject with aws:kms and the bucket's key ARN",
    expect: ALLOWED,
    request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObject", { headers: bucketKeyHeaders(f), prefix: f.grant.prefix }),
};
const generateDataKeyLeg = {
    step: "kms:GenerateDataKey via S3",
    expect: ALLOWED,
    request: (f: GrantFixture) =>
        kmsRequest(f.caller, f.grant.bucket.key, "kms:GenerateDataKey", { via: "s3", encryptionContext: encryptionContextFor(f.grant.bucket, f.grant.prefix) }),
};
// Amazon S3 User Guide, "Uploading and copying objects using multipart upload" ("Multipart upload API and permissions"):
// CreateMultipartUpload, UploadPart and CompleteMultipartUpload are all authorized as s3:PutObject, but only
// CreateMultipartUpload carries the encryption headers: UploadPart takes none but SSE-C's (Amazon S3 API Reference,
// "UploadPart"), CompleteMultipartUpload none at all. ListParts (resuming an upload) is s3:ListMultipartUploadParts.
const createMultipartLeg = { ...putLeg, step: "s3:PutObject (CreateMultipartUpload) with aws:kms and the bucket's key ARN" };
function uploadPartLeg(expect: Expectation) {
    return {
        step: "s3:PutObject (UploadPart, CompleteMultipartUpload: no encryption headers)",
        expect,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObject", { prefix: f.grant.prefix }),
    };
}
const multipartLegs = [
    createMultipartLeg,
    generateDataKeyLeg,
    uploadPartLeg(ALLOWED),
    {
        step: "kms:Decrypt via S3 (each part and CompleteMultipartUpload)",
        expect: ALLOWED,
        request: (f: GrantFixture) =>
            kmsRequest(f.caller, f.grant.bucket.key, "kms:Decrypt", { via: "s3", encryptionContext: encryptionContextFor(f.grant.bucket, f.grant.prefix) }),
    },
    {
        step: "s3:ListMultipartUploadParts (ListParts, to resume an interrupted upload)",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:ListMultipartUploadParts", { prefix: f.grant.prefix }),
    },
    {
        step: "s3:AbortMultipartUpload",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:AbortMultipartUpload", { prefix: f.grant.prefix }),
    },
];
// DenyUnEncryptedObjectUploads denies s3:PutObject without x-amz-server-side-encryption: aws:kms, and a missing key makes
// StringNotEquals true (IAM User Guide, "IAM JSON policy elements: Condition operators"), so it denies every UploadPart.
const strictMultipartLegs = [createMultipartLeg, generateDataKeyLeg, uploadPartLeg(deniedBy(BUCKET_GUARDRAIL_SIDS.strictRequireKmsHeader))];
// The Knowledge Center article "How can I allow users to download from and upload to my S3 bucket that has default
// encryption using a custom AWS KMS key?" has cross-account writers upload with the bucket-owner-full-control ACL; a
// PutObject carrying an ACL header needs s3:PutObjectAcl too (Amazon S3 API Reference, "PutObject", "Permissions").
const BUCKET_OWNER_FULL_CONTROL = "bucket-owner-full-control";
const uploadWithOwnerAclLegs = [
    {
        ...putLeg,
        step: "s3:PutObject with aws:kms, the bucket's key ARN and x-amz-acl: bucket-owner-full-control",
        request: (f: GrantFixture) =>
            s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObject", { headers: { ...bucketKeyHeaders(f), cannedAcl: BUCKET_OWNER_FULL_CONTROL }, prefix: f.grant.prefix }),
    },
    {
        step: "s3:PutObjectAcl for that ACL header",
        expect: ALLOWED,
        request: (f: GrantFixture) =>
            s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObjectAcl", { headers: { cannedAcl: BUCKET_OWNER_FULL_CONTROL }, prefix: f.grant.prefix }),
    },
    generateDataKeyLeg,
];
const downloadLegs = [
    {
        step: "s3:GetObject",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObject", { prefix: f.grant.prefix }),
    },
    {
        step: "kms:Decrypt via S3",
        expect: ALLOWED,
        request: (f: GrantFixture) =>
            kmsRequest(f.caller, f.grant.bucket.key, "kms:Decrypt", { via: "s3", encryptionContext: encryptionContextFor(f.grant.bucket, f.grant.prefix) }),
    },
];
// Every bucket here is versioned. Finding and fetching an older version: ListObjectVersions (s3:ListBucketVersions,
// Amazon S3 API Reference, "ListObjectVersions"), GetObject/HeadObject with versionId (s3:GetObjectVersion), and
// GetObjectAttributes (s3:GetObjectAttributes; with a version s3:GetObjectVersion and s3:GetObjectVersionAttributes,
// Amazon S3 API Reference, "GetObjectAttributes"). Every version has the object's ARN, so the same encryption context.
const versionReadLegs = [
    {
        step: "s3:ListBucketVersions (ListObjectVersions, within the grant's prefix)",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3BucketRequest(f.caller, f.grant.bucket, "s3:ListBucketVersions", undefined, f.grant.prefix),
    },
    {
        step: "s3:GetObjectAttributes (GetObjectAttributes of the current version)",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObjectAttributes", { prefix: f.grant.prefix }),
    },
    {
        step: "s3:GetObjectVersionAttributes (GetObjectAttributes with versionId)",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObjectVersionAttributes", { prefix: f.grant.prefix }),
    },
    {
        step: "s3:GetObjectVersion (GetObject / HeadObject with versionId)",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObjectVersion", { prefix: f.grant.prefix }),
    },
    downloadLegs[1],
];
// Amazon S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys": with a Bucket Key S3 sends the bucket
// ARN as encryption context, without one the object ARN, and turning the Bucket Key on or off changes only new objects.
// So a bucket holds objects of both contexts, and a reader must decrypt the ones the bucket's current setting does not make.
const otherContextDownloadLegs = [
    downloadLegs[0],
    {
        step: "kms:Decrypt via S3 with the other encryption context (object ARN if the bucket has a Bucket Key, else the bucket ARN)",
        expect: ALLOWED,
        request: (f: GrantFixture) =>
            kmsRequest(f.caller, f.grant.bucket.key, "kms:Decrypt", {
                via: "s3",
                encryptionContext: f.grant.bucket.bucketKeyEnabled ? objectArn(f.grant.bucket, f.grant.prefix) : f.grant.bucket.arn,
            }),
    },
];
// `aws s3 cp`, `mv` and `sync` between buckets copy an object above the multipart threshold in parts and read the
// source's tags first (AWS CLI Command Reference, "s3 cp", --copy-props): a reader copying out needs GetObjectTagging.
const copyOutLegs = [
    { ...downloadLegs[0], step: "s3:GetObject (UploadPartCopy reads each part of the source)" },
    {
        step: "s3:GetObjectTagging (the CLI carries the source's tags over)",
        expect: ALLOWED,
        request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObjectTagging", { prefix: f.grant.prefix }),
    },
    downloadLegs[1],
];
const listLeg = {
    step: "s3:ListBucket",
    expect: ALLOWED,
    request: (f: GrantFixture) => s3BucketRequest(f.caller, f.grant.bucket, "s3:ListBucket", undefined, f.grant.prefix),
};

/** The grant's own object action (read or write), aimed outside its prefix. */
function outsidePrefixLegs(expect: ReturnType<typeof notGranted>) {
    return [
        {
            step: "s3:ListBucket with another prefix",
            expect,
            request: (f: GrantFixture) => s3BucketRequest(f.caller, f.grant.bucket, "s3:ListBucket", undefined, OUTSIDE_PREFIX),
        },
        {
            step: "s3:ListBucketVersions with another prefix",
            expect,
            request: (f: GrantFixture) => s3BucketRequest(f.caller, f.grant.bucket, "s3:ListBucketVersions", undefined, OUTSIDE_PREFIX),
        },
        {
            step: "the grant's object action (s3:GetObject or s3:PutObject) on an object outside the prefix",
            expect,
            request: (f: GrantFixture) =>
                f.grant.access === "write"
                    ? s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObject", { headers: bucketKeyHeaders(f), prefix: OUTSIDE_PREFIX })
                    : s3ObjectRequest(f.caller, f.grant.bucket, "s3:GetObject", { prefix: OUTSIDE_PREFIX }),
        },
    ];
}

export const accessScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({ id: "upload-same-account", category: UPLOAD, title: "A writer in the bucket's account uploads", select: sameAccountWriters, legs: [putLeg, generateDataKeyLeg] }),
    defineScenario({ id: "upload-cross-account", category: UPLOAD, title: "A writer in another account uploads", select: crossAccountWriters, legs: [putLeg, generateDataKeyLeg] }),
    defineScenario({
        id: "multipart-same-account",
        category: UPLOAD,
        title: "A writer in the bucket's account uploads a large file in parts",
        note: "Multipart uploads need kms:Decrypt as well as kms:GenerateDataKey, so write grants include it.",
        select: writersWhere((g) => !isCrossAccount(g) && g.bucket.guardrails.encryptionHeader === "compatible"),
        legs: multipartLegs,
    }),
    defineScenario({
        id: "multipart-cross-account",
        category: UPLOAD,
        title: "A writer in another account uploads a large file in parts",
        select: writersWhere((g) => isCrossAccount(g) && g.bucket.guardrails.encryptionHeader === "compatible"),
        legs: multipartLegs,
    }),
    defineScenario({
        id: "multipart-strict",
        category: UPLOAD,
        title: "A writer uploads a large file in parts to a strict or strict-key bucket",
        note: "UploadPart cannot carry x-amz-server-side-encryption (S3 accepts only SSE-C headers on it) and is authorized as s3:PutObject, so AWS's DenyUnEncryptedObjectUploads refuses every part: `aws s3 cp` above its 8 MB multipart threshold and SDK managed uploads fail there. Buckets that receive large uploads use the default `compatible` mode, where the bucket's default encryption applies to the parts.",
        select: writersWhere((g) => g.bucket.guardrails.encryptionHeader !== "compatible"),
        legs: strictMultipartLegs,
    }),
    defineScenario({
        id: "upload-owner-acl-cross-account",
        category: UPLOAD,
        title: "A writer in another account uploads with the bucket-owner-full-control ACL",
        note: "Tools and organisations that always send x-amz-acl: bucket-owner-full-control keep working: write grants include s3:PutObjectAcl, which that header needs; with ACLs disabled (BucketOwnerEnforced) S3 accepts no other ACL, so it changes no object's access.",
        select: crossAccountWriters,
        legs: uploadWithOwnerAclLegs,
    }),
    defineScenario({ id: "download-same-account", category: UPLOAD, title: "A reader in the bucket's account downloads", select: sameAccountReaders, legs: downloadLegs }),
    defineScenario({ id: "download-cross-account", category: UPLOAD, title: "A reader in another account downloads", select: crossAccountReaders, legs: downloadLegs }),
    defineScenario({
        id: "versions-same-account",
        category: UPLOAD,
        title: "A reader in the bucket's account finds and downloads an older version of an object",
        note: "Every bucket is versioned, so reading grants include listing versions (s3:ListBucketVersions, limited to the grant's prefix like s3:ListBucket) and object attributes (s3:GetObjectAttributes, s3:GetObjectVersionAttributes): without them a reader cannot find the version it may download.",
        select: sameAccountReaders,
        legs: versionReadLegs,
    }),
    defineScenario({
        id: "download-bucket-key-history",
        category: UPLOAD,
        title: "A reader downloads an object written before the bucket's S3 Bucket Key setting changed",
        note: "Every grant's key condition admits both encryption contexts S3 uses for the bucket (its ARN with a Bucket Key, an object ARN without), so objects written before a Bucket Key was turned on, or after it was turned off, stay readable.",
        select: grantsWhere((g) => g.access !== "write"),
        legs: otherContextDownloadLegs,
    }),
    defineScenario({ id: "versions-cross-account", category: UPLOAD, title: "A reader in another account finds and downloads an older version of an object", select: crossAccountReaders, legs: versionReadLegs }),
    defineScenario({
        id: "copy-out-same-account",
        category: UPLOAD,
        title: "A reader in the bucket's account copies a large object to another bucket with the AWS CLI",
        note: "Reading grants include s3:GetObjectTagging (and s3:GetObjectVersionTagging): the CLI's multipart copy between buckets reads the source's tags, whether or not it has any.",
        select: sameAccountReaders,
        legs: copyOutLegs,
    }),
    defineScenario({ id: "copy-out-cross-account", category: UPLOAD, title: "A reader in another account copies a large object to its own bucket with the AWS CLI", select: crossAccountReaders, legs: copyOutLegs }),
    defineScenario({
        id: "writer-cannot-tag-cross-account",
        category: UPLOAD,
        title: "A writer in another account tags an object",
        note: "No grant writes tags: replication rules filter on them, so s3:PutObjectTagging would let a writer steer objects it did not write into or out of a replication. Copying a tagged object in: `--copy-props metadata-directive`.",
        select: crossAccountWriters,
        legs: [
            {
                step: "s3:PutObjectTagging",
                expect: notGranted("identity", "resource"),
                request: (f: GrantFixture) => s3ObjectRequest(f.caller, f.grant.bucket, "s3:PutObjectTagging", { prefix: f.grant.prefix }),
            },
        ],
    }),
    defineScenario({
        id: "read-only-cannot-upload-cross-account",
        category: UPLOAD,
        title: "A read-only grantee in another account tries to upload",
        select: grantsWhere((g) => g.access === "read" && isCrossAccount(g)),
        legs: [
            { ...putLeg, expect: notGranted("identity", "resource") },
            { ...generateDataKeyLeg, expect: notGranted("identity", "resource") },
        ],
    }),
    defineScenario({
        id: "write-only-cannot-download-cross-account",
        category: UPLOAD,
        title: "A write-only grantee in another account tries to download",
        note: "kms:Decrypt itself is allowed (multipart uploads need it); the download stops at s3:GetObject.",
        select: grantsWhere((g) => g.access === "write" && isCrossAccount(g)),
        legs: [
            { ...downloadLegs[0], expect: notGranted("identity", "resource") },
            { ...downloadLegs[1], expect: ALLOWED },
        ],
    }),
    defineScenario({
        id: "grantee-direct-kms-same-account",
        category: UPLOAD,
        title: "A grantee in the bucket's account calls KMS directly, not through S3",
        note: "Grants are limited to kms:ViaService = s3.<region>.amazonaws.com: the key can decrypt S3 objects only through S3.",
        select: grantsWhere((g) => !isCrossAccount(g) && g.bucket.key.rootDelegation),
        legs: [
            {
                step: "kms:Decrypt called directly",
                expect: notGranted("identity"),
                request: (f: GrantFixture) => kmsRequest(f.caller, f.grant.bucket.key, "kms:Decrypt", { via: "direct", encryptionContext: encryptionContextFor(f.grant.bucket, f.grant.prefix) }),
            },
        ],
    }),
    defineScenario({
        id: "grantee-direct-kms-cross-account",
        category: UPLOAD,
        title: "A grantee in another account calls KMS directly, not through S3",
        select: grantsWhere((g) => isCrossAccount(g)),
        legs: [
            {
                step: "kms:Decrypt called directly",
                expect: notGranted("identity", "resource"),
                request: (f: GrantFixture) => kmsRequest(f.caller, f.grant.bucket.key, "kms:Decrypt", { via: "direct", encryptionContext: encryptionContextFor(f.grant.bucket, f.grant.prefix) }),
            },
        ],
    }),
    defineScenario({
        id: "prefix-outside-same-account",
        category: UPLOAD,
        title: "A grantee in the bucket's account limited to a prefix works outside it",
        select: grantsWhere((g) => g.prefix !== undefined && !isCrossAccount(g)),
        legs: outsidePrefixLegs(notGranted("identity")),
    }),
    defineScenario({
        id: "prefix-outside-cross-account",
        category: UPLOAD,
        title: "A grantee in another account limited to a prefix works outside it",
        select: grantsWhere((g) => g.prefix !== undefined && isCrossAccount(g)),
        legs: outsidePrefixLegs(notGranted("identity", "resource")),
    }),
    defineScenario({
        id: "grantee-other-bucket-shared-key",
        category: UPLOAD,
        title: "A grantee in another account reads a bucket it was not granted that shares its bucket's key",
        note: "Grant key statements are scoped to the grantee, to S3, to the caller's account and to the granted bucket's encryption context, so a key shared by several buckets cannot be used for another bucket's objects.",
        select: otherBucketsSharingTheKey,
        legs: [
            {
                step: "s3:GetObject on the other bucket",
                expect: notGranted("identity", "resource"),
                request: (f: SharedKeyFixture) => s3ObjectRequest(f.caller, f.other, "s3:GetObject"),
            },
            {
                step: "kms:Decrypt via S3 with the other bucket's encryption context",
                expect: notGranted("identity", "resource"),
                request: (f: SharedKeyFixture) => kmsRequest(f.caller, f.other.key, "kms:Decrypt", { via: "s3", encryptionContext: encryptionContextFor(f.other) }),
            },
        ],
    }),
    defineScenario({ id: "list-same-account", category: "Listing", title: "A reader in the bucket's account lists the bucket", select: sameAccountReaders, legs: [listLeg] }),
    defineScenario({ id: "list-cross-account", category: "Listing", title: "A reader in another account lists the bucket", select: crossAccountReaders, legs: [listLeg] }),
];


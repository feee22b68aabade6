import { S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT, TOGGLE_POLICY_LEVELS } from "../model/guardrailToggles";
import { denyInsecureTransport, shown } from "../model/fixStatements";
import { Maybe, Statement } from "../model/policyDocument";
import { AttachedPolicy, BucketModel } from "../model/stackIndex";
import { andTri, everyTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { bucketArn, bucketArnNamed, bucketStatements, objectArn, objectArnIn } from "./bucketPolicyFacts";
import { ApplicableDeny, denyCoversEveryone } from "./denyCoversEveryone";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { externalBucketLabel, externalBucketName, isDirectoryBucketName } from "./externalBuckets";
import { withDocumentCheck } from "./bucketPolicyDocuments";
import { BOOL_OPERATORS, boolClauseHolds, clauseHolds } from "./uploadHeaderConditions";
import { judgedByResourcePart } from "../model/runMemory";
import { definePolicy } from "./definition";
import { bucketPolicyOf, bucketPolicyStatements, dataBucket, withInputs, without } from "../fixtures/stacks";
import { FixtureValue, jsonOf, ref } from "../fixtures/format";
import * as T from "../model/awsTypes";

export { S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT };

const STATEMENT = shown(denyInsecureTransport());
// The deny must cover every S3 request, as AWS's `s3:*` statement does ("Amazon S3 User Guide, Security best
// practices for Amazon S3": enforce encryption of data in transit): a deny on a few actions leaves deletes,
// version reads and policy changes open over plain HTTP. Sampled with reads, writes, deletes and bucket
// administration, so a list that leaves any of them out is not a TLS deny. Also sampled: the S3 actions whose names
// start with none of Get/Put/List/Delete ("Service Authorization Reference, Actions, resources, and condition keys for
// Amazon S3"): a deny written as `s3:Get*`, `s3:Put*`, `s3:List*`, `s3:Delete*` leaves them open over plain HTTP, among
// them s3:UpdateObjectEncryption (changes which key protects an object) and s3:BypassGovernanceRetention.
const OBJECT_ACTIONS: readonly string[] = [
    "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:DeleteObjectVersion",
    "s3:RestoreObject", "s3:AbortMultipartUpload", "s3:BypassGovernanceRetention", "s3:ReplicateObject", "s3:UpdateObjectEncryption",
];
const BUCKET_ACTIONS: readonly string[] = ["s3:ListBucket", "s3:PutBucketPolicy", "s3:DeleteBucket", "s3:PutEncryptionConfiguration", "s3:TagResource", "s3:PauseReplication"];
const FIX = `add to the bucket's aws.s3.BucketPolicy the statement ${STATEMENT}`;

// aws:SecureTransport is a Boolean key S3 always sets ("AWS global condition context keys"): `Bool`, `BoolIfExists`, and
// `Bool` under a set operator compare its one value alike ("IAM User Guide, Single-valued vs. multivalued context keys").

/** A request made without TLS, as S3 puts it in the request context ("AWS global condition context keys"). */
const INSECURE_REQUEST: ReadonlyMap<string, string> = new Map([["aws:securetransport", "false"]]);

/**
 * Conditions that hold for a request made without TLS, every one of them on `aws:SecureTransport` (any other
 * condition may spare the request). `Bool` as AWS documents it; a string operator (`StringEquals` "false",
 * `StringNotEquals` "true", `StringLike`, `...IgnoreCase`, `...IfExists`, under a set operator) compares the context's
 * "false" as text, as IAM evaluates it: not AWS's spelling, but a deny of every plain-HTTP request all the same.
 */
function deniesWhenInsecure(s: Statement): Tri {
    const conditions = s.conditions;
    if (isUnknown(conditions)) {
        return UNKNOWN;
    }
    if (conditions.length === 0) {
        return false;
    }
    // Every clause must hold ("IAM User Guide, Policy evaluation logic": the conditions of a statement are ANDed).
    let verdict: Tri = true;
    for (let i = 0; i < conditions.length; i++) {
        const c = conditions[i];
        if (c.key !== "aws:securetransport") {
            return false;
        }
        const holds = BOOL_OPERATORS.has(c.operator) ? boolClauseHolds(c, INSECURE_REQUEST) : clauseHolds(c, INSECURE_REQUEST);
        if (holds === undefined || holds === false) {
            return false;
        }
        verdict = andTri(verdict, holds);
    }
    return verdict;
}

export function checkInsecureTransport(bucket: BucketModel, report: (f: Finding) => void): void {
    const b = bucket.resource;
    if (bucket.policies.length === 0) {
        report(findingOn(b, b, "has no bucket policy, so nothing denies requests over plain HTTP", FIX));
        return;
    }
    if (bucket.policies.length > 1) {
        report(findingOn(b, b, `has ${bucket.policies.length} bucket policies (${bucket.policies.map((p) => (p.inline ? "inline policy" : describe(p.resource))).join(", ")}); S3 keeps only the last one written`,
            "merge the statements into a single aws.s3.BucketPolicy and remove the deprecated inline policy"));
    }
    if (bucket.policies.every((p) => judgedByResourcePart(S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT, p.resource.urn))) {
        // Each document was judged on its own before it was created (resource part below).
        return;
    }
    for (const p of bucket.policies) {
        if (p.invalid) {
            report(findingOn(b, p.resource, `has a policy for bucket ${describe(b)} that is not a JSON policy document`, FIX));
        }
    }
    const statements = bucketStatements(bucket);
    if (isUnknown(statements)) {
        return;
    }
    if (deniesInsecure(statements, objectArn(bucket), bucketArn(bucket)) === false) {
        const at = bucket.policies[bucket.policies.length - 1].resource;
        report(findingOn(b, at, noTlsDeny(`bucket ${describe(b)}`), FIX));
    }
}

function noTlsDeny(bucketLabel: string): string {
    return `does not deny requests to ${bucketLabel} made without TLS (no Deny for Principal "*" on s3:* for the bucket and its objects with Bool aws:SecureTransport = false)`;
}

/**
 * Every sampled request to the bucket and its objects made without TLS is denied to everyone, by one statement or
 * several: an explicit Deny in any statement decides ("IAM User Guide, Policy evaluation logic"), so a Deny on
 * the bucket ARN next to one on `<bucket ARN>/*` is the same guarantee as AWS's single statement on both, and so is a
 * Deny with NotPrincipal next to Denies naming the principals it spares (denyCoversEveryone.ts).
 */
function deniesInsecure(statements: readonly Statement[], objects: Maybe<string>, whole: Maybe<string>): Tri {
    const insecureDenies: ApplicableDeny[] = [];
    for (const statement of statements) {
        const applies = deniesWhenInsecure(statement);
        if (applies !== false) {
            insecureDenies.push({ statement, applies });
        }
    }
    if (insecureDenies.length === 0) {
        return false;
    }
    // Everyone: one Deny for Principal "*", or a NotPrincipal Deny whose spared principals other Denies take in.
    const denied = (action: string, resource: Maybe<string>): Tri => denyCoversEveryone(insecureDenies, action, resource);
    return andTri(
        everyTri(OBJECT_ACTIONS, (action) => denied(action, objects)),
        everyTri(BUCKET_ACTIONS, (action) => denied(action, whole)),
    );
}

/*
 * Not judged: the policy of a directory bucket (S3 Express One Zone). Such a bucket is reached over HTTPS only (Amazon S3
 * User Guide, S3 Express One Zone "Data protection and encryption": encryption in transit), and its policy speaks `s3express:` actions on
 * `arn:aws:s3express:…:bucket/<name>` ARNs, which an `s3:*` deny on `arn:aws:s3:::<name>` doesn't govern: there is no
 * plain-HTTP request for its policy to deny. The stack index doesn't model directory buckets, so a BucketPolicy for
 * one (`bucket: directoryBucket.bucket`) arrives as a policy of an undeclared bucket; it is known by its name
 * (isDirectoryBucketName).
 */

/** A policy the stack writes for a bucket it does not declare replaces that bucket's policy: it must deny plain HTTP too. */
function checkExternalPolicy(policy: AttachedPolicy, report: (f: Finding) => void): void {
    const r = policy.resource;
    if (judgedByResourcePart(S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT, r.urn) || isDirectoryBucketName(externalBucketName(r))) {
        return;
    }
    const label = externalBucketLabel(r);
    if (policy.invalid) {
        report(findingOn(r, r, `is not a JSON policy document (for ${label})`, FIX));
        return;
    }
    if (!Array.isArray(policy.statements)) {
        return;
    }
    const name = externalBucketName(r);
    if (deniesInsecure(policy.statements, objectArnIn(name), bucketArnNamed(name)) === false) {
        report(findingOn(r, r, noTlsDeny(label), FIX));
    }
}

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT,
        description: "Every S3 bucket's policy denies all requests that don't use TLS (aws:SecureTransport = false).",
        enforcementLevel: TOGGLE_POLICY_LEVELS[S3_BUCKET_POLICY_DENY_INSECURE_TRANSPORT],
        severity: "high",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            checkInsecureTransport(bucket, report);
        }
        for (const policy of index.external.policies) {
            checkExternalPolicy(policy, report);
        }
    },
);

/**
 * Resource part: a document replaces the bucket's whole policy, so each one must deny plain HTTP by itself;
 * judged before the BucketPolicy (or the bucket with an inline policy) is created.
 */
export const s3BucketPolicyDenyInsecureTransport = withDocumentCheck<ExemptionConfig>(stackPart, {}, (doc, _config, report) => {
    if (doc.target !== "declared" && isDirectoryBucketName(doc.bucketName)) {
        return;
    }
    if (doc.invalid) {
        report(`${describe(doc.resource)} has a policy for ${doc.bucketLabel} that is not a JSON policy document. Fix: ${FIX}`);
        return;
    }
    if (!Array.isArray(doc.statements)) {
        return;
    }
    const verdict = deniesInsecure(doc.statements, objectArnIn(doc.bucketName), bucketArnNamed(doc.bucketName));
    if (verdict === false) {
        report(`${describe(doc.resource)} ${noTlsDeny(doc.bucketLabel)}. Fix: ${FIX}`);
    }
    // Undecided (a preview: the BucketPolicy's `bucket` is the output of a bucket not created yet, so a deny's
    // NotResource can't be laid over its objects): left to the stack part, which knows a literal bucket name.
    return isUnknown(verdict) ? false : true;
});

/** The fixture's bucket statements with the TLS deny written as two statements, bucket then objects (`keep`: which of the two to keep). */
function splitTlsDeny(keep: "both" | "objects" = "both"): FixtureValue[] {
    const [tls, ...rest] = bucketPolicyStatements("data", "data-key") as Record<string, FixtureValue>[];
    const onObjects = { ...tls, Sid: "DenyInsecureTransportObjects", Resource: ref("data", "arn", "/*") };
    const onBucket = { ...tls, Sid: "DenyInsecureTransportBucket", Resource: ref("data", "arn") };
    return [...(keep === "both" ? [onBucket] : []), onObjects, ...rest];
}

export const definition = definePolicy({
    policy: s3BucketPolicyDenyInsecureTransport,
    doc: {
        checks: "The bucket policy has a Deny for `Principal \"*\"` on `s3:*` (bucket and objects, in one statement or several) with `Bool aws:SecureTransport = false` (a string operator that holds for the request's `false`, such as `StringEquals` `false` or `StringNotEquals` `true`, counts too, as IAM evaluates it), or Denies that together take in everyone: a `NotPrincipal` Deny next to Denies naming each principal it spares (or its account); over every object: a `NotResource` that spares some objects (`<bucket ARN>/public/*`), or a `Resource` pattern that matches only some keys, leaves them open; also flags no policy, two policies for one bucket, invalid JSON. Not judged: the policy of a directory bucket (S3 Express One Zone, a name ending in `--x-s3`), which S3 serves over HTTPS only.",
        shapes: "v7 `BucketPolicy`, inline `policy`, native `BucketPolicy`",
        config: "—",
    },
    compliant: [
        { title: "a bucket policy denying plain HTTP", resources: dataBucket() },
        { title: "the TLS deny split into one statement on the bucket ARN and one on its objects", resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(splitTlsDeny()))) },
        { title: "a directory bucket's policy (S3 Express One Zone serves HTTPS only), as the S3 User Guide's example writes it", resources: [...dataBucket(),
            { type: T.DIRECTORY_BUCKET, name: "express", inputs: { bucket: "fast-data--euw1-az1--x-s3", location: { name: "euw1-az1", type: "AvailabilityZone" } } },
            { type: T.SSE_CONFIG, name: "express-sse", inputs: { bucket: ref("express", "bucket"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ref("data-key", "arn") }, bucketKeyEnabled: true }] } },
            { type: T.BUCKET_POLICY, name: "express-policy", inputs: { bucket: ref("express", "bucket"), policy: jsonOf({ Version: "2012-10-17", Statement: [
                { Sid: "ReadWriteAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "s3express:CreateSession", Resource: ref("express", "arn") },
            ] }) } },
        ] },
    ],
    violating: [
        { title: "a bucket policy without the TLS deny (its JSON embeds the bucket ARN: unknown in preview, judged before creation during up)", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(bucketPolicyStatements("data", "data-key").slice(1)))) },
        { title: "a bucket without a bucket policy", resources: dataBucket((r) => without(r, "data-policy")) },
        { title: "a TLS deny on a few actions only (deletes and policy changes stay open over plain HTTP)", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(bucketPolicyStatements("data", "data-key").map((statement, i) => (i === 0 ? { ...(statement as Record<string, FixtureValue>), Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"] } : statement))))) },
        { title: "the TLS deny on the objects only (the bucket ARN's own requests, such as s3:PutBucketPolicy, stay open over plain HTTP)", firesAtPreview: false, resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(splitTlsDeny("objects")))) },
        { title: "a literal document without the TLS deny (known at preview)", resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf([
            { Sid: "Readers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/reader" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" },
        ]))) },
    ],
});

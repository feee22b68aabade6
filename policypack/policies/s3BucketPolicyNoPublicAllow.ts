import { isAllow } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { isUnknown } from "../model/values";
import { bucketStatements } from "./bucketPolicyFacts";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { externalBucketLabel } from "./externalBuckets";
import { isPublicGrant } from "./kmsKeyPolicyNoPublicPrincipal";
import { withDocumentCheck } from "./bucketPolicyDocuments";
import { judgedByResourcePart } from "../model/runMemory";
import { definePolicy } from "./definition";
import { bucketPolicyOf, dataBucket, withInputs } from "../fixtures/stacks";
import { ref } from "../fixtures/format";

export const S3_BUCKET_POLICY_NO_PUBLIC_ALLOW = "s3-bucket-policy-no-public-allow";

const FIX = "name the principals (role/user ARNs or account roots) in the Allow, or pin the caller with aws:PrincipalOrgID / aws:PrincipalAccount";

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_POLICY_NO_PUBLIC_ALLOW,
        description: "Bucket policies don't Allow Principal \"*\" unless a condition pins the caller's account or organization.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            const statements = bucketStatements(bucket);
            if (bucket.policies.every((p) => judgedByResourcePart(S3_BUCKET_POLICY_NO_PUBLIC_ALLOW, p.resource.urn))) {
                continue;
            }
            if (!isUnknown(statements) && statements.length > 0) {
                const at = bucket.policies[bucket.policies.length - 1].resource;
                checkStatements(bucket.resource, at, statements, `bucket ${describe(bucket.resource)}`, report);
            }
        }
        for (const policy of index.external.policies) {
            if (Array.isArray(policy.statements) && !judgedByResourcePart(S3_BUCKET_POLICY_NO_PUBLIC_ALLOW, policy.resource.urn)) {
                checkStatements(policy.resource, policy.resource, policy.statements, externalBucketLabel(policy.resource), report);
            }
        }
    },
);

function publicAllows(statements: readonly Statement[], bucketLabel: string): string[] {
    return statements.filter((s) => isAllow(s) === true && isPublicGrant(s) === true)
        .map((s) => `allows ${s.principal === undefined ? "everyone but its NotPrincipal" : "Principal \"*\""}${s.sid ? ` in statement "${s.sid}"` : ""} on ${bucketLabel} without a condition pinning the caller, so anyone can use the allowed actions`);
}

function checkStatements(subject: IndexedResource, at: IndexedResource, statements: readonly Statement[], bucketLabel: string, report: (f: Finding) => void): void {
    for (const problem of publicAllows(statements, bucketLabel)) {
        report(findingOn(subject, at, problem, FIX));
    }
}

/** Resource part: the document alone decides, before the BucketPolicy (or bucket) is created. */
export const s3BucketPolicyNoPublicAllow = withDocumentCheck<ExemptionConfig>(stackPart, {}, (doc, _config, report) => {
    if (Array.isArray(doc.statements)) {
        for (const problem of publicAllows(doc.statements, doc.bucketLabel)) {
            report(`${describe(doc.resource)} ${problem}. Fix: ${FIX}`);
        }
    }
});

export const definition = definePolicy({
    policy: s3BucketPolicyNoPublicAllow,
    doc: {
        checks: "No bucket policy Allow for `Principal \"*\"`, or with `NotPrincipal` (everyone else), unless `aws:PrincipalOrgID` / `aws:PrincipalAccount` pins the caller.",
        shapes: "v7 `BucketPolicy`, inline `policy`, native `BucketPolicy`",
        config: "—",
    },
    compliant: [
        { title: "a bucket policy with denies only", resources: dataBucket() },
        { title: "an Allow for Principal \"*\" pinned to the organization", resources: dataBucket(undefined, { bucketStatements: [
            { Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ref("data", "arn", "/*"), Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } },
        ] }) },
    ],
    violating: [
        { title: "a public-read Allow (its JSON embeds the bucket ARN: unknown in preview, judged before creation during up)", firesAtPreview: false, resources: dataBucket(undefined, { bucketStatements: [
            { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ref("data", "arn", "/*") },
        ] }) },
        { title: "a public-read Allow in a literal document (known at preview)", resources: dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf([
            { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" },
        ]))) },
    ],
});

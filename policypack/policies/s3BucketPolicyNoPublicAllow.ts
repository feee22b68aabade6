import { isAllow } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { isUnknown } from "../model/values";
import { bucketStatements } from "./bucketPolicyFacts";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { externalBucketLabel } from "./externalBuckets";
import { confinedByDeny, isPublicGrant } from "./publicGrantFacts";
import { andTri, notTri } from "../model/tri";
import { S3_RESTRICTING_KEYS } from "../model/publicPolicy";
import { withDocumentCheck } from "./bucketPolicyDocuments";
import { judgedByResourcePart } from "../model/runMemory";
import { definePolicy } from "./definition";
import { bucketPolicyOf, dataBucket, withInputs } from "../fixtures/stacks";
import { FixtureResource, FixtureValue, ref } from "../fixtures/format";

export const S3_BUCKET_POLICY_NO_PUBLIC_ALLOW = "s3-bucket-policy-no-public-allow";

// S3's own meaning of a public policy (Amazon S3 User Guide, "Blocking public access to your Amazon S3
// storage", section "The meaning of 'public'"), declared once in model/publicPolicy.ts: the pack must not
// block a policy S3 itself accepts under BlockPublicPolicy, such as a read only through one VPC endpoint.
const FIX = "name the principals (role/user ARNs or account roots) in the Allow, or limit it to fixed values with a condition S3 counts as non-public, e.g. \"Condition\": {\"StringEquals\": {\"aws:SourceVpce\": \"<vpc endpoint id>\"}} (or aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn, aws:SourceVpc, or IpAddress aws:SourceIp with a CIDR of /8 or narrower), or add a Deny for Principal \"*\" on every action and resource the Allow grants under StringNotEquals on one of those keys with a fixed value";

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_POLICY_NO_PUBLIC_ALLOW,
        description: "Bucket policies don't Allow Principal \"*\" unless a condition, or a Deny for everyone else, limits it to fixed values of a key S3 counts as non-public (caller's account or organization, source VPC/endpoint/IP/ARN/account).",
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
    // S3 judges what the whole policy grants: a Deny for everyone outside fixed values of a restricting key takes the
    // "public" out of the Allow it covers (model/publicPolicy.ts, denyConfinesAllow).
    return statements.filter((s) => isAllow(s) === true && andTri(isPublicGrant(s, S3_RESTRICTING_KEYS), notTri(confinedByDeny(s, statements, S3_RESTRICTING_KEYS))) === true)
        .map((s) => `allows ${s.principal === undefined ? "everyone but its NotPrincipal" : "Principal \"*\""}${s.sid ? ` in statement "${s.sid}"` : ""} on ${bucketLabel} without a condition limiting it to fixed values of a key S3 counts as non-public, so anyone can use the allowed actions`);
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
        checks: "No bucket policy Allow for `Principal \"*\"`, or with `NotPrincipal` (everyone else), unless a condition limits it to fixed values as S3's own meaning of public does: `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceVpce`, `aws:SourceVpc`, `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:userid`, `s3:DataAccessPointArn`, `s3:DataAccessPointAccount` or `s3:x-amz-server-side-encryption-aws-kms-key-id` under `StringEquals`/`StringEqualsIgnoreCase`/`StringLike`/`ArnEquals`/`ArnLike` with no wildcard or policy variable (but a wildcard in the access point name of an `s3:DataAccessPointArn` whose partition, Region and account are fixed, which the guide keeps non-public), or `IpAddress` `aws:SourceIp` with CIDRs of /8 (IPv6 /32) or narrower. Negated operators, `...IfExists` and `ForAllValues:` pin nothing. S3 judges what the whole policy grants, so a Deny next to the Allow can pin it too: a Deny for everyone (or everyone but the principals a `NotPrincipal` names) on every action and resource the Allow grants, each of whose conditions excludes all but fixed values of those keys (`StringNotEquals`/`StringNotEqualsIgnoreCase`/`StringNotLike`/`ArnNotEquals`/`ArnNotLike`, also with `IfExists` or `ForAllValues:`, which hold on a request without the key, or `NotIpAddress` `aws:SourceIp` with narrow CIDRs), e.g. `Deny` `Principal \"*\"` `s3:*` unless `StringNotEquals aws:PrincipalOrgID o-…`; a Deny with another condition (`Bool aws:SecureTransport false`), a `ForAnyValue:` operator, a wildcard value, a narrower scope or `NotAction` leaves the Allow public.",
        shapes: "v7 `BucketPolicy`, inline `policy`, native `BucketPolicy`",
        config: "—",
    },
    compliant: [
        { title: "a bucket policy with denies only", resources: dataBucket() },
        { title: "an Allow for Principal \"*\" pinned to the organization", resources: readUnder({ StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }) },
        { title: "an Allow for Principal \"*\" only through one VPC endpoint (aws:SourceVpce)", resources: readUnder({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } }) },
        { title: "an Allow for Principal \"*\" from one /24 (IpAddress aws:SourceIp)", resources: readUnder({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }) },
        { title: "an Allow for Principal \"*\" to one source resource (ArnEquals aws:SourceArn)", resources: readUnder({ ArnEquals: { "aws:SourceArn": "arn:aws:cloudfront::111111111111:distribution/EDFDVBD6EXAMPLE" } }) },
        { title: "access control delegated to the access points of the bucket's account (StringEquals s3:DataAccessPointAccount)", resources: readUnder({ StringEquals: { "s3:DataAccessPointAccount": "111111111111" } }) },
        { title: "access control delegated to the team's access points (StringLike s3:DataAccessPointArn, a wildcard in the access point name only)", resources: readUnder({ StringLike: { "s3:DataAccessPointArn": "arn:aws:s3:eu-west-1:111111111111:accesspoint/orders-*" } }) },
        { title: "an Allow for Principal \"*\" next to a Deny for everyone outside the organization", resources: dataBucket(undefined, { bucketStatements: [
            { Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ref("data", "arn", "/*") },
            { Sid: "OnlyInsideOrg", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ref("data", "arn"), ref("data", "arn", "/*")], Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } },
        ] }) },
    ],
    violating: [
        { title: "a public-read Allow (its JSON embeds the bucket ARN: unknown in preview, judged before creation during up)", firesAtPreview: false, resources: dataBucket(undefined, { bucketStatements: [
            { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ref("data", "arn", "/*") },
        ] }) },
        { title: "a public-read Allow in a literal document (known at preview)", resources: publicReadUnder() },
        { title: "access control delegated to access points of any account (a wildcard in the account of s3:DataAccessPointArn)", resources: publicReadUnder({ StringLike: { "s3:DataAccessPointArn": "arn:aws:s3:eu-west-1:*:accesspoint/*" } }) },
        { title: "an aws:SourceIp \"limit\" of 0.0.0.0/0 (the whole internet)", resources: publicReadUnder({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }) },
        { title: "an aws:SourceIp \"limit\" of a /4 (a sixteenth of the internet)", resources: publicReadUnder({ IpAddress: { "aws:SourceIp": "64.0.0.0/4" } }) },
        { title: "a StringLike aws:SourceVpce of \"*\" (any endpoint)", resources: publicReadUnder({ StringLike: { "aws:SourceVpce": "*" } }) },
        { title: "StringNotEquals on aws:SourceVpce (every other endpoint, and no endpoint at all, gets in)", resources: publicReadUnder({ StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } }) },
        { title: "an aws:SourceVpce pin written with ...IfExists (true for a request from the internet)", resources: publicReadUnder({ StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } }) },
        { title: "a Deny outside the organization written with ForAnyValue: (false without an organization: anonymous requests get in)", resources: publicReadUnder(undefined, { "ForAnyValue:StringNotEquals": { "aws:PrincipalOrgID": "o-abc123def4" } }) },
    ],
});

/** The data bucket's compliant policy plus an Allow for everyone to read its objects under `condition`. */
function readUnder(condition: Record<string, FixtureValue>): FixtureResource[] {
    return dataBucket(undefined, { bucketStatements: [
        { Sid: "ScopedRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ref("data", "arn", "/*"), Condition: condition },
    ] });
}

/**
 * A literal document (known at preview) whose Allow lets everyone read, under `condition` if given, next to a Deny
 * for everyone of every S3 action under `denyUnless` if given.
 */
function publicReadUnder(condition?: Record<string, FixtureValue>, denyUnless?: Record<string, FixtureValue>): FixtureResource[] {
    const statement: Record<string, FixtureValue> = { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" };
    const statements = [condition === undefined ? statement : { ...statement, Condition: condition }];
    if (denyUnless !== undefined) {
        statements.push({ Sid: "OnlyInside", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::*", Condition: denyUnless });
    }
    return dataBucket((r) => withInputs(r, "data-policy", bucketPolicyOf(statements)));
}

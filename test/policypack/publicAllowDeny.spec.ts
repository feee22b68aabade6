// An Allow for everyone next to a Deny (s3-bucket-policy-no-public-allow, and the stand-in's BlockPublicPolicy): S3's
// meaning of public judges what the whole policy grants (Amazon S3 User Guide, "Blocking public access to your Amazon
// S3 storage", The meaning of "public": non-public when it grants access only to fixed values of the keys listed
// there). A Deny for everyone outside one organization, account, endpoint or named principal makes the Allow
// non-public; a Deny that lets any other request through does not. Found by the differential against the IAM engine
// (iamDifferential.spec.ts), which showed no outsider getting in where the pack still flagged the policy.
import * as assert from "assert";
import { publicStatements } from "../../awsrules";
import { run } from "./support/run";
import { StackBuilder, T } from "./support/stackBuilder";

const POLICY = "s3-bucket-policy-no-public-allow";
const BUCKET = "arn:aws:s3:::shared-data";
const READ = { Sid: "Read", Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [BUCKET, `${BUCKET}/*`] };

function deny(extra: Record<string, unknown>): Record<string, unknown> {
    return { Sid: "OnlyInside", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET, `${BUCKET}/*`], ...extra };
}

/** The pack's verdict and the stand-in's, which must agree. */
async function verdicts(statements: object[]): Promise<{ pack: boolean; standIn: boolean }> {
    const doc = { Version: "2012-10-17", Statement: statements };
    const b = new StackBuilder();
    b.add(T.bucketPolicy, "policy", { bucket: "shared-data", policy: JSON.stringify(doc) });
    const pack = (await run(b.build())).some((v) => v.policyName === POLICY);
    return { pack, standIn: publicStatements(doc).length > 0 };
}

describe("s3-bucket-policy-no-public-allow: a Deny next to a public Allow", () => {
    const confining: [string, Record<string, unknown>][] = [
        ["everyone outside the organization (StringNotEquals aws:PrincipalOrgID)", { Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }],
        ["everyone not through the VPC endpoint (StringNotEqualsIfExists aws:SourceVpce)", { Condition: { StringNotEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }],
        ["everyone outside the account (StringNotEquals aws:PrincipalAccount)", { Condition: { StringNotEquals: { "aws:PrincipalAccount": "111111111111" } } }],
        ["everyone outside the organization, as a set operator true on an absent key (ForAllValues:StringNotEquals)", { Condition: { "ForAllValues:StringNotEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }],
        ["everyone but one named role (NotPrincipal)", { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::222222222222:role/reader" } }],
        ["everyone from outside one /8 (NotIpAddress aws:SourceIp)", { Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }],
    ];
    for (const [title, extra] of confining) {
        it(`is not public with a Deny for ${title}`, async () => {
            assert.deepStrictEqual(await verdicts([READ, deny(extra)]), { pack: false, standIn: false });
        });
    }

    const leaking: [string, object][] = [
        ["a ForAnyValue: set operator, false on a request without an organization (anonymous)", deny({ Condition: { "ForAnyValue:StringNotEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })],
        ["plain HTTP only (Bool aws:SecureTransport false)", deny({ Condition: { Bool: { "aws:SecureTransport": "false" } } })],
        ["outside the organization and over plain HTTP (both must hold)", deny({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, Bool: { "aws:SecureTransport": "false" } } })],
        ["a wildcard value (StringNotLike aws:PrincipalArn role/*), public for S3", deny({ Condition: { StringNotLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/*" } } })],
        ["s3:GetObject only, while the Allow also lists the bucket", deny({ Action: "s3:GetObject", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })],
        ["the objects only, while the Allow also covers the bucket", deny({ Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })],
        ["the own account only (Principal the account root)", deny({ Principal: { AWS: "arn:aws:iam::111111111111:root" }, Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })],
        ["a NotAction Deny (not read: the pack doesn't take it for a pin)", deny({ Action: undefined, NotAction: "s3:DeleteObject", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })],
    ];
    for (const [title, statement] of leaking) {
        it(`stays public next to a Deny with ${title}`, async () => {
            assert.deepStrictEqual(await verdicts([READ, statement]), { pack: true, standIn: true });
        });
    }
});

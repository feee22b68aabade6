// Proves the oracle harness itself: the library traps are handled, and a wrong expectation, a
// misspelled context key or a typo in a policy each make a test fail. Cases come from the measured
// table of the library's known traps, so their AWS answers are known.
import assert from "node:assert/strict";
import type { PolicyDocument } from "../../components/policy/types";
import { lintGeneratedPolicy as lintPolicy } from "./policyChecks";
import { expectAccess } from "./support/expectAccess";
import { decide, type NamedPolicy } from "./support/oracle";
import { callerFromArn, kmsDirectContext, kmsViaS3Context, PLAIN_HTTP, s3Context } from "./support/requestContext";
import { ALLOWED, deniedBy, notGranted } from "./support/scenario";

const ACCT_A = "111122223333";
const BUCKET = "arn:aws:s3:::example-bucket";
const OBJECT = `${BUCKET}/reports/2024.csv`;
const KEY = `arn:aws:kms:us-east-1:${ACCT_A}:key/11111111-1111-1111-1111-111111111111`;

const doc = (...Statement: PolicyDocument["Statement"]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const named = (name: string, document: PolicyDocument): NamedPolicy => ({ name, document });

const roleIdentity = named(
    "role-policy",
    doc(
        { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` },
        {
            Sid: "DecryptViaS3",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: KEY,
            Condition: {
                StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET, `${BUCKET}/*`] },
            },
        },
    ),
);
const keyPolicy = named(
    "key-policy",
    doc({ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT_A}:root` }, Action: "kms:*", Resource: "*" }),
);
const bucketPolicy = named(
    "bucket-policy",
    doc({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [BUCKET, `${BUCKET}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    }),
);
const app = callerFromArn("app role", `arn:aws:iam::${ACCT_A}:role/App`, [roleIdentity]);

describe("IAM oracle harness", () => {
    it("decides requests with an encryption context through the unsafe path (L1) and gets them right", async () => {
        const allowed = await decide({
            principal: app.arn,
            action: "kms:Decrypt",
            resource: KEY,
            resourceAccount: ACCT_A,
            context: kmsViaS3Context(app, ACCT_A, "us-east-1", OBJECT),
            identityPolicies: app.identityPolicies,
            resourcePolicy: keyPolicy,
        });
        assert.equal(allowed.decision, "Allowed");
        assert.equal(allowed.viaUnsafePath, true);
        await expectAccess([
            {
                step: "decrypt for another bucket",
                expect: notGranted("identity"),
                request: {
                    principal: app.arn,
                    action: "kms:Decrypt",
                    resource: KEY,
                    resourceAccount: ACCT_A,
                    context: kmsViaS3Context(app, ACCT_A, "us-east-1", "arn:aws:s3:::other-bucket/x"),
                    identityPolicies: app.identityPolicies,
                    resourcePolicy: keyPolicy,
                },
            },
            {
                step: "decrypt called directly",
                expect: notGranted("identity"),
                request: {
                    principal: app.arn,
                    action: "kms:Decrypt",
                    resource: KEY,
                    resourceAccount: ACCT_A,
                    context: kmsDirectContext(app, ACCT_A, "us-east-1", OBJECT),
                    identityPolicies: app.identityPolicies,
                    resourcePolicy: keyPolicy,
                },
            },
        ]);
    });

    it("names the deciding Deny statement", async () => {
        await expectAccess([
            {
                step: "GetObject over HTTP",
                expect: deniedBy("DenyInsecureTransport"),
                request: {
                    principal: app.arn,
                    action: "s3:GetObject",
                    resource: OBJECT,
                    resourceAccount: ACCT_A,
                    context: s3Context(app, ACCT_A, "us-east-1", PLAIN_HTTP),
                    identityPolicies: app.identityPolicies,
                    resourcePolicy: bucketPolicy,
                },
            },
        ]);
    });

    it("fails a leg whose expectation is wrong, naming the leg and the actual decision", async () => {
        const request = {
            principal: app.arn,
            action: "s3:GetObject",
            resource: OBJECT,
            resourceAccount: ACCT_A,
            context: s3Context(app, ACCT_A, "us-east-1"),
            identityPolicies: app.identityPolicies,
            resourcePolicy: bucketPolicy,
        };
        await expectAccess([{ step: "GetObject over HTTPS", expect: ALLOWED, request }]);
        await assert.rejects(expectAccess([{ step: "GetObject over HTTPS", expect: deniedBy("DenyInsecureTransport"), request }]), /GetObject over HTTPS.*expected ExplicitlyDenied, got Allowed/);
        await assert.rejects(expectAccess([{ step: "GetObject over HTTPS", expect: notGranted("resource"), request }]), /expected ImplicitlyDenied, got Allowed/);
    });

    it("refuses a request whose context key the simulator would silently drop (L6)", async () => {
        await assert.rejects(
            decide({
                principal: app.arn,
                action: "s3:GetObject",
                resource: OBJECT,
                resourceAccount: ACCT_A,
                context: { ...s3Context(app, ACCT_A, "us-east-1"), "s3:x-amz-server-side-encrytion": "aws:kms" },
                identityPolicies: app.identityPolicies,
                resourcePolicy: bucketPolicy,
            }),
            /context keys ignored.*encrytion/,
        );
    });

    it("lint passes the reference policies and reports typos that validation accepts (L3/L4)", async () => {
        assert.deepEqual(await lintPolicy(roleIdentity.document, "identity"), []);
        assert.deepEqual(await lintPolicy(keyPolicy.document, "key"), []);
        assert.deepEqual(await lintPolicy(bucketPolicy.document, "bucket"), []);
        const typos = doc(
            {
                Sid: "DenyTypos",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObjects",
                Resource: `${BUCKET}/*`,
                Condition: { StringNotEqual: { "s3:x-amz-server-side-encrytion": "aws:kms" } } as never,
            },
            { Sid: "ListOnObjects", Effect: "Deny", Principal: "*", Action: "s3:ListBucket", Resource: `${BUCKET}/*` },
            { Sid: "Bad Sid", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${BUCKET}/*`, Condition: { Bool: { "aws:SecureTransport": "no" } } },
        );
        const findings = (await lintPolicy(typos, "bucket")).join("\n");
        assert.match(findings, /unknown action "?s3:PutObjects/);
        assert.match(findings, /unknown condition operator "?StringNotEqual"?/);
        assert.match(findings, /ListOnObjects.*s3:ListBucket does not apply/);
        assert.match(findings, /Bad Sid.*letters and digits/);
        assert.match(findings, /needs "true" or "false"/);
        const trap = doc({
            Sid: "SetOnSingle",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: KEY,
            Condition: { "ForAllValues:StringEquals": { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, NumericLessThan: { "kms:CallerAccount": "1" } },
        });
        const trapFindings = (await lintPolicy(trap, "identity")).join("\n");
        assert.match(trapFindings, /kms:ViaService is single-valued/);
        assert.match(trapFindings, /NumericLessThan cannot compare kms:CallerAccount/);
        const keyTypo = doc({ Sid: "K", Effect: "Allow", Action: "kms:Decrypt", Resource: KEY, Condition: { StringEquals: { "kms:ViaServices": "s3.us-east-1.amazonaws.com" } } });
        assert.match((await lintPolicy(keyTypo, "identity")).join("\n"), /unknown condition key "?kms:ViaServices/);
    });
});

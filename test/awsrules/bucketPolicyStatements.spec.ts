// S3's per-statement checks of a bucket policy (awsrules/s3BucketPolicyStatements.ts): resources of the bucket only,
// S3 actions only, and at least one action of each statement applying to one of its resources.
import { strict as assert } from "node:assert";
import { bucketPolicyStatementsViolation, globCanMatchPrefix, resourceKinds, S3ActionCatalogue } from "../../awsrules";

// A few of S3's actions with the resource types the Service Authorization Reference gives them.
const CATALOGUE: S3ActionCatalogue = new Map([
    ["getobject", ["object"]],
    ["putobject", ["object"]],
    ["listbucket", ["bucket"]],
    ["getbucketacl", ["bucket"]],
    ["listallmybuckets", []],
]);
const B = "acme-data";
const policy = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action, Resource, ...extra });
const check = (document: unknown) => bucketPolicyStatementsViolation(document, B, CATALOGUE);

describe("AWS rules (awsrules/): S3 bucket policy statements", function () {
    it("places resources: the bucket, its objects, both, or nothing of the bucket", function () {
        assert.deepEqual(resourceKinds(`arn:aws:s3:::${B}`, B), ["bucket"]);
        assert.deepEqual(resourceKinds(`arn:aws:s3:::${B}/*`, B), ["object"]);
        assert.deepEqual(resourceKinds(`arn:aws:s3:::${B}*`, B), ["bucket", "object"]);
        assert.deepEqual(resourceKinds("*", B), ["bucket", "object"]);
        assert.deepEqual(resourceKinds("arn:aws:s3:::acme-*/logs/*", B), ["object"]);
        assert.deepEqual(resourceKinds("arn:aws:s3:::other-bucket/*", B), []);
        assert.deepEqual(resourceKinds("arn:aws:kms:eu-west-1:111111111111:key/k", B), []);
        assert.deepEqual(resourceKinds(`${B}/*`, B), []);
        assert.equal(resourceKinds("arn:aws:s3:eu-west-1:111111111111:accesspoint/ap/object/*", B), undefined);
        assert.equal(resourceKinds("arn:aws:s3:::${aws:PrincipalTag/bucket}/*", B), undefined);
        assert.ok(globCanMatchPrefix("a*c", "abbb"));
        assert.ok(!globCanMatchPrefix("ab?d", "ac"));
    });

    it("accepts statements whose actions apply to their resources, with wildcards and Deny statements", function () {
        assert.equal(check(policy(
            allow("s3:GetObject", `arn:aws:s3:::${B}/*`),
            allow(["s3:ListBucket", "s3:GetObject"], [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/reports/*`]),
            allow("s3:Get*", `arn:aws:s3:::${B}`),
            allow("*", `arn:aws:s3:::${B}/*`),
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: `arn:aws:s3:::${B}/*` },
        )), undefined);
    });

    it("refuses an action outside S3 or one S3 does not define", function () {
        assert.match(check(policy(allow("kms:Decrypt", `arn:aws:s3:::${B}/*`)))?.message ?? "", /^Policy has invalid action$/);
        assert.match(check(policy(allow("s3:GetObjects", `arn:aws:s3:::${B}/*`)))?.rule ?? "", /s3:GetObjects/);
        assert.equal(check(policy({ Effect: "Deny", Principal: "*", NotAction: "sqs:SendMessage", Resource: `arn:aws:s3:::${B}/*` }))?.message, "Policy has invalid action");
    });

    it("refuses a resource of another bucket or another service", function () {
        assert.match(check(policy(allow("s3:GetObject", "arn:aws:s3:::other-bucket/*")))?.message ?? "", /^Policy has invalid resource$/);
        assert.match(check(policy(allow("s3:GetObject", [`arn:aws:s3:::${B}/*`, "arn:aws:kms:eu-west-1:111111111111:key/k"])))?.rule ?? "", /arn:aws:kms/);
    });

    it("refuses a statement none of whose actions applies to its resources, naming the fix", function () {
        const objectOnBucket = check(policy(allow("s3:GetObject", `arn:aws:s3:::${B}`, { Sid: "Read" })));
        assert.equal(objectOnBucket?.message, "Action does not apply to any resource(s) in statement");
        assert.match(objectOnBucket?.rule ?? "", /statement Read[\s\S]*arn:aws:s3:::acme-data\/\* for object actions/);
        assert.match(check(policy(allow("s3:ListBucket", `arn:aws:s3:::${B}/*`)))?.rule ?? "", /arn:aws:s3:::acme-data for bucket actions/);
        assert.ok(check(policy(allow("s3:ListAllMyBuckets", `arn:aws:s3:::${B}`))));
    });

    it("leaves alone what it cannot place: access point resources, policy variables, action patterns matching nothing it knows", function () {
        assert.equal(check(policy(allow("s3:ListBucket", "arn:aws:s3:eu-west-1:111111111111:accesspoint/ap/object/*"))), undefined);
        assert.equal(check(policy(allow("s3:GetObject", "arn:aws:s3:::${aws:PrincipalTag/bucket}"))), undefined);
        assert.equal(check(policy(allow("s3:Frobnicate*", `arn:aws:s3:::${B}`))), undefined);
        assert.equal(check("not a document"), undefined);
    });
});

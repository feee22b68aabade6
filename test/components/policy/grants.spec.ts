import * as assert from "assert";
import { GRANT_ACCESS_LEVELS, GrantAccess, grantBucketActions, grantKmsActions, grantObjectActions, serviceGrantObjectActions } from "../../../components/policy/actions";
import { grantBucketPolicyStatements, grantIdentityPolicy, grantKeyPolicyStatement, GrantSubject, GrantTarget } from "../../../components/policy/grants";
import { BUCKET, CONSUMER_ACCOUNT, CONSUMER_ROLE, DATA_ACCOUNT, KEY_ARN, REGION, SAME_ACCOUNT_ROLE } from "../fixtures";

const target: GrantTarget = { bucketName: BUCKET, bucketAccountId: DATA_ACCOUNT, region: REGION, keyArn: KEY_ARN };

function subject(access: GrantAccess, crossAccount: boolean, prefix?: string): GrantSubject {
    return {
        principalArn: crossAccount ? CONSUMER_ROLE : SAME_ACCOUNT_ROLE,
        principalAccountId: crossAccount ? CONSUMER_ACCOUNT : DATA_ACCOUNT,
        access,
        prefix,
        sidBase: "GrantAnalytics",
    };
}

describe("policy/grants", () => {
    it("action sets: read, write (+Decrypt for multipart), read-write", () => {
        assert.deepStrictEqual(grantObjectActions("read"), [
            "s3:GetObject",
            "s3:GetObjectVersion",
            "s3:GetObjectAttributes",
            "s3:GetObjectVersionAttributes",
            "s3:GetObjectTagging",
            "s3:GetObjectVersionTagging",
        ]);
        assert.deepStrictEqual(grantObjectActions("write"), ["s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]);
        assert.deepStrictEqual(grantObjectActions("read-write"), [
            "s3:GetObject",
            "s3:GetObjectVersion",
            "s3:GetObjectAttributes",
            "s3:GetObjectVersionAttributes",
            "s3:GetObjectTagging",
            "s3:GetObjectVersionTagging",
            "s3:PutObject",
            "s3:PutObjectAcl",
            "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts",
        ]);
        assert.deepStrictEqual(grantBucketActions("read"), ["s3:ListBucket", "s3:ListBucketVersions"]);
        assert.deepStrictEqual(grantBucketActions("write"), ["s3:ListBucket"]);
        assert.deepStrictEqual(grantBucketActions("read-write"), ["s3:ListBucket", "s3:ListBucketVersions"]);
        assert.deepStrictEqual(grantKmsActions("read"), ["kms:Decrypt"]);
        assert.deepStrictEqual(grantKmsActions("write"), ["kms:Decrypt", "kms:GenerateDataKey"]);
        assert.deepStrictEqual(grantKmsActions("read-write"), ["kms:Decrypt", "kms:GenerateDataKey"]);
    });

    // The AWS CLI's multipart copy between buckets reads the source's tags (AWS CLI Command Reference, "s3 cp", --copy-props);
    // tags are never written (replication rules filter on them), and services read no tags.
    it("readers read tags, nobody writes them, and a service's grant reads no tags", () => {
        for (const access of GRANT_ACCESS_LEVELS) {
            const actions = grantObjectActions(access);
            assert.strictEqual(actions.includes("s3:GetObjectTagging") && actions.includes("s3:GetObjectVersionTagging"), access !== "write", access);
            assert.ok(!actions.some((a) => /^s3:(Put|Delete)Object(Version)?Tagging$/.test(a)), access);
            assert.ok(!serviceGrantObjectActions(access).some((a) => a.includes("Tagging")), access);
        }
    });

    it("s3:PutObjectAcl for every writer (an upload with --acl bucket-owner-full-control needs it), never for readers", () => {
        for (const access of GRANT_ACCESS_LEVELS) {
            assert.strictEqual(grantObjectActions(access).includes("s3:PutObjectAcl"), access !== "read", access);
        }
    });

    it("key-policy statement: principal by ARN, via S3 in the bucket's region, from its own account, for this bucket only", () => {
        assert.deepStrictEqual(grantKeyPolicyStatement(subject("write", true), target), {
            Sid: "GrantAnalyticsUseKeyViaS3",
            Effect: "Allow",
            Principal: { AWS: CONSUMER_ROLE },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com", "kms:CallerAccount": CONSUMER_ACCOUNT },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] },
            },
        });
    });

    it("same-account grants add nothing to the bucket policy", () => {
        for (const access of GRANT_ACCESS_LEVELS) {
            assert.deepStrictEqual(grantBucketPolicyStatements(subject(access, false), target), []);
        }
    });

    it("cross-account grants add list + object statements naming the principal", () => {
        assert.deepStrictEqual(grantBucketPolicyStatements(subject("read-write", true), target), [
            {
                Sid: "GrantAnalyticsListBucket",
                Effect: "Allow",
                Principal: { AWS: CONSUMER_ROLE },
                Action: ["s3:ListBucket", "s3:ListBucketVersions"],
                Resource: `arn:aws:s3:::${BUCKET}`,
            },
            {
                Sid: "GrantAnalyticsObjects",
                Effect: "Allow",
                Principal: { AWS: CONSUMER_ROLE },
                Action: [
                    "s3:GetObject",
                    "s3:GetObjectVersion",
                    "s3:GetObjectAttributes",
                    "s3:GetObjectVersionAttributes",
                    "s3:GetObjectTagging",
                    "s3:GetObjectVersionTagging",
                    "s3:PutObject",
                    "s3:PutObjectAcl",
                    "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts",
                ],
                Resource: `arn:aws:s3:::${BUCKET}/*`,
            },
        ]);
    });

    it("a prefix narrows objects and ListBucket (s3:prefix)", () => {
        const [list, objects] = grantBucketPolicyStatements(subject("read", true, "reports/"), target);
        assert.deepStrictEqual(list.Condition, { StringLike: { "s3:prefix": "reports/*" } });
        assert.equal(objects.Resource, `arn:aws:s3:::${BUCKET}/reports/*`);
        const identity = grantIdentityPolicy(subject("read", true, "reports/"), target);
        assert.deepStrictEqual(identity.Statement[0].Condition, { StringLike: { "s3:prefix": "reports/*" } });
        assert.equal(identity.Statement[1].Resource, `arn:aws:s3:::${BUCKET}/reports/*`);
    });

    it("identity policy: list, objects, and the key ARN via S3", () => {
        assert.deepStrictEqual(grantIdentityPolicy(subject("write", false), target), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "GrantAnalyticsListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: `arn:aws:s3:::${BUCKET}` },
                { Sid: "GrantAnalyticsObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], Resource: `arn:aws:s3:::${BUCKET}/*` },
                {
                    Sid: "GrantAnalyticsUseKey",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                    Resource: KEY_ARN,
                    Condition: {
                        StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                        StringLike: { "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] },
                    },
                },
            ],
        });
    });

    it("covers the Knowledge Center article's minimum (GetObject/PutObject + Decrypt/GenerateDataKey) for read-write", () => {
        const identity = grantIdentityPolicy(subject("read-write", true), target);
        const actions = identity.Statement.flatMap((s) => s.Action as string[]);
        for (const needed of ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:ListBucket", "kms:Decrypt", "kms:GenerateDataKey"]) {
            assert.ok(actions.includes(needed), needed);
        }
        const key = grantKeyPolicyStatement(subject("read-write", true), target);
        assert.deepStrictEqual(key.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
    });
});

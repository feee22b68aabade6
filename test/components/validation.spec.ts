import * as assert from "assert";
import {
    InvalidArgumentError,
    requireAccountId,
    requireAliasName,
    requireBucketName,
    requireDeletionWindow,
    requireEach,
    requireIamPrincipalArn,
    requireKeyPolicyPrincipal,
    requireKeyPrefix,
    requireKmsKeyArn,
    requireRegion,
} from "../../components/validation";
import { KEY_ARN } from "./fixtures";

const W = 'EncryptedBucket "b"';

function rejects(fn: () => unknown, field: string, pattern: RegExp): void {
    assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof InvalidArgumentError, String(error));
        assert.equal(error.field, field);
        assert.match(error.message, /^EncryptedBucket "b": /);
        assert.match(error.message, / Fix: /);
        assert.match(error.message, pattern);
        return true;
    });
}

describe("validation", () => {
    it("account ids: 12 digits as a string", () => {
        assert.equal(requireAccountId(W, "accountId", "012345678901"), "012345678901");
        rejects(() => requireAccountId(W, "accountId", 12345678901), "accountId", /12-digit/);
        rejects(() => requireAccountId(W, "accountId", "1234"), "accountId", /not an AWS account id/);
    });

    it("regions: codes of the aws partition, not AZs", () => {
        for (const region of ["eu-west-1", "us-east-1", "ap-southeast-5", "il-central-1", "mx-central-1", "ca-west-1"]) {
            assert.equal(requireRegion(W, "region", region), region);
        }
        rejects(() => requireRegion(W, "region", "eu-west-1a"), "region", /availability zone/);
        rejects(() => requireRegion(W, "region", "cn-north-1"), "region", /aws partition/);
        rejects(() => requireRegion(W, "region", undefined), "region", /region/);
    });

    it("IAM principal ARNs: users and roles, with a hint for session ARNs", () => {
        assert.equal(requireIamPrincipalArn(W, "principalArn", "arn:aws:iam::111122223333:role/a/b/app").name, "app");
        rejects(() => requireIamPrincipalArn(W, "principalArn", "arn:aws:sts::111122223333:assumed-role/app/s"), "principalArn", /not an assumed-role session ARN/);
        rejects(() => requireIamPrincipalArn(W, "principalArn", "arn:aws:iam::111122223333:group/g"), "principalArn", /IAM user or role ARN/);
        assert.equal(requireKeyPolicyPrincipal(W, "users[0]", "arn:aws:iam::111122223333:root"), "arn:aws:iam::111122223333:root");
    });

    it("KMS key ARNs vs aliases", () => {
        assert.equal(requireKmsKeyArn(W, "keyArn", KEY_ARN).region, "eu-west-1");
        rejects(() => requireKmsKeyArn(W, "keyArn", "arn:aws:kms:eu-west-1:111122223333:alias/data"), "keyArn", /is the alias/);
        rejects(() => requireKmsKeyArn(W, "keyArn", "alias/data"), "keyArn", /is the alias/);
        rejects(() => requireKmsKeyArn(W, "keyArn", "1234abcd-12ab-34cd-56ef-1234567890ab"), "keyArn", /not a KMS key ARN/);
    });

    it("alias names", () => {
        assert.equal(requireAliasName(W, "alias", "alias/s3/data-lake"), "alias/s3/data-lake");
        rejects(() => requireAliasName(W, "alias", "data"), "alias", /alias\/<name>/);
        rejects(() => requireAliasName(W, "alias", "alias/aws/s3"), "alias", /reserved/);
        rejects(() => requireAliasName(W, "alias", "alias/has space"), "alias", /not a usable KMS alias/);
    });

    it("deletion window 7-30 whole days", () => {
        assert.equal(requireDeletionWindow(W, "deletionWindowInDays", 7), 7);
        assert.equal(requireDeletionWindow(W, "deletionWindowInDays", 30), 30);
        for (const bad of [6, 31, 7.5, "10"]) {
            rejects(() => requireDeletionWindow(W, "deletionWindowInDays", bad), "deletionWindowInDays", /7 to 30/);
        }
    });

    it("bucket names", () => {
        assert.equal(requireBucketName(W, "bucketName", "my-data.bucket-1"), "my-data.bucket-1");
        for (const bad of ["My-Bucket", "ab", "a..b", "192.168.1.1", "xn--abc", "bucket-s3alias", "-abc", "abc-"]) {
            rejects(() => requireBucketName(W, "bucketName", bad), "bucketName", /not a valid S3 bucket name/);
        }
    });

    it("key prefixes", () => {
        assert.equal(requireKeyPrefix(W, "prefix", "reports/"), "reports/");
        for (const bad of ["", "/reports/", "reports/*", "a?b"]) {
            rejects(() => requireKeyPrefix(W, "prefix", bad), "prefix", /usable key prefix/);
        }
    });

    it("lists name the failing index", () => {
        rejects(() => requireEach(W, "users", ["arn:aws:iam::111122223333:role/a", "nope"], requireKeyPolicyPrincipal), "users[1]", /"nope"/);
        rejects(() => requireEach(W, "users", "arn:aws:iam::111122223333:role/a", requireKeyPolicyPrincipal), "users", /not a list/);
    });
});

// The field formats both layers share (components/args/fields.ts) and how a component reports them:
// one InvalidArgumentError naming every field and its fix.
import * as assert from "assert";
import { z } from "zod";
import {
    accountIdField,
    bucketNameField,
    customerManagedKeyArgsSchema,
    encryptedBucketArgsSchema,
    deletionWindowField,
    InvalidArgumentError,
    keyPolicyPrincipalList,
    keyPrefixField,
    kmsAliasField,
    kmsKeyArnField,
    parseArgs,
    principalArnField,
    regionField,
} from "../../components";
import { KEY_ARN } from "./fixtures";

const W = 'EncryptedBucket "b"';

function accepts<S extends z.ZodType>(field: S, value: unknown): z.output<S> {
    return (parseArgs(W, z.object({ f: field }), { f: value }) as { f: z.output<S> }).f;
}

function rejects(field: z.ZodType, value: unknown, pattern: RegExp): void {
    assert.throws(
        () => parseArgs(W, z.object({ f: field }), { f: value }),
        (error: unknown) => {
            assert.ok(error instanceof InvalidArgumentError, String(error));
            assert.equal(error.field.split(/[.[]/)[0], "f");
            assert.match(error.message, /^EncryptedBucket "b": f/);
            assert.match(error.message, pattern);
            return true;
        },
    );
}

describe("argument fields", () => {
    it("account ids: 12 digits as a string", () => {
        assert.equal(accepts(accountIdField, "012345678901"), "012345678901");
        rejects(accountIdField, 12345678901, /12-digit AWS account id as a string/);
        rejects(accountIdField, "1234", /not an AWS account id/);
    });

    it("regions: codes of the aws partition, not AZs, in both layers (the AWS SDK's partitions data)", () => {
        for (const region of ["eu-west-1", "us-east-1", "ap-southeast-5", "il-central-1", "mx-central-1", "ca-west-1"]) {
            assert.equal(accepts(regionField, region), region);
        }
        rejects(regionField, "eu-west-1a", /availability zone/);
        rejects(regionField, "cn-north-1", /aws partition/);
        rejects(regionField, "ap-southeast-10", /not an AWS region/);
        rejects(regionField, undefined, /region/);
    });

    it("IAM principal ARNs: users and roles, with a hint for session ARNs", () => {
        assert.equal(accepts(principalArnField, "arn:aws:iam::111122223333:role/a/b/app"), "arn:aws:iam::111122223333:role/a/b/app");
        rejects(principalArnField, "arn:aws:sts::111122223333:assumed-role/app/s", /assumed-role session ARN/);
        rejects(principalArnField, "arn:aws:iam::111122223333:group/g", /not an IAM user or role ARN/);
        assert.deepStrictEqual(accepts(keyPolicyPrincipalList, ["arn:aws:iam::111122223333:root"]), ["arn:aws:iam::111122223333:root"]);
    });

    it("KMS key ARNs vs aliases", () => {
        assert.equal(accepts(kmsKeyArnField, KEY_ARN), KEY_ARN);
        rejects(kmsKeyArnField, "arn:aws:kms:eu-west-1:111122223333:alias/data", /is the alias/);
        rejects(kmsKeyArnField, "alias/data", /is the alias/);
        rejects(kmsKeyArnField, "1234abcd-12ab-34cd-56ef-1234567890ab", /not a KMS key ARN/);
    });

    it("alias names", () => {
        assert.equal(accepts(kmsAliasField, "alias/s3/data-lake"), "alias/s3/data-lake");
        rejects(kmsAliasField, "data", /alias\/<name>/);
        rejects(kmsAliasField, "alias/aws/s3", /reserved/);
        rejects(kmsAliasField, "alias/has space", /alias\/<name>/);
    });

    it("deletion window 7-30 whole days", () => {
        assert.equal(accepts(deletionWindowField, 7), 7);
        assert.equal(accepts(deletionWindowField, 30), 30);
        for (const bad of [6, 31, 7.5, "10"]) {
            rejects(deletionWindowField, bad, /7.*30/);
        }
    });

    it("bucket names, including the reserved suffixes both layers refuse", () => {
        assert.equal(accepts(bucketNameField, "my-data.bucket-1"), "my-data.bucket-1");
        for (const bad of ["My-Bucket", "ab", "a..b", "192.168.1.1", "xn--abc", "bucket-s3alias", "-abc", "abc-", "my-bucket.mrap"]) {
            rejects(bucketNameField, bad, /not a valid S3 bucket name/);
        }
    });

    it("key prefixes", () => {
        assert.equal(accepts(keyPrefixField, "reports/"), "reports/");
        rejects(keyPrefixField, "", /is empty\. Fix: /);
        rejects(keyPrefixField, "/reports/", /leading slash/);
        rejects(keyPrefixField, "reports/*", /\* or \?/);
        rejects(keyPrefixField, "a?b", /\* or \?/);
    });

    it("lists name the failing index", () => {
        assert.throws(() => parseArgs(W, z.object({ users: keyPolicyPrincipalList }), { users: ["arn:aws:iam::111122223333:role/a", "nope"] }), (error: InvalidArgumentError) => {
            assert.equal(error.field, "users[1]");
            assert.match(error.message, /"nope"/);
            return true;
        });
        rejects(keyPolicyPrincipalList, "arn:aws:iam::111122223333:role/a", /not a list/);
    });

    it("reports every problem at once, each with its field", () => {
        const schema = z.strictObject({ accountId: accountIdField, region: regionField, alias: kmsAliasField });
        assert.throws(
            () => parseArgs(W, schema, { accountId: "1", region: "mars-1", alias: "x", colour: "red" }),
            (error: InvalidArgumentError) => {
                assert.deepStrictEqual(error.problems.map((p) => p.field).sort(), ["accountId", "alias", "args", "region"]);
                assert.match(error.message, /^EncryptedBucket "b": 4 problems with the arguments:\n {2}- /);
                assert.match(error.message, /has unknown setting "colour"/);
                return true;
            },
        );
    });
});

describe("argument type errors", () => {
    it("name the expected type with its article (an object, an array, a string)", () => {
        const schema = z.object({ settings: z.object({}), list: z.array(z.string()), name: z.string() }).strict();
        assert.throws(
            () => parseArgs(W, schema, { settings: 3, list: "x", name: 1 } as never),
            (e: Error) => /settings is not an object\. Fix: pass an object/.test(e.message)
                && /list is not an array\. Fix: pass an array/.test(e.message)
                && /name is not a string\. Fix: pass a string/.test(e.message),
        );
    });
});

describe("whole arguments of the wrong kind (a JavaScript caller)", () => {
    const cases: Array<[string, z.ZodType, string]> = [
        ["CustomerManagedKey", customerManagedKeyArgsSchema, "accountId, region and alias"],
        ["EncryptedBucket", encryptedBucketArgsSchema("b"), "at least accountId and region"],
    ];
    for (const [component, schema, fields] of cases) {
        it(`${component}: a string or a list is named as such, not "missing"; nothing is still "missing"`, () => {
            const message = (args: unknown) => {
                try {
                    parseArgs(component, schema, args);
                } catch (error) {
                    return (error as Error).message;
                }
                return assert.fail("accepted");
            };
            assert.match(message("alias/x"), new RegExp(`args is "alias/x", not an object\\. Fix: pass an object with ${fields}`));
            assert.match(message(["x"]), /args is a list, not an object/);
            assert.match(message(undefined), new RegExp(`args is missing\\. Fix: pass ${fields}`));
        });
    }

    it("CustomerManagedKey: a description longer than KMS's 8192 characters", () => {
        assert.throws(
            () => parseArgs("CustomerManagedKey", customerManagedKeyArgsSchema, { accountId: "111111111111", region: "eu-west-1", alias: "alias/x", description: "d".repeat(8193) }),
            /description is 8193 characters long; KMS takes at most 8192.*Fix: shorten it/,
        );
    });
});

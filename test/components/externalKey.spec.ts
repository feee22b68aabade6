import * as assert from "assert";
import { describeExistingKey, EXISTING_KEYS } from "../../fakeaws/kmsGetKey";
import { PolicyDocument } from "../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { CONSUMER_ROLE, REGION } from "./fixtures";
import { accountProvider, afterAutoSeal } from "./support/world";
type Components = typeof import("../../components");

const USABLE = EXISTING_KEYS.find((k) => k.keyUsage === "ENCRYPT_DECRYPT")?.arn as string;
const SIGNING = EXISTING_KEYS.find((k) => k.keyUsage === "SIGN_VERIFY")?.arn as string;
const KEY_ACCOUNT = USABLE.split(":")[4];
const UNKNOWN = `arn:aws:kms:${REGION}:${KEY_ACCOUNT}:key/0e0e0e0e-1111-4222-8333-999999999999`;

/** The output's value, or its failure: promiseOf never settles for an output whose apply threw. */
function settled<T>(output: import("@pulumi/pulumi").Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

let counter = 0;
const unique = (base: string): string => `${base}${++counter}`;

describe("ExternalKey: an existing key by ARN (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "external-key" });
        c = await import("../../components");
    });
    beforeEach(() => mocks.reset());

    const provider = () => accountProvider(KEY_ACCOUNT);

    it("a verified key encrypts the bucket, creates no key resource, and exports what grants and the deployer need", async () => {
        const p = provider();
        const key = new c.ExternalKey(unique("existing-"), { arn: USABLE, region: REGION, deployRoleArn: `arn:aws:iam::${KEY_ACCOUNT}:role/deploy` }, { provider: p });
        const bucketName = unique("existing-key-bucket-");
        const bucket = new c.EncryptedBucket(bucketName, { accountId: KEY_ACCOUNT, region: REGION, bucketName, key }, { provider: p });
        const grant = new c.BucketGrant(unique("reader-"), { bucket, principal: CONSUMER_ROLE, access: "read" });
        await afterAutoSeal();
        assert.equal(await promiseOf(bucket.key.arn), USABLE);
        await mocks.settled();
        assert.equal(mocks.byType("aws:kms/key:Key").length, 0);
        assert.equal(mocks.byType("aws:kms/keyPolicy:KeyPolicy").length, 0);
        const [sse] = mocks.byType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
        assert.equal((sse.inputs["rules"] as Array<{ applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }>)[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, USABLE);
        const required = JSON.parse(await promiseOf(key.requiredPolicyJson)) as PolicyDocument;
        assert.deepStrictEqual(required.Statement.map((s) => s.Sid), ["DescribeKeyForDeployingRole", `${grant.sidBase}UseKeyViaS3`]);
    });

    it("refuses a key S3 cannot use, naming what is wrong", async () => {
        const key = new c.ExternalKey(unique("signing-"), { arn: SIGNING, region: REGION }, { provider: provider() });
        await assert.rejects(settled(key.arn), /arn names .* which S3 cannot use as a bucket's default key: its key spec is RSA_2048, not SYMMETRIC_DEFAULT.*key usage is SIGN_VERIFY/);
    });

    it("fails on a key that does not exist (KMS NotFoundException), and trusts it without a lookup when verify is false", async () => {
        const missing = new c.ExternalKey(unique("missing-"), { arn: UNKNOWN, region: REGION }, { provider: provider() });
        // The mocks pass the invoke's failure on without its text; the fake's own answer carries it.
        await assert.rejects(settled(missing.arn));
        assert.throws(() => describeExistingKey({ keyId: UNKNOWN }, { accountId: KEY_ACCOUNT, region: REGION, partition: "aws" }), /NotFoundException: Key '.*' does not exist/);
        const trusted = new c.ExternalKey(unique("trusted-"), { arn: UNKNOWN, region: REGION, verify: false }, { provider: provider() });
        assert.equal(await promiseOf(trusted.arn), UNKNOWN);
    });

    it("refuses an alias, a key of another region, and a bucket of another region", () => {
        assert.throws(() => new c.ExternalKey(unique("alias-"), { arn: `arn:aws:kms:${REGION}:${KEY_ACCOUNT}:alias/team`, region: REGION }), /arn is a KMS alias\. Fix: give the key ARN/);
        assert.throws(() => new c.ExternalKey(unique("region-"), { arn: USABLE, region: "us-east-1" }), /arn is a key in eu-west-1 but the bucket is in us-east-1/);
        const key = new c.ExternalKey(unique("ok-"), { arn: USABLE, region: REGION, verify: false });
        assert.throws(() => new c.EncryptedBucket(unique("far-"), { accountId: KEY_ACCOUNT, region: "us-east-1", key }), /is a key in eu-west-1, but the bucket is in us-east-1/);
    });
});

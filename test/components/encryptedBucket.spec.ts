import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { assertPolicyLintClean } from "../support/policyLint";
import { DATA_ACCOUNT, OTHER_REGION, REGION } from "./fixtures";
import { RegistrationLog } from "./support/registrations";
import { afterAutoSeal, consumerProvider, dataProvider } from "./support/world";
// Imported after the mocks are installed (see test/support/mocks.ts).
type Components = typeof import("../../components");

const T = {
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
};

interface Doc {
    Statement: { Sid: string; Resource?: string | string[]; Condition?: Record<string, Record<string, string>> }[];
}

describe("EncryptedBucket (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let log: RegistrationLog;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "bucket" });
        log = RegistrationLog.attach();
        c = await import("../../components");
    });
    beforeEach(() => {
        mocks.reset();
        log.reset();
    });

    async function policyOf(name: string, bucket: InstanceType<Components["EncryptedBucket"]>): Promise<Doc> {
        await promiseOf(bucket.bucketPolicy.urn);
        await mocks.settled();
        const recorded = mocks.byType(T.policy).find((r) => r.name === `${name}-policy`);
        assert.ok(recorded, "bucket policy registered");
        return JSON.parse(recorded.inputs.policy as string) as Doc;
    }

    it("registers the full graph with its own key, every child on the passed provider with an explicit region", async () => {
        const provider = dataProvider();
        const bucket = new c.EncryptedBucket("logs", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "logs-bucket-111122223333" }, { provider });
        await promiseOf(bucket.bucketPolicy.urn);
        assert.ok(bucket.key.keyPolicy, "its own key has a key policy resource");
        await promiseOf(bucket.key.keyPolicy.urn);
        await mocks.settled();
        const providerUrn = await promiseOf(provider.urn);
        const bucketUrn = await promiseOf(bucket.urn);
        const keyUrn = await promiseOf(bucket.key.urn);
        const children: [string, string, string][] = [
            [T.bucket, "logs-bucket", bucketUrn],
            [T.sse, "logs-encryption", bucketUrn],
            [T.versioning, "logs-versioning", bucketUrn],
            [T.pab, "logs-public-access-block", bucketUrn],
            [T.ownership, "logs-ownership", bucketUrn],
            [T.policy, "logs-policy", bucketUrn],
            [T.key, "logs-cmk-key", keyUrn],
            [T.alias, "logs-cmk-alias", keyUrn],
            [T.keyPolicy, "logs-cmk-policy", keyUrn],
        ];
        for (const [type, name, parent] of children) {
            const recorded = mocks.named(name, type);
            assert.ok(recorded.provider?.startsWith(`${providerUrn}::`), `${name}: provider ${recorded.provider}`);
            assert.equal(recorded.inputs.region, REGION, `${name}: region input`);
            assert.equal(log.named(name).parent, parent, `${name}: parent`);
        }
        assert.equal(log.named("logs-cmk").parent, bucketUrn, "own key is a child of the bucket");
        assert.equal(mocks.byType(T.bucket).length, 1);
        assert.equal(mocks.byType(T.policy).length, 1);
        assert.equal(mocks.named("logs-bucket", T.bucket).inputs.bucket, "logs-bucket-111122223333");
        assert.equal(mocks.named("logs-bucket", T.bucket).inputs.forceDestroy, false);
        assert.equal(mocks.named("logs-cmk-alias", T.alias).inputs.name, "alias/s3/logs");
        assert.equal(bucket.accountId, DATA_ACCOUNT);
        assert.equal(bucket.region, REGION);
        assert.equal(await promiseOf(bucket.bucketName), "logs-bucket-111122223333");
    });

    it("secure defaults: SSE-KMS with the key ARN and bucket key, versioning, all four blocks, BucketOwnerEnforced", async () => {
        const bucket = new c.EncryptedBucket("sec", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        await promiseOf(bucket.bucketPolicy.urn);
        await mocks.settled();
        const keyArn = await promiseOf(bucket.key.arn);
        assert.match(keyArn, /^arn:aws:kms:eu-west-1:111122223333:key\//);
        const sse = mocks.named("sec-encryption", T.sse).inputs as { rules: { applyServerSideEncryptionByDefault: Record<string, string>; bucketKeyEnabled: boolean }[] };
        assert.deepStrictEqual(sse.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }]);
        assert.deepStrictEqual(mocks.named("sec-versioning", T.versioning).inputs.versioningConfiguration, { status: "Enabled" });
        const pab = mocks.named("sec-public-access-block", T.pab).inputs;
        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            assert.equal(pab[flag], true, flag);
        }
        assert.deepStrictEqual(mocks.named("sec-ownership", T.ownership).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
        const bucketName = await promiseOf(bucket.bucketName);
        for (const type of [T.sse, T.versioning, T.pab, T.ownership, T.policy]) {
            assert.equal(mocks.byType(type)[0].inputs.bucket, bucketName, type);
        }
        assert.equal(bucket.bucketKeyEnabled, true);
    });

    it("the bucket policy depends on the public access block; ownership waits for the policy", async () => {
        const bucket = new c.EncryptedBucket("ord", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        await promiseOf(bucket.ownershipControls.urn);
        const pabUrn = await promiseOf(bucket.publicAccessBlock.urn);
        const policyUrn = await promiseOf(bucket.bucketPolicy.urn);
        assert.ok(log.named("ord-policy").dependencies.includes(pabUrn), JSON.stringify(log.named("ord-policy").dependencies));
        assert.ok(log.named("ord-ownership").dependencies.includes(policyUrn));
    });

    it("bucket policy: every guardrail by default, with this bucket's ARN and key ARN, lint-clean", async () => {
        const bucket = new c.EncryptedBucket("gr", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "gr-bucket-1" }, { provider: dataProvider() });
        const doc = await policyOf("gr", bucket);
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), [
            "DenyInsecureTransport",
            "DenyOutdatedTlsVersion",
            "DenySignatureVersion2",
            "DenyWrongEncryptionAlgorithmHeader",
            "DenyWrongKmsKeyHeader",
            "DenyKmsHeaderWithoutKeyId",
            "DenySseCUploads",
        ]);
        assert.deepStrictEqual(doc.Statement[0].Resource, ["arn:aws:s3:::gr-bucket-1", "arn:aws:s3:::gr-bucket-1/*"]);
        const keyArn = await promiseOf(bucket.key.arn);
        assert.equal(doc.Statement[4].Condition?.StringNotEquals["s3:x-amz-server-side-encryption-aws-kms-key-id"], keyArn);
        assert.deepStrictEqual(doc, await promiseOf(bucket.policyDocument));
        await assertPolicyLintClean(doc, "resource", "bucket policy");
    });

    it("each toggle is honoured: strict-with-key, TLS 1.3, guardrails off, bucket key off, forceDestroy", async () => {
        const bucket = new c.EncryptedBucket(
            "tog",
            {
                accountId: DATA_ACCOUNT,
                region: REGION,
                forceDestroy: true,
                bucketKeyEnabled: false,
                guardrails: { encryptionHeader: "strict-key", minimumTlsVersion: "1.3", denySigV2: false, denySseC: false, denyWrongEncryptionHeaders: false, denyKmsHeaderWithoutKeyId: false },
            },
            { provider: dataProvider() },
        );
        const doc = await policyOf("tog", bucket);
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), ["DenyInsecureTransport", "DenyOutdatedTlsVersion", "DenyUnEncryptedObjectUploads", "DenyUploadsWithoutThisBucketKey"]);
        assert.equal(doc.Statement[1].Condition?.NumericLessThan["s3:TlsVersion"], "1.3");
        assert.equal(mocks.named("tog-bucket", T.bucket).inputs.forceDestroy, true);
        const sse = mocks.named("tog-encryption", T.sse).inputs as { rules: { bucketKeyEnabled: boolean }[] };
        assert.equal(sse.rules[0].bucketKeyEnabled, false);
        assert.equal(bucket.bucketKeyEnabled, false);
    });

    it("a shared key serves several buckets of its account and region; only one key is created", async () => {
        const provider = dataProvider();
        const key = new c.CustomerManagedKey("shared", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/shared" }, { provider });
        const a = new c.EncryptedBucket("a", { accountId: DATA_ACCOUNT, region: REGION, key }, { provider });
        const b = new c.EncryptedBucket("b", { accountId: DATA_ACCOUNT, region: REGION, key }, { provider });
        await promiseOf(a.bucketPolicy.urn);
        await promiseOf(b.bucketPolicy.urn);
        await mocks.settled();
        assert.equal(mocks.byType(T.key).length, 1);
        const keyArn = await promiseOf(key.arn);
        for (const name of ["a-encryption", "b-encryption"]) {
            const sse = mocks.named(name, T.sse).inputs as { rules: { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[] };
            assert.equal(sse.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn);
        }
        assert.equal(a.key, key);
    });

    it("a shared key from another region or account is refused before anything is registered", async () => {
        const key = new c.CustomerManagedKey("elsewhere", { accountId: DATA_ACCOUNT, region: OTHER_REGION, alias: "alias/elsewhere" }, { provider: dataProvider(OTHER_REGION) });
        await mocks.settled();
        const before = mocks.resources().length;
        assert.throws(
            () => new c.EncryptedBucket("wrong-region", { accountId: DATA_ACCOUNT, region: REGION, key }, { provider: dataProvider() }),
            /EncryptedBucket "wrong-region": key is a key in account 111122223333 region us-east-1, but the bucket is in account 111122223333 region eu-west-1/,
        );
        assert.throws(
            () => new c.EncryptedBucket("wrong-account", { accountId: "444455556666", region: OTHER_REGION, key }, { provider: consumerProvider(OTHER_REGION) }),
            /key is a key in account 111122223333/,
        );
        await mocks.settled();
        const registered = mocks.resources().slice(before).filter((r) => r.type !== "pulumi:providers:aws");
        assert.deepStrictEqual(registered, []);
    });

    describe("rejects bad arguments before registering anything", () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["accountId", { accountId: "1111-2222-3333" }, /EncryptedBucket "bad": accountId is "1111-2222-3333", not an AWS account id/],
            ["region", { region: "Europe" }, /region is "Europe"/],
            ["bucketName", { bucketName: "Bad_Name" }, /bucketName is "Bad_Name", not a valid S3 bucket name/],
            ["keyArgs.alias", { keyArgs: { alias: "nope" } }, /keyArgs.alias is "nope"/],
            ["keyArgs.deletionWindowInDays", { keyArgs: { deletionWindowInDays: 45 } }, /keyArgs.deletionWindowInDays is 45/],
            ["keyArgs.rootDelegation without the deploying role", { keyArgs: { rootDelegation: false } }, /keyArgs.deployRoleArn is missing while rootDelegation is false/],
            ["bucketName with a hyphen next to a dot", { bucketName: "abc.-def" }, /bucketName is "abc.-def", not a valid S3 bucket name: it must not put a hyphen next to a dot/],
            ["region that does not exist", { region: "eu-west-9" }, /region is "eu-west-9", not an AWS region of the aws partition/],
            ["51 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, /tags has 51 tags; a resource takes at most 50/],
            ["guardrails.minimumTlsVersion", { guardrails: { minimumTlsVersion: "1.1" } }, /guardrails.minimumTlsVersion is "1.1"\. Fix: use "1.2" or "1.3"/],
            ["guardrails.encryptionHeader", { guardrails: { encryptionHeader: "on" } }, /guardrails.encryptionHeader is "on"\. Fix: use one of "compatible", "strict", "strict-key"/],
            ["guardrails.encryptionHeaderMode (deprecated name)", { guardrails: { encryptionHeaderMode: "on" } }, /guardrails.encryptionHeader is "on"/],
            ["guardrails typo", { guardrails: { denySSEC: false } }, /guardrails has unknown setting "denySSEC"\. Fix: remove it or correct the spelling/],
            ["guardrails.denySseC type", { guardrails: { denySseC: "no" } }, /guardrails.denySseC is "no".*true or false/],
            ["bucketKeyEnabled type", { bucketKeyEnabled: "yes" }, /bucketKeyEnabled is "yes"/],
            // aws.getCallerIdentityOutput().accountId is the usual way in: the message must say Output, not print one.
            ["accountId as an Output", { accountId: pulumi.output(DATA_ACCOUNT) }, /accountId is an Output, known only once resources exist.*Fix: pass a literal value/],
            ["an administrator as an Output", { keyArgs: { administrators: [pulumi.output("arn:aws:iam::111122223333:role/admin")] } }, /keyArgs\.administrators\[0\] is an Output/],
            ["region as a Promise", { region: Promise.resolve(REGION) }, /region is a Promise\. Fix: await it/],
        ];
        for (const [label, override, pattern] of cases) {
            it(label, async () => {
                const args = { accountId: DATA_ACCOUNT, region: REGION, ...override } as unknown as ConstructorParameters<Components["EncryptedBucket"]>[1];
                assert.throws(() => new c.EncryptedBucket("bad", args), pattern);
                await mocks.settled();
                assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("bad")), []);
            });
        }
        it("a name whose generated bucket name would exceed 63 characters, unless bucketName is given", async () => {
            const long = `bad-${"n".repeat(49)}`;
            assert.throws(
                () => new c.EncryptedBucket(long, { accountId: DATA_ACCOUNT, region: REGION }),
                /bucketName is unset and the generated name bad-n+-bucket-<7 random characters> would be 68 characters long; S3 bucket names have at most 63/,
            );
            await mocks.settled();
            assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("bad")), []);
            assert.doesNotThrow(() => new c.EncryptedBucket(`${long}-ok`, { accountId: DATA_ACCOUNT, region: REGION, bucketName: "short-name" }, { provider: dataProvider() }));
        });

        it("key together with keyArgs", async () => {
            const key = new c.CustomerManagedKey("k1", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/k1" });
            assert.throws(() => new c.EncryptedBucket("bad", { accountId: DATA_ACCOUNT, region: REGION, key, keyArgs: { alias: "alias/x" } }), /keyArgs is set together with key/);
        });

        it("every problem at once, each with its field and fix, before anything is registered", async () => {
            const args = { accountId: "1", region: "mars-1", bucketName: "my-bucket.mrap", keyArgs: { alias: "alias/aws/x" }, guardrails: { requireTls: "yes" } };
            assert.throws(
                () => new c.EncryptedBucket("bad", args as unknown as ConstructorParameters<Components["EncryptedBucket"]>[1]),
                (error: Error & { problems?: { field: string }[] }) => {
                    assert.deepStrictEqual(error.problems?.map((p) => p.field).sort(), ["accountId", "bucketName", "guardrails.requireTls", "keyArgs.alias", "region"]);
                    assert.match(error.message, /^EncryptedBucket "bad": 5 problems with the arguments:\n/);
                    assert.equal(error.message.match(/\. Fix: /g)?.length, 5);
                    return true;
                },
            );
            await mocks.settled();
            assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("bad")), []);
        });
    });

    it("accepts the deprecated guardrail names and values as the documented ones", () => {
        const old = new c.EncryptedBucket(
            "old-names",
            { accountId: DATA_ACCOUNT, region: REGION, guardrails: { denyInsecureTransport: false, denySignatureV2: false, encryptionHeaderMode: "strict-with-key" } },
            { provider: dataProvider() },
        );
        const current = new c.EncryptedBucket(
            "new-names",
            { accountId: DATA_ACCOUNT, region: REGION, guardrails: { requireTls: false, denySigV2: false, encryptionHeader: "strict-key" } },
            { provider: dataProvider() },
        );
        assert.deepStrictEqual(old.guardrails, current.guardrails);
        assert.equal(current.guardrails.requireTls, false);
        assert.equal(current.guardrails.encryptionHeader, "strict-key");
        assert.deepStrictEqual(c.deprecatedGuardrailNames({ denyInsecureTransport: false, encryptionHeaderMode: "strict-with-key" }), [
            "guardrails.denyInsecureTransport → guardrails.requireTls",
            "guardrails.encryptionHeaderMode → guardrails.encryptionHeader",
            '"strict-with-key" → "strict-key"',
        ]);
        assert.deepStrictEqual(c.deprecatedGuardrailNames({ requireTls: false, encryptionHeader: "strict-key" }), []);
    });

    it("late policy statements throw once the bucket policy is sealed; autoSeal: false + seal() works", async () => {
        const auto = new c.EncryptedBucket("auto", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        await afterAutoSeal();
        assert.throws(
            () => auto.addPolicyStatements({ Sid: "Late", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }),
            /EncryptedBucket "auto" bucket policy: its policy was already sealed/,
        );

        const manual = new c.EncryptedBucket("manual", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "manual-bucket", autoSeal: false }, { provider: dataProvider() });
        await afterAutoSeal();
        manual.addPolicyStatements({ Sid: "AddedLater", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::manual-bucket" });
        manual.key.addStatements({ Sid: "KeyAddedLater", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/x" }, Action: "kms:Decrypt", Resource: "*" });
        manual.seal();
        assert.equal(manual.key.isSealed, true, "seal() also seals the bucket's own key");
        const doc = await promiseOf(manual.policyDocument);
        assert.equal(doc.Statement[doc.Statement.length - 1].Sid, "AddedLater");
        const keyDoc = await promiseOf(manual.key.policyDocument);
        assert.equal(keyDoc.Statement[keyDoc.Statement.length - 1].Sid, "KeyAddedLater");
    });

    it("a Sid clash with a guardrail is reported at the declaration", () => {
        const bucket = new c.EncryptedBucket("clash", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        assert.throws(() => bucket.reservePolicySids("my statement", ["DenyInsecureTransport"]), /Sid "DenyInsecureTransport" is claimed by both EncryptedBucket "clash" guardrails and my statement/);
    });
});

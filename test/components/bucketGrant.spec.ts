import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { output as pulumiOutput } from "@pulumi/pulumi";
import { GRANT_ACCESS_LEVELS, GrantAccess } from "../../components/policy/actions";
import { grantIdentityPolicy } from "../../components/policy/grants";
import { PolicyDocument, PolicyStatement } from "../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { assertPolicyLintClean } from "../support/policyLint";
import { CONSUMER_ACCOUNT, CONSUMER_ROLE, CONSUMER_USER, DATA_ACCOUNT, REGION, SAME_ACCOUNT_ROLE, SAME_ACCOUNT_USER } from "./fixtures";
import { RegistrationLog } from "./support/registrations";
import { afterAutoSeal, consumerProvider, dataProvider } from "./support/world";
type Components = typeof import("../../components");

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const KMS_ACTIONS: Record<GrantAccess, string[]> = { read: ["kms:Decrypt"], write: ["kms:Decrypt", "kms:GenerateDataKey"], "read-write": ["kms:Decrypt", "kms:GenerateDataKey"] };

let counter = 0;
const unique = (base: string): string => `${base}${++counter}`;

describe("BucketGrant (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let log: RegistrationLog;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "grant" });
        log = RegistrationLog.attach();
        c = await import("../../components");
    });
    beforeEach(() => {
        mocks.reset();
        log.reset();
    });

    function sid(doc: PolicyDocument, value: string): PolicyStatement | undefined {
        return doc.Statement.find((s) => s.Sid === value);
    }

    interface Case {
        crossAccount: boolean;
        access: GrantAccess;
        withConsumerProvider: boolean;
    }
    const matrix: Case[] = [];
    for (const access of GRANT_ACCESS_LEVELS) {
        matrix.push({ crossAccount: false, access, withConsumerProvider: false });
        matrix.push({ crossAccount: true, access, withConsumerProvider: false });
        matrix.push({ crossAccount: true, access, withConsumerProvider: true });
    }

    for (const testCase of matrix) {
        const label = `${testCase.crossAccount ? "other" : "same"} account, ${testCase.access}${testCase.crossAccount ? (testCase.withConsumerProvider ? ", consumer provider" : ", exported only") : ""}`;
        it(`grant matrix: ${label}`, async () => {
            const bucketName = unique("matrix-bucket-");
            const data = dataProvider();
            const consumer = consumerProvider();
            const bucket = new c.EncryptedBucket(bucketName, { accountId: DATA_ACCOUNT, region: REGION, bucketName }, { provider: data });
            const principalArn = testCase.crossAccount ? CONSUMER_ROLE : SAME_ACCOUNT_ROLE;
            const grantName = unique("analytics-");
            const grant = new c.BucketGrant(grantName, {
                bucket,
                principalArn,
                access: testCase.access,
                consumerProvider: testCase.withConsumerProvider ? consumer : undefined,
            });
            const sidBase = `Grant${grantName[0].toUpperCase()}${grantName.slice(1).replace("-", "")}`;
            assert.equal(grant.sidBase, sidBase);
            assert.equal(grant.crossAccount, testCase.crossAccount);

            const keyDoc = await promiseOf(bucket.key.policyDocument);
            assert.deepStrictEqual(sid(keyDoc, `${sidBase}UseKeyViaS3`), {
                Sid: `${sidBase}UseKeyViaS3`,
                Effect: "Allow",
                Principal: { AWS: principalArn },
                Action: KMS_ACTIONS[testCase.access],
                Resource: "*",
                Condition: {
                    StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com", "kms:CallerAccount": testCase.crossAccount ? CONSUMER_ACCOUNT : DATA_ACCOUNT },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`] },
                },
            });
            await assertPolicyLintClean(keyDoc, "resource", "key policy");

            const bucketDoc = await promiseOf(bucket.policyDocument);
            const grantStatements = bucketDoc.Statement.filter((s) => (s.Sid as string).startsWith(sidBase));
            if (testCase.crossAccount) {
                assert.deepStrictEqual(grantStatements.map((s) => s.Sid), [`${sidBase}ListBucket`, `${sidBase}Objects`]);
                for (const statement of grantStatements) {
                    assert.deepStrictEqual(statement.Principal, { AWS: principalArn });
                }
                assert.equal(grantStatements[1].Resource, `arn:aws:s3:::${bucketName}/*`);
            } else {
                assert.deepStrictEqual(grantStatements, []);
            }
            await assertPolicyLintClean(bucketDoc, "resource", "bucket policy");

            const keyArn = await promiseOf(bucket.key.arn);
            const expectedConsumer = grantIdentityPolicy(
                { principalArn, principalAccountId: testCase.crossAccount ? CONSUMER_ACCOUNT : DATA_ACCOUNT, access: testCase.access, sidBase },
                { bucketName, bucketAccountId: DATA_ACCOUNT, region: REGION, keyArn },
            );
            assert.deepStrictEqual(JSON.parse(await promiseOf(grant.consumerPolicyJson)), expectedConsumer);
            await assertPolicyLintClean(expectedConsumer, "identity", "consumer policy");

            await mocks.settled();
            const attached = mocks.byType(ROLE_POLICY);
            const shouldAttach = !testCase.crossAccount || testCase.withConsumerProvider;
            assert.equal(attached.length, shouldAttach ? 1 : 0);
            assert.equal(grant.principalPolicy !== undefined, shouldAttach);
            if (shouldAttach) {
                const expectedProvider = await promiseOf((testCase.crossAccount ? consumer : data).urn);
                assert.ok(attached[0].provider?.startsWith(`${expectedProvider}::`), `provider ${attached[0].provider}`);
                assert.equal(attached[0].context.accountId, testCase.crossAccount ? CONSUMER_ACCOUNT : DATA_ACCOUNT);
                assert.equal(attached[0].inputs.role, testCase.crossAccount ? "analytics" : "app", "role name parsed from the ARN, path dropped");
                assert.equal(attached[0].inputs.name, grantName);
                assert.deepStrictEqual(JSON.parse(attached[0].inputs.policy as string), expectedConsumer);
                assert.equal(log.named(`${grantName}-policy`).parent, await promiseOf(grant.urn));
            }
            assert.equal(log.named(grantName).parent, await promiseOf(bucket.urn), "grant is a child of its bucket");
        });
    }

    it("same account, attachToPrincipal: false only exports the policy", async () => {
        const bucket = new c.EncryptedBucket("noattach", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        const grant = new c.BucketGrant("noattach-read", { bucket, principal: SAME_ACCOUNT_ROLE, access: "read", attachToPrincipal: false });
        const json = await promiseOf(grant.consumerPolicyJson);
        await mocks.settled();
        assert.equal(mocks.byType(ROLE_POLICY).length, 0);
        assert.equal(grant.principalPolicy, undefined);
        assert.ok(JSON.parse(json).Statement.length === 3);
    });

    it("IAM users get a UserPolicy on the user name (path dropped), same and other account", async () => {
        const bucket = new c.EncryptedBucket("users", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        const consumer = consumerProvider();
        new c.BucketGrant("jane-here", { bucket, principal: SAME_ACCOUNT_USER, access: "read-write" });
        const there = new c.BucketGrant("jane-there", { bucket, principal: CONSUMER_USER, access: "read", consumerProvider: consumer });
        await promiseOf(there.consumerPolicyJson);
        await mocks.settled();
        const policies = mocks.byType(USER_POLICY);
        assert.deepStrictEqual(policies.map((p) => [p.name, p.inputs.user, p.context.accountId]), [
            ["jane-here-policy", "Jane", DATA_ACCOUNT],
            ["jane-there-policy", "Jane", CONSUMER_ACCOUNT],
        ]);
        assert.ok(there.principalPolicy instanceof aws.iam.UserPolicy);
    });

    describe("a role or user the program declares, given as the resource", () => {
        it("same account: the key statement names its ARN once it exists, and its RolePolicy its name", async () => {
            const data = dataProvider();
            const role = new aws.iam.Role(unique("app-role-"), { assumeRolePolicy: "{}" }, { provider: data });
            const bucketName = unique("res-bucket-");
            const bucket = new c.EncryptedBucket(bucketName, { accountId: DATA_ACCOUNT, region: REGION, bucketName }, { provider: data });
            const grant = new c.BucketGrant(unique("app-rw-"), { bucket, principal: role, access: "read-write" });
            assert.equal(grant.crossAccount, false);
            const roleArn = await promiseOf(role.arn);
            assert.match(roleArn, new RegExp(`^arn:aws:iam::${DATA_ACCOUNT}:role/`));
            assert.equal(await promiseOf(pulumiOutput(grant.principalArn)), roleArn);
            const keyDoc = await promiseOf(bucket.key.policyDocument);
            const statement = sid(keyDoc, `${grant.sidBase}UseKeyViaS3`);
            assert.deepStrictEqual(statement?.Principal, { AWS: roleArn });
            assert.deepStrictEqual((statement?.Condition as Record<string, Record<string, string>>).StringEquals["kms:CallerAccount"], DATA_ACCOUNT);
            const bucketDoc = await promiseOf(bucket.policyDocument);
            assert.ok(!bucketDoc.Statement.some((s) => (s.Sid as string).startsWith(grant.sidBase)), "a same-account grant needs no bucket statement");
            await promiseOf(grant.consumerPolicyJson);
            await mocks.settled();
            const attached = mocks.byType(ROLE_POLICY);
            assert.deepStrictEqual(attached.map((p) => [p.inputs.role, p.context.accountId]), [[await promiseOf(role.name), DATA_ACCOUNT]]);
        });

        it("a user gets a UserPolicy", async () => {
            const data = dataProvider();
            const user = new aws.iam.User(unique("auditor-"), {}, { provider: data });
            const bucket = new c.EncryptedBucket(unique("res-user-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: data });
            const grant = new c.BucketGrant(unique("audit-read-"), { bucket, principal: user, access: "read" });
            await promiseOf(grant.consumerPolicyJson);
            await mocks.settled();
            assert.ok(grant.principalPolicy instanceof aws.iam.UserPolicy);
            assert.deepStrictEqual(mocks.byType(USER_POLICY).map((p) => p.inputs.user), [await promiseOf(user.name)]);
        });

        it("another account, with principalAccountId and consumerProvider: bucket statements, and the policy in the consumer's account", async () => {
            const consumer = consumerProvider();
            const role = new aws.iam.Role(unique("partner-role-"), { assumeRolePolicy: "{}" }, { provider: consumer });
            const bucket = new c.EncryptedBucket(unique("res-cross-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
            const grant = new c.BucketGrant(unique("partner-read-"), { bucket, principal: role, principalAccountId: CONSUMER_ACCOUNT, access: "read", consumerProvider: consumer });
            assert.equal(grant.crossAccount, true);
            const roleArn = await promiseOf(role.arn);
            const bucketDoc = await promiseOf(bucket.policyDocument);
            const statements = bucketDoc.Statement.filter((s) => (s.Sid as string).startsWith(grant.sidBase));
            assert.deepStrictEqual(statements.map((s) => s.Principal), [{ AWS: roleArn }, { AWS: roleArn }]);
            await promiseOf(grant.consumerPolicyJson);
            await mocks.settled();
            assert.deepStrictEqual(mocks.byType(ROLE_POLICY).map((p) => p.context.accountId), [CONSUMER_ACCOUNT]);
        });

        it("a role of another account without principalAccountId fails once its ARN is known, naming the field and the account", async () => {
            const role = new aws.iam.Role(unique("elsewhere-"), { assumeRolePolicy: "{}" }, { provider: consumerProvider() });
            const bucket = new c.EncryptedBucket(unique("res-wrong-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
            const grant = new c.BucketGrant("wrong-account", { bucket, principal: role, access: "read" });
            // promiseOf waits for a value; the failure is the Output's own promise's (internal, but what the engine awaits).
            const settled = (grant.consumerPolicyJson as unknown as { promise(): Promise<string> }).promise();
            await assert.rejects(settled, new RegExp(`BucketGrant "wrong-account": principal is the role arn:aws:iam::${CONSUMER_ACCOUNT}:role/\\S+, not a role of account ${DATA_ACCOUNT}\\. Fix: set principalAccountId to the account the role is in \\(${CONSUMER_ACCOUNT}\\)`));
        });

        it("an ARN output is refused before anything is registered, pointing at the resource itself", async () => {
            const role = new aws.iam.Role(unique("by-arn-"), { assumeRolePolicy: "{}" }, { provider: dataProvider() });
            const bucket = new c.EncryptedBucket(unique("res-output-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
            const args = { bucket, principal: role.arn, access: "read" } as unknown as ConstructorParameters<Components["BucketGrant"]>[1];
            assert.throws(() => new c.BucketGrant("arn-output", args), /principal is an Output\. Fix: pass the aws\.iam\.Role or aws\.iam\.User resource itself \(principal: role, not role\.arn\)/);
            assert.throws(
                () => new c.BucketGrant("arn-and-account", { bucket, principal: SAME_ACCOUNT_ROLE, principalAccountId: CONSUMER_ACCOUNT, access: "read" }),
                /principalAccountId is set while principal is an ARN/,
            );
            await mocks.settled();
            assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("arn-")), []);
        });
    });

    it("a prefix scopes the bucket statements and the consumer policy", async () => {
        const bucket = new c.EncryptedBucket("pfx", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "pfx-bucket" }, { provider: dataProvider() });
        const grant = new c.BucketGrant("pfx-read", { bucket, principal: CONSUMER_ROLE, access: "read", prefix: "reports/2026/" });
        const bucketDoc = await promiseOf(bucket.policyDocument);
        assert.deepStrictEqual(sid(bucketDoc, "GrantPfxReadListBucket")?.Condition, { StringLike: { "s3:prefix": "reports/2026/*" } });
        assert.equal(sid(bucketDoc, "GrantPfxReadObjects")?.Resource, "arn:aws:s3:::pfx-bucket/reports/2026/*");
        const consumerDoc = JSON.parse(await promiseOf(grant.consumerPolicyJson)) as PolicyDocument;
        assert.equal(sid(consumerDoc, "GrantPfxReadObjects")?.Resource, "arn:aws:s3:::pfx-bucket/reports/2026/*");
    });

    it("grants on two buckets sharing one key each add their own key statement", async () => {
        const provider = dataProvider();
        const key = new c.CustomerManagedKey("shared-grants", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/shared-grants" }, { provider });
        const a = new c.EncryptedBucket("sg-a", { accountId: DATA_ACCOUNT, region: REGION, key }, { provider });
        const b = new c.EncryptedBucket("sg-b", { accountId: DATA_ACCOUNT, region: REGION, key }, { provider });
        new c.BucketGrant("sg-a-read", { bucket: a, principal: CONSUMER_ROLE, access: "read" });
        new c.BucketGrant("sg-b-write", { bucket: b, principal: CONSUMER_ROLE, access: "write" });
        const doc = await promiseOf(key.policyDocument);
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), ["EnableIamPoliciesForKeyAccount", "GrantSgAReadUseKeyViaS3", "GrantSgBWriteUseKeyViaS3"]);
    });

    it("a reading grant keeps kms:Decrypt on the bucket's retired keys (objects written before a key move stay encrypted under them); a writing one does not", async () => {
        const bucketName = unique("retired-key-bucket-");
        const bucket = new c.EncryptedBucket(bucketName, { accountId: DATA_ACCOUNT, region: REGION, bucketName }, { provider: dataProvider() });
        const retired = `arn:aws:kms:${REGION}:${DATA_ACCOUNT}:key/00000000-1111-4222-8333-444444444444`;
        const reader = new c.BucketGrant(unique("retired-reader-"), { bucket, principal: CONSUMER_ROLE, access: "read-write", retiredKeys: [retired] });
        const writer = new c.BucketGrant(unique("retired-writer-"), { bucket, principal: SAME_ACCOUNT_ROLE, access: "write", retiredKeys: [retired] });
        const readerPolicy = await promiseOf(reader.consumerPolicy);
        assert.deepStrictEqual(sid(readerPolicy, `${reader.sidBase}DecryptRetiredKeys`), {
            Sid: `${reader.sidBase}DecryptRetiredKeys`,
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [retired],
            Condition: {
                StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`] },
            },
        });
        await assertPolicyLintClean(readerPolicy, "identity", "consumer policy");
        assert.equal(sid(await promiseOf(writer.consumerPolicy), `${writer.sidBase}DecryptRetiredKeys`), undefined);
        assert.throws(
            () => new c.BucketGrant(unique("retired-alias-"), { bucket, principal: CONSUMER_ROLE, access: "read", retiredKeys: ["alias/old"] }),
            /retiredKeys\[0\].*alias/,
        );
    });

    it("a retired key of the program (a shared key another bucket still uses) keeps the reading grant's Decrypt in its key policy, for this bucket only", async () => {
        const provider = dataProvider();
        const old = new c.CustomerManagedKey("retired-shared", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/retired-shared" }, { provider });
        new c.EncryptedBucket("retired-stays", { accountId: DATA_ACCOUNT, region: REGION, key: old }, { provider });
        const moved = new c.EncryptedBucket("retired-moved", { accountId: DATA_ACCOUNT, region: REGION, bucketName: "retired-moved-bucket" }, { provider });
        const reader = new c.BucketGrant("retired-moved-read", { bucket: moved, principal: CONSUMER_ROLE, access: "read", retiredKeys: [old] });
        new c.BucketGrant("retired-moved-write", { bucket: moved, principal: SAME_ACCOUNT_ROLE, access: "write", retiredKeys: [old] });
        const doc = await promiseOf(old.policyDocument);
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), ["EnableIamPoliciesForKeyAccount", "GrantRetiredMovedReadDecryptRetiredKeys"]);
        assert.deepStrictEqual(sid(doc, "GrantRetiredMovedReadDecryptRetiredKeys"), {
            Sid: "GrantRetiredMovedReadDecryptRetiredKeys",
            Effect: "Allow",
            Principal: { AWS: CONSUMER_ROLE },
            Action: ["kms:Decrypt"],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com`, "kms:CallerAccount": CONSUMER_ACCOUNT },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::retired-moved-bucket", "arn:aws:s3:::retired-moved-bucket/*"] },
            },
        });
        await assertPolicyLintClean(doc, "resource", "key policy");
        const identity = sid(await promiseOf(reader.consumerPolicy), "GrantRetiredMovedReadDecryptRetiredKeys");
        assert.deepStrictEqual(identity?.Resource, [await promiseOf(old.arn)]);
    });

    it("still accepts the older argument name principalArn (deprecated), but not both names", async () => {
        const bucket = new c.EncryptedBucket(unique("old-name-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        const grant = new c.BucketGrant(unique("old-name-grant-"), { bucket, principalArn: SAME_ACCOUNT_ROLE, access: "read" });
        assert.equal(grant.principalArn, SAME_ACCOUNT_ROLE);
        const both = { bucket, principal: SAME_ACCOUNT_ROLE, principalArn: SAME_ACCOUNT_ROLE, access: "read" } as unknown as ConstructorParameters<Components["BucketGrant"]>[1];
        assert.throws(() => new c.BucketGrant(unique("both-names-"), both), /unknown setting "principalArn"/);
        await mocks.settled();
    });

    describe("rejects bad arguments before registering anything", () => {
        const cases: [string, (bucket: InstanceType<Components["EncryptedBucket"]>) => Record<string, unknown>, RegExp][] = [
            ["principal", (bucket) => ({ bucket, principal: "arn:aws:iam::111122223333:group/devs", access: "read" }), /BucketGrant "bad-grant": principal .*IAM user or role ARN/],
            ["principal session", (bucket) => ({ bucket, principal: "arn:aws:sts::111122223333:assumed-role/app/s", access: "read" }), /an assumed-role session ARN, not an IAM user or role ARN\. Fix: pass the role ARN/],
            ["access", (bucket) => ({ bucket, principal: SAME_ACCOUNT_ROLE, access: "admin" }), /access is "admin".*"read", "write", "read-write"/],
            ["prefix", (bucket) => ({ bucket, principal: SAME_ACCOUNT_ROLE, access: "read", prefix: "/abs/*" }), /prefix is "\/abs\/\*"/],
            ["bucket", () => ({ bucket: "my-bucket", principal: SAME_ACCOUNT_ROLE, access: "read" }), /bucket is not an EncryptedBucket/],
            ["consumerProvider on a same-account grant", (bucket) => ({ bucket, principal: SAME_ACCOUNT_ROLE, access: "read", consumerProvider: consumerProvider() }), /consumerProvider is set, but .* is in the bucket's account/],
            ["attachToPrincipal false with consumerProvider", (bucket) => ({ bucket, principal: CONSUMER_ROLE, access: "read", attachToPrincipal: false, consumerProvider: consumerProvider() }), /attachToPrincipal is false while consumerProvider is set/],
            ["policyName", (bucket) => ({ bucket, principal: SAME_ACCOUNT_ROLE, access: "read", policyName: "has space" }), /policyName is "has space"/],
        ];
        for (const [label, args, pattern] of cases) {
            it(label, async () => {
                const bucket = new c.EncryptedBucket(unique("reject-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
                assert.throws(() => new c.BucketGrant("bad-grant", args(bucket) as unknown as ConstructorParameters<Components["BucketGrant"]>[1]), pattern);
                await mocks.settled();
                assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("bad-grant")), []);
                const keyDoc = await promiseOf(bucket.key.policyDocument);
                assert.ok(!keyDoc.Statement.some((s) => (s.Sid as string).startsWith("GrantBadGrant")), "no half grant left in the key policy");
            });
        }
    });

    it("refuses an opts.provider that is not the bucket's, before registering: it would attach nothing (other account) or attach in the wrong account", async () => {
        const data = dataProvider();
        const bucket = new c.EncryptedBucket(unique("grant-opts-"), { accountId: DATA_ACCOUNT, region: REGION }, { provider: data });
        assert.throws(
            () => new c.BucketGrant("opts-there", { bucket, principal: CONSUMER_ROLE, access: "read" }, { provider: consumerProvider() }),
            /BucketGrant "opts-there": opts\.provider is not the bucket's provider, and the principal is in account 444455556666\. Fix: pass that account's provider as consumerProvider/,
        );
        assert.throws(
            () => new c.BucketGrant("opts-here", { bucket, principal: SAME_ACCOUNT_ROLE, access: "read" }, { provider: consumerProvider() }),
            /BucketGrant "opts-here": opts\.provider is not the bucket's provider.*Fix: leave it unset/,
        );
        new c.BucketGrant("opts-same", { bucket, principal: SAME_ACCOUNT_ROLE, access: "read" }, { provider: data });
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("opts-")).map((r) => r.name), ["opts-same", "opts-same-policy"]);
    });

    it("a grant declared after the policies sealed fails before registering, naming the fix", async () => {
        const bucket = new c.EncryptedBucket("sealed", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        await afterAutoSeal();
        assert.throws(() => new c.BucketGrant("too-late", { bucket, principal: CONSUMER_ROLE, access: "read" }), /already sealed.*autoSeal: false/);
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("too-late")), []);
    });

    it("two grants whose names give the same Sid are refused at the second declaration", () => {
        const bucket = new c.EncryptedBucket("sids", { accountId: DATA_ACCOUNT, region: REGION }, { provider: dataProvider() });
        new c.BucketGrant("team-a", { bucket, principal: CONSUMER_ROLE, access: "read" });
        assert.throws(() => new c.BucketGrant("team_a", { bucket, principal: CONSUMER_ROLE, access: "write" }), /Sid "GrantTeamAUseKeyViaS3" is claimed by both BucketGrant "team-a" and BucketGrant "team_a"/);
    });
});

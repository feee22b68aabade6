import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { assertPolicyLintClean } from "../support/policyLint";
import { ADMIN_ROLE, CONSUMER_ROLE, DATA_ACCOUNT, DEPLOY_ROLE, REGION, SAME_ACCOUNT_ROLE } from "./fixtures";
import { RegistrationLog } from "./support/registrations";
import { afterAutoSeal, dataProvider } from "./support/world";
// Imported after the mocks are installed (see test/support/mocks.ts).
type Module = typeof import("../../components/customerManagedKey");

const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

describe("CustomerManagedKey (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let log: RegistrationLog;
    let m: Module;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "cmk" });
        log = RegistrationLog.attach();
        m = await import("../../components/customerManagedKey");
    });
    beforeEach(() => {
        mocks.reset();
        log.reset();
    });

    it("registers key, alias and one key policy, each with the passed provider, its parent and an explicit region", async () => {
        const provider = dataProvider();
        const cmk = new m.CustomerManagedKey("data", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/data" }, { provider });
        await promiseOf(cmk.keyPolicy.urn);
        await mocks.settled();
        const providerUrn = await promiseOf(provider.urn);
        const cmkUrn = await promiseOf(cmk.urn);
        for (const [type, name] of [[KEY, "data-key"], [ALIAS, "data-alias"], [KEY_POLICY, "data-policy"]]) {
            const recorded = mocks.named(name, type);
            assert.ok(recorded.provider?.startsWith(`${providerUrn}::`), `${name} provider ${recorded.provider}`);
            assert.equal(recorded.inputs.region, REGION, `${name} region`);
            assert.equal(recorded.context.accountId, DATA_ACCOUNT);
            assert.equal(log.named(name).parent, cmkUrn, `${name} parent`);
        }
        assert.equal(mocks.byType(KEY).length, 1);
        assert.equal(mocks.byType(KEY_POLICY).length, 1);
        assert.equal(mocks.named("data", m.CUSTOMER_MANAGED_KEY_TYPE).custom, false);
    });

    it("key: symmetric, encrypt/decrypt, rotating, single-region, 30-day window, no inline policy", async () => {
        const cmk = new m.CustomerManagedKey("k", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/k" }, { provider: dataProvider() });
        await promiseOf(cmk.keyPolicy.urn);
        const key = mocks.named("k-key", KEY).inputs;
        assert.equal(key.keyUsage, "ENCRYPT_DECRYPT");
        assert.equal(key.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.equal(key.enableKeyRotation, true);
        assert.equal(key.multiRegion, false);
        assert.equal(key.deletionWindowInDays, 30);
        assert.equal(key.policy, undefined);
        assert.equal(key.bypassPolicyLockoutSafetyCheck, false);
        const alias = mocks.named("k-alias", ALIAS).inputs;
        assert.equal(alias.name, "alias/k");
        assert.equal(alias.targetKeyId, await promiseOf(cmk.keyId));
        assert.equal(cmk.aliasName, "alias/k");
        assert.match(await promiseOf(cmk.arn), /^arn:aws:kms:eu-west-1:111122223333:key\//);
    });

    it("key policy resource: the accumulated document, lockout check kept on", async () => {
        const cmk = new m.CustomerManagedKey(
            "roles",
            { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/roles", administrators: [ADMIN_ROLE], users: [SAME_ACCOUNT_ROLE, CONSUMER_ROLE], serviceUsers: [SAME_ACCOUNT_ROLE] },
            { provider: dataProvider() },
        );
        await promiseOf(cmk.keyPolicy.urn);
        const inputs = mocks.named("roles-policy", KEY_POLICY).inputs;
        assert.equal(inputs.bypassPolicyLockoutSafetyCheck, false);
        assert.equal(inputs.keyId, await promiseOf(cmk.keyId));
        const doc = JSON.parse(inputs.policy as string) as import("../../components/policy/types").PolicyDocument;
        assert.deepStrictEqual(doc, await promiseOf(cmk.policyDocument));
        assert.deepStrictEqual(
            doc.Statement.map((s) => s.Sid),
            ["EnableIamPoliciesForKeyAccount", "KeyAdministration", "KeyUsageViaS3", "KeyUsageDescribeKey", "KeyServiceGrantsForAwsResources"],
        );
        await assertPolicyLintClean(doc, "resource", "key policy");
    });

    it("deletionWindowInDays and rootDelegation: false (with an administrator) are honoured; the deploying role joins the administrators", async () => {
        const cmk = new m.CustomerManagedKey(
            "strict",
            {
                accountId: DATA_ACCOUNT,
                region: REGION,
                alias: "alias/strict",
                deletionWindowInDays: 7,
                rootDelegation: false,
                administrators: [ADMIN_ROLE],
                administratorsMayDeleteKey: false,
                deployRoleArn: DEPLOY_ROLE,
            },
            { provider: dataProvider() },
        );
        const doc = await promiseOf(cmk.policyDocument);
        assert.equal(mocks.named("strict-key", KEY).inputs.deletionWindowInDays, 7);
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), ["KeyAdministration"]);
        assert.deepStrictEqual(doc.Statement[0].Principal, { AWS: [ADMIN_ROLE, DEPLOY_ROLE] });
        assert.ok((doc.Statement[0].Action as string[]).includes("kms:PutKeyPolicy"));
        assert.ok(!(doc.Statement[0].Action as string[]).includes("kms:ScheduleKeyDeletion"));
    });

    it("with root delegation the deploying role is not added (the root statement lets its IAM permissions manage the key)", async () => {
        const cmk = new m.CustomerManagedKey(
            "delegated",
            { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/delegated", administrators: [ADMIN_ROLE], deployRoleArn: DEPLOY_ROLE },
            { provider: dataProvider() },
        );
        const doc = await promiseOf(cmk.policyDocument);
        assert.deepStrictEqual(doc.Statement.find((s) => s.Sid === "KeyAdministration")?.Principal, { AWS: ADMIN_ROLE });
        assert.ok(!JSON.stringify(doc).includes(DEPLOY_ROLE));
    });

    it("rootDelegation: false with only the deploying role makes it the one administrator; a role already listed is not repeated", async () => {
        const only = new m.CustomerManagedKey("only-deployer", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/only", rootDelegation: false, deployRoleArn: DEPLOY_ROLE }, { provider: dataProvider() });
        const listed = new m.CustomerManagedKey(
            "listed",
            { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/listed", rootDelegation: false, administrators: [DEPLOY_ROLE, ADMIN_ROLE], deployRoleArn: DEPLOY_ROLE },
            { provider: dataProvider() },
        );
        assert.deepStrictEqual((await promiseOf(only.policyDocument)).Statement[0].Principal, { AWS: DEPLOY_ROLE });
        assert.deepStrictEqual((await promiseOf(listed.policyDocument)).Statement[0].Principal, { AWS: [DEPLOY_ROLE, ADMIN_ROLE] });
    });

    it("statements added before sealing land in the policy; after sealing, add throws", async () => {
        const cmk = new m.CustomerManagedKey("late", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/late" }, { provider: dataProvider() });
        cmk.addStatements({ Sid: "Extra", Effect: "Allow", Principal: { AWS: SAME_ACCOUNT_ROLE }, Action: "kms:Decrypt", Resource: "*" });
        await afterAutoSeal();
        assert.equal(cmk.isSealed, true);
        assert.throws(
            () => cmk.addStatements({ Sid: "TooLate", Effect: "Allow", Principal: { AWS: SAME_ACCOUNT_ROLE }, Action: "kms:Decrypt", Resource: "*" }),
            /CustomerManagedKey "late" key policy: its policy was already sealed/,
        );
        const doc = await promiseOf(cmk.policyDocument);
        assert.deepStrictEqual(doc.Statement.map((s) => s.Sid), ["EnableIamPoliciesForKeyAccount", "Extra"]);
    });

    it("autoSeal: false waits for seal()", async () => {
        const cmk = new m.CustomerManagedKey("manual", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/manual", autoSeal: false }, { provider: dataProvider() });
        await afterAutoSeal();
        assert.equal(cmk.isSealed, false);
        cmk.addStatements({ Sid: "AfterAwait", Effect: "Allow", Principal: { AWS: SAME_ACCOUNT_ROLE }, Action: "kms:Decrypt", Resource: "*" });
        cmk.seal();
        assert.deepStrictEqual((await promiseOf(cmk.policyDocument)).Statement.map((s) => s.Sid), ["EnableIamPoliciesForKeyAccount", "AfterAwait"]);
    });

    describe("rejects bad arguments before registering anything", () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["accountId", { accountId: "123" }, /CustomerManagedKey "bad": accountId is "123", not an AWS account id\. Fix: use exactly 12 digits/],
            ["region", { region: "eu-west-1b" }, /region .*availability zone/],
            ["alias", { alias: "data" }, /alias .*alias\/<name>/],
            ["deletionWindowInDays", { deletionWindowInDays: 3 }, /deletionWindowInDays is 3: it must be at least 7 days.*Fix: use 7-30 days/],
            ["administrators[0]", { administrators: ["root"] }, /administrators\[0\] is "root", not an IAM principal ARN/],
            ["users[0]", { users: ["arn:aws:sts::111122223333:assumed-role/x/y"] }, /users\[0\] .*session ARN/],
            ["deployRoleArn (root delegation off)", { rootDelegation: false, administrators: [ADMIN_ROLE] }, /deployRoleArn is missing while rootDelegation is false.*lockout safety check/],
            ["deployRoleArn in another account", { deployRoleArn: CONSUMER_ROLE }, /deployRoleArn is in account 444455556666, but the key is in account 111122223333/],
            ["deployRoleArn not a principal ARN", { deployRoleArn: "deploy" }, /deployRoleArn is "deploy", not an IAM user or role ARN/],
            ["tags", { tags: { "aws:owner": "x" } }, /tags tag key "aws:owner" starts with aws:/],
            ["users[0] also an administrator", { administrators: [ADMIN_ROLE], users: [ADMIN_ROLE] }, /users\[0\] is .*also one of the key's administrators; separation of duties/],
            ["users[0] the deploying role (root delegation off)", { rootDelegation: false, administrators: [ADMIN_ROLE], deployRoleArn: DEPLOY_ROLE, users: [DEPLOY_ROLE] }, /users\[0\] is .*the role that deploys the key.*Fix: grant key use to another role/],
        ];
        for (const [label, override, pattern] of cases) {
            it(label, async () => {
                const args = { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/bad", ...override } as unknown as ConstructorParameters<Module["CustomerManagedKey"]>[1];
                assert.throws(() => new m.CustomerManagedKey("bad", args), pattern);
                await mocks.settled();
                assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("bad")), []);
            });
        }
    });

    it("pulumi.Output-free args: the component exposes plain accountId/region for sharing checks", () => {
        const cmk = new m.CustomerManagedKey("plain", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/plain" });
        assert.equal(cmk.accountId, DATA_ACCOUNT);
        assert.equal(cmk.region, REGION);
        assert.ok(!pulumi.Output.isInstance(cmk.accountId));
        assert.throws(() => cmk.assertUsableBy("EncryptedBucket \"x\"", "key", DATA_ACCOUNT, "us-east-1"), /share a key only between buckets of the same account and region/);
    });
});

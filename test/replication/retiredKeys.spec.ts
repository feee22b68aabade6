// A source bucket that moved to another key keeps its older objects under the old one (Amazon S3 API Reference,
// "ServerSideEncryptionRule": default encryption applies to new objects only). The replication role still copies
// them (Batch Replication of existing objects, retries), so it keeps kms:Decrypt on the retired keys, with the
// current key's conditions; a retired key of this program also names the role in its key policy.
import * as assert from "assert";
import type * as BucketReplicationModule from "../../components/bucketReplication";
import type * as CustomerManagedKeyModule from "../../components/customerManagedKey";
import type * as EncryptedBucketModule from "../../components/encryptedBucket";
import { PolicyDocument } from "../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { assertPolicyLintClean } from "../support/policyLint";
import { DependencyRecorder, recordDependencies } from "./support/dependencies";
import { ACCOUNT_A, ACCOUNT_B, bucket, keyPolicyOf, provider, replicationSids, rolePolicyOf, statementBySid, TYPES } from "./support/scenario";

const RETAINED_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT_A}:key/0d6f4c1e-8a2b-4c3d-9e5f-6a7b8c9d0e1f`;

describe("BucketReplication of a source that moved off a key: retiredKeys (under fake AWS mocks)", function () {
    let mocks: FakeAwsMockSession;
    let deps: DependencyRecorder;
    let BucketReplication: typeof BucketReplicationModule.BucketReplication;
    let EncryptedBucket: typeof EncryptedBucketModule.EncryptedBucket;
    let CustomerManagedKey: typeof CustomerManagedKeyModule.CustomerManagedKey;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "replication-retired-keys" });
        deps = recordDependencies();
        ({ BucketReplication } = await import("../../components/bucketReplication"));
        ({ EncryptedBucket } = await import("../../components/encryptedBucket"));
        ({ CustomerManagedKey } = await import("../../components/customerManagedKey"));
    });

    /** Source in account A eu-west-1 that moved off `old` (a shared key another bucket still uses), destination in account B. */
    function moved(p: string, retiredKeys: (scope: { old: CustomerManagedKeyModule.CustomerManagedKey }) => (string | CustomerManagedKeyModule.CustomerManagedKey)[], bidirectional = false) {
        const a = provider(`${p}-a`, ACCOUNT_A, "eu-west-1");
        const b = provider(`${p}-b`, ACCOUNT_B, "eu-central-1");
        const old = new CustomerManagedKey(`${p}-old`, { accountId: ACCOUNT_A, region: "eu-west-1", alias: `alias/${p}-old` }, { provider: a });
        new EncryptedBucket(`${p}-stays`, { accountId: ACCOUNT_A, region: "eu-west-1", bucketName: `${p}-stays`, key: old }, { provider: a });
        const source = bucket(EncryptedBucket, `${p}-src`, { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
        const destination = bucket(EncryptedBucket, `${p}-dst`, { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
        const replication = new BucketReplication(p, { source, destinations: [{ name: "dr", bucket: destination, bidirectional }], retiredKeys: retiredKeys({ old }) });
        return { old, source, destination, replication };
    }

    describe("a retired key of the program and a retained key's ARN", () => {
        const p = "rk";
        let s: ReturnType<typeof moved>;
        let roleArn: string;
        let oldKeyArn: string;
        let sourceBucketArn: string;
        let rolePolicy: PolicyDocument;

        before(async () => {
            // The program's key twice: each key is named once, and gets one statement.
            s = moved(p, ({ old }) => [old, RETAINED_KEY, old]);
            [roleArn, oldKeyArn, sourceBucketArn] = await Promise.all([promiseOf(s.replication.roleArn), promiseOf(s.old.arn), promiseOf(s.source.arn)]);
            await mocks.settled();
            rolePolicy = rolePolicyOf(mocks, `${p}-role-policy`);
        });

        it("lets the role Decrypt the retired keys with the current key's conditions: through S3 in the source's Region, for the source's objects", async () => {
            const current = statementBySid(rolePolicy, "ReplicationRoleDecryptSource");
            assert.deepStrictEqual(statementBySid(rolePolicy, "ReplicationRoleDecryptSourceRetiredKeys"), {
                Sid: "ReplicationRoleDecryptSourceRetiredKeys",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: [oldKeyArn, RETAINED_KEY],
                Condition: current.Condition,
            });
            assert.deepStrictEqual(current.Condition, {
                StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [sourceBucketArn, `${sourceBucketArn}/*`] },
            });
            assert.equal(current.Resource, await promiseOf(s.source.key.arn));
            await assertPolicyLintClean(rolePolicy, "identity", "replication role policy");
        });

        it("exports the same policy for a role brought by the caller (rolePolicyJson)", async () => {
            assert.deepStrictEqual(JSON.parse(await promiseOf(s.replication.rolePolicyJson)), rolePolicy);
        });

        it("names the role in the retired key's policy for the source's objects only; the retained key's policy is its own", async () => {
            const doc = await promiseOf(s.old.policyDocument);
            assert.deepStrictEqual(replicationSids(doc), ["ReplicationSourceRetiredKeyDecryptRkReplication"]);
            // The current key's statement (the role by ARN, Decrypt through S3 in eu-west-1, the source's objects), under a Sid of its own.
            const current = await keyPolicyOf(s.source);
            assert.deepStrictEqual(replicationSids(current), ["ReplicationSourceKeyDecryptRkReplication"]);
            const expected = { ...statementBySid(current, "ReplicationSourceKeyDecryptRkReplication"), Sid: "ReplicationSourceRetiredKeyDecryptRkReplication" };
            assert.deepStrictEqual(statementBySid(doc, "ReplicationSourceRetiredKeyDecryptRkReplication"), expected);
            assert.deepStrictEqual([expected.Principal, expected.Action, expected.Condition?.["StringLike"]], [
                { AWS: roleArn },
                "kms:Decrypt",
                { "kms:EncryptionContext:aws:s3:arn": [sourceBucketArn, `${sourceBucketArn}/*`] },
            ]);
            await assertPolicyLintClean(doc, "resource", "retired key policy");
        });

        it("orders the configuration after the retired key's policy, which waits for the role", () => {
            const names = deps.dependenciesOf(`${p}-config`, TYPES.config).map((d) => `${d.type} ${d.name}`);
            assert.ok(names.includes(`${TYPES.keyPolicy} ${p}-old-policy`), `missing the retired key's policy; has ${names.join(", ")}`);
            assert.ok(deps.dependenciesOf(`${p}-old-policy`, TYPES.keyPolicy).some((d) => d.name === `${p}-role`), "the retired key's policy does not wait for the role");
        });

        it("leaves the S3 Batch Operations role without KMS permissions: the replication role decrypts the objects", () => {
            const batch = rolePolicyOf(mocks, `${p}-batch-role-policy`);
            assert.deepStrictEqual(batch.Statement.flatMap((st) => [st.Action].flat()).filter((action) => String(action).startsWith("kms:")), []);
        });
    });

    it("gives a bidirectional destination's return role nothing of the source's retired keys (it reads the destination)", async () => {
        const s = moved("rb", ({ old }) => [old], true);
        const back = s.replication.returns["dr"];
        assert.ok(back !== undefined);
        const returnPolicy = await promiseOf(back.rolePolicyDocument);
        assert.deepStrictEqual(returnPolicy.Statement.filter((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys"), []);
        assert.deepStrictEqual(replicationSids(await promiseOf(s.old.policyDocument)), ["ReplicationSourceRetiredKeyDecryptRbReplication"]);
    });

    it("without retiredKeys, the role's policy has no retired-key statement", async () => {
        const s = moved("rn", () => []);
        const doc = await promiseOf(s.replication.forward.rolePolicyDocument);
        assert.deepStrictEqual(doc.Statement.filter((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys"), []);
        assert.deepStrictEqual(replicationSids(await promiseOf(s.old.policyDocument)), []);
    });

    it("refuses an alias, a value that is no key, and the source's current key, naming the field and the fix", async () => {
        const a = provider("rx-a", ACCOUNT_A, "eu-west-1");
        const b = provider("rx-b", ACCOUNT_B, "eu-central-1");
        const source = bucket(EncryptedBucket, "rx-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
        const destination = bucket(EncryptedBucket, "rx-dst", { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
        const attempt = (retiredKeys: unknown[]) => () =>
            new BucketReplication("rx", { source, destinations: [{ name: "dr", bucket: destination }], retiredKeys: retiredKeys as string[] });
        assert.throws(attempt(["alias/old"]), /BucketReplication "rx": retiredKeys\[0\] .*alias/);
        assert.throws(attempt([42]), /retiredKeys\[0\] is not a KMS key ARN nor a CustomerManagedKey\. Fix: /);
        assert.throws(attempt([RETAINED_KEY, source.key]), /retiredKeys\[1\] is the source bucket's current key\. Fix: pass only the keys the source used before/);
        // Nothing was registered or claimed: the same source still takes its replication (same synchronous block: the policies are still open).
        const ok = new BucketReplication("rx-ok", { source, destinations: [{ name: "dr", bucket: destination }], retiredKeys: [RETAINED_KEY] });
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("rx-role") || r.name.startsWith("rx-config")).map((r) => r.name), []);
        assert.deepStrictEqual((await promiseOf(ok.forward.rolePolicyDocument)).Statement.find((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys")?.Resource, [RETAINED_KEY]);
    });
});

// A source bucket that moved to another key keeps its older objects under the old one (Amazon S3 API Reference,
// "ServerSideEncryptionRule": default encryption applies to new objects only). The replication role still copies
// them (Batch Replication of existing objects, retries), so it keeps kms:Decrypt on the retired keys, with the
// current key's conditions; a retired key of this program also names the role in its key policy. A bidirectional
// destination that moved off a key is read by its return role, which takes the replica's retired keys the same way.
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
const RETAINED_REPLICA_KEY = `arn:aws:kms:eu-central-1:${ACCOUNT_B}:key/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f`;
const RETIRED_SID = "ReplicationRoleDecryptSourceRetiredKeys";

/** What a role reads: its bucket (ARN, Region) and the current key it decrypts with. */
interface ReadBucket {
    bucketArn: string;
    region: string;
    keyArn: string;
}

/** The role may Decrypt the retired keys with the current key's conditions: through S3 in the bucket's Region, for its objects. */
function assertRoleDecryptsRetired(rolePolicy: PolicyDocument, retiredKeyArns: string[], read: ReadBucket): void {
    const current = statementBySid(rolePolicy, "ReplicationRoleDecryptSource");
    assert.deepStrictEqual(statementBySid(rolePolicy, RETIRED_SID), { Sid: RETIRED_SID, Effect: "Allow", Action: "kms:Decrypt", Resource: retiredKeyArns, Condition: current.Condition });
    assert.deepStrictEqual(current.Condition, {
        StringEquals: { "kms:ViaService": `s3.${read.region}.amazonaws.com` },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": [read.bucketArn, `${read.bucketArn}/*`] },
    });
    assert.equal(current.Resource, read.keyArn);
}

/** The retired key's policy names the role: the current key's statement for it (by ARN, Decrypt, the bucket's objects), under a Sid of its own. */
function assertRetiredKeyNamesRole(retiredKeyPolicy: PolicyDocument, currentKeyPolicy: PolicyDocument, roleSidToken: string, roleArn: string, bucketArn: string): void {
    const retiredSid = `ReplicationSourceRetiredKeyDecrypt${roleSidToken}`;
    assert.deepStrictEqual(replicationSids(retiredKeyPolicy), [retiredSid]);
    const expected = { ...statementBySid(currentKeyPolicy, `ReplicationSourceKeyDecrypt${roleSidToken}`), Sid: retiredSid };
    assert.deepStrictEqual(statementBySid(retiredKeyPolicy, retiredSid), expected);
    assert.deepStrictEqual([expected.Principal, expected.Action, expected.Condition?.["StringLike"]], [
        { AWS: roleArn },
        "kms:Decrypt",
        { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
    ]);
}

/** The configuration waits for the retired key's policy, which waits for the role. */
function assertOrderedAfterRetiredKey(deps: DependencyRecorder, configName: string, retiredKeyName: string, roleName: string): void {
    const names = deps.dependenciesOf(configName, TYPES.config).map((d) => `${d.type} ${d.name}`);
    assert.ok(names.includes(`${TYPES.keyPolicy} ${retiredKeyName}-policy`), `missing the retired key's policy; has ${names.join(", ")}`);
    assert.ok(deps.dependenciesOf(`${retiredKeyName}-policy`, TYPES.keyPolicy).some((d) => d.name === roleName), "the retired key's policy does not wait for the role");
}

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

    /**
     * Source in account A eu-west-1, destination in account B eu-central-1; the source (or the destination) moved off
     * `old`, a shared key another bucket of its account and Region still uses.
     */
    function world(p: string, movedBucket: "source" | "destination") {
        const places = { source: { accountId: ACCOUNT_A, region: "eu-west-1" }, destination: { accountId: ACCOUNT_B, region: "eu-central-1" } };
        const a = provider(`${p}-a`, ACCOUNT_A, "eu-west-1");
        const b = provider(`${p}-b`, ACCOUNT_B, "eu-central-1");
        const home = { ...places[movedBucket], provider: movedBucket === "source" ? a : b };
        const old = new CustomerManagedKey(`${p}-old`, { accountId: home.accountId, region: home.region, alias: `alias/${p}-old` }, { provider: home.provider });
        new EncryptedBucket(`${p}-stays`, { accountId: home.accountId, region: home.region, bucketName: `${p}-stays`, key: old }, { provider: home.provider });
        const source = bucket(EncryptedBucket, `${p}-src`, { ...places.source, provider: a });
        const destination = bucket(EncryptedBucket, `${p}-dst`, { ...places.destination, provider: b });
        return { old, source, destination };
    }

    /** The source moved off `old`; its replication takes `retiredKeys`. */
    function moved(p: string, retiredKeys: (scope: { old: CustomerManagedKeyModule.CustomerManagedKey }) => (string | CustomerManagedKeyModule.CustomerManagedKey)[], bidirectional = false) {
        const { old, source, destination } = world(p, "source");
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
            assertRoleDecryptsRetired(rolePolicy, [oldKeyArn, RETAINED_KEY], { bucketArn: sourceBucketArn, region: "eu-west-1", keyArn: await promiseOf(s.source.key.arn) });
            await assertPolicyLintClean(rolePolicy, "identity", "replication role policy");
        });

        it("exports the same policy for a role brought by the caller (rolePolicyJson)", async () => {
            assert.deepStrictEqual(JSON.parse(await promiseOf(s.replication.rolePolicyJson)), rolePolicy);
        });

        it("names the role in the retired key's policy for the source's objects only; the retained key's policy is its own", async () => {
            const doc = await promiseOf(s.old.policyDocument);
            const current = await keyPolicyOf(s.source);
            assert.deepStrictEqual(replicationSids(current), ["ReplicationSourceKeyDecryptRkReplication"]);
            assertRetiredKeyNamesRole(doc, current, "RkReplication", roleArn, sourceBucketArn);
            await assertPolicyLintClean(doc, "resource", "retired key policy");
        });

        it("orders the configuration after the retired key's policy, which waits for the role", () => {
            assertOrderedAfterRetiredKey(deps, `${p}-config`, `${p}-old`, `${p}-role`);
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
        assert.deepStrictEqual(returnPolicy.Statement.filter((st) => st.Sid === RETIRED_SID), []);
        assert.deepStrictEqual(replicationSids(await promiseOf(s.old.policyDocument)), ["ReplicationSourceRetiredKeyDecryptRbReplication"]);
    });

    it("without retiredKeys, the role's policy has no retired-key statement", async () => {
        const s = moved("rn", () => []);
        const doc = await promiseOf(s.replication.forward.rolePolicyDocument);
        assert.deepStrictEqual(doc.Statement.filter((st) => st.Sid === RETIRED_SID), []);
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
        assert.deepStrictEqual((await promiseOf(ok.forward.rolePolicyDocument)).Statement.find((st) => st.Sid === RETIRED_SID)?.Resource, [RETAINED_KEY]);
    });

    describe("a bidirectional destination that moved off a key: replicaRetiredKeys, for its return role", () => {
        const p = "rr";
        let w: ReturnType<typeof world>;
        let replication: BucketReplicationModule.BucketReplication;
        let returnRoleArn: string;
        let oldKeyArn: string;
        let replicaBucketArn: string;
        let returnPolicy: PolicyDocument;

        before(async () => {
            w = world(p, "destination");
            // The program's key twice: each key is named once, and gets one statement.
            replication = new BucketReplication(p, {
                source: w.source,
                destinations: [{ name: "dr", bucket: w.destination, bidirectional: true }],
                replicaRetiredKeys: { dr: [w.old, RETAINED_REPLICA_KEY, w.old] },
            });
            [returnRoleArn, oldKeyArn, replicaBucketArn] = await Promise.all([promiseOf(replication.returns["dr"].roleArn), promiseOf(w.old.arn), promiseOf(w.destination.arn)]);
            await mocks.settled();
            returnPolicy = rolePolicyOf(mocks, `${p}-dr-return-role-policy`);
        });

        it("lets the return role Decrypt the replica's retired keys with its current key's conditions: through S3 in the replica's Region, for the replica's objects", async () => {
            assertRoleDecryptsRetired(returnPolicy, [oldKeyArn, RETAINED_REPLICA_KEY], { bucketArn: replicaBucketArn, region: "eu-central-1", keyArn: await promiseOf(w.destination.key.arn) });
            assert.deepStrictEqual(await promiseOf(replication.returns["dr"].rolePolicyDocument), returnPolicy);
            await assertPolicyLintClean(returnPolicy, "identity", "return role policy");
        });

        it("gives the forward role nothing of the replica's retired keys (it reads the source)", async () => {
            const forward = await promiseOf(replication.forward.rolePolicyDocument);
            assert.deepStrictEqual(forward.Statement.filter((st) => st.Sid === RETIRED_SID), []);
        });

        it("names the return role in the retired key's policy for the replica's objects only", async () => {
            const doc = await promiseOf(w.old.policyDocument);
            assertRetiredKeyNamesRole(doc, await keyPolicyOf(w.destination), "RrDrReplication", returnRoleArn, replicaBucketArn);
            await assertPolicyLintClean(doc, "resource", "replica's retired key policy");
        });

        it("orders the return configuration after the retired key's policy, which waits for the return role", () => {
            assertOrderedAfterRetiredKey(deps, `${p}-dr-return-config`, `${p}-old`, `${p}-dr-return-role`);
        });
    });

    it("refuses replicaRetiredKeys for a one-way destination, an unknown destination, the replica's current key and an alias, naming the field and the fix", async () => {
        const w = world("ry", "destination");
        const attempt = (bidirectional: boolean, replicaRetiredKeys: Record<string, unknown[]>) => () =>
            new BucketReplication("ry", { source: w.source, destinations: [{ name: "dr", bucket: w.destination, bidirectional }], replicaRetiredKeys: replicaRetiredKeys as Record<string, string[]> });
        assert.throws(
            attempt(false, { dr: [RETAINED_REPLICA_KEY] }),
            /BucketReplication "ry": replicaRetiredKeys\.dr is set but destinations\[0\] \("dr"\) is not bidirectional: .*Fix: remove it, or set bidirectional: true on that destination/,
        );
        assert.throws(attempt(true, { backup: [RETAINED_REPLICA_KEY] }), /replicaRetiredKeys\.backup names no destination of this replication\. Fix: .*\("dr"\)/);
        assert.throws(attempt(true, { dr: [RETAINED_REPLICA_KEY, w.destination.key] }), /replicaRetiredKeys\.dr\[1\] is the current key of destination "dr"\. Fix: pass only the keys that replica used before/);
        assert.throws(attempt(true, { dr: ["alias/old"] }), /replicaRetiredKeys\.dr\[0\] .*alias/);
        assert.throws(attempt(true, ["x"] as unknown as Record<string, unknown[]>), /replicaRetiredKeys is not an object\. Fix: /);
        // Nothing was registered or claimed: the same buckets still take their replication (the policies are still open).
        const ok = new BucketReplication("ry-ok", { source: w.source, destinations: [{ name: "dr", bucket: w.destination, bidirectional: true }], replicaRetiredKeys: { dr: [RETAINED_REPLICA_KEY] } });
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources().filter((r) => r.name.startsWith("ry-role") || r.name.startsWith("ry-dr-return")).map((r) => r.name), []);
        assert.deepStrictEqual((await promiseOf(ok.returns["dr"].rolePolicyDocument)).Statement.find((st) => st.Sid === RETIRED_SID)?.Resource, [RETAINED_REPLICA_KEY]);
    });
});

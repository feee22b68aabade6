import * as assert from "assert";
import { replicationRule, replicationRuleFilter, ReplicationRuleInput } from "../../components/bucketReplicationRules";

const BASE: ReplicationRuleInput = {
    id: "orders-to-dr",
    priority: 3,
    destinationBucketArn: "arn:aws:s3:::orders-dr",
    replicaKmsKeyArn: "arn:aws:kms:eu-central-1:222222222222:key/22222222-2222-4222-8222-222222222222",
    ownerOverride: false,
    deleteMarkerReplication: true,
    replicaModifications: false,
    replicationTimeControl: false,
};

describe("replication rule (pure)", () => {
    it("a same-account rule: V2 schema, SSE-KMS objects selected, replicas under the destination key", () => {
        assert.deepStrictEqual(replicationRule(BASE), {
            id: "orders-to-dr",
            priority: 3,
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
                bucket: "arn:aws:s3:::orders-dr",
                encryptionConfiguration: { replicaKmsKeyId: BASE.replicaKmsKeyArn },
            },
        });
    });

    it("a cross-account rule names the account and hands ownership to it", () => {
        const rule = replicationRule({ ...BASE, destinationAccountId: "222222222222", ownerOverride: true });
        assert.equal(rule.destination.account, "222222222222");
        assert.deepStrictEqual(rule.destination.accessControlTranslation, { owner: "Destination" });
    });

    it("cross-account without owner override names the account only", () => {
        const rule = replicationRule({ ...BASE, destinationAccountId: "222222222222", ownerOverride: false });
        assert.equal(rule.destination.account, "222222222222");
        assert.equal(rule.destination.accessControlTranslation, undefined);
    });

    it("replication time control brings its metrics, both at 15 minutes", () => {
        const rule = replicationRule({ ...BASE, replicationTimeControl: true });
        assert.deepStrictEqual(rule.destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
        assert.deepStrictEqual(rule.destination.metrics, { status: "Enabled", eventThreshold: { minutes: 15 } });
    });

    it("bidirectional rules sync replica modifications; delete markers can be turned off; storage class passes through", () => {
        const rule = replicationRule({ ...BASE, replicaModifications: true, deleteMarkerReplication: false, storageClass: "GLACIER_IR" });
        assert.deepStrictEqual(rule.sourceSelectionCriteria.replicaModifications, { status: "Enabled" });
        assert.deepStrictEqual(rule.deleteMarkerReplication, { status: "Disabled" });
        assert.equal(rule.destination.storageClass, "GLACIER_IR");
    });

    it("maps filters to prefix, tag or and", () => {
        assert.deepStrictEqual(replicationRuleFilter(undefined), {});
        assert.deepStrictEqual(replicationRuleFilter({ prefix: "logs/" }), { prefix: "logs/" });
        assert.deepStrictEqual(replicationRuleFilter({ tags: { a: "1" } }), { tag: { key: "a", value: "1" } });
        assert.deepStrictEqual(replicationRuleFilter({ tags: { a: "1", b: "2" } }), { and: { tags: { a: "1", b: "2" } } });
        assert.deepStrictEqual(replicationRuleFilter({ prefix: "logs/", tags: { a: "1" } }), { and: { prefix: "logs/", tags: { a: "1" } } });
    });
});

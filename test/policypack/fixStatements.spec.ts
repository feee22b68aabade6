// The pack's fix messages show the statements the components write: the pack cannot import the
// builders (it ships on its own), so each shape of policypack/model/fixStatements.ts is held equal to
// the builder's output for the same values, and the replication action lists to the builders' lists.
import * as assert from "assert";
import * as builders from "../../components/policy/bucketPolicy";
import * as replication from "../../components/policy/replication";
import { destinationBucketReplicationStatements, REPLICATION_DESTINATION_BUCKET_ACTIONS } from "../../components/policy/replicationBucketPolicy";
import { destinationKeyReplicationStatement, sourceKeyReplicationStatement } from "../../components/policy/replicationKeyPolicy";
import * as fix from "../../policypack/model/fixStatements";

const BUCKET = "acme-data";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const KEY_ARN = "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001";
const ROLE_ARN = "arn:aws:iam::111111111111:role/dev-raw-replication";
const end = (bucketKeyEnabled: boolean) => ({ bucketArn: BUCKET_ARN, keyArn: KEY_ARN, region: "eu-west-1", accountId: "111111111111", bucketKeyEnabled });

describe("policy pack: fix messages show the components' statements", () => {
    it("bucket-policy guardrails: same Sid, shape and conditions as components/policy/bucketPolicy.ts", () => {
        assert.deepStrictEqual(fix.denyInsecureTransport(BUCKET_ARN), builders.denyInsecureTransportStatement(BUCKET));
        assert.deepStrictEqual(fix.denyWrongAlgorithmHeader(BUCKET_ARN), builders.denyWrongAlgorithmHeaderStatement(BUCKET));
        assert.deepStrictEqual(fix.denyWrongKeyHeader(BUCKET_ARN, KEY_ARN), builders.denyWrongKeyHeaderStatement(BUCKET, KEY_ARN));
        assert.deepStrictEqual(fix.denyKmsHeaderWithoutKeyId(BUCKET_ARN), builders.denyKmsHeaderWithoutKeyIdStatement(BUCKET));
        assert.deepStrictEqual(fix.requireKmsHeader(BUCKET_ARN), builders.strictRequireKmsHeaderStatement(BUCKET));
        assert.deepStrictEqual(fix.requireBucketKeyHeader(BUCKET_ARN, KEY_ARN), builders.strictRequireBucketKeyHeaderStatement(BUCKET, KEY_ARN));
        for (const [name, sid] of Object.entries(fix.GUARDRAIL_SIDS)) {
            assert.equal(sid, builders.BUCKET_GUARDRAIL_SIDS[name as keyof typeof builders.BUCKET_GUARDRAIL_SIDS], name);
        }
    });

    it("replication: destination bucket and key statements as the replication builders write them", () => {
        for (const ownerOverride of [false, true]) {
            assert.deepStrictEqual(
                fix.destinationBucketReplication("DevRawReplication", ROLE_ARN, BUCKET_ARN, ownerOverride),
                destinationBucketReplicationStatements({ roleArn: ROLE_ARN, roleSidToken: "DevRawReplication", destinationBucketArn: BUCKET_ARN, ownerOverride }),
            );
        }
        assert.deepStrictEqual(
            fix.sourceKeyReplication("DevRawReplication", ROLE_ARN, "eu-west-1", BUCKET_ARN),
            sourceKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: "DevRawReplication", source: end(true) }),
        );
        for (const bucketKeyEnabled of [false, true]) {
            assert.deepStrictEqual(
                fix.destinationKeyReplication("DevRawReplication", "BackupEuCentral1", ROLE_ARN, "eu-west-1", BUCKET_ARN, bucketKeyEnabled),
                destinationKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: "DevRawReplication", destinationSidToken: "BackupEuCentral1", destination: end(bucketKeyEnabled) }),
            );
        }
    });

    it("replication action lists: the pack's are the builders'", () => {
        assert.deepStrictEqual(fix.REPLICATION_SOURCE_BUCKET_ACTIONS, [...replication.REPLICATION_SOURCE_BUCKET_ACTIONS]);
        assert.deepStrictEqual(fix.REPLICATION_SOURCE_OBJECT_ACTIONS, [...replication.REPLICATION_SOURCE_OBJECT_ACTIONS]);
        assert.deepStrictEqual(fix.REPLICATION_DESTINATION_OBJECT_ACTIONS, [...replication.REPLICATION_DESTINATION_OBJECT_ACTIONS]);
        assert.equal(fix.OWNER_OVERRIDE_ACTION, replication.OWNER_OVERRIDE_ACTION);
        assert.deepStrictEqual(fix.REPLICATION_DESTINATION_BUCKET_ACTIONS, [...REPLICATION_DESTINATION_BUCKET_ACTIONS]);
        for (const flag of [false, true]) {
            assert.deepStrictEqual(fix.replicaObjectActions(flag), replication.replicaObjectActions(flag));
            assert.deepStrictEqual(fix.replicaKeyActions(flag), replication.replicaKeyActions(flag));
        }
    });

    it("a fix message quotes the statement with placeholders where the user's values go", () => {
        assert.equal(
            fix.shown(fix.denyInsecureTransport()),
            '{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["<bucket ARN>","<bucket ARN>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}',
        );
    });
});

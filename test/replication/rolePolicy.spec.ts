import * as assert from "assert";
import {
    replicationRolePolicy,
    replicationTrustPolicy,
} from "../../components/policy/replication";
import { batchOperationsTrustPolicy, batchReplicationRolePolicy } from "../../components/policy/batchReplication";
import { assertUniqueSids, PolicyStatement } from "../../components/policy/types";
import { crossAccountDestination, sameAccountDestination, source } from "./fixtures";

function bySid(statements: PolicyStatement[], sid: string): PolicyStatement {
    const found = statements.filter((s) => s.Sid === sid);
    assert.equal(found.length, 1, `expected exactly one statement with Sid ${sid}, got ${found.length}`);
    return found[0];
}

const SOURCE_CONDITIONS = {
    StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
    StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::orders-src", "arn:aws:s3:::orders-src/*"] },
};

describe("replication role policy (pure)", () => {
    it("trusts only the S3 service", () => {
        assert.deepStrictEqual(replicationTrustPolicy(), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReplicationRoleTrustS3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
        });
    });

    describe("one cross-account destination without a bucket key", () => {
        const doc = replicationRolePolicy({ source, destinations: [crossAccountDestination] });

        it("has exactly the five statements, in reading order, with unique Sids", () => {
            assert.deepStrictEqual(
                doc.Statement.map((s) => s.Sid),
                [
                    "ReplicationRoleReadSourceBucket",
                    "ReplicationRoleReadSourceObjects",
                    "ReplicationRoleDecryptSource",
                    "ReplicationRoleReplicateToOrdersDr",
                    "ReplicationRoleEncryptForOrdersDr",
                ],
            );
            assertUniqueSids(doc);
            assert.equal(doc.Version, "2012-10-17");
        });

        it("reads the replication configuration and lists only the source bucket", () => {
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleReadSourceBucket"), {
                Sid: "ReplicationRoleReadSourceBucket",
                Effect: "Allow",
                Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                Resource: "arn:aws:s3:::orders-src",
            });
        });

        it("reads object versions, ACLs and tags of source objects only", () => {
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleReadSourceObjects"), {
                Sid: "ReplicationRoleReadSourceObjects",
                Effect: "Allow",
                Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                Resource: "arn:aws:s3:::orders-src/*",
            });
        });

        it("decrypts with the source key only through S3 in the source region for the source bucket (bucket and objects)", () => {
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleDecryptSource"), {
                Sid: "ReplicationRoleDecryptSource",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: source.keyArn,
                Condition: SOURCE_CONDITIONS,
            });
        });

        it("replicates to destination objects, with owner override because the rule uses it", () => {
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleReplicateToOrdersDr"), {
                Sid: "ReplicationRoleReplicateToOrdersDr",
                Effect: "Allow",
                Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                Resource: "arn:aws:s3:::orders-dr/*",
            });
        });

        it("encrypts with the destination key (no Decrypt without a bucket key), scoped to the destination region and bucket", () => {
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleEncryptForOrdersDr"), {
                Sid: "ReplicationRoleEncryptForOrdersDr",
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                Resource: crossAccountDestination.keyArn,
                Condition: {
                    StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::orders-dr", "arn:aws:s3:::orders-dr/*"] },
                },
            });
        });

        it("never grants a wildcard resource or action", () => {
            for (const statement of doc.Statement) {
                assert.notEqual(statement.Resource, "*", statement.Sid);
                const actions = ([] as string[]).concat(statement.Action ?? []);
                assert.ok(actions.every((a) => !a.includes("*")), `${statement.Sid} has a wildcard action`);
            }
        });
    });

    it("adds kms:Decrypt on a destination key whose bucket uses a bucket key, and no owner override in the same account", () => {
        const doc = replicationRolePolicy({ source, destinations: [sameAccountDestination] });
        assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleEncryptForOrdersUs").Action, [
            "kms:Encrypt",
            "kms:GenerateDataKey",
            "kms:Decrypt",
        ]);
        assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleReplicateToOrdersUs").Action, [
            "s3:ReplicateObject",
            "s3:ReplicateDelete",
            "s3:ReplicateTags",
        ]);
    });

    it("gives each of several destinations its own pair of statements", () => {
        const doc = replicationRolePolicy({ source, destinations: [crossAccountDestination, sameAccountDestination] });
        assert.equal(doc.Statement.length, 7);
        assertUniqueSids(doc);
    });

    describe("a source that moved off a key (sourceRetiredKeyArns)", () => {
        const RETIRED = "arn:aws:kms:eu-west-1:111111111111:key/44444444-4444-4444-8444-444444444444";
        const RETIRED_TOO = "arn:aws:kms:eu-west-1:111111111111:key/55555555-5555-4555-8555-555555555555";

        it("decrypts the retired keys with the current key's conditions, in one statement after the current key's", () => {
            const doc = replicationRolePolicy({ source, destinations: [crossAccountDestination], sourceRetiredKeyArns: [RETIRED, RETIRED_TOO] });
            assert.deepStrictEqual(doc.Statement.map((s) => s.Sid).slice(2, 4), ["ReplicationRoleDecryptSource", "ReplicationRoleDecryptSourceRetiredKeys"]);
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleDecryptSourceRetiredKeys"), {
                Sid: "ReplicationRoleDecryptSourceRetiredKeys",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: [RETIRED, RETIRED_TOO],
                Condition: SOURCE_CONDITIONS,
            });
            assertUniqueSids(doc);
        });

        it("names each key once, never the current key, and adds nothing without one", () => {
            const doc = replicationRolePolicy({ source, destinations: [crossAccountDestination], sourceRetiredKeyArns: [RETIRED, source.keyArn, RETIRED] });
            assert.deepStrictEqual(bySid(doc.Statement, "ReplicationRoleDecryptSourceRetiredKeys").Resource, [RETIRED]);
            const unchanged = replicationRolePolicy({ source, destinations: [crossAccountDestination] });
            assert.deepStrictEqual(replicationRolePolicy({ source, destinations: [crossAccountDestination], sourceRetiredKeyArns: [] }), unchanged);
            assert.deepStrictEqual(replicationRolePolicy({ source, destinations: [crossAccountDestination], sourceRetiredKeyArns: [source.keyArn] }), unchanged);
        });

        it("rejects a retired key given as an alias", () => {
            assert.throws(
                () => replicationRolePolicy({ source, destinations: [crossAccountDestination], sourceRetiredKeyArns: ["arn:aws:kms:eu-west-1:111111111111:alias/old"] }),
                /replication sourceRetiredKeyArns\[0\]: .* is a KMS alias/,
            );
        });
    });

    describe("rejects", () => {
        it("no destinations", () => {
            assert.throws(() => replicationRolePolicy({ source, destinations: [] }), /replication destinations: the list is empty/);
        });
        it("a destination key given as an alias ARN", () => {
            const alias = { ...crossAccountDestination, keyArn: "arn:aws:kms:eu-central-1:222222222222:alias/orders" };
            assert.throws(
                () => replicationRolePolicy({ source, destinations: [alias] }),
                /replication destinations\[0\]\.keyArn: .* is a KMS alias; S3 replication needs the key ARN/,
            );
        });
        it("a destination key in another region than its bucket", () => {
            const wrongRegion = { ...crossAccountDestination, region: "eu-west-3" };
            assert.throws(
                () => replicationRolePolicy({ source, destinations: [wrongRegion] }),
                /replication destinations\[0\]\.keyArn: the key is in region "eu-central-1" but the bucket is in "eu-west-3"/,
            );
        });
        it("a malformed source bucket ARN", () => {
            assert.throws(
                () => replicationRolePolicy({ source: { ...source, bucketArn: "orders-src" }, destinations: [crossAccountDestination] }),
                /replication source\.bucketArn: "orders-src" is not a bucket ARN/,
            );
        });
        it("two destinations with the same Sid token", () => {
            assert.throws(
                () =>
                    replicationRolePolicy({
                        source,
                        destinations: [crossAccountDestination, { ...sameAccountDestination, sidToken: "OrdersDr" }],
                    }),
                /destinations\[1\]\.sidToken: "OrdersDr" is used twice/,
            );
        });
        it("a Sid token that is not alphanumeric", () => {
            assert.throws(
                () => replicationRolePolicy({ source, destinations: [{ ...crossAccountDestination, sidToken: "orders-dr" }] }),
                /sidToken: "orders-dr" must be letters and digits only/,
            );
        });
        it("owner override on a same-account destination", () => {
            assert.throws(
                () => replicationRolePolicy({ source, destinations: [{ ...sameAccountDestination, ownerOverride: true }] }),
                /destinations\[0\]\.ownerOverride: .* only applies across accounts/,
            );
        });
    });
});

describe("S3 Batch Replication role policy (pure)", () => {
    it("trusts only S3 Batch Operations", () => {
        assert.deepStrictEqual(batchOperationsTrustPolicy().Statement, [
            { Sid: "BatchReplicationRoleTrustS3BatchOperations", Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
    });

    it("allows starting replication of the source's objects and reading its replication configuration, on that bucket only", () => {
        assert.deepStrictEqual(batchReplicationRolePolicy("arn:aws:s3:::orders-src").Statement, [
            { Sid: "BatchReplicationInitiate", Effect: "Allow", Action: ["s3:InitiateReplication"], Resource: "arn:aws:s3:::orders-src/*" },
            { Sid: "BatchReplicationReadConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"], Resource: "arn:aws:s3:::orders-src" },
        ]);
    });

    it("refuses what is not a bucket ARN, naming the fix", () => {
        for (const bad of ["orders-src", "arn:aws:s3:::orders-src/*", "arn:aws:s3:::*"]) {
            assert.throws(() => batchReplicationRolePolicy(bad), /batch replication source: ".*" is not an S3 bucket ARN; pass arn:aws:s3:::<bucket name>/);
        }
    });
});

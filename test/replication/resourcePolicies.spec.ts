import * as assert from "assert";
import { destinationBucketReplicationStatements } from "../../components/policy/replicationBucketPolicy";
import { destinationKeyReplicationStatement, sourceKeyReplicationStatement, sourceRetiredKeyReplicationStatement } from "../../components/policy/replicationKeyPolicy";
import { crossAccountDestination, ROLE_ARN, sameAccountDestination, source } from "./fixtures";

describe("replication key and bucket policy statements (pure)", () => {
    it("source key: the role may only Decrypt, via S3 in the source region, for the source bucket and its objects", () => {
        assert.deepStrictEqual(sourceKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: "OrdersReplication", source }), {
            Sid: "ReplicationSourceKeyDecryptOrdersReplication",
            Effect: "Allow",
            Principal: { AWS: ROLE_ARN },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: {
                StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::orders-src", "arn:aws:s3:::orders-src/*"] },
            },
        });
    });

    it("retired source key: the source key's statement under a Sid of its own (both can sit in one shared key's policy)", () => {
        const current = sourceKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: "OrdersReplication", source });
        assert.deepStrictEqual(sourceRetiredKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: "OrdersReplication", source }), {
            ...current,
            Sid: "ReplicationSourceRetiredKeyDecryptOrdersReplication",
        });
    });

    it("destination key without a bucket key: Encrypt and GenerateDataKey only, scoped to the destination", () => {
        const statement = destinationKeyReplicationStatement({
            roleArn: ROLE_ARN,
            roleSidToken: "OrdersReplication",
            destinationSidToken: "OrdersDr",
            destination: crossAccountDestination,
        });
        assert.deepStrictEqual(statement, {
            Sid: "ReplicationDestinationKeyEncryptOrdersReplicationOrdersDr",
            Effect: "Allow",
            Principal: { AWS: ROLE_ARN },
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::orders-dr", "arn:aws:s3:::orders-dr/*"] },
            },
        });
    });

    it("destination key with a bucket key: adds Decrypt", () => {
        const statement = destinationKeyReplicationStatement({
            roleArn: ROLE_ARN,
            roleSidToken: "OrdersReplication",
            destinationSidToken: "OrdersUs",
            destination: sameAccountDestination,
        });
        assert.deepStrictEqual(statement.Action, ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]);
    });

    it("destination bucket: objects (with owner override) and bucket statements for the role", () => {
        assert.deepStrictEqual(
            destinationBucketReplicationStatements({
                roleArn: ROLE_ARN,
                roleSidToken: "OrdersReplication",
                destinationBucketArn: crossAccountDestination.bucketArn,
                ownerOverride: true,
            }),
            [
                {
                    Sid: "ReplicationDestinationObjectsOrdersReplication",
                    Effect: "Allow",
                    Principal: { AWS: ROLE_ARN },
                    Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                    Resource: "arn:aws:s3:::orders-dr/*",
                },
                {
                    Sid: "ReplicationDestinationBucketOrdersReplication",
                    Effect: "Allow",
                    Principal: { AWS: ROLE_ARN },
                    Action: ["s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:ListBucket"],
                    Resource: "arn:aws:s3:::orders-dr",
                },
            ],
        );
    });

    it("destination bucket without owner override: no ObjectOwnerOverrideToBucketOwner", () => {
        const [objects] = destinationBucketReplicationStatements({
            roleArn: ROLE_ARN,
            roleSidToken: "OrdersReplication",
            destinationBucketArn: crossAccountDestination.bucketArn,
            ownerOverride: false,
        });
        assert.deepStrictEqual(objects.Action, ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]);
    });

    it("rejects a principal that is not a role ARN", () => {
        assert.throws(
            () => sourceKeyReplicationStatement({ roleArn: "orders-replication", roleSidToken: "X", source }),
            /source key statement: roleArn: "orders-replication" is not an IAM role ARN/,
        );
        assert.throws(
            () =>
                destinationBucketReplicationStatements({
                    roleArn: "arn:aws:iam::111111111111:user/alice",
                    roleSidToken: "X",
                    destinationBucketArn: crossAccountDestination.bucketArn,
                    ownerOverride: false,
                }),
            /destination bucket statements: roleArn/,
        );
    });

    it("rejects a destination key alias", () => {
        assert.throws(
            () =>
                destinationKeyReplicationStatement({
                    roleArn: ROLE_ARN,
                    roleSidToken: "X",
                    destinationSidToken: "Y",
                    destination: { ...crossAccountDestination, keyArn: "alias/orders" },
                }),
            /destination key statement: destination\.keyArn: "alias\/orders" is a KMS alias/,
        );
    });
});

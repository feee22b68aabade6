import {
    assertBucketEnd,
    assertKmsKeyArn,
    assertSidToken,
    ReplicationBucketEnd,
    ReplicationDestinationEnd,
    s3KmsConditions,
} from "./replicationEndpoints";
import { PolicyDocument, policyDocument, PolicyStatement } from "./types";
import { OBJECT_LOCK_REPLICATION_SOURCE_ACTIONS } from "../../awsrules";

// The replication role's own documents: who may assume it (S3) and what it may do (read the
// source, write replicas, decrypt with the source key, encrypt with each destination key).

export const REPLICATION_SOURCE_BUCKET_ACTIONS = ["s3:GetReplicationConfiguration", "s3:ListBucket"] as const;
export const REPLICATION_SOURCE_OBJECT_ACTIONS = [
    "s3:GetObjectVersionForReplication",
    "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionTagging",
] as const;
export const REPLICATION_DESTINATION_OBJECT_ACTIONS = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"] as const;
export const OWNER_OVERRIDE_ACTION = "s3:ObjectOwnerOverrideToBucketOwner";

/** Writing a replica: S3 encrypts it under the destination key; a Bucket Key also needs Decrypt. */
export function replicaKeyActions(destinationBucketKeyEnabled: boolean): string[] {
    const actions = ["kms:Encrypt", "kms:GenerateDataKey"];
    return destinationBucketKeyEnabled ? [...actions, "kms:Decrypt"] : actions;
}

export function replicaObjectActions(ownerOverride: boolean): string[] {
    const actions: string[] = [...REPLICATION_DESTINATION_OBJECT_ACTIONS];
    return ownerOverride ? [...actions, OWNER_OVERRIDE_ACTION] : actions;
}

export interface ReplicationRolePolicyInput {
    source: ReplicationBucketEnd;
    destinations: readonly ReplicationDestinationEnd[];
    /**
     * Keys the source's default key was before a key move (the stack's `acknowledge.retireKey`): default encryption
     * applies to new objects only (Amazon S3 API Reference, "ServerSideEncryptionRule"), so the objects and versions
     * written before the move, which a Batch Replication or a retry still replicates, stay encrypted under them.
     */
    sourceRetiredKeyArns?: readonly string[];
}

export const SOURCE_DECRYPT_SID = "ReplicationRoleDecryptSource";
export const SOURCE_RETIRED_KEYS_DECRYPT_SID = "ReplicationRoleDecryptSourceRetiredKeys";

/** Trust policy: only the S3 service assumes a replication role. */
export function replicationTrustPolicy(): PolicyDocument {
    return policyDocument([
        {
            Sid: "ReplicationRoleTrustS3",
            Effect: "Allow",
            Principal: { Service: "s3.amazonaws.com" },
            Action: "sts:AssumeRole",
        },
    ]);
}

/** Decrypt through S3 in the source's region, for the source's objects only: the same rule on the current key and on the retired ones. */
function sourceDecryptStatement(sid: string, keyArns: string | string[], source: ReplicationBucketEnd): PolicyStatement {
    return { Sid: sid, Effect: "Allow", Action: "kms:Decrypt", Resource: keyArns, Condition: s3KmsConditions(source.region, source.bucketArn) };
}

/** None without retired keys, so a replication whose source never moved keeps the policy it always had. */
function sourceRetiredKeyStatements(source: ReplicationBucketEnd, retiredKeyArns: readonly string[]): PolicyStatement[] {
    retiredKeyArns.forEach((arn, index) => assertKmsKeyArn(arn, `replication sourceRetiredKeyArns[${index}]`));
    const distinct = [...new Set(retiredKeyArns)].filter((arn) => arn !== source.keyArn);
    return distinct.length === 0 ? [] : [sourceDecryptStatement(SOURCE_RETIRED_KEYS_DECRYPT_SID, distinct, source)];
}

function sourceStatements(source: ReplicationBucketEnd): PolicyStatement[] {
    return [
        {
            Sid: "ReplicationRoleReadSourceBucket",
            Effect: "Allow",
            Action: [...REPLICATION_SOURCE_BUCKET_ACTIONS],
            Resource: source.bucketArn,
        },
        {
            Sid: "ReplicationRoleReadSourceObjects",
            Effect: "Allow",
            // A locked source's replicas carry its retention and legal holds, which S3 reads with the role
            // (Amazon S3 User Guide, "Object Lock considerations", "Using Object Lock with S3 Replication").
            Action: source.objectLockEnabled === true ? [...REPLICATION_SOURCE_OBJECT_ACTIONS, ...OBJECT_LOCK_REPLICATION_SOURCE_ACTIONS] : [...REPLICATION_SOURCE_OBJECT_ACTIONS],
            Resource: `${source.bucketArn}/*`,
        },
        sourceDecryptStatement(SOURCE_DECRYPT_SID, source.keyArn, source),
    ];
}

function destinationStatements(destination: ReplicationDestinationEnd): PolicyStatement[] {
    return [
        {
            Sid: `ReplicationRoleReplicateTo${destination.sidToken}`,
            Effect: "Allow",
            Action: replicaObjectActions(destination.ownerOverride),
            Resource: `${destination.bucketArn}/*`,
        },
        {
            Sid: `ReplicationRoleEncryptFor${destination.sidToken}`,
            Effect: "Allow",
            Action: replicaKeyActions(destination.bucketKeyEnabled),
            Resource: destination.keyArn,
            Condition: s3KmsConditions(destination.region, destination.bucketArn),
        },
    ];
}

/**
 * The least-privilege identity policy of a replication role. Cross-account KMS needs this side
 * too: the destination key policy alone does not let the role use a key in another account.
 */
export function replicationRolePolicy(input: ReplicationRolePolicyInput): PolicyDocument {
    assertBucketEnd(input.source, "replication source");
    if (input.destinations.length === 0) {
        throw new Error("replication destinations: the list is empty; give at least one destination");
    }
    const tokens = new Set<string>();
    input.destinations.forEach((destination, index) => {
        assertBucketEnd(destination, `replication destinations[${index}]`);
        assertSidToken(destination.sidToken, `replication destinations[${index}].sidToken`);
        if (tokens.has(destination.sidToken)) {
            throw new Error(`replication destinations[${index}].sidToken: "${destination.sidToken}" is used twice; give each destination its own name`);
        }
        tokens.add(destination.sidToken);
        if (destination.ownerOverride && destination.accountId === input.source.accountId) {
            throw new Error(
                `replication destinations[${index}].ownerOverride: the destination is in the source account ` +
                    `${input.source.accountId}; owner override only applies across accounts, turn it off`,
            );
        }
    });
    return policyDocument([
        ...sourceStatements(input.source),
        ...sourceRetiredKeyStatements(input.source, input.sourceRetiredKeyArns ?? []),
        ...input.destinations.flatMap(destinationStatements),
    ]);
}

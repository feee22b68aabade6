import { replicaKeyActions } from "./replication";
import { assertBucketEnd, assertRoleArn, assertSidToken, ReplicationBucketEnd, s3KmsConditions } from "./replicationEndpoints";
import { PolicyStatement } from "./types";

// The statements a replication adds to the two key policies. A customer managed key in another
// account can only be used when its key policy names the role, and a same-account key whose
// policy delegates nothing to IAM (rootDelegation off) needs the statement as well, so both keys
// always get one: the source key lets the role decrypt, the destination key lets it encrypt.

export interface SourceKeyStatementInput {
    /** The replication role, as a real ARN (KMS rejects a principal that does not exist yet). */
    roleArn: string;
    /** Alphanumeric token naming the replication role; keeps Sids unique in a shared key policy. */
    roleSidToken: string;
    source: ReplicationBucketEnd;
}

export interface DestinationKeyStatementInput {
    roleArn: string;
    roleSidToken: string;
    /** Alphanumeric token naming the destination; two destinations may share one key. */
    destinationSidToken: string;
    destination: ReplicationBucketEnd;
}

export function sourceKeyReplicationSid(roleSidToken: string): string {
    return `ReplicationSourceKeyDecrypt${roleSidToken}`;
}

export function sourceRetiredKeyReplicationSid(roleSidToken: string): string {
    return `ReplicationSourceRetiredKeyDecrypt${roleSidToken}`;
}

export function destinationKeyReplicationSid(roleSidToken: string, destinationSidToken: string): string {
    return `ReplicationDestinationKeyEncrypt${roleSidToken}${destinationSidToken}`;
}

/** Source key: the role may Decrypt, only through S3 in the source region, only for the source bucket. */
export function sourceKeyReplicationStatement(input: SourceKeyStatementInput): PolicyStatement {
    assertRoleArn(input.roleArn, "source key statement: roleArn");
    assertSidToken(input.roleSidToken, "source key statement: roleSidToken");
    assertBucketEnd(input.source, "source key statement: source");
    return {
        Sid: sourceKeyReplicationSid(input.roleSidToken),
        Effect: "Allow",
        Principal: { AWS: input.roleArn },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: s3KmsConditions(input.source.region, input.source.bucketArn),
    };
}

/**
 * A retired source key this stack still writes (a shared key other buckets use): the source key's statement under a
 * Sid of its own, so the role keeps decrypting the source's objects written before the key move. Needed for the same
 * reasons as on the current key: a key policy that delegates nothing to IAM, or a key of another account (AWS KMS
 * Developer Guide, "Allowing users in other accounts to use a KMS key"), lets the role in only by naming it.
 */
export function sourceRetiredKeyReplicationStatement(input: SourceKeyStatementInput): PolicyStatement {
    return { ...sourceKeyReplicationStatement(input), Sid: sourceRetiredKeyReplicationSid(input.roleSidToken) };
}

/** Destination key: the role may Encrypt/GenerateDataKey (+Decrypt with a Bucket Key) for the destination bucket only. */
export function destinationKeyReplicationStatement(input: DestinationKeyStatementInput): PolicyStatement {
    assertRoleArn(input.roleArn, "destination key statement: roleArn");
    assertSidToken(input.roleSidToken, "destination key statement: roleSidToken");
    assertSidToken(input.destinationSidToken, "destination key statement: destinationSidToken");
    assertBucketEnd(input.destination, "destination key statement: destination");
    return {
        Sid: destinationKeyReplicationSid(input.roleSidToken, input.destinationSidToken),
        Effect: "Allow",
        Principal: { AWS: input.roleArn },
        Action: replicaKeyActions(input.destination.bucketKeyEnabled),
        Resource: "*",
        Condition: s3KmsConditions(input.destination.region, input.destination.bucketArn),
    };
}

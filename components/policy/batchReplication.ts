import { PolicyDocument, policyDocument } from "./types";

// The S3 Batch Operations role that replicates a bucket's existing objects (S3 Batch Replication). A
// replication rule copies only what is written after it is in place; the objects already stored, and those
// whose replication failed, need a Batch Operations job run with a role of its own (Amazon S3 User Guide,
// "Configuring an IAM role for S3 Batch Replication"). The job this project's command starts generates its
// manifest from the bucket's replication configuration and writes neither the manifest nor a completion
// report, so the role needs only the source-bucket permissions of AWS's "S3 generated manifest" policy. The
// objects themselves are read, decrypted and written by the bucket's replication role, not by this one: after a
// key move, it is the replication role that keeps kms:Decrypt on the source's retired keys (policy/replication.ts),
// and this role needs no KMS permission for the objects written under them.

export const BATCH_OPERATIONS_SERVICE = "batchoperations.s3.amazonaws.com";
export const BATCH_REPLICATION_OBJECT_ACTIONS = ["s3:InitiateReplication"] as const;
export const BATCH_REPLICATION_BUCKET_ACTIONS = ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"] as const;

/** Trust policy: only S3 Batch Operations assumes the role (AWS's trust policy for Batch Operations roles). */
export function batchOperationsTrustPolicy(): PolicyDocument {
    return policyDocument([
        {
            Sid: "BatchReplicationRoleTrustS3BatchOperations",
            Effect: "Allow",
            Principal: { Service: BATCH_OPERATIONS_SERVICE },
            Action: "sts:AssumeRole",
        },
    ]);
}

/** What a Batch Replication job with an S3-generated manifest and no report needs on its source bucket, and nothing else. */
export function batchReplicationRolePolicy(sourceBucketArn: string): PolicyDocument {
    if (!/^arn:aws[\w-]*:s3:::[^/*]+$/.test(sourceBucketArn)) {
        throw new Error(`batch replication source: "${sourceBucketArn}" is not an S3 bucket ARN; pass arn:aws:s3:::<bucket name>`);
    }
    return policyDocument([
        {
            Sid: "BatchReplicationInitiate",
            Effect: "Allow",
            Action: [...BATCH_REPLICATION_OBJECT_ACTIONS],
            Resource: `${sourceBucketArn}/*`,
        },
        {
            Sid: "BatchReplicationReadConfiguration",
            Effect: "Allow",
            Action: [...BATCH_REPLICATION_BUCKET_ACTIONS],
            Resource: sourceBucketArn,
        },
    ]);
}

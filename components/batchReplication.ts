// Existing objects are not replicated by a replication rule: S3 replicates only objects written after
// the configuration is in place. Replicating those already stored (or that failed) is an S3 Batch
// Operations job, S3 Batch Replication (Amazon S3 User Guide, "Replicating existing objects with Batch
// Replication"), which @pulumi/aws v7 has no resource for (a job runs once; it is not a setting). This
// builds the AWS CLI call that starts one for a source bucket, with S3 generating the manifest from the
// bucket's replication configuration ("Specifying a manifest for a Batch Replication job": the manifest
// generator with EligibleForReplication and the NONE/FAILED replication statuses). The job covers every
// destination of the bucket's replication configuration.

export interface BatchReplicationSource {
    accountId: string;
    region: string;
    bucketName: string;
    /** The Batch Operations role the stack created (`BucketReplication.batchRole`); unset: read from the shell variable. */
    roleArn?: string;
}

/** The shell variable the command reads the Batch Operations role from when the stack created none (a brought replication role). */
export const BATCH_OPERATIONS_ROLE_VARIABLE = "BATCH_OPERATIONS_ROLE_ARN";

/** `aws s3control create-job` for S3 Batch Replication of a bucket's existing and failed objects, without a completion report. */
export function batchReplicationCommand(source: BatchReplicationSource): string {
    const manifestGenerator = {
        S3JobManifestGenerator: {
            ExpectedBucketOwner: source.accountId,
            SourceBucket: `arn:aws:s3:::${source.bucketName}`,
            EnableManifestOutput: false,
            Filter: { EligibleForReplication: true, ObjectReplicationStatuses: ["NONE", "FAILED"] },
        },
    };
    return [
        "aws s3control create-job",
        `--account-id ${source.accountId}`,
        `--region ${source.region}`,
        `--operation '${JSON.stringify({ S3ReplicateObject: {} })}'`,
        `--manifest-generator '${JSON.stringify(manifestGenerator)}'`,
        `--report '${JSON.stringify({ Enabled: false })}'`,
        "--priority 10",
        source.roleArn !== undefined ? `--role-arn '${source.roleArn}'` : `--role-arn "$${BATCH_OPERATIONS_ROLE_VARIABLE}"`,
        "--no-confirmation-required",
    ].join(" ");
}

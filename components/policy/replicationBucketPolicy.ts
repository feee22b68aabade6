import { replicaObjectActions } from "./replication";
import { assertBucketArn, assertRoleArn, assertSidToken } from "./replicationEndpoints";
import { PolicyStatement } from "./types";

// The destination bucket policy statements a replication role from another account needs: S3
// checks the destination bucket's own policy before it accepts replicas from a foreign principal.
// A same-account destination needs none (the role's identity policy is enough), so the component
// adds these only across accounts.

export const REPLICATION_DESTINATION_BUCKET_ACTIONS = ["s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:ListBucket"] as const;

export interface DestinationBucketStatementsInput {
    /** The replication role, as a real ARN (S3 rejects a bucket policy naming a missing principal). */
    roleArn: string;
    /** Alphanumeric token naming the replication role; keeps Sids unique in a shared bucket policy. */
    roleSidToken: string;
    destinationBucketArn: string;
    /** Also allow `s3:ObjectOwnerOverrideToBucketOwner` (the rule sets `accessControlTranslation`). */
    ownerOverride: boolean;
}

/** The Sids of the two statements below, in order: objects, then bucket. */
export function destinationBucketReplicationSids(roleSidToken: string): [string, string] {
    return [`ReplicationDestinationObjects${roleSidToken}`, `ReplicationDestinationBucket${roleSidToken}`];
}

export function destinationBucketReplicationStatements(input: DestinationBucketStatementsInput): PolicyStatement[] {
    assertRoleArn(input.roleArn, "destination bucket statements: roleArn");
    assertSidToken(input.roleSidToken, "destination bucket statements: roleSidToken");
    assertBucketArn(input.destinationBucketArn, "destination bucket statements: destinationBucketArn");
    const [objectsSid, bucketSid] = destinationBucketReplicationSids(input.roleSidToken);
    return [
        {
            Sid: objectsSid,
            Effect: "Allow",
            Principal: { AWS: input.roleArn },
            Action: replicaObjectActions(input.ownerOverride),
            Resource: `${input.destinationBucketArn}/*`,
        },
        {
            Sid: bucketSid,
            Effect: "Allow",
            Principal: { AWS: input.roleArn },
            Action: [...REPLICATION_DESTINATION_BUCKET_ACTIONS],
            Resource: input.destinationBucketArn,
        },
    ];
}

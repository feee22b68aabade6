// Realistic IAM documents for the synthetic stacks: the statements a careful user (or our components)
// writes for an SSE-KMS bucket, its key and its replication role. Misconfigured variants are derived from
// these by the generator, so a "bad" document differs from a good one in exactly one way.
import { bucketGuardrailStatements, resolveGuardrails } from "../../components/policy/bucketPolicy";
import { PolicyDocument, PolicyStatement, policyDocument } from "../../components/policy/types";

// "strict-key": the header mode our pack requires by default (s3-bucket-policy-require-sse-kms, mode
// "strict"); the components' own default ("compatible") would make every synthetic bucket a violation.
const GUARDRAILS = resolveGuardrails({ encryptionHeader: "strict-key" });

export interface KeyPolicyParties {
    accountId: string;
    region: string;
    /** Replication roles that decrypt with this key (source side) or encrypt with it (destination side). */
    replicationReaders: string[];
    replicationWriters: string[];
}

export function keyPolicy(parties: KeyPolicyParties): PolicyDocument {
    const root = `arn:aws:iam::${parties.accountId}:root`;
    const statements: PolicyStatement[] = [
        { Sid: "EnableRootAccountAdministration", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
        {
            Sid: "AllowS3UseThroughTheBucket",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:CallerAccount": parties.accountId, "kms:ViaService": `s3.${parties.region}.amazonaws.com` },
            },
        },
    ];
    if (parties.replicationReaders.length > 0) {
        statements.push({
            Sid: "AllowReplicationRoleDecrypt",
            Effect: "Allow",
            Principal: { AWS: parties.replicationReaders },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringLike: { "kms:ViaService": `s3.${parties.region}.amazonaws.com` } },
        });
    }
    if (parties.replicationWriters.length > 0) {
        statements.push({
            Sid: "AllowReplicationRoleEncrypt",
            Effect: "Allow",
            Principal: { AWS: parties.replicationWriters },
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringLike: { "kms:ViaService": `s3.${parties.region}.amazonaws.com` } },
        });
    }
    return policyDocument(statements);
}

/** The statement a hurried user adds to "make it work": any principal, every KMS action, no condition. */
export function wildcardKeyStatement(): PolicyStatement {
    return { Sid: "AllowEverybody", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" };
}

export interface BucketPolicyParties {
    bucketArn: string;
    keyArn: string;
    /** Cross-account replication role allowed to write replicas into this (destination) bucket. */
    replicationWriter?: string;
}

export function denyInsecureTransport(bucketArn: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * A careful bucket policy: the guardrail statements our components write (TLS only, SigV4 only, SSE-KMS with
 * the bucket's key only, no SSE-C), so a correct synthetic bucket passes our pack and only planted mistakes fail.
 */
export function bucketPolicyStatements(parties: BucketPolicyParties): PolicyStatement[] {
    const bucketName = parties.bucketArn.slice("arn:aws:s3:::".length);
    const statements = bucketGuardrailStatements({ bucketName, keyArn: parties.keyArn }, GUARDRAILS);
    if (parties.replicationWriter !== undefined) {
        statements.push({
            Sid: "AllowReplicationFromSource",
            Effect: "Allow",
            Principal: { AWS: parties.replicationWriter },
            Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
            Resource: `${parties.bucketArn}/*`,
        });
    }
    return statements;
}

export function publicReadStatement(bucketArn: string): PolicyStatement {
    return { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucketArn}/*` };
}

export function replicationAssumeRolePolicy(): PolicyDocument {
    return policyDocument([
        { Sid: "AllowS3ToAssumeTheRole", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
}

export interface ReplicationRoleParties {
    sourceBucketArn: string;
    sourceKeyArn: string;
    destinationBucketArn: string;
    destinationKeyArn: string;
    sourceRegion: string;
    destinationRegion: string;
}

export function replicationRolePolicy(parties: ReplicationRoleParties): PolicyDocument {
    return policyDocument([
        {
            Sid: "ReadSourceReplicationConfiguration",
            Effect: "Allow",
            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            Resource: parties.sourceBucketArn,
        },
        {
            Sid: "ReadSourceObjectVersions",
            Effect: "Allow",
            Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            Resource: `${parties.sourceBucketArn}/*`,
        },
        {
            Sid: "WriteReplicas",
            Effect: "Allow",
            Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
            Resource: `${parties.destinationBucketArn}/*`,
        },
        {
            Sid: "DecryptWithSourceKey",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: parties.sourceKeyArn,
            Condition: { StringLike: { "kms:ViaService": `s3.${parties.sourceRegion}.amazonaws.com` } },
        },
        {
            Sid: "EncryptWithDestinationKey",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: parties.destinationKeyArn,
            Condition: { StringLike: { "kms:ViaService": `s3.${parties.destinationRegion}.amazonaws.com` } },
        },
    ]);
}

/** The over-broad role statement that replaces the two scoped KMS statements in a misconfigured role. */
export function wildcardKmsRoleStatement(): PolicyStatement {
    return { Sid: "AllKms", Effect: "Allow", Action: "kms:*", Resource: "*" };
}

export function toJson(document: PolicyDocument): string {
    return JSON.stringify(document);
}

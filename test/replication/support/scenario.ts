import * as aws from "@pulumi/aws";
import type { EncryptedBucket as EncryptedBucketClass } from "../../../components/encryptedBucket";
import { PolicyDocument, PolicyStatement } from "../../../components/policy/types";
import { FakeAwsMockSession, promiseOf } from "../../support/mocks";

// Builders for the component specs: providers per account/region, encrypted buckets on them, and
// readers for the documents the replication wrote. Every test uses its own prefix so resource
// names never collide inside the one mocked stack.

export const ACCOUNT_A = "111111111111";
export const ACCOUNT_B = "222222222222";

export const TYPES = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    config: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
} as const;

export function provider(name: string, accountId: string, region: string): aws.Provider {
    return new aws.Provider(name, { region: region as aws.Region, assumeRoles: [{ roleArn: `arn:aws:iam::${accountId}:role/deploy` }] });
}

export interface BucketSpec {
    accountId: string;
    region: string;
    provider?: aws.Provider;
    bucketKeyEnabled?: boolean;
}

export function bucket(
    EncryptedBucket: typeof EncryptedBucketClass,
    name: string,
    spec: BucketSpec,
): EncryptedBucketClass {
    return new EncryptedBucket(
        name,
        { accountId: spec.accountId, region: spec.region, bucketName: name, bucketKeyEnabled: spec.bucketKeyEnabled },
        spec.provider === undefined ? {} : { provider: spec.provider },
    );
}

export function statementBySid(doc: PolicyDocument, sid: string): PolicyStatement {
    const found = doc.Statement.filter((s) => s.Sid === sid);
    if (found.length !== 1) {
        throw new Error(`expected one statement "${sid}", found ${found.length} among ${doc.Statement.map((s) => s.Sid).join(", ")}`);
    }
    return found[0];
}

export function sidsOf(doc: PolicyDocument): string[] {
    return doc.Statement.map((s) => s.Sid ?? "");
}

export function replicationSids(doc: PolicyDocument): string[] {
    return sidsOf(doc).filter((sid) => sid.startsWith("Replication"));
}

export function rolePolicyOf(mocks: FakeAwsMockSession, name: string): PolicyDocument {
    return JSON.parse(mocks.named(name, TYPES.rolePolicy).inputs["policy"] as string) as PolicyDocument;
}

export function keyPolicyOf(b: EncryptedBucketClass): Promise<PolicyDocument> {
    return promiseOf(b.key.policyDocument);
}

export function bucketPolicyOf(b: EncryptedBucketClass): Promise<PolicyDocument> {
    return promiseOf(b.policyDocument);
}

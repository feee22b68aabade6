// Cross-region, cross-account replication of SSE-KMS objects against the Amazon S3 User Guide,
// "Replicating encrypted objects (SSE-S3, SSE-KMS, DSSE-KMS, SSE-C)", its sections "Granting
// additional permissions for the IAM role" (kms:Decrypt on the source key with kms:ViaService
// s3.<source-region> and the source's encryption context; kms:Encrypt on the replica key with
// s3.<destination-region>) and "Granting additional permissions for cross-account scenarios" (the
// replica key's owner must let the source account's role use it), and "Granting permissions when
// the source and destination buckets are owned by different AWS accounts" (the destination bucket
// policy allows the role s3:ReplicateObject, s3:ReplicateDelete, s3:ReplicateTags and, for owner
// override, s3:ObjectOwnerOverrideToBucketOwner). Policies come from the builders the components use.
import { bucketGuardrailStatements, resolveGuardrails } from "../../../components/policy/bucketPolicy";
import { keyPolicyDocument } from "../../../components/policy/keyPolicy";
import { replicationRolePolicy, type ReplicationRolePolicyInput } from "../../../components/policy/replication";
import { destinationBucketReplicationStatements } from "../../../components/policy/replicationBucketPolicy";
import { destinationKeyReplicationStatement, sourceKeyReplicationStatement } from "../../../components/policy/replicationKeyPolicy";
import type { ReplicationBucketEnd, ReplicationDestinationEnd } from "../../../components/policy/replicationEndpoints";
import { policyDocument } from "../../../components/policy/types";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import { callerFromArn, HTTPS, kmsDirectContext, kmsViaS3Context, PLAIN_HTTP, s3Context, type Caller, type EncryptionHeaders, type Transport } from "../support/requestContext";
import { ALLOWED, deniedBy, notGranted } from "../support/scenario";
import { expectDecisions } from "./fixtures";

const SOURCE_ACCOUNT = "111111111111";
const DESTINATION_ACCOUNT = "444444444444";
const ROLE_ARN = `arn:aws:iam::${SOURCE_ACCOUNT}:role/data-replication`;
const ROLE_TOKEN = "DataReplication";

const SOURCE: ReplicationBucketEnd = {
    bucketArn: "arn:aws:s3:::source-data",
    keyArn: `arn:aws:kms:eu-west-1:${SOURCE_ACCOUNT}:key/11111111-2222-4333-8444-555555555555`,
    region: "eu-west-1",
    accountId: SOURCE_ACCOUNT,
    bucketKeyEnabled: false,
};
const DESTINATION: ReplicationDestinationEnd = {
    bucketArn: "arn:aws:s3:::dr-replica",
    keyArn: `arn:aws:kms:us-west-2:${DESTINATION_ACCOUNT}:key/66666666-7777-4888-9999-aaaaaaaaaaaa`,
    region: "us-west-2",
    accountId: DESTINATION_ACCOUNT,
    bucketKeyEnabled: true,
    sidToken: "Dr",
    ownerOverride: true,
};

interface Documents {
    rolePolicy: NamedPolicy;
    sourceKeyPolicy: NamedPolicy;
    destinationKeyPolicy: NamedPolicy;
    destinationBucketPolicy: NamedPolicy;
}

const bucketName = (arn: string): string => arn.replace("arn:aws:s3:::", "");

function documents(options: { withoutDestinationKeyStatement?: boolean; withoutDestinationBucketStatements?: boolean } = {}): Documents {
    const input: ReplicationRolePolicyInput = { source: SOURCE, destinations: [DESTINATION] };
    const baseKey = (end: ReplicationBucketEnd) => ({
        accountId: end.accountId,
        region: end.region,
        rootDelegation: true,
        administrators: [`arn:aws:iam::${end.accountId}:role/key-admin`],
        administratorsMayDeleteKey: false,
        users: [],
        serviceUsers: [],
    });
    const destinationKeyStatements = options.withoutDestinationKeyStatement
        ? []
        : [destinationKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: ROLE_TOKEN, destinationSidToken: DESTINATION.sidToken, destination: DESTINATION })];
    const destinationBucketStatements = options.withoutDestinationBucketStatements
        ? []
        : destinationBucketReplicationStatements({ roleArn: ROLE_ARN, roleSidToken: ROLE_TOKEN, destinationBucketArn: DESTINATION.bucketArn, ownerOverride: DESTINATION.ownerOverride });
    // The strictest header mode: its Denies are exactly the ones that must leave replicas alone.
    const guardrails = bucketGuardrailStatements({ bucketName: bucketName(DESTINATION.bucketArn), keyArn: DESTINATION.keyArn }, resolveGuardrails({ encryptionHeader: "strict-key" }));
    return {
        rolePolicy: { name: "replication role policy", document: replicationRolePolicy(input) },
        sourceKeyPolicy: {
            name: "source key policy",
            document: keyPolicyDocument(baseKey(SOURCE), [sourceKeyReplicationStatement({ roleArn: ROLE_ARN, roleSidToken: ROLE_TOKEN, source: SOURCE })]),
        },
        destinationKeyPolicy: { name: "replica key policy", document: keyPolicyDocument(baseKey(DESTINATION), destinationKeyStatements) },
        destinationBucketPolicy: { name: "destination bucket policy", document: policyDocument([...guardrails, ...destinationBucketStatements]) },
    };
}

function role(docs: Documents, arn = ROLE_ARN): Caller {
    return callerFromArn("replication role", arn, [docs.rolePolicy]);
}

function s3(caller: Caller, action: string, resource: string, end: ReplicationBucketEnd, policy: NamedPolicy | undefined, transport: Transport = HTTPS, headers?: EncryptionHeaders): OracleRequest {
    return {
        principal: caller.arn,
        action,
        resource,
        resourceAccount: end.accountId,
        context: s3Context(caller, end.accountId, end.region, transport, headers),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: policy,
    };
}

function kmsCall(caller: Caller, action: string, end: ReplicationBucketEnd, policy: NamedPolicy, encryptionContext: string, via: { region: string } | "direct" = { region: end.region }): OracleRequest {
    const account = end.accountId;
    return {
        principal: caller.arn,
        action,
        resource: end.keyArn,
        resourceAccount: account,
        context: via === "direct" ? kmsDirectContext(caller, account, end.region, encryptionContext) : kmsViaS3Context(caller, account, via.region, encryptionContext),
        identityPolicies: caller.identityPolicies,
        resourcePolicy: policy,
    };
}

const SOURCE_OBJECT = `${SOURCE.bucketArn}/tax/2026/return.pdf`;
const REPLICA = `${DESTINATION.bucketArn}/tax/2026/return.pdf`;

describe("AWS docs (Replicating encrypted objects): the replication role reads and decrypts the source", () => {
    it("reads source versions and decrypts with the source key through S3 in the source region", async () => {
        const docs = documents();
        const r = role(docs);
        await expectDecisions([
            ["s3:GetReplicationConfiguration on the source bucket", ALLOWED, s3(r, "s3:GetReplicationConfiguration", SOURCE.bucketArn, SOURCE, undefined)],
            ["s3:GetObjectVersionForReplication", ALLOWED, s3(r, "s3:GetObjectVersionForReplication", SOURCE_OBJECT, SOURCE, undefined)],
            ["s3:GetObjectVersionTagging", ALLOWED, s3(r, "s3:GetObjectVersionTagging", SOURCE_OBJECT, SOURCE, undefined)],
            ["kms:Decrypt via s3.<source-region>, object ARN context", ALLOWED, kmsCall(r, "kms:Decrypt", SOURCE, docs.sourceKeyPolicy, SOURCE_OBJECT)],
            ["kms:Decrypt via s3.<source-region>, bucket ARN context (source Bucket Key)", ALLOWED, kmsCall(r, "kms:Decrypt", SOURCE, docs.sourceKeyPolicy, SOURCE.bucketArn)],
        ]);
    });

    it("cannot decrypt through S3 in the destination region, outside S3, or for another bucket; cannot read plainly", async () => {
        const docs = documents();
        const r = role(docs);
        await expectDecisions([
            ["kms:Decrypt via s3.<destination-region>", notGranted("identity"), kmsCall(r, "kms:Decrypt", SOURCE, docs.sourceKeyPolicy, SOURCE_OBJECT, { region: DESTINATION.region })],
            ["kms:Decrypt called directly", notGranted("identity"), kmsCall(r, "kms:Decrypt", SOURCE, docs.sourceKeyPolicy, SOURCE_OBJECT, "direct")],
            ["kms:Decrypt for another bucket's object", notGranted("identity"), kmsCall(r, "kms:Decrypt", SOURCE, docs.sourceKeyPolicy, "arn:aws:s3:::payroll/2026.csv")],
            ["kms:Encrypt with the source key", notGranted("identity"), kmsCall(r, "kms:Encrypt", SOURCE, docs.sourceKeyPolicy, SOURCE_OBJECT)],
            ["s3:GetObject (not replication)", notGranted("identity"), s3(r, "s3:GetObject", SOURCE_OBJECT, SOURCE, undefined)],
        ]);
    });
});

describe("AWS docs (Replicating encrypted objects, cross-account scenarios): the role writes and encrypts replicas", () => {
    it("encrypts with the replica key through S3 in the destination region (Bucket Key: bucket ARN context, and Decrypt)", async () => {
        const docs = documents();
        const r = role(docs);
        await expectDecisions([
            ["kms:Encrypt via s3.<destination-region>, object ARN context", ALLOWED, kmsCall(r, "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, REPLICA)],
            ["kms:Encrypt via s3.<destination-region>, bucket ARN context", ALLOWED, kmsCall(r, "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, DESTINATION.bucketArn)],
            ["kms:GenerateDataKey via s3.<destination-region>, bucket ARN context", ALLOWED, kmsCall(r, "kms:GenerateDataKey", DESTINATION, docs.destinationKeyPolicy, DESTINATION.bucketArn)],
            ["kms:Decrypt via s3.<destination-region>, bucket ARN context", ALLOWED, kmsCall(r, "kms:Decrypt", DESTINATION, docs.destinationKeyPolicy, DESTINATION.bucketArn)],
        ]);
    });

    it("is refused by the replica key without the key owner's statement, and by its own account without the role policy", async () => {
        const withoutStatement = documents({ withoutDestinationKeyStatement: true });
        const docs = documents();
        await expectDecisions([
            ["kms:Encrypt, replica key policy without the role", notGranted("resource"), kmsCall(role(withoutStatement), "kms:Encrypt", DESTINATION, withoutStatement.destinationKeyPolicy, REPLICA)],
            ["kms:Encrypt, role without its IAM policy", notGranted("identity"), kmsCall(callerFromArn("bare role", ROLE_ARN, []), "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, REPLICA)],
            ["kms:Encrypt via s3.<source-region>", notGranted("identity", "resource"), kmsCall(role(docs), "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, REPLICA, { region: SOURCE.region })],
            ["kms:Encrypt for another bucket", notGranted("identity", "resource"), kmsCall(role(docs), "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, "arn:aws:s3:::someone-else/x")],
            ["kms:Encrypt called directly", notGranted("identity", "resource"), kmsCall(role(docs), "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, REPLICA, "direct")],
        ]);
    });

    it("writes replicas, deletes, tags and owner override, which the destination bucket policy allows the role", async () => {
        const docs = documents();
        const r = role(docs);
        const replica = (action: string, headers?: EncryptionHeaders) => s3(r, action, REPLICA, DESTINATION, docs.destinationBucketPolicy, HTTPS, headers);
        await expectDecisions([
            ["s3:ReplicateObject", ALLOWED, replica("s3:ReplicateObject")],
            ["s3:ReplicateDelete", ALLOWED, replica("s3:ReplicateDelete")],
            ["s3:ReplicateTags", ALLOWED, replica("s3:ReplicateTags")],
            ["s3:ObjectOwnerOverrideToBucketOwner", ALLOWED, replica("s3:ObjectOwnerOverrideToBucketOwner")],
            ["s3:ReplicateObject over plain HTTP", deniedBy("DenyInsecureTransport"), s3(r, "s3:ReplicateObject", REPLICA, DESTINATION, docs.destinationBucketPolicy, PLAIN_HTTP)],
        ]);
    });

    // The classic trap: the destination's header Denies are on s3:PutObject only. Replicas are
    // authorized as s3:ReplicateObject, so whatever encryption S3 reports for a replica (none, the
    // replica key, or a source object's SSE-S3), a strict-key destination must not refuse it.
    it("replicas are not refused by the destination's encryption-header Denies (strict-key bucket)", async () => {
        const docs = documents();
        const r = role(docs);
        const replica = (headers: EncryptionHeaders) => s3(r, "s3:ReplicateObject", REPLICA, DESTINATION, docs.destinationBucketPolicy, HTTPS, headers);
        await expectDecisions([
            ["s3:ReplicateObject with no encryption headers", ALLOWED, replica({})],
            ["s3:ReplicateObject reporting aws:kms and the replica key", ALLOWED, replica({ serverSideEncryption: "aws:kms", kmsKeyId: DESTINATION.keyArn })],
            ["s3:ReplicateObject reporting aws:kms and the source key", ALLOWED, replica({ serverSideEncryption: "aws:kms", kmsKeyId: SOURCE.keyArn })],
            ["s3:ReplicateObject of an SSE-S3 source object (AES256)", ALLOWED, replica({ serverSideEncryption: "AES256" })],
        ]);
    });

    it("only this role: another role of the source account, and the role without the bucket statements, are refused", async () => {
        const docs = documents();
        const withoutBucket = documents({ withoutDestinationBucketStatements: true });
        const other = role(docs, `arn:aws:iam::${SOURCE_ACCOUNT}:role/other-app`);
        await expectDecisions([
            ["s3:ReplicateObject by another role with the same IAM policy", notGranted("resource"), s3(other, "s3:ReplicateObject", REPLICA, DESTINATION, docs.destinationBucketPolicy)],
            ["kms:Encrypt by another role with the same IAM policy", notGranted("resource"), kmsCall(other, "kms:Encrypt", DESTINATION, docs.destinationKeyPolicy, REPLICA)],
            ["s3:ReplicateObject, destination bucket policy without the role", notGranted("resource"), s3(role(withoutBucket), "s3:ReplicateObject", REPLICA, DESTINATION, withoutBucket.destinationBucketPolicy)],
            ["s3:PutObject (a plain write, not replication)", notGranted("identity", "resource"), s3(role(docs), "s3:PutObject", REPLICA, DESTINATION, docs.destinationBucketPolicy, HTTPS, { serverSideEncryption: "aws:kms", kmsKeyId: DESTINATION.keyArn })],
            ["s3:GetObject on a replica", notGranted("identity", "resource"), s3(role(docs), "s3:GetObject", REPLICA, DESTINATION, docs.destinationBucketPolicy)],
        ]);
    });
});

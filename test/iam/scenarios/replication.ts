// The replication role: assumed by S3 only; reads source objects and decrypts them with the source
// key through S3 in the source region; writes replicas and encrypts them with the destination key
// (another account, another region) through S3 in the destination region. Both encryption
// contexts are exercised: the object ARN (no Bucket Key) and the bucket ARN (Bucket Key).
import type { OracleRequest } from "../support/oracle";
import { callerFromArn, PLAIN_HTTP } from "../support/requestContext";
import { ALLOWED, defineScenario, deniedBy, notGranted, type Scenario } from "../support/scenario";
import type { ReplicationFacts, World } from "../world/types";
import { assumeRoleByService, kmsRequest, objectArn, s3BucketRequest, s3ObjectRequest } from "./requests";
import { replicationsWhere, type ReplicationFixture } from "./select";

const CATEGORY = "Replication" as const;
const crossAccount = (r: ReplicationFacts): boolean => r.source.accountId !== r.destination.accountId;
const all = replicationsWhere(() => true);

function assumeRole(service: string) {
    return (f: ReplicationFixture): OracleRequest => assumeRoleByService(service, f.replication.roleArn, f.replication.source.accountId, f.replication.trustPolicy!);
}

function sourceDecrypt(context: "object" | "bucket", via: "s3" | "direct" = "s3", viaRegion?: (r: ReplicationFacts) => string) {
    return (f: ReplicationFixture): OracleRequest => {
        const source = f.replication.source;
        return kmsRequest(f.role, source.key, "kms:Decrypt", {
            via,
            viaRegion: viaRegion?.(f.replication),
            encryptionContext: context === "object" ? objectArn(source) : source.arn,
        });
    };
}

function destinationKey(action: string, context: "object" | "bucket", via: "s3" | "direct" = "s3", viaRegion?: (r: ReplicationFacts) => string) {
    return (f: ReplicationFixture): OracleRequest => {
        const destination = f.replication.destination;
        return kmsRequest(f.role, destination.key, action, {
            via,
            viaRegion: viaRegion?.(f.replication),
            encryptionContext: context === "object" ? objectArn(destination) : destination.arn,
        });
    };
}

function replicaWrite(action: string, transport = undefined as typeof PLAIN_HTTP | undefined) {
    return (f: ReplicationFixture): OracleRequest => {
        const destination = f.replication.destination;
        const headers = action === "s3:ReplicateObject" ? { serverSideEncryption: "aws:kms", kmsKeyId: destination.key.arn } : undefined;
        return s3ObjectRequest(f.role, destination, action, { transport, headers });
    };
}

export const replicationScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "replication-role-trust",
        category: CATEGORY,
        title: "Who can assume the replication role",
        note: "A role brought with replicationRoleArn has its owner's trust policy, which the stack neither sets nor sees.",
        select: replicationsWhere((r) => r.trustPolicy !== undefined),
        legs: [
            { step: "sts:AssumeRole by s3.amazonaws.com", expect: ALLOWED, request: assumeRole("s3.amazonaws.com") },
            { step: "sts:AssumeRole by ec2.amazonaws.com", expect: notGranted("resource"), request: assumeRole("ec2.amazonaws.com") },
        ],
    }),
    defineScenario({
        id: "replication-read-source",
        category: CATEGORY,
        title: "The replication role reads and decrypts a source object",
        select: all,
        legs: [
            { step: "s3:GetReplicationConfiguration on the source bucket", expect: ALLOWED, request: (f: ReplicationFixture) => s3BucketRequest(f.role, f.replication.source, "s3:GetReplicationConfiguration") },
            { step: "s3:GetObjectVersionForReplication", expect: ALLOWED, request: (f: ReplicationFixture) => s3ObjectRequest(f.role, f.replication.source, "s3:GetObjectVersionForReplication") },
            { step: "kms:Decrypt via S3 in the source region, object ARN context (no Bucket Key)", expect: ALLOWED, request: sourceDecrypt("object") },
            { step: "kms:Decrypt via S3 in the source region, bucket ARN context (Bucket Key)", expect: ALLOWED, request: sourceDecrypt("bucket") },
        ],
    }),
    defineScenario({
        id: "replication-read-locked-source",
        category: CATEGORY,
        title: "The replication role reads the retention and legal holds of a source with Object Lock",
        note: "S3 copies each version's Object Lock retention and legal hold to the replica, reading them with the role (Amazon S3 User Guide, \"Object Lock considerations\", \"Using Object Lock with S3 Replication\").",
        select: replicationsWhere((r) => r.source.objectLockEnabled === true),
        legs: [
            { step: "s3:GetObjectRetention on a source object", expect: ALLOWED, request: (f: ReplicationFixture) => s3ObjectRequest(f.role, f.replication.source, "s3:GetObjectRetention") },
            { step: "s3:GetObjectLegalHold on a source object", expect: ALLOWED, request: (f: ReplicationFixture) => s3ObjectRequest(f.role, f.replication.source, "s3:GetObjectLegalHold") },
            { step: "s3:PutObjectRetention on a source object", expect: notGranted("identity"), request: (f: ReplicationFixture) => s3ObjectRequest(f.role, f.replication.source, "s3:PutObjectRetention") },
        ],
    }),
    sourceKeyMisuse(true),
    sourceKeyMisuse(false),
    defineScenario({
        id: "replication-write-replica",
        category: CATEGORY,
        title: "The replication role writes a replica into the destination bucket",
        note: "Destinations of this stack; an external destination's own guardrails (its TLS deny) are its owner's, see the next scenario.",
        select: replicationsWhere((r) => !r.external),
        legs: [
            { step: "s3:ReplicateObject with aws:kms and the destination key", expect: ALLOWED, request: replicaWrite("s3:ReplicateObject") },
            { step: "s3:ReplicateTags", expect: ALLOWED, request: replicaWrite("s3:ReplicateTags") },
            { step: "s3:ReplicateDelete", expect: ALLOWED, request: replicaWrite("s3:ReplicateDelete") },
            { step: "s3:ReplicateObject over plain HTTP", expect: deniedBy("DenyInsecureTransport"), request: replicaWrite("s3:ReplicateObject", PLAIN_HTTP) },
        ],
    }),
    defineScenario({
        id: "replication-owner-override",
        category: CATEGORY,
        title: "The replication role hands replica ownership to the destination account (owner override)",
        select: replicationsWhere((r) => r.ownerOverride),
        legs: [{ step: "s3:ObjectOwnerOverrideToBucketOwner", expect: ALLOWED, request: replicaWrite("s3:ObjectOwnerOverrideToBucketOwner") }],
    }),
    defineScenario({
        id: "replication-encrypt-no-bucket-key",
        category: CATEGORY,
        title: "The replication role encrypts a replica, destination without a Bucket Key",
        select: replicationsWhere((r) => !r.destination.bucketKeyEnabled),
        legs: [
            { step: "kms:Encrypt via S3 in the destination region, object ARN context", expect: ALLOWED, request: destinationKey("kms:Encrypt", "object") },
            { step: "kms:GenerateDataKey via S3 in the destination region, object ARN context", expect: ALLOWED, request: destinationKey("kms:GenerateDataKey", "object") },
        ],
    }),
    defineScenario({
        id: "replication-encrypt-bucket-key",
        category: CATEGORY,
        title: "The replication role encrypts a replica, destination with a Bucket Key",
        note: "With a Bucket Key the encryption context is the bucket ARN, and S3 also calls kms:Decrypt on the destination key.",
        select: replicationsWhere((r) => r.destination.bucketKeyEnabled),
        legs: [
            { step: "kms:Encrypt via S3 in the destination region, bucket ARN context", expect: ALLOWED, request: destinationKey("kms:Encrypt", "bucket") },
            { step: "kms:GenerateDataKey via S3 in the destination region, bucket ARN context", expect: ALLOWED, request: destinationKey("kms:GenerateDataKey", "bucket") },
            { step: "kms:Decrypt via S3 in the destination region, bucket ARN context", expect: ALLOWED, request: destinationKey("kms:Decrypt", "bucket") },
        ],
    }),
    destinationKeyMisuse("cross-account"),
    destinationKeyMisuse("same-account"),
    defineScenario({
        id: "replication-external-destination",
        category: CATEGORY,
        title: "Replication into a bucket this stack does not own, once its owner applied the exported statements",
        note:
            "The destination's bucket policy is the externalReplicaPolicies output's bucket statements, its replica key's policy the default one (root delegation) " +
            "plus the exported key statement. AWS checks both only when it replicates: without them every replication fails.",
        select: replicationsWhere((r) => r.external),
        legs: [
            { step: "s3:ReplicateObject with aws:kms and the replica key", expect: ALLOWED, request: replicaWrite("s3:ReplicateObject") },
            { step: "s3:ReplicateDelete", expect: ALLOWED, request: replicaWrite("s3:ReplicateDelete") },
            { step: "s3:ObjectOwnerOverrideToBucketOwner", expect: ALLOWED, request: replicaWrite("s3:ObjectOwnerOverrideToBucketOwner") },
            { step: "kms:Encrypt with the replica key via S3 in the destination region", expect: ALLOWED, request: destinationKey("kms:Encrypt", "object") },
            {
                step: "s3:ReplicateObject by another role of the source account with the same identity policy",
                expect: notGranted("resource"),
                request: (f: ReplicationFixture) => replicaWrite("s3:ReplicateObject")(otherRole(f)),
            },
            {
                step: "kms:Encrypt with the replica key by another role of the source account with the same identity policy",
                expect: notGranted("resource"),
                request: (f: ReplicationFixture) => destinationKey("kms:Encrypt", "object")(otherRole(f)),
            },
            {
                step: "s3:ReplicateObject before the owner adds the exported bucket statements",
                expect: notGranted("resource"),
                request: (f: ReplicationFixture) => ({ ...replicaWrite("s3:ReplicateObject")(f), resourcePolicy: undefined }),
            },
            {
                step: "kms:Encrypt before the owner adds the exported key statement (default key policy only)",
                expect: notGranted("resource"),
                request: (f: ReplicationFixture) => {
                    const request = destinationKey("kms:Encrypt", "object")(f);
                    const key = f.replication.destination.key;
                    return { ...request, resourcePolicy: { name: `default key policy of ${key.arn}`, document: { Version: "2012-10-17", Statement: [key.policy.document.Statement[0]] } } };
                },
            },
        ],
    }),
    defineScenario({
        id: "replication-brought-role",
        category: CATEGORY,
        title: "A brought replication role, with and without the policy the stack exports for it",
        note: "The stack creates no role for replicationRoleArn; the replicationRolePolicies output is the policy its owner attaches.",
        select: replicationsWhere((r) => r.broughtRole),
        legs: [
            { step: "s3:GetObjectVersionForReplication on the source, with the exported policy", expect: ALLOWED, request: (f: ReplicationFixture) => s3ObjectRequest(f.role, f.replication.source, "s3:GetObjectVersionForReplication") },
            { step: "s3:ReplicateObject into the destination, with the exported policy", expect: ALLOWED, request: replicaWrite("s3:ReplicateObject") },
            {
                step: "s3:GetObjectVersionForReplication on the source, without it",
                expect: notGranted("identity"),
                request: (f: ReplicationFixture) => s3ObjectRequest(withoutPolicies(f).role, f.replication.source, "s3:GetObjectVersionForReplication"),
            },
            {
                step: "s3:ReplicateObject into the destination, without it",
                expect: notGranted("identity"),
                request: (f: ReplicationFixture) => replicaWrite("s3:ReplicateObject")(withoutPolicies(f)),
            },
        ],
    }),
];

/** Another role of the source account, with the replication role's identity policies (only resource policies tell them apart). */
function otherRole(f: ReplicationFixture): ReplicationFixture {
    return { ...f, role: callerFromArn("another role", `arn:aws:iam::${f.replication.source.accountId}:role/other-app`, f.replication.rolePolicies) };
}

/** The replication role before the exported policy is attached to it. */
function withoutPolicies(f: ReplicationFixture): ReplicationFixture {
    return { ...f, role: callerFromArn("replication role without its policy", f.replication.roleArn, []) };
}

/** The source key is always in the role's account; what refuses misuse depends on root delegation. */
function sourceKeyMisuse(rootDelegation: boolean): Scenario<World> {
    const refused = rootDelegation ? notGranted("identity") : notGranted("identity", "resource");
    return defineScenario({
        id: rootDelegation ? "replication-source-key-misuse" : "replication-source-key-misuse-no-delegation",
        category: CATEGORY,
        title: `The replication role uses the source key outside replication${rootDelegation ? "" : ", key without root delegation"}`,
        note: rootDelegation
            ? "The source key is in the role's own account and delegates to IAM, so the role's policy is what refuses these."
            : "The source key delegates nothing to IAM: its policy and the role's policy both refuse these.",
        select: replicationsWhere((r) => r.source.key.rootDelegation === rootDelegation),
        legs: [
            { step: "kms:Decrypt called directly (no kms:ViaService)", expect: refused, request: sourceDecrypt("object", "direct") },
            { step: "kms:Decrypt via S3 in another region", expect: refused, request: sourceDecrypt("object", "s3", otherRegion((r) => r.source.region)) },
            {
                step: "kms:Decrypt via S3 for another bucket's object",
                expect: refused,
                request: (f: ReplicationFixture) =>
                    kmsRequest(f.role, f.replication.source.key, "kms:Decrypt", { via: "s3", encryptionContext: "arn:aws:s3:::some-other-bucket/data/object-1.csv" }),
            },
            { step: "s3:GetObject (plain read, not replication)", expect: notGranted("identity"), request: (f: ReplicationFixture) => s3ObjectRequest(f.role, f.replication.source, "s3:GetObject") },
        ],
    });
}

function destinationKeyMisuse(where: "cross-account" | "same-account"): Scenario<World> {
    const cross = where === "cross-account";
    const refused = cross ? notGranted("identity", "resource") : notGranted("identity");
    return defineScenario({
        id: `replication-destination-key-misuse-${where}`,
        category: CATEGORY,
        title: `The replication role uses the destination key outside replication (${cross ? "key in another account" : "key in the role's account"})`,
        note: cross
            ? "The destination key is in another account: both its key policy and the role's policy must allow, and neither does."
            : "The destination key delegates to IAM in the role's account, so the role's policy is what refuses these.",
        select: replicationsWhere((r) => crossAccount(r) === cross && (cross || r.destination.key.rootDelegation)),
        legs: [
            { step: "kms:Encrypt called directly (no kms:ViaService)", expect: refused, request: destinationKey("kms:Encrypt", "object", "direct") },
            { step: "kms:GenerateDataKey called directly", expect: refused, request: destinationKey("kms:GenerateDataKey", "bucket", "direct") },
            { step: "kms:Encrypt via S3 in another region", expect: refused, request: destinationKey("kms:Encrypt", "object", "s3", otherRegion((r) => r.destination.region)) },
            {
                step: "kms:Encrypt via S3 for another bucket",
                expect: refused,
                request: (f: ReplicationFixture) =>
                    kmsRequest(f.role, f.replication.destination.key, "kms:Encrypt", { via: "s3", encryptionContext: "arn:aws:s3:::some-other-bucket/data/object-1.csv" }),
            },
        ],
    });
}

/** A region other than the given one (the other end's region when they differ). */
function otherRegion(region: (r: ReplicationFacts) => string): (r: ReplicationFacts) => string {
    return (r) => {
        const own = region(r);
        const candidates = [r.source.region, r.destination.region, "us-west-2", "ap-southeast-2"];
        return candidates.find((c) => c !== own) ?? "us-west-2";
    };
}

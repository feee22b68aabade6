// A bidirectional replication A ⇄ B across accounts and Regions, with replica modification sync on both rules:
// - Amazon S3 User Guide, "Replicating metadata changes with replica modification sync": changes made to a
//   replica (tags, ACLs, Object Lock settings) are replicated back to the source by the rule that runs the other
//   way, so the return rule's role reads the replica bucket's objects (replicas included) and writes the source.
// - Amazon S3 User Guide, "Replicating objects created with server-side encryption (SSE-C, SSE-S3, SSE-KMS,
//   DSSE-KMS)": the role decrypts with the key of the bucket it reads, through S3 in that bucket's Region and with
//   that bucket's encryption context, and encrypts with the key of the bucket it writes, through S3 in that
//   bucket's Region; replicas of the forward rule are encrypted under B's key, so that is the key the return role
//   decrypts them with. "Granting additional permissions for cross-account scenarios": the written bucket's
//   account names the role in its key policy and bucket policy.
// - "Replicating delete markers between buckets": s3:ReplicateDelete on the written bucket.
// The documents come from BucketReplication under Pulumi mocks, so what is evaluated is the component's wiring.
import type * as BucketReplicationModule from "../../../components/bucketReplication";
import type * as EncryptedBucketModule from "../../../components/encryptedBucket";
import type { PolicyDocument } from "../../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../../support/mocks";
import type { NamedPolicy, OracleRequest } from "../support/oracle";
import { callerFromArn, HTTPS, kmsViaS3Context, s3Context, type Caller } from "../support/requestContext";
import { ALLOWED, notGranted } from "../support/scenario";
import { expectDecisions } from "./fixtures";
import { ACCOUNT_A, ACCOUNT_B, bucket, provider } from "../../replication/support/scenario";

const REGION_A = "eu-west-1";
const REGION_B = "eu-central-1";

interface End {
    account: string;
    region: string;
    bucketArn: string;
    keyArn: string;
    bucketPolicy: NamedPolicy;
    keyPolicy: NamedPolicy;
}

interface World {
    a: End;
    b: End;
    forward: Caller;
    back: Caller;
}

describe("AWS docs (Replicating metadata changes with replica modification sync): a bidirectional replication across accounts (BucketReplication under mocks)", function () {
    let mocks: FakeAwsMockSession;
    let world: World;

    async function end(b: EncryptedBucketModule.EncryptedBucket, label: string): Promise<End> {
        const [bucketArn, keyArn, bucketPolicy, keyPolicy] = await Promise.all([promiseOf(b.arn), promiseOf(b.key.arn), promiseOf(b.policyDocument), promiseOf(b.key.policyDocument)]);
        return {
            account: b.accountId,
            region: b.region,
            bucketArn,
            keyArn,
            bucketPolicy: { name: `${label} bucket policy`, document: bucketPolicy as PolicyDocument },
            keyPolicy: { name: `${label} key policy`, document: keyPolicy as PolicyDocument },
        };
    }

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "iam-replica-modification-sync" });
        const { BucketReplication }: typeof BucketReplicationModule = await import("../../../components/bucketReplication");
        const { EncryptedBucket }: typeof EncryptedBucketModule = await import("../../../components/encryptedBucket");
        const source = bucket(EncryptedBucket, "rms-a", { accountId: ACCOUNT_A, region: REGION_A, provider: provider("rms-a", ACCOUNT_A, REGION_A) });
        const replica = bucket(EncryptedBucket, "rms-b", { accountId: ACCOUNT_B, region: REGION_B, provider: provider("rms-b", ACCOUNT_B, REGION_B) });
        const replication = new BucketReplication("rms", { source, destinations: [{ name: "dr", bucket: replica, bidirectional: true }] });
        const [forwardArn, forwardPolicy, backArn, backPolicy] = await Promise.all([
            promiseOf(replication.forward.roleArn),
            promiseOf(replication.forward.rolePolicyDocument),
            promiseOf(replication.returns["dr"].roleArn),
            promiseOf(replication.returns["dr"].rolePolicyDocument),
        ]);
        await mocks.settled();
        world = {
            a: await end(source, "A"),
            b: await end(replica, "B"),
            forward: callerFromArn("forward role (A → B)", forwardArn, [{ name: "forward role policy", document: forwardPolicy }]),
            back: callerFromArn("return role (B → A)", backArn, [{ name: "return role policy", document: backPolicy }]),
        };
    });

    function s3(caller: Caller, action: string, on: End, key = "ledger/2026.csv"): OracleRequest {
        return {
            principal: caller.arn,
            action,
            resource: `${on.bucketArn}/${key}`,
            resourceAccount: on.account,
            context: s3Context(caller, on.account, on.region, HTTPS),
            identityPolicies: caller.identityPolicies,
            resourcePolicy: on.bucketPolicy,
        };
    }

    function s3Bucket(caller: Caller, action: string, on: End): OracleRequest {
        return { ...s3(caller, action, on), resource: on.bucketArn };
    }

    /** S3 calls `keyOf`'s key for the role through S3 in `viaRegion`, with `context` as aws:s3:arn. */
    function kms(caller: Caller, action: string, keyOf: End, context: string, viaRegion = keyOf.region): OracleRequest {
        return {
            principal: caller.arn,
            action,
            resource: keyOf.keyArn,
            resourceAccount: keyOf.account,
            context: kmsViaS3Context(caller, keyOf.account, viaRegion, context),
            identityPolicies: caller.identityPolicies,
            resourcePolicy: keyOf.keyPolicy,
        };
    }

    const objectOf = (on: End, key = "ledger/2026.csv") => `${on.bucketArn}/${key}`;

    it("the return role reads a modified replica in B and decrypts it with B's key through S3 in B's Region (object and Bucket Key contexts)", async () => {
        const { b, back } = world;
        await expectDecisions([
            ["s3:GetReplicationConfiguration on B", ALLOWED, s3Bucket(back, "s3:GetReplicationConfiguration", b)],
            ["s3:GetObjectVersionForReplication of the replica", ALLOWED, s3(back, "s3:GetObjectVersionForReplication", b)],
            ["s3:GetObjectVersionTagging of the replica (changed tags)", ALLOWED, s3(back, "s3:GetObjectVersionTagging", b)],
            ["s3:GetObjectVersionAcl of the replica", ALLOWED, s3(back, "s3:GetObjectVersionAcl", b)],
            ["kms:Decrypt with B's key, replica object context", ALLOWED, kms(back, "kms:Decrypt", b, objectOf(b))],
            ["kms:Decrypt with B's key, B bucket context (Bucket Key)", ALLOWED, kms(back, "kms:Decrypt", b, b.bucketArn)],
        ]);
    });

    it("the return role writes the change back into A: tags, the object, delete markers, encrypted with A's key through S3 in A's Region", async () => {
        const { a, back } = world;
        await expectDecisions([
            ["s3:ReplicateTags on A (A's bucket policy names the role)", ALLOWED, s3(back, "s3:ReplicateTags", a)],
            ["s3:ReplicateObject on A", ALLOWED, s3(back, "s3:ReplicateObject", a)],
            ["s3:ReplicateDelete on A (delete marker replication)", ALLOWED, s3(back, "s3:ReplicateDelete", a)],
            ["kms:Encrypt with A's key, A object context", ALLOWED, kms(back, "kms:Encrypt", a, objectOf(a))],
            ["kms:GenerateDataKey with A's key, A bucket context (Bucket Key)", ALLOWED, kms(back, "kms:GenerateDataKey", a, a.bucketArn)],
        ]);
    });

    // Each role also holds kms:Decrypt on the key of the bucket it writes, because that bucket has an S3 Bucket Key
    // (replicaKeyActions); that is for the written bucket's encryption context only, never the other bucket's.
    it("each role keeps its direction: neither key serves the other bucket's context, and neither role writes its own source", async () => {
        const { a, b, back, forward } = world;
        await expectDecisions([
            ["return role kms:Decrypt with A's key, B's (replica) context", notGranted("identity", "resource"), kms(back, "kms:Decrypt", a, objectOf(b))],
            ["return role kms:Decrypt with B's key through S3 in A's Region", notGranted("identity"), kms(back, "kms:Decrypt", b, objectOf(b), REGION_A)],
            ["return role kms:Encrypt with A's key through S3 in B's Region", notGranted("identity", "resource"), kms(back, "kms:Encrypt", a, objectOf(a), REGION_B)],
            ["return role kms:Encrypt with B's key (the bucket it reads)", notGranted("identity"), kms(back, "kms:Encrypt", b, objectOf(b))],
            ["return role s3:ReplicateObject on B (its own source)", notGranted("identity"), s3(back, "s3:ReplicateObject", b)],
            ["forward role kms:Decrypt with B's key, A's context", notGranted("identity", "resource"), kms(forward, "kms:Decrypt", b, objectOf(a))],
            ["forward role s3:ReplicateTags on A (its own source)", notGranted("identity"), s3(forward, "s3:ReplicateTags", a)],
        ]);
    });

    it("the forward role replicates A's changes into B, the other half of the sync", async () => {
        const { a, b, forward } = world;
        await expectDecisions([
            ["s3:GetObjectVersionForReplication on A", ALLOWED, s3(forward, "s3:GetObjectVersionForReplication", a)],
            ["kms:Decrypt with A's key, A object context", ALLOWED, kms(forward, "kms:Decrypt", a, objectOf(a))],
            ["s3:ReplicateTags on B", ALLOWED, s3(forward, "s3:ReplicateTags", b)],
            ["kms:Encrypt with B's key, replica object context", ALLOWED, kms(forward, "kms:Encrypt", b, objectOf(b))],
        ]);
    });
});

// After the replica bucket B of a bidirectional replication A ⇄ B moves to another key, its objects and versions
// written before stay encrypted under the old one (Amazon S3 API Reference, "ServerSideEncryptionRule": default
// encryption applies to new objects only). The return role (B → A) still replicates them back (Amazon S3 User Guide,
// "Replicating existing objects with Batch Replication", and retries of pending or failed replications), and S3
// decrypts each one with that role's permissions: kms:Decrypt through S3 in B's Region, for B's objects ("Replicating
// objects created with server-side encryption (SSE-C, SSE-S3, SSE-KMS, DSSE-KMS)"). A key policy that delegates to
// IAM lets the role's IAM policy decide, and one that does not must name the role itself (AWS KMS Developer Guide,
// "Key policies in AWS KMS").
// Unlike the other awsdocs specs, the policies come from BucketReplication itself under Pulumi mocks, so what is
// evaluated is what the component wires (replicaRetiredKeys), not only what its pure builders can express.
import type * as BucketReplicationModule from "../../../components/bucketReplication";
import type * as CustomerManagedKeyModule from "../../../components/customerManagedKey";
import type * as EncryptedBucketModule from "../../../components/encryptedBucket";
import type { PolicyDocument } from "../../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../../support/mocks";
import type { OracleRequest } from "../support/oracle";
import { callerFromArn, kmsDirectContext, kmsViaS3Context, type Caller } from "../support/requestContext";
import { ALLOWED, notGranted } from "../support/scenario";
import { expectDecisions } from "./fixtures";
import { ACCOUNT_A, ACCOUNT_B, bucket, provider } from "../../replication/support/scenario";

const REPLICA_REGION = "eu-central-1";
const SOURCE_REGION = "eu-west-1";

/** What one BucketReplication wrote that the return role's Decrypt on the replica's old key depends on. */
interface Deployed {
    returnRole: Caller;
    oldKeyArn: string;
    oldKeyPolicy: PolicyDocument;
    replicaBucketArn: string;
}

describe("AWS docs (Replicating encrypted objects): a bidirectional replica that moved off a key still replicates back what the old key encrypted (BucketReplication under mocks)", function () {
    let mocks: FakeAwsMockSession;
    let BucketReplication: typeof BucketReplicationModule.BucketReplication;
    let EncryptedBucket: typeof EncryptedBucketModule.EncryptedBucket;
    let CustomerManagedKey: typeof CustomerManagedKeyModule.CustomerManagedKey;
    const worlds: Record<string, Deployed> = {};

    /**
     * Source A (account A) ⇄ replica B (account B), B moved off `old`, a key of B's account its other buckets still
     * use; with the fix, the replication passes `old` as the replica's retired key.
     */
    async function deploy(p: string, options: { rootDelegation: boolean; passRetired: boolean }): Promise<Deployed> {
        const a = provider(`${p}-a`, ACCOUNT_A, SOURCE_REGION);
        const b = provider(`${p}-b`, ACCOUNT_B, REPLICA_REGION);
        const old = new CustomerManagedKey(
            `${p}-old`,
            { accountId: ACCOUNT_B, region: REPLICA_REGION, alias: `alias/${p}-old`, rootDelegation: options.rootDelegation, deployRoleArn: `arn:aws:iam::${ACCOUNT_B}:role/deploy` },
            { provider: b },
        );
        new EncryptedBucket(`${p}-stays`, { accountId: ACCOUNT_B, region: REPLICA_REGION, bucketName: `${p}-stays`, key: old }, { provider: b });
        const source = bucket(EncryptedBucket, `${p}-src`, { accountId: ACCOUNT_A, region: SOURCE_REGION, provider: a });
        const replica = bucket(EncryptedBucket, `${p}-dst`, { accountId: ACCOUNT_B, region: REPLICA_REGION, provider: b });
        const replication = new BucketReplication(p, {
            source,
            destinations: [{ name: "dr", bucket: replica, bidirectional: true }],
            ...(options.passRetired ? { replicaRetiredKeys: { dr: [old] } } : {}),
        });
        const back = replication.returns["dr"];
        const [roleArn, rolePolicy, oldKeyArn, oldKeyPolicy, replicaBucketArn] = await Promise.all([
            promiseOf(back.roleArn),
            promiseOf(back.rolePolicyDocument),
            promiseOf(old.arn),
            promiseOf(old.policyDocument),
            promiseOf(replica.arn),
        ]);
        return { returnRole: callerFromArn("return role", roleArn, [{ name: "return role policy", document: rolePolicy }]), oldKeyArn, oldKeyPolicy, replicaBucketArn };
    }

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "iam-replica-retired-keys" });
        ({ BucketReplication } = await import("../../../components/bucketReplication"));
        ({ EncryptedBucket } = await import("../../../components/encryptedBucket"));
        ({ CustomerManagedKey } = await import("../../../components/customerManagedKey"));
        worlds["fixed"] = await deploy("irf", { rootDelegation: true, passRetired: true });
        worlds["unfixed"] = await deploy("iru", { rootDelegation: true, passRetired: false });
        worlds["locked"] = await deploy("irl", { rootDelegation: false, passRetired: true });
        await mocks.settled();
    });

    /** kms:Decrypt on the replica's old key by the return role of `world`, judged against that key's policy (or the one `keyPolicyOf` gives). */
    function decrypt(world: Deployed, encryptionContext: string, options: { keyPolicyOf?: Deployed; via?: string | "direct"; action?: string } = {}): OracleRequest {
        const via = options.via ?? REPLICA_REGION;
        const caller = world.returnRole;
        return {
            principal: caller.arn,
            action: options.action ?? "kms:Decrypt",
            resource: world.oldKeyArn,
            resourceAccount: ACCOUNT_B,
            context: via === "direct" ? kmsDirectContext(caller, ACCOUNT_B, REPLICA_REGION, encryptionContext) : kmsViaS3Context(caller, ACCOUNT_B, via, encryptionContext),
            identityPolicies: caller.identityPolicies,
            resourcePolicy: { name: "replica's old key policy", document: (options.keyPolicyOf ?? world).oldKeyPolicy },
        };
    }
    const oldObject = (world: Deployed) => `${world.replicaBucketArn}/2025/closing.csv`;

    it("the return role decrypts the replica's objects under its old key through S3 in the replica's Region (object and Bucket Key contexts)", async () => {
        const w = worlds["fixed"];
        await expectDecisions([
            ["kms:Decrypt via s3.<replica-region>, object ARN context", ALLOWED, decrypt(w, oldObject(w))],
            ["kms:Decrypt via s3.<replica-region>, bucket ARN context (replica Bucket Key)", ALLOWED, decrypt(w, w.replicaBucketArn)],
        ]);
    });

    it("cannot decrypt another bucket's objects, directly, through S3 in the source's Region, nor generate data keys", async () => {
        const w = worlds["fixed"];
        await expectDecisions([
            ["kms:Decrypt for another bucket's object on the old key", notGranted("identity"), decrypt(w, "arn:aws:s3:::irf-stays/2025.csv")],
            ["kms:Decrypt called directly", notGranted("identity"), decrypt(w, oldObject(w), { via: "direct" })],
            ["kms:Decrypt via s3.<source-region>", notGranted("identity"), decrypt(w, oldObject(w), { via: SOURCE_REGION })],
            ["kms:GenerateDataKey via s3.<replica-region>", notGranted("identity"), decrypt(w, oldObject(w), { action: "kms:GenerateDataKey" })],
        ]);
    });

    it("without replicaRetiredKeys, the return role cannot: it decrypts with the replica's current key only", async () => {
        const w = worlds["unfixed"];
        await expectDecisions([["kms:Decrypt via s3.<replica-region>, object ARN context", notGranted("identity"), decrypt(w, oldObject(w))]]);
    });

    it("an old key that delegates nothing to IAM lets the return role in only through the key-policy statement the component writes", async () => {
        const w = worlds["locked"];
        const withoutStatement = { ...w, oldKeyPolicy: { ...w.oldKeyPolicy, Statement: w.oldKeyPolicy.Statement.filter((st) => !String(st.Sid).startsWith("ReplicationSourceRetiredKeyDecrypt")) } };
        await expectDecisions([
            ["kms:Decrypt, IAM and key-policy statements", ALLOWED, decrypt(w, oldObject(w))],
            ["kms:Decrypt, IAM statement only", notGranted("resource"), decrypt(w, oldObject(w), { keyPolicyOf: withoutStatement })],
        ]);
    });
});

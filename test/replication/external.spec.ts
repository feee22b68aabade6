// Issue 17 item 1: replication to a destination this program does not own (ExternalDestination), and a
// replication role brought by the caller (roleArn). The destination-side statements come from the builders
// the owned path uses; the brought role gets no resource and its policy is exported.
import * as assert from "assert";
import type * as BucketReplicationModule from "../../components/bucketReplication";
import type * as EncryptedBucketModule from "../../components/encryptedBucket";
import type * as ExternalDestinationModule from "../../components/externalDestination";
import { destinationBucketReplicationStatements } from "../../components/policy/replicationBucketPolicy";
import { destinationKeyReplicationStatement } from "../../components/policy/replicationKeyPolicy";
import { PolicyDocument } from "../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { ACCOUNT_A, bucket, keyPolicyOf, provider, replicationSids, rolePolicyOf, statementBySid, TYPES } from "./support/scenario";

const PARTNER = "444444444444";
const PARTNER_KEY = `arn:aws:kms:us-east-1:${PARTNER}:key/0b9f7a36-6f2d-4b8e-9a51-3c1d2e4f5a6b`;
const PARTNER_BUCKET = "arn:aws:s3:::partner-dr";
const BROUGHT = `arn:aws:iam::${ACCOUNT_A}:role/platform/s3-replication`;

describe("BucketReplication to an external destination, and with a brought role (under fake AWS mocks)", function () {
    let mocks: FakeAwsMockSession;
    let BucketReplication: typeof BucketReplicationModule.BucketReplication;
    let EncryptedBucket: typeof EncryptedBucketModule.EncryptedBucket;
    let ExternalDestination: typeof ExternalDestinationModule.ExternalDestination;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "external" });
        ({ BucketReplication } = await import("../../components/bucketReplication"));
        ({ EncryptedBucket } = await import("../../components/encryptedBucket"));
        ({ ExternalDestination } = await import("../../components/externalDestination"));
    });

    const partner = (overrides: Record<string, unknown> = {}) =>
        new ExternalDestination("partner", { bucketArn: PARTNER_BUCKET, accountId: PARTNER, region: "us-east-1", keyArn: PARTNER_KEY, ...overrides });

    function source(p: string, opts: { objectLock?: boolean } = {}) {
        const a = provider(`${p}-a`, ACCOUNT_A, "eu-west-1");
        if (opts.objectLock) {
            return new EncryptedBucket(`${p}-src`, { accountId: ACCOUNT_A, region: "eu-west-1", bucketName: `${p}-src`, objectLock: { mode: "governance", days: 1 } }, { provider: a });
        }
        return bucket(EncryptedBucket, `${p}-src`, { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
    }

    describe("an external destination in another account", () => {
        const p = "ext";
        let replication: InstanceType<typeof BucketReplication>;
        let src: InstanceType<typeof EncryptedBucket>;
        let roleArn: string;
        before(async () => {
            src = source(p);
            replication = new BucketReplication(p, { source: src, destinations: [{ name: "partner", bucket: partner() }] });
            roleArn = await promiseOf(replication.roleArn);
            await mocks.settled();
        });

        it("writes the rule with the destination account, owner override and the replica key", () => {
            const rule = (mocks.named(`${p}-config`, TYPES.config).inputs["rules"] as Array<Record<string, unknown>>)[0];
            assert.deepStrictEqual(rule["destination"], {
                bucket: PARTNER_BUCKET,
                account: PARTNER,
                accessControlTranslation: { owner: "Destination" },
                encryptionConfiguration: { replicaKmsKeyId: PARTNER_KEY },
            });
            assert.deepStrictEqual(rule["sourceSelectionCriteria"], { sseKmsEncryptedObjects: { status: "Enabled" } });
        });

        it("gives the created role the replicate and replica-key actions on the external bucket and key", () => {
            const policy = rolePolicyOf(mocks, `${p}-role-policy`);
            assert.deepStrictEqual(statementBySid(policy, "ReplicationRoleReplicateToPartner").Resource, `${PARTNER_BUCKET}/*`);
            assert.deepStrictEqual(statementBySid(policy, "ReplicationRoleReplicateToPartner").Action, ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"]);
            assert.deepStrictEqual(statementBySid(policy, "ReplicationRoleEncryptForPartner").Resource, PARTNER_KEY);
            // bucketKeyEnabled defaults to true for an external destination: Decrypt is included.
            assert.deepStrictEqual(statementBySid(policy, "ReplicationRoleEncryptForPartner").Action, ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]);
        });

        it("adds the role's Decrypt statement to the source key policy", async () => {
            const doc = await keyPolicyOf(src);
            assert.deepStrictEqual(replicationSids(doc), ["ReplicationSourceKeyDecryptExtReplication"]);
            assert.deepStrictEqual(statementBySid(doc, "ReplicationSourceKeyDecryptExtReplication").Principal, { AWS: roleArn });
        });

        it("exports the destination statements, built by the owned path's builders", async () => {
            const statements = replication.externalDestinations["partner"];
            assert.equal(statements.bucketArn, PARTNER_BUCKET);
            const [bucketPolicy, keyPolicy] = await Promise.all([promiseOf(statements.bucketPolicy), promiseOf(statements.keyPolicy)]);
            assert.deepStrictEqual(
                bucketPolicy.Statement,
                destinationBucketReplicationStatements({ roleArn, roleSidToken: "ExtReplication", destinationBucketArn: PARTNER_BUCKET, ownerOverride: true }),
            );
            assert.deepStrictEqual(keyPolicy.Statement, [
                destinationKeyReplicationStatement({
                    roleArn,
                    roleSidToken: "ExtReplication",
                    destinationSidToken: "Partner",
                    destination: { bucketArn: PARTNER_BUCKET, keyArn: PARTNER_KEY, region: "us-east-1", accountId: PARTNER, bucketKeyEnabled: true },
                }),
            ]);
            assert.deepStrictEqual((keyPolicy.Statement[0].Principal as { AWS: string }).AWS, roleArn);
        });

        it("monitors no rule to the external destination (ReplicationMonitoring watches owned destinations)", () => {
            assert.deepStrictEqual(replication.rules, []);
        });
    });

    describe("a brought role", () => {
        const p = "byo";
        let replication: InstanceType<typeof BucketReplication>;
        let src: InstanceType<typeof EncryptedBucket>;
        before(async () => {
            src = source(p);
            replication = new BucketReplication(p, { source: src, roleArn: BROUGHT, destinations: [{ name: "partner", bucket: partner({ bucketKeyEnabled: false }) }] });
            await mocks.settled();
        });

        it("creates no role and no role policy (not even the Batch Operations role), and names the brought role in the rule and the source key policy", async () => {
            assert.equal(mocks.byType(TYPES.role).filter((r) => r.name.startsWith(`${p}-`)).length, 0);
            assert.equal(replication.batchRole, undefined);
            assert.equal(mocks.byType(TYPES.rolePolicy).filter((r) => r.name.startsWith(`${p}-`)).length, 0);
            assert.equal(replication.role, undefined);
            assert.equal(mocks.named(`${p}-config`, TYPES.config).inputs["role"], BROUGHT);
            const doc = await keyPolicyOf(src);
            assert.deepStrictEqual(statementBySid(doc, "ReplicationSourceKeyDecryptS3Replication").Principal, { AWS: BROUGHT });
        });

        it("exports the policy the brought role needs, the one a created role would get", async () => {
            const policy = JSON.parse(await promiseOf(replication.rolePolicyJson)) as PolicyDocument;
            assert.deepStrictEqual(
                policy.Statement.map((s) => s.Sid),
                ["ReplicationRoleReadSourceBucket", "ReplicationRoleReadSourceObjects", "ReplicationRoleDecryptSource", "ReplicationRoleReplicateToPartner", "ReplicationRoleEncryptForPartner"],
            );
            assert.deepStrictEqual(statementBySid(policy, "ReplicationRoleEncryptForPartner").Action, ["kms:Encrypt", "kms:GenerateDataKey"]);
        });

        it("the exported destination statements name the brought role", async () => {
            const keyPolicy = await promiseOf(replication.externalDestinations["partner"].keyPolicy);
            assert.deepStrictEqual(keyPolicy.Statement[0].Principal, { AWS: BROUGHT });
        });
    });

    describe("refuses, naming the field and the fix", () => {
        it("a bucket ARN that is not an S3 bucket ARN", () => {
            assert.throws(() => partner({ bucketArn: "arn:aws:s3:::partner-dr/prefix" }), /bucketArn is "arn:aws:s3:::partner-dr\/prefix", not an S3 bucket ARN\. Fix: pass arn:aws:s3:::<bucket-name>/);
            assert.throws(() => partner({ bucketArn: "arn:aws:s3:us-east-1:444444444444:accesspoint/ap" }), /bucketArn .* not an S3 bucket ARN/);
        });

        it("a replica key of another region or another account than the destination's", () => {
            assert.throws(() => partner({ keyArn: PARTNER_KEY.replace("us-east-1", "eu-west-1") }), /keyArn is a key in eu-west-1 but the destination bucket is in us-east-1\. Fix: use a key of us-east-1/);
            assert.throws(() => partner({ keyArn: PARTNER_KEY.replace(PARTNER, "555555555555") }), /keyArn is a key of account 555555555555 but the destination is in account 444444444444\. Fix:/);
            assert.throws(() => partner({ keyArn: "arn:aws:kms:us-east-1:444444444444:alias/dr" }), /keyArn is a KMS alias\. Fix: give the key ARN/);
        });

        it("an external destination made bidirectional", () => {
            assert.throws(
                () => new BucketReplication("bidi", { source: source("bidi"), destinations: [{ name: "partner", bucket: partner(), bidirectional: true }] }),
                /destinations\[0\]\.bidirectional is true for an external destination\. Fix: make the rule one-way/,
            );
        });

        it("a source with Object Lock replicating to an external destination", () => {
            assert.throws(
                () => new BucketReplication("lock", { source: source("lock", { objectLock: true }), destinations: [{ name: "partner", bucket: partner() }] }),
                /destinations\[0\]\.bucket is an external destination of a source with Object Lock\. Fix:/,
            );
        });

        it("a brought role of another account, a user ARN, or with roleName", () => {
            assert.throws(
                () => new BucketReplication("acct", { source: source("acct"), roleArn: `arn:aws:iam::${PARTNER}:role/r`, destinations: [{ name: "partner", bucket: partner() }] }),
                /roleArn is a role of account 444444444444 but the source bucket is in account 111111111111\. Fix: pass a role of account 111111111111/,
            );
            assert.throws(
                () => new BucketReplication("user", { source: source("user"), roleArn: `arn:aws:iam::${ACCOUNT_A}:user/u`, destinations: [{ name: "partner", bucket: partner() }] }),
                /roleArn is "arn:aws:iam::111111111111:user\/u", not an IAM role ARN\. Fix:/,
            );
            assert.throws(
                () => new BucketReplication("both", { source: source("both"), roleArn: BROUGHT, roleName: "x", destinations: [{ name: "partner", bucket: partner() }] }),
                /roleName is set together with roleArn\. Fix:/,
            );
        });

        it("an external destination as the source", () => {
            assert.throws(
                () => new BucketReplication("xsrc", { source: partner(), destinations: [{ name: "partner", bucket: partner({ bucketArn: "arn:aws:s3:::other" }) }] }),
                /source is not an EncryptedBucket\. Fix:/,
            );
        });
    });
});

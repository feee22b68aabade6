// The program's resource graph under fake-AWS mocks, built from Pulumi.dev.yaml: providers per
// account, each bucket's components in the right account and region, grants and replication wired
// with the right providers, and the stack outputs.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, StackConfig } from "../../config";
import type { StackOutputs } from "../../program/outputs";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf, RecordedResource } from "../support/mocks";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const T = {
    provider: "pulumi:providers:aws",
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    key: "aws:kms/key:Key",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    role: "aws:iam/role:Role",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
};

describe("program (index.ts) under fake AWS mocks: dev stack", function () {
    let mocks: FakeAwsMockSession;
    let config: StackConfig;
    let outputs: StackOutputs;

    before(async () => {
        mocks = await installFakeAwsMocks({ project: "encrypted-buckets", stack: "dev" });
        const file = readStackConfigFile(PROJECT_DIR, "dev");
        config = parseStackConfig(file.projectConfig);
        const { buildStack } = await import("../../program/build");
        outputs = buildStack(config, "dev");
        await promiseOf(pulumi.output(outputs.consumerPolicies).apply((c) => Object.keys(c)));
        await mocks.settled();
    });

    const accountOf = (alias: string) => config.accounts[alias].accountId;
    const providerOf = (r: RecordedResource) => mocks.resources().find((p) => p.type === T.provider && r.provider?.endsWith(`::${p.id}`));

    it("creates one provider per account entry, assuming that account's role and pinned to its id", () => {
        const providers = mocks.byType(T.provider);
        assert.deepStrictEqual(providers.map((p) => p.name).sort(), ["aws-analytics", "aws-backup", "aws-data"]);
        for (const p of providers) {
            const account = config.accounts[p.name.replace(/^aws-/, "")];
            assert.equal(p.inputs["region"], account.region);
            assert.equal(JSON.parse(String(p.inputs["assumeRoles"]))[0].roleArn, account.roleArn);
            assert.deepStrictEqual(JSON.parse(String(p.inputs["allowedAccountIds"])), [account.accountId]);
        }
    });

    it("gives every AWS resource an explicit provider (the default provider is disabled)", () => {
        const custom = mocks.resources().filter((r) => r.custom && r.type !== T.provider);
        assert.ok(custom.length > 30);
        const without = custom.filter((r) => providerOf(r) === undefined).map((r) => `${r.type} ${r.name}`);
        assert.deepStrictEqual(without, []);
    });

    it("builds each configured bucket in its account and region, encrypted with a key of that account and region", () => {
        for (const b of config.buckets) {
            const bucket = mocks.named(`${b.name}-bucket`, T.bucket);
            assert.equal(bucket.context.accountId, accountOf(b.account), b.name);
            assert.equal(bucket.inputs["region"], b.region, b.name);
            if (b.bucketName !== undefined) assert.equal(bucket.inputs["bucket"], b.bucketName);
            const sse = mocks.named(`${b.name}-encryption`, T.sse);
            assert.equal(sse.context.accountId, accountOf(b.account));
            const rule = (sse.inputs["rules"] as { applyServerSideEncryptionByDefault: { sseAlgorithm: string; kmsMasterKeyId: string }; bucketKeyEnabled: boolean }[])[0];
            assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
            assert.match(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId, new RegExp(`^arn:aws:kms:${b.region}:${accountOf(b.account)}:key/`));
            assert.equal(rule.bucketKeyEnabled, b.bucketKeyEnabled);
        }
    });

    it("creates a shared key once and uses it for every bucket that names it", async () => {
        const sharedKeys = mocks.byType(T.key).filter((k) => k.name === "key-data-shared-key");
        assert.equal(sharedKeys.length, 1);
        const users = config.buckets.filter((b) => b.key.kind === "shared" && b.key.name === "data-shared").map((b) => b.name);
        const keyArn = sharedKeys[0].outputs["arn"];
        for (const name of users) {
            assert.equal(await promiseOf(outputs.buckets[name].keyArn), keyArn, name);
        }
        assert.equal(await promiseOf(outputs.sharedKeys["data-shared"].arn), keyArn);
    });

    it("creates a same-account grant's IAM policy with the bucket's provider", () => {
        const policy = mocks.resources().find((r) => (r.type === T.rolePolicy || r.type === T.userPolicy) && r.inputs["role"] === "ingest");
        assert.ok(policy, "inline policy on role ingest");
        assert.equal(providerOf(policy)?.name, "aws-data");
    });

    it("creates a cross-account grant's consumer policy with the consumer account's provider", () => {
        const policy = mocks.resources().find((r) => r.type === T.rolePolicy && r.inputs["role"] === "analytics-reader");
        assert.ok(policy, "inline policy on role analytics-reader");
        assert.equal(providerOf(policy)?.name, "aws-analytics");
        assert.equal(policy.context.accountId, "333333333333");
    });

    it("only exports the consumer policy of a cross-account grant without a consumer account", async () => {
        const created = mocks.resources().filter((r) => r.inputs["user"] === "partner-sync" || r.inputs["role"] === "partner-sync");
        assert.deepStrictEqual(created, []);
        const exported = Object.values(outputs.consumerPolicies).find((p) => p.principal === "arn:aws:iam::444444444444:user/partner-sync");
        assert.ok(exported, "consumer policy output");
        assert.equal(exported.createdIn, undefined);
        const doc = JSON.parse(await promiseOf(exported.policyJson)) as { Statement: { Resource?: string | string[] }[] };
        const resources = doc.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
        assert.ok(resources.includes("arn:aws:s3:::acme-dev-data-raw/exports/*"), JSON.stringify(resources));
    });

    it("lists a consumer policy for every cross-account grant and none for same-account ones", () => {
        const crossAccount = config.buckets.flatMap((b) => b.grants.filter((g) => g.crossAccount).map((g) => `${b.name}:${g.principal}`));
        const listed = Object.values(outputs.consumerPolicies).map((p) => `${p.bucket}:${p.principal}`);
        assert.deepStrictEqual(listed.sort(), crossAccount.sort());
    });

    it("replicates raw to a bucket in the backup account and region, with the role in the source account", async () => {
        const replica = mocks.named("raw-replica-backup-eu-central-1-bucket", T.bucket);
        assert.equal(replica.context.accountId, "222222222222");
        assert.equal(replica.inputs["region"], "eu-central-1");
        assert.equal(providerOf(replica)?.name, "aws-backup");
        const role = mocks.byType(T.role).find((r) => r.name.startsWith("raw-replication"));
        assert.ok(role);
        assert.equal(role.context.accountId, "111111111111");
        // raw's, and curated's to the partner's bucket (externalReplicas).
        const replication = mocks.byType(T.replication).filter((r) => r.name.startsWith("raw-"));
        assert.equal(replication.length, 1);
        const [rule] = replication[0].inputs["rules"] as { destination: { account?: string; bucket: string } }[];
        assert.equal(rule.destination.account, "222222222222");
        assert.equal(rule.destination.bucket, "arn:aws:s3:::acme-dev-backup-raw");
        assert.equal(await promiseOf(outputs.replicationRoleArns["raw"]), role.outputs["arn"]);
    });

    it("exports bucket names and ARNs for every bucket and its replicas", async () => {
        assert.deepStrictEqual(Object.keys(outputs.buckets).sort(), config.buckets.map((b) => b.name).sort());
        const raw = outputs.buckets["raw"];
        assert.equal(await promiseOf(raw.bucketName), "acme-dev-data-raw");
        assert.equal(await promiseOf(raw.arn), "arn:aws:s3:::acme-dev-data-raw");
        assert.equal(raw.replicas.length, 1);
        assert.equal(await promiseOf(raw.replicas[0].arn), "arn:aws:s3:::acme-dev-backup-raw");
    });
});

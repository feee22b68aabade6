import * as assert from "assert";
import type * as BucketReplicationModule from "../../components/bucketReplication";
import type * as EncryptedBucketModule from "../../components/encryptedBucket";
import { PolicyStatement } from "../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { DependencyRecorder, recordDependencies } from "./support/dependencies";
import {
    ACCOUNT_A,
    ACCOUNT_B,
    bucket,
    bucketPolicyOf,
    keyPolicyOf,
    provider,
    replicationSids,
    rolePolicyOf,
    statementBySid,
    TYPES,
} from "./support/scenario";

interface RuleInputs {
    id: string;
    priority: number;
    status: string;
    filter: Record<string, unknown>;
    deleteMarkerReplication: { status: string };
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: string }; replicaModifications?: { status: string } };
    destination: {
        bucket: string;
        account?: string;
        accessControlTranslation?: { owner: string };
        encryptionConfiguration: { replicaKmsKeyId: string };
        storageClass?: string;
        replicationTime?: unknown;
        metrics?: unknown;
    };
}

describe("BucketReplication (under fake AWS mocks)", function () {
    let mocks: FakeAwsMockSession;
    let deps: DependencyRecorder;
    let BucketReplication: typeof BucketReplicationModule.BucketReplication;
    let EncryptedBucket: typeof EncryptedBucketModule.EncryptedBucket;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "replication" });
        deps = recordDependencies();
        ({ BucketReplication } = await import("../../components/bucketReplication"));
        ({ EncryptedBucket } = await import("../../components/encryptedBucket"));
    });

    function configOf(name: string): { bucket: string; role: string; region: string; rules: RuleInputs[] } {
        return mocks.named(`${name}-config`, TYPES.config).inputs as unknown as { bucket: string; role: string; region: string; rules: RuleInputs[] };
    }

    /** Source in account A eu-west-1 (bucket key on), destination in account B eu-central-1. */
    function crossAccount(p: string, opts: { destinationBucketKey?: boolean; bidirectional?: boolean } = {}) {
        const a = provider(`${p}-a`, ACCOUNT_A, "eu-west-1");
        const b = provider(`${p}-b`, ACCOUNT_B, "eu-central-1");
        const source = bucket(EncryptedBucket, `${p}-src`, { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
        const destination = bucket(EncryptedBucket, `${p}-dst`, {
            accountId: ACCOUNT_B,
            region: "eu-central-1",
            provider: b,
            bucketKeyEnabled: opts.destinationBucketKey ?? false,
        });
        const replication = new BucketReplication(p, {
            source,
            destinations: [{ name: "dr", bucket: destination, bidirectional: opts.bidirectional }],
        });
        return { source, destination, replication };
    }

    /** Source in account A eu-west-1, destination in account A us-east-1 (bucket key on). */
    function sameAccount(p: string) {
        const a = provider(`${p}-a`, ACCOUNT_A, "eu-west-1");
        const aUs = provider(`${p}-a-us`, ACCOUNT_A, "us-east-1");
        const source = bucket(EncryptedBucket, `${p}-src`, { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
        const destination = bucket(EncryptedBucket, `${p}-dst`, { accountId: ACCOUNT_A, region: "us-east-1", provider: aUs, bucketKeyEnabled: true });
        const replication = new BucketReplication(p, { source, destinations: [{ name: "us", bucket: destination }] });
        return { source, destination, replication };
    }

    describe("cross-account, cross-region, destination without a bucket key", () => {
        const p = "xa";
        let s: ReturnType<typeof crossAccount>;
        let roleArn: string;
        let sourceBucketArn: string;
        let destinationBucketArn: string;
        let sourceKeyArn: string;
        let destinationKeyArn: string;

        before(async () => {
            s = crossAccount(p);
            [roleArn, sourceBucketArn, destinationBucketArn, sourceKeyArn, destinationKeyArn] = await Promise.all([
                promiseOf(s.replication.roleArn),
                promiseOf(s.source.arn),
                promiseOf(s.destination.arn),
                promiseOf(s.source.key.arn),
                promiseOf(s.destination.key.arn),
            ]);
            await mocks.settled();
        });

        it("creates the role in the source account with the deterministic name and an S3-only trust policy", () => {
            const role = mocks.named(`${p}-role`, TYPES.role);
            assert.equal(role.context.accountId, ACCOUNT_A);
            assert.equal(role.inputs["name"], "xa-replication");
            assert.equal(roleArn, `arn:aws:iam::${ACCOUNT_A}:role/xa-replication`);
            assert.deepStrictEqual(JSON.parse(role.inputs["assumeRolePolicy"] as string), {
                Version: "2012-10-17",
                Statement: [{ Sid: "ReplicationRoleTrustS3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
        });

        it("gives the role exactly its least-privilege statements, on the real ARNs", () => {
            const policy = rolePolicyOf(mocks, `${p}-role-policy`);
            assert.equal(mocks.named(`${p}-role-policy`, TYPES.rolePolicy).context.accountId, ACCOUNT_A);
            assert.deepStrictEqual(policy.Statement, [
                {
                    Sid: "ReplicationRoleReadSourceBucket",
                    Effect: "Allow",
                    Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    Resource: sourceBucketArn,
                },
                {
                    Sid: "ReplicationRoleReadSourceObjects",
                    Effect: "Allow",
                    Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                    Resource: `${sourceBucketArn}/*`,
                },
                {
                    Sid: "ReplicationRoleDecryptSource",
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: sourceKeyArn,
                    Condition: {
                        StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                        StringLike: { "kms:EncryptionContext:aws:s3:arn": [sourceBucketArn, `${sourceBucketArn}/*`] },
                    },
                },
                {
                    Sid: "ReplicationRoleReplicateToDr",
                    Effect: "Allow",
                    Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                    Resource: `${destinationBucketArn}/*`,
                },
                {
                    Sid: "ReplicationRoleEncryptForDr",
                    Effect: "Allow",
                    Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                    Resource: destinationKeyArn,
                    Condition: {
                        StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" },
                        StringLike: { "kms:EncryptionContext:aws:s3:arn": [destinationBucketArn, `${destinationBucketArn}/*`] },
                    },
                },
            ]);
        });

        it("creates the S3 Batch Operations role for existing objects next to it: trusted by Batch Operations only, allowed only to start replication of the source", async () => {
            const role = mocks.named(`${p}-batch-role`, TYPES.role);
            assert.equal(role.context.accountId, ACCOUNT_A);
            assert.equal(role.inputs["name"], "xa-replication-batch");
            assert.equal(await promiseOf(s.replication.batchRole!.arn), `arn:aws:iam::${ACCOUNT_A}:role/xa-replication-batch`);
            assert.deepStrictEqual(JSON.parse(role.inputs["assumeRolePolicy"] as string), {
                Version: "2012-10-17",
                Statement: [{ Sid: "BatchReplicationRoleTrustS3BatchOperations", Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
            assert.equal(mocks.named(`${p}-batch-role-policy`, TYPES.rolePolicy).context.accountId, ACCOUNT_A);
            assert.deepStrictEqual(rolePolicyOf(mocks, `${p}-batch-role-policy`).Statement, [
                { Sid: "BatchReplicationInitiate", Effect: "Allow", Action: ["s3:InitiateReplication"], Resource: `${sourceBucketArn}/*` },
                { Sid: "BatchReplicationReadConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"], Resource: sourceBucketArn },
            ]);
        });

        it("lets the role Decrypt in the source key policy, through S3 in eu-west-1, for the source bucket only", async () => {
            const doc = await keyPolicyOf(s.source);
            assert.deepStrictEqual(replicationSids(doc), ["ReplicationSourceKeyDecryptXaReplication"]);
            assert.deepStrictEqual(statementBySid(doc, "ReplicationSourceKeyDecryptXaReplication"), {
                Sid: "ReplicationSourceKeyDecryptXaReplication",
                Effect: "Allow",
                Principal: { AWS: roleArn },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: {
                    StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [sourceBucketArn, `${sourceBucketArn}/*`] },
                },
            });
        });

        it("lets the role Encrypt/GenerateDataKey (no Decrypt: no bucket key) in the destination key policy", async () => {
            const doc = await keyPolicyOf(s.destination);
            assert.deepStrictEqual(replicationSids(doc), ["ReplicationDestinationKeyEncryptXaReplicationDr"]);
            assert.deepStrictEqual(statementBySid(doc, "ReplicationDestinationKeyEncryptXaReplicationDr"), {
                Sid: "ReplicationDestinationKeyEncryptXaReplicationDr",
                Effect: "Allow",
                Principal: { AWS: roleArn },
                Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: {
                    StringEquals: { "kms:ViaService": "s3.eu-central-1.amazonaws.com" },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [destinationBucketArn, `${destinationBucketArn}/*`] },
                },
            });
        });

        it("adds the objects and bucket statements for the role to the destination bucket policy", async () => {
            const doc = await bucketPolicyOf(s.destination);
            assert.deepStrictEqual(replicationSids(doc), ["ReplicationDestinationObjectsXaReplication", "ReplicationDestinationBucketXaReplication"]);
            assert.deepStrictEqual(statementBySid(doc, "ReplicationDestinationObjectsXaReplication"), {
                Sid: "ReplicationDestinationObjectsXaReplication",
                Effect: "Allow",
                Principal: { AWS: roleArn },
                Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                Resource: `${destinationBucketArn}/*`,
            });
            assert.deepStrictEqual(statementBySid(doc, "ReplicationDestinationBucketXaReplication"), {
                Sid: "ReplicationDestinationBucketXaReplication",
                Effect: "Allow",
                Principal: { AWS: roleArn },
                Action: ["s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:ListBucket"],
                Resource: destinationBucketArn,
            });
        });

        it("leaves the source bucket policy without replication statements (one direction only)", async () => {
            assert.deepStrictEqual(replicationSids(await bucketPolicyOf(s.source)), []);
        });

        it("configures replication on the source bucket, in its account and region, with an SSE-KMS V2 rule", async () => {
            const record = mocks.named(`${p}-config`, TYPES.config);
            assert.equal(record.context.accountId, ACCOUNT_A);
            const config = configOf(p);
            assert.equal(config.bucket, "xa-src");
            assert.equal(config.role, roleArn);
            assert.equal(config.region, "eu-west-1");
            assert.deepStrictEqual(config.rules, [
                {
                    id: "xa-to-dr",
                    priority: 0,
                    status: "Enabled",
                    filter: {},
                    deleteMarkerReplication: { status: "Enabled" },
                    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                    destination: {
                        bucket: destinationBucketArn,
                        account: ACCOUNT_B,
                        accessControlTranslation: { owner: "Destination" },
                        encryptionConfiguration: { replicaKmsKeyId: destinationKeyArn },
                    },
                },
            ]);
            assert.match(destinationKeyArn, /^arn:aws:kms:eu-central-1:222222222222:key\//);
        });

        it("orders the configuration after both versionings, both key policies, the destination bucket policy and the role policy", () => {
            const names = deps.dependenciesOf(`${p}-config`, TYPES.config).map((d) => `${d.type} ${d.name}`);
            for (const expected of [
                `${TYPES.versioning} xa-src-versioning`,
                `${TYPES.versioning} xa-dst-versioning`,
                `${TYPES.keyPolicy} xa-src-cmk-policy`,
                `${TYPES.keyPolicy} xa-dst-cmk-policy`,
                `${TYPES.bucketPolicy} xa-dst-policy`,
                `${TYPES.rolePolicy} xa-role-policy`,
                `${TYPES.role} xa-role`,
            ]) {
                assert.ok(names.includes(expected), `missing dependency ${expected}; has ${names.join(", ")}`);
            }
        });

        it("makes both key policies and the destination bucket policy wait for the role (principal must exist)", () => {
            for (const [name, type] of [
                ["xa-src-cmk-policy", TYPES.keyPolicy],
                ["xa-dst-cmk-policy", TYPES.keyPolicy],
                ["xa-dst-policy", TYPES.bucketPolicy],
            ] as const) {
                const names = deps.dependenciesOf(name, type).map((d) => d.name);
                assert.ok(names.includes("xa-role"), `${name} does not depend on the role; has ${names.join(", ")}`);
            }
        });
    });

    describe("same account, cross-region, destination with a bucket key", () => {
        const p = "sa";
        let s: ReturnType<typeof sameAccount>;

        before(async () => {
            s = sameAccount(p);
            await promiseOf(s.replication.roleArn);
            await mocks.settled();
        });

        it("sets no destination account and no owner override on the rule", () => {
            const [rule] = configOf(p).rules;
            assert.equal(rule.destination.account, undefined);
            assert.equal(rule.destination.accessControlTranslation, undefined);
        });

        it("grants no ObjectOwnerOverrideToBucketOwner in the role policy", () => {
            const policy = rolePolicyOf(mocks, `${p}-role-policy`);
            const replicate = policy.Statement.find((st) => st.Sid === "ReplicationRoleReplicateToUs") as PolicyStatement;
            assert.deepStrictEqual(replicate.Action, ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]);
        });

        it("adds nothing to the destination bucket policy", async () => {
            assert.deepStrictEqual(replicationSids(await bucketPolicyOf(s.destination)), []);
        });

        it("still pairs both key policies, and adds Decrypt on the destination key for its bucket key", async () => {
            const roleArn = await promiseOf(s.replication.roleArn);
            const source = await keyPolicyOf(s.source);
            assert.equal(statementBySid(source, "ReplicationSourceKeyDecryptSaReplication").Action, "kms:Decrypt");
            const destination = statementBySid(await keyPolicyOf(s.destination), "ReplicationDestinationKeyEncryptSaReplicationUs");
            assert.deepStrictEqual(destination.Action, ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]);
            assert.deepStrictEqual(destination.Principal, { AWS: roleArn });
            const rolePolicy = rolePolicyOf(mocks, `${p}-role-policy`);
            assert.deepStrictEqual(statementBySid(rolePolicy, "ReplicationRoleEncryptForUs").Action, ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]);
        });

        it("does not make the configuration wait for a destination bucket policy it did not change", () => {
            const names = deps.dependenciesOf(`${p}-config`, TYPES.config).map((d) => d.name);
            assert.ok(!names.includes("sa-dst-policy"), names.join(", "));
            assert.ok(names.includes("sa-dst-versioning") && names.includes("sa-dst-cmk-policy") && names.includes("sa-role-policy"));
        });
    });

    describe("bucket key on the destination: on versus off", () => {
        it("adds kms:Decrypt to the destination key statement and the role policy only when the destination uses a bucket key", async () => {
            const off = crossAccount("bkoff", { destinationBucketKey: false });
            const on = crossAccount("bkon", { destinationBucketKey: true });
            const [offKey, onKey] = await Promise.all([keyPolicyOf(off.destination), keyPolicyOf(on.destination)]);
            await mocks.settled();
            assert.deepStrictEqual(statementBySid(offKey, "ReplicationDestinationKeyEncryptBkoffReplicationDr").Action, ["kms:Encrypt", "kms:GenerateDataKey"]);
            assert.deepStrictEqual(statementBySid(onKey, "ReplicationDestinationKeyEncryptBkonReplicationDr").Action, ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]);
            assert.deepStrictEqual(statementBySid(rolePolicyOf(mocks, "bkoff-role-policy"), "ReplicationRoleEncryptForDr").Action, ["kms:Encrypt", "kms:GenerateDataKey"]);
            assert.deepStrictEqual(statementBySid(rolePolicyOf(mocks, "bkon-role-policy"), "ReplicationRoleEncryptForDr").Action, [
                "kms:Encrypt",
                "kms:GenerateDataKey",
                "kms:Decrypt",
            ]);
        });
    });

    describe("bidirectional, cross-account", () => {
        const p = "bi";
        let s: ReturnType<typeof crossAccount>;
        let forwardRoleArn: string;
        let returnRoleArn: string;
        let sourceBucketArn: string;
        let destinationBucketArn: string;

        before(async () => {
            s = crossAccount(p, { bidirectional: true });
            const back = s.replication.returns["dr"];
            assert.ok(back !== undefined, "no return side for destination dr");
            [forwardRoleArn, returnRoleArn, sourceBucketArn, destinationBucketArn] = await Promise.all([
                promiseOf(s.replication.roleArn),
                promiseOf(back.roleArn),
                promiseOf(s.source.arn),
                promiseOf(s.destination.arn),
            ]);
            await mocks.settled();
        });

        it("creates the return role and configuration in the destination account", () => {
            assert.equal(returnRoleArn, `arn:aws:iam::${ACCOUNT_B}:role/bi-dr-replication`);
            assert.equal(mocks.named("bi-dr-return-role", TYPES.role).context.accountId, ACCOUNT_B);
            const config = mocks.named("bi-dr-return-config", TYPES.config);
            assert.equal(config.context.accountId, ACCOUNT_B);
            assert.equal(config.inputs["bucket"], "bi-dst");
            assert.equal(config.inputs["region"], "eu-central-1");
            assert.equal(config.inputs["role"], returnRoleArn);
        });

        it("creates the Batch Operations role for the forward direction only (the command replicates the source's existing objects)", () => {
            assert.equal(mocks.named("bi-batch-role", TYPES.role).context.accountId, ACCOUNT_A);
            assert.deepStrictEqual(mocks.byType(TYPES.role).filter((r) => r.name.startsWith("bi-") && r.name.includes("batch")).map((r) => r.name), ["bi-batch-role"]);
            assert.equal(s.replication.returns["dr"]?.batchRole, undefined);
        });

        it("syncs replica modifications on both rules, each pointing at its peer with the peer's key", async () => {
            const [forward] = configOf(p).rules;
            const [back] = configOf("bi-dr-return").rules;
            assert.deepStrictEqual(forward.sourceSelectionCriteria, { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } });
            assert.deepStrictEqual(back.sourceSelectionCriteria, { sseKmsEncryptedObjects: { status: "Enabled" }, replicaModifications: { status: "Enabled" } });
            assert.equal(back.destination.bucket, sourceBucketArn);
            assert.equal(back.destination.account, ACCOUNT_A);
            assert.equal(back.destination.encryptionConfiguration.replicaKmsKeyId, await promiseOf(s.source.key.arn));
            assert.equal(forward.destination.bucket, destinationBucketArn);
        });

        it("return role decrypts with its own (destination) key and encrypts with its peer's (source) key", async () => {
            const policy = rolePolicyOf(mocks, "bi-dr-return-role-policy");
            assert.equal(statementBySid(policy, "ReplicationRoleDecryptSource").Resource, await promiseOf(s.destination.key.arn));
            const encrypt = statementBySid(policy, "ReplicationRoleEncryptForBiSource");
            assert.equal(encrypt.Resource, await promiseOf(s.source.key.arn));
            // The source bucket uses a bucket key (EncryptedBucket default), so Decrypt is added.
            assert.deepStrictEqual(encrypt.Action, ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"]);
        });

        it("pairs each key policy with both roles", async () => {
            const sourceKey = await keyPolicyOf(s.source);
            const destinationKey = await keyPolicyOf(s.destination);
            assert.deepStrictEqual(replicationSids(sourceKey), ["ReplicationSourceKeyDecryptBiReplication", "ReplicationDestinationKeyEncryptBiDrReplicationBiSource"]);
            assert.deepStrictEqual(replicationSids(destinationKey), ["ReplicationDestinationKeyEncryptBiReplicationDr", "ReplicationSourceKeyDecryptBiDrReplication"]);
            assert.deepStrictEqual(statementBySid(sourceKey, "ReplicationDestinationKeyEncryptBiDrReplicationBiSource").Principal, { AWS: returnRoleArn });
            assert.deepStrictEqual(statementBySid(destinationKey, "ReplicationSourceKeyDecryptBiDrReplication").Principal, { AWS: returnRoleArn });
            assert.deepStrictEqual(statementBySid(sourceKey, "ReplicationSourceKeyDecryptBiReplication").Principal, { AWS: forwardRoleArn });
        });

        it("lets the return role replicate into the source bucket through the source bucket policy", async () => {
            const doc = await bucketPolicyOf(s.source);
            assert.deepStrictEqual(replicationSids(doc), ["ReplicationDestinationObjectsBiDrReplication", "ReplicationDestinationBucketBiDrReplication"]);
            assert.deepStrictEqual(statementBySid(doc, "ReplicationDestinationObjectsBiDrReplication").Principal, { AWS: returnRoleArn });
            assert.equal(statementBySid(doc, "ReplicationDestinationObjectsBiDrReplication").Resource, `${sourceBucketArn}/*`);
        });

        it("orders the return configuration after its own set of dependencies", () => {
            const names = deps.dependenciesOf("bi-dr-return-config", TYPES.config).map((d) => d.name);
            for (const expected of ["bi-dst-versioning", "bi-src-versioning", "bi-dst-cmk-policy", "bi-src-cmk-policy", "bi-src-policy", "bi-dr-return-role-policy"]) {
                assert.ok(names.includes(expected), `missing ${expected}; has ${names.join(", ")}`);
            }
        });
    });

    describe("rule options", () => {
        it("still accepts the older destination argument name replicationTimeControl (deprecated)", async () => {
            const a = provider("old-a", ACCOUNT_A, "eu-west-1");
            const b = provider("old-b", ACCOUNT_B, "eu-central-1");
            const source = bucket(EncryptedBucket, "old-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const dr = bucket(EncryptedBucket, "old-dr", { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
            new BucketReplication("old", { source, destinations: [{ name: "dr", bucket: dr, replicationTimeControl: true }] });
            await mocks.settled();
            assert.deepStrictEqual(configOf("old").rules[0].destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
        });

        it("renders filters, priorities, replication time control and storage class per destination", async () => {
            const a = provider("opt-a", ACCOUNT_A, "eu-west-1");
            const b = provider("opt-b", ACCOUNT_B, "eu-central-1");
            const aUs = provider("opt-a-us", ACCOUNT_A, "us-east-1");
            const source = bucket(EncryptedBucket, "opt-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const dr = bucket(EncryptedBucket, "opt-dr", { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
            const us = bucket(EncryptedBucket, "opt-us", { accountId: ACCOUNT_A, region: "us-east-1", provider: aUs });
            const replication = new BucketReplication("opt", {
                source,
                roleName: "custom-replication-role",
                rolePath: "/service-role/",
                destinations: [
                    { name: "dr", bucket: dr, filter: { prefix: "reports/" }, priority: 10, replicationTime: true, storageClass: "STANDARD_IA" },
                    { name: "us", bucket: us, filter: { tags: { classification: "public" } }, priority: 5, deleteMarkerReplication: false },
                ],
            });
            assert.equal(await promiseOf(replication.roleArn), `arn:aws:iam::${ACCOUNT_A}:role/service-role/custom-replication-role`);
            await mocks.settled();
            const [first, second] = configOf("opt").rules;
            assert.equal(first.priority, 10);
            assert.deepStrictEqual(first.filter, { prefix: "reports/" });
            assert.equal(first.destination.storageClass, "STANDARD_IA");
            assert.deepStrictEqual(first.destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
            assert.deepStrictEqual(first.destination.metrics, { status: "Enabled", eventThreshold: { minutes: 15 } });
            assert.equal(second.priority, 5);
            assert.deepStrictEqual(second.filter, { tag: { key: "classification", value: "public" } });
            assert.deepStrictEqual(second.deleteMarkerReplication, { status: "Disabled" });
            assert.equal(second.destination.replicationTime, undefined);
            const policy = rolePolicyOf(mocks, "opt-role-policy");
            assert.deepStrictEqual(
                policy.Statement.map((st) => st.Sid),
                [
                    "ReplicationRoleReadSourceBucket",
                    "ReplicationRoleReadSourceObjects",
                    "ReplicationRoleDecryptSource",
                    "ReplicationRoleReplicateToDr",
                    "ReplicationRoleEncryptForDr",
                    "ReplicationRoleReplicateToUs",
                    "ReplicationRoleEncryptForUs",
                ],
            );
            const names = deps.dependenciesOf("opt-config", TYPES.config).map((d) => d.name);
            for (const expected of ["opt-dr-versioning", "opt-us-versioning", "opt-dr-policy", "opt-dr-cmk-policy", "opt-us-cmk-policy"]) {
                assert.ok(names.includes(expected), `missing ${expected}`);
            }
            assert.ok(!names.includes("opt-us-policy"), "same-account destination bucket policy is not a dependency");
        });
    });

    describe("rejects invalid combinations before registering anything", () => {
        async function assertNothingRegistered(prefix: string): Promise<void> {
            await mocks.settled();
            const registered = mocks.resources().filter((r) => r.name.startsWith(`${prefix}-role`) || r.name === prefix || r.name.startsWith(`${prefix}-config`));
            assert.deepStrictEqual(registered.map((r) => r.name), []);
        }

        it("a destination in the source's region without allowSameRegion, and accepts it with the opt-in", async () => {
            const a = provider("sr-a", ACCOUNT_A, "eu-west-1");
            const source = bucket(EncryptedBucket, "sr-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const sibling = bucket(EncryptedBucket, "sr-dst", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            assert.throws(
                () => new BucketReplication("sr", { source, destinations: [{ name: "sib", bucket: sibling }] }),
                /BucketReplication "sr": destinations\[0\]\.bucket is in eu-west-1, the source's own region\. Fix: .*allowSameRegion: true/,
            );
            // Same synchronous block: the policies are still open for the accepted variant.
            const ok = new BucketReplication("sr-ok", { source, allowSameRegion: true, destinations: [{ name: "sib", bucket: sibling }] });
            await assertNothingRegistered("sr");
            assert.equal(await promiseOf(ok.roleArn), `arn:aws:iam::${ACCOUNT_A}:role/sr-ok-replication`);
        });

        it("a destination in another account without a provider of its own", async () => {
            const a = provider("np-a", ACCOUNT_A, "eu-west-1");
            const source = bucket(EncryptedBucket, "np-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const orphan = bucket(EncryptedBucket, "np-dst", { accountId: ACCOUNT_B, region: "eu-central-1" });
            assert.throws(
                () => new BucketReplication("np", { source, destinations: [{ name: "dr", bucket: orphan }] }),
                /destinations\[0\]\.bucket is in account 222222222222 .* has no provider of its own\. Fix: create the destination EncryptedBucket with \{ provider: /,
            );
            await assertNothingRegistered("np");
        });

        it("a destination in another account deployed with the source's provider", async () => {
            const a = provider("sp-a", ACCOUNT_A, "eu-west-1");
            const source = bucket(EncryptedBucket, "sp-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const wrong = bucket(EncryptedBucket, "sp-dst", { accountId: ACCOUNT_B, region: "eu-central-1", provider: a });
            assert.throws(() => new BucketReplication("sp", { source, destinations: [{ name: "dr", bucket: wrong }] }), /has no provider of its own/);
            await assertNothingRegistered("sp");
        });

        it("duplicate priorities", async () => {
            const a = provider("dp-a", ACCOUNT_A, "eu-west-1");
            const aUs = provider("dp-a-us", ACCOUNT_A, "us-east-1");
            const aFr = provider("dp-a-fr", ACCOUNT_A, "eu-west-3");
            const source = bucket(EncryptedBucket, "dp-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const us = bucket(EncryptedBucket, "dp-us", { accountId: ACCOUNT_A, region: "us-east-1", provider: aUs });
            const fr = bucket(EncryptedBucket, "dp-fr", { accountId: ACCOUNT_A, region: "eu-west-3", provider: aFr });
            assert.throws(
                () =>
                    new BucketReplication("dp", {
                        source,
                        destinations: [
                            { name: "us", bucket: us, priority: 1 },
                            { name: "fr", bucket: fr, priority: 1 },
                        ],
                    }),
                /destinations\[1\]\.priority is 1, the same as destinations\[0\]\.priority\. Fix: give each destination a distinct priority/,
            );
            await assertNothingRegistered("dp");
        });

        it("a source that is not an EncryptedBucket", () => {
            assert.throws(
                () => new BucketReplication("nb", { source: {} as unknown as EncryptedBucketModule.EncryptedBucket, destinations: [{ name: "x", bucket: {} as unknown as EncryptedBucketModule.EncryptedBucket }] }),
                /BucketReplication "nb": 2 problems with the arguments:\n  - source is not an EncryptedBucket\. Fix: /,
            );
        });

        it("a source whose key policy is already sealed (statement would be lost)", async () => {
            const a = provider("sl-a", ACCOUNT_A, "eu-west-1");
            const b = provider("sl-b", ACCOUNT_B, "eu-central-1");
            const source = bucket(EncryptedBucket, "sl-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const destination = bucket(EncryptedBucket, "sl-dst", { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
            source.key.seal();
            assert.throws(() => new BucketReplication("sl", { source, destinations: [{ name: "dr", bucket: destination }] }), /already sealed/);
            await assertNothingRegistered("sl");
        });

        it("a second replication configuration for a bucket that already has one", async () => {
            const a = provider("tw-a", ACCOUNT_A, "eu-west-1");
            const b = provider("tw-b", ACCOUNT_B, "eu-central-1");
            const aUs = provider("tw-a-us", ACCOUNT_A, "us-east-1");
            const source = bucket(EncryptedBucket, "tw-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const dr = bucket(EncryptedBucket, "tw-dr", { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
            const us = bucket(EncryptedBucket, "tw-us", { accountId: ACCOUNT_A, region: "us-east-1", provider: aUs });
            new BucketReplication("tw-one", { source, destinations: [{ name: "dr", bucket: dr, bidirectional: true }] });
            assert.throws(
                () => new BucketReplication("tw-two", { source, destinations: [{ name: "us", bucket: us }] }),
                /BucketReplication "tw-two": source already gets its replication configuration from BucketReplication "tw-one"\. Fix: declare every destination of a bucket in one BucketReplication/,
            );
            assert.throws(
                () => new BucketReplication("tw-three", { source: dr, destinations: [{ name: "us", bucket: us }] }),
                /BucketReplication "tw-three": source already gets its replication configuration from BucketReplication "tw-one"/,
            );
            await assertNothingRegistered("tw-two");
            await assertNothingRegistered("tw-three");
        });

        it("opts.provider that is not the source bucket's provider", () => {
            const a = provider("op-a", ACCOUNT_A, "eu-west-1");
            const b = provider("op-b", ACCOUNT_B, "eu-central-1");
            const source = bucket(EncryptedBucket, "op-src", { accountId: ACCOUNT_A, region: "eu-west-1", provider: a });
            const destination = bucket(EncryptedBucket, "op-dst", { accountId: ACCOUNT_B, region: "eu-central-1", provider: b });
            assert.throws(
                () => new BucketReplication("op", { source, destinations: [{ name: "dr", bucket: destination }] }, { provider: b }),
                /opts\.provider is not the provider of the source bucket/,
            );
        });
    });
});

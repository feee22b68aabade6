// program/continuity.ts: the dev stack's configuration, edited, against the outputs its synth deployment
// left. Each edit either keeps every resource (aliases, deployed names), or is refused with the field and
// the acknowledgement that would allow it; keys that leave the stack are reported as retained.
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig, StackConfig } from "../../config";
import { NO_CONTINUITY, planContinuity } from "../../program/continuity";
import { NO_PREVIOUS_DEPLOYMENT, parsePreviousOutputs, PreviousDeployment } from "../../program/previousDeployment";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { synthStack } from "../support/synthStack";
import { runStack } from "./support/stackRun";

const PROJECT_DIR = path.resolve(__dirname, "../..");

type RawBucket = Record<string, unknown> & { replicas?: Record<string, unknown>[] };
interface RawConfig {
    accounts: Record<string, unknown>;
    keys: Record<string, Record<string, unknown>>;
    buckets: RawBucket[];
    [key: string]: unknown;
}

describe("program continuity: edits against the last deployment (dev stack)", function () {
    let previous: PreviousDeployment;
    const raw = (): RawConfig => JSON.parse(JSON.stringify(readStackConfigFile(PROJECT_DIR, "dev").projectConfig)) as RawConfig;
    const plan = (edit: (c: RawConfig) => void = () => undefined) => {
        const c = raw();
        edit(c);
        return planContinuity(parseStackConfig(c), previous);
    };
    const keyArnOf = (bucket: string) => previous.buckets.find((b) => b.configName === bucket)!.keyArn;

    before(async function () {
        const exported = await synthStack("dev");
        const stack = exported.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        previous = parsePreviousOutputs(stack.outputs);
    });

    it("reads every bucket, replica and shared key from the stack outputs", function () {
        // analytics-shared too: a bucket under an existing key (no alias of the stack's) is compared like any other.
        assert.deepStrictEqual(
            previous.buckets.map((b) => b.bucketName).sort(),
            ["acme-dev-analytics-shared", "acme-dev-data-curated", "acme-dev-data-raw", previous.buckets.find((b) => b.configName === "analytics-scratch")!.bucketName].sort(),
        );
        const rawBucket = previous.buckets.find((b) => b.configName === "raw")!;
        assert.deepStrictEqual(rawBucket.replicas.map((r) => [r.account, r.bucketName]), [["backup", "acme-dev-backup-raw"]]);
        assert.equal(rawBucket.replicationRoleArn, "arn:aws:iam::111111111111:role/dev-raw-replication");
        // curated replicates with a brought role (replicationRoleArn): its name is never continued into a created role.
        assert.equal(previous.buckets.find((b) => b.configName === "curated")!.replicationRoleArn, undefined);
        assert.deepStrictEqual(previous.sharedKeys.map((k) => k.name), ["data-shared"]);
        assert.deepStrictEqual(parsePreviousOutputs({ buckets: { x: { account: "a" } }, sharedKeys: "garbage" }), NO_PREVIOUS_DEPLOYMENT);
    });

    it("changes nothing for the configuration that was deployed", function () {
        const c = parseStackConfig(raw());
        const continuity = planContinuity(c, previous);
        assert.deepStrictEqual([continuity.problems, continuity.providerAliases, continuity.sharedKeyAliases, continuity.retainedKeys], [[], {}, {}, []]);
        assert.deepStrictEqual(continuity.buckets.map((b) => b.aliases), c.buckets.map(() => []));
        assert.deepStrictEqual(continuity.buckets[0].replicas, [{ aliases: [] }]);
        assert.equal(continuity.buckets[0].roleName, "dev-raw-replication");
        assert.deepStrictEqual(planContinuity(c, NO_PREVIOUS_DEPLOYMENT), NO_CONTINUITY(c));
    });

    it("keeps a renamed bucket: aliases to the old names, the deployed role name and replica key alias", function () {
        const continuity = plan((c) => (c.buckets[0].name = "landing"));
        assert.deepStrictEqual(continuity.problems, []);
        assert.deepStrictEqual(continuity.buckets[0].aliases, ["raw"]);
        assert.equal(continuity.buckets[0].roleName, "dev-raw-replication");
        assert.equal(continuity.buckets[0].grantNamesFrom, "raw");
        assert.deepStrictEqual(continuity.buckets[0].replicas, [
            { aliases: ["raw-replica-backup-eu-central-1"], keyAlias: "alias/encrypted-buckets/raw-replica-backup-eu-central-1" },
        ]);
        assert.deepStrictEqual(continuity.retainedKeys, []);
    });

    it("keeps the IAM policy names of a renamed bucket's grants, which the provider could only replace", async function () {
        const renamed = raw();
        renamed.buckets[0].name = "landing";
        const policyNames = async (continuity?: (c: StackConfig) => ReturnType<typeof planContinuity>) =>
            (await runStack(renamed, "dev", continuity)).byType("aws:iam/rolePolicy:RolePolicy")
                .filter((r) => r.name.startsWith("landing-grant-"))
                .map((r) => r.inputs["name"])
                .sort();
        const kept = await policyNames((c) => planContinuity(c, previous));
        assert.ok(kept.length >= 2, `the dev stack's first bucket has ${kept.length} grant policies`);
        assert.ok(kept.every((n) => typeof n === "string" && n.startsWith("raw-grant-")), kept.join(", "));
        // Without the last deployment (a new stack) the names follow the configured name.
        assert.ok((await policyNames()).every((n) => typeof n === "string" && n.startsWith("landing-grant-")));
    });

    it("keeps a renamed account alias (provider alias) and a renamed shared key (component alias)", function () {
        const continuity = plan((c) => {
            c.accounts["dr"] = c.accounts["backup"];
            delete c.accounts["backup"];
            c.buckets[0].replicas![0]["account"] = "dr";
            c.keys["lake"] = c.keys["data-shared"];
            delete c.keys["data-shared"];
            c.buckets[0]["key"] = "lake";
            c.buckets[1]["key"] = "lake";
        });
        assert.deepStrictEqual(continuity.problems, []);
        assert.deepStrictEqual(continuity.providerAliases, { dr: ["aws-backup"] });
        assert.deepStrictEqual(continuity.sharedKeyAliases, { lake: ["key-data-shared"] });
        assert.deepStrictEqual(continuity.buckets[0].replicas[0].aliases, ["raw-replica-backup-eu-central-1"]);
        assert.deepStrictEqual(continuity.retainedKeys, []);
    });

    it("refuses a changed bucketName, naming the field and the acknowledgement; the acknowledgement allows it", function () {
        const refused = plan((c) => (c.buckets[1]["bucketName"] = "acme-dev-data-curated-v2"));
        assert.deepStrictEqual(refused.problems.map((p) => p.path), ["encrypted-buckets:buckets[1].bucketName"]);
        assert.match(refused.problems[0].message, /changes from acme-dev-data-curated to acme-dev-data-curated-v2.*acknowledge: \{ replaceBucket: \[acme-dev-data-curated\] \}/);
        const acknowledged = plan((c) => {
            c.buckets[1]["bucketName"] = "acme-dev-data-curated-v2";
            c.buckets[1]["acknowledge"] = { replaceBucket: ["acme-dev-data-curated"] };
        });
        assert.deepStrictEqual(acknowledged.problems, []);
        // An acknowledgement names the deployed bucket: one for another bucket does not cover this edit.
        const stale = plan((c) => {
            c.buckets[1]["bucketName"] = "acme-dev-data-curated-v2";
            c.buckets[1]["acknowledge"] = { replaceBucket: ["acme-dev-data-raw"] };
        });
        assert.equal(stale.problems.length, 1);
    });

    it("refuses a move to another region or account, for buckets and replicas", function () {
        const region = plan((c) => (c.buckets[2]["region"] = "eu-west-2"));
        assert.deepStrictEqual(region.problems.map((p) => p.path), ["encrypted-buckets:buckets[2].region"]);
        const account = plan((c) => {
            c.buckets[2]["account"] = "data";
        });
        assert.deepStrictEqual(account.problems.map((p) => p.path), ["encrypted-buckets:buckets[2].account"]);
        assert.match(account.problems[0].message, /from account 333333333333 to 111111111111 \(data\)/);
        const replica = plan((c) => {
            c.buckets[0].replicas![0]["account"] = "analytics";
        });
        assert.deepStrictEqual(replica.problems.map((p) => p.path), ["encrypted-buckets:buckets[0].replicas[0].account"]);
    });

    it("refuses to move a bucket off its key unless acknowledged, then reports the old key as retained", function () {
        const switchKey = (c: RawConfig) => {
            c.keys["scratch"] = { account: "analytics", alias: "alias/encrypted-buckets/dev-scratch" };
            c.buckets[2]["key"] = "scratch";
        };
        const refused = plan(switchKey);
        assert.deepStrictEqual(refused.problems.map((p) => p.path), ["encrypted-buckets:buckets[2].key"]);
        assert.match(refused.problems[0].message, new RegExp(`acknowledge: \\{ retireKey: \\[${keyArnOf("analytics-scratch")}\\] \\}`));
        const acknowledged = plan((c) => {
            switchKey(c);
            c.buckets[2]["acknowledge"] = { retireKey: [keyArnOf("analytics-scratch")] };
        });
        assert.deepStrictEqual(acknowledged.problems, []);
        assert.deepStrictEqual(acknowledged.retainedKeys.map((k) => k.arn), [keyArnOf("analytics-scratch")]);
        // A shared key to an own key is a switch too.
        assert.deepStrictEqual(plan((c) => (c.buckets[1]["key"] = { alias: "alias/encrypted-buckets/dev-curated" })).problems.map((p) => p.path), ["encrypted-buckets:buckets[1].key"]);
    });

    type Doc = { Statement: { Sid: string; Action: string | string[]; Resource: string | string[]; Principal?: { AWS: string }; Condition?: Record<string, Record<string, unknown>> }[] };
    const statements = (r: { inputs: Record<string, unknown> }) => (JSON.parse(String(r.inputs["policy"])) as Doc).Statement;
    /** raw moves off data-shared, which curated still uses (so the stack still writes its key policy), onto its own key. */
    const runRawMovedOffShared = () => {
        const moved = raw();
        moved.buckets[0]["key"] = { alias: "alias/encrypted-buckets/dev-raw-own" };
        moved.buckets[0]["acknowledge"] = { retireKey: [keyArnOf("raw")] };
        return runStack(moved, "dev", (c) => planContinuity(c, previous));
    };

    it("keeps a bucket's readers able to decrypt what its retired key encrypted, while the acknowledgement stands", async function () {
        const retired = keyArnOf("raw");
        const run = await runRawMovedOffShared();
        // The cross-account reader (analytics-reader): its consumer policy, created in its account, still reaches the retired key...
        const consumer = run.byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.name.startsWith("raw-grant-") && r.inputs["role"] === "analytics-reader");
        assert.ok(consumer, "analytics-reader's consumer policy for raw");
        const identity = statements(consumer).find((s) => s.Sid.endsWith("DecryptRetiredKeys"));
        assert.deepStrictEqual([identity?.Action, identity?.Resource], [["kms:Decrypt"], [retired]]);
        // ...and data-shared's key policy still names it for raw's objects only (AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS key": both are needed).
        const sharedPolicy = run.byType("aws:kms/keyPolicy:KeyPolicy").find((r) => r.name === "key-data-shared-policy");
        assert.ok(sharedPolicy, "data-shared key policy");
        const keyStatement = statements(sharedPolicy).find((s) => s.Principal?.AWS === "arn:aws:iam::333333333333:role/analytics-reader" && s.Sid.endsWith("DecryptRetiredKeys"));
        assert.deepStrictEqual(keyStatement?.Action, ["kms:Decrypt"]);
        assert.deepStrictEqual(keyStatement?.Condition?.["StringLike"], { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::acme-dev-data-raw", "arn:aws:s3:::acme-dev-data-raw/*"] });
        // The organisation's readers keep it too: in data-shared's policy and in the member policy the stack exports.
        assert.ok(statements(sharedPolicy).some((s) => s.Sid.startsWith("Org") && s.Sid.endsWith("DecryptRetiredKeys")), "organisation read statement on data-shared");
        // The write-only grant (ingest) needs nothing of the old key.
        const ingest = run.byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.name.startsWith("raw-grant-") && r.inputs["role"] === "ingest");
        assert.ok(ingest && !statements(ingest).some((s) => s.Sid.endsWith("DecryptRetiredKeys")));
    });

    it("keeps the replication role of a bucket that moved off its key able to decrypt what the old key encrypted, while the acknowledgement stands", async function () {
        const retired = keyArnOf("raw");
        const run = await runRawMovedOffShared();
        const rolePolicy = run.byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.inputs["role"] === "dev-raw-replication" && r.inputs["name"] === "s3-replication");
        assert.ok(rolePolicy, "raw's replication role policy");
        const current = statements(rolePolicy).find((st) => st.Sid === "ReplicationRoleDecryptSource");
        const old = statements(rolePolicy).find((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys");
        assert.deepStrictEqual([old?.Action, old?.Resource], ["kms:Decrypt", [retired]]);
        // The current key's conditions: S3 in eu-west-1, raw's objects (or raw itself, with a Bucket Key).
        assert.deepStrictEqual(old?.Condition, current?.Condition);
        assert.deepStrictEqual(old?.Condition?.["StringLike"], { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::acme-dev-data-raw", "arn:aws:s3:::acme-dev-data-raw/*"] });
        // data-shared's key policy names the role for raw's objects only (both sides must allow it).
        const sharedPolicy = run.byType("aws:kms/keyPolicy:KeyPolicy").find((r) => r.name === "key-data-shared-policy");
        assert.ok(sharedPolicy, "data-shared key policy");
        const keyStatement = statements(sharedPolicy).find((st) => st.Sid.startsWith("ReplicationSourceRetiredKeyDecrypt"));
        assert.deepStrictEqual([keyStatement?.Principal?.AWS, keyStatement?.Action], ["arn:aws:iam::111111111111:role/dev-raw-replication", "kms:Decrypt"]);
        assert.deepStrictEqual(keyStatement?.Condition, current?.Condition);
        // The S3 Batch Operations role still needs no KMS permission: the replication role decrypts the objects.
        const batch = run.byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.inputs["name"] === "s3-batch-replication" && String(r.inputs["role"]).startsWith("dev-raw-replication"));
        assert.ok(batch && !statements(batch).some((st) => [st.Action].flat().some((a) => a.startsWith("kms:"))));
        // Before the move, the role decrypts with the current key only.
        const unmoved = await runStack(raw(), "dev", (c) => planContinuity(c, previous));
        const before = unmoved.byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.inputs["role"] === "dev-raw-replication" && r.inputs["name"] === "s3-replication");
        assert.ok(before && !statements(before).some((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys"));
    });

    /** The s3-replication policy of the one role `role` picks by name (raw's forward role, or its replica's return role). */
    const replicationPolicyOf = (run: Awaited<ReturnType<typeof runStack>>, role: (name: string) => boolean) => {
        const found = run.byType("aws:iam/rolePolicy:RolePolicy").filter((r) => r.inputs["name"] === "s3-replication" && role(String(r.inputs["role"])));
        assert.equal(found.length, 1, "one replication role policy");
        return statements(found[0]);
    };
    const isForwardRole = (name: string) => name === "dev-raw-replication";
    const isReturnRole = (name: string) => name.includes("backup-eu-central-1");
    /** raw's replica made bidirectional, and moved off its own key onto a new shared key of the backup account. */
    const bidirectionalReplicaMoved = (c: RawConfig, acknowledged: string[]) => {
        const replica = c.buckets[0].replicas![0];
        replica["bidirectional"] = true;
        replica["key"] = "backup-shared";
        c.keys["backup-shared"] = { account: "backup", alias: "alias/encrypted-buckets/dev-backup-shared" };
        c.buckets[0]["acknowledge"] = { retireKey: acknowledged };
    };
    const replicaKeyArn = () => previous.buckets.find((b) => b.configName === "raw")!.replicas[0].keyArn;

    it("keeps the return role of a bidirectional replica that moved off its key able to decrypt what the old key encrypted, while the acknowledgement stands", async function () {
        const retired = replicaKeyArn();
        const moved = raw();
        bidirectionalReplicaMoved(moved, [retired]);
        assert.deepStrictEqual(planContinuity(parseStackConfig(moved), previous).problems, []);
        const run = await runStack(moved, "dev", (c) => planContinuity(c, previous));
        const back = replicationPolicyOf(run, isReturnRole);
        const current = back.find((st) => st.Sid === "ReplicationRoleDecryptSource");
        const old = back.find((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys");
        assert.deepStrictEqual([old?.Action, old?.Resource], ["kms:Decrypt", [retired]]);
        // The replica's current key's conditions: S3 in eu-central-1, the replica's objects (or the replica itself, with a Bucket Key).
        assert.deepStrictEqual(old?.Condition, current?.Condition);
        assert.deepStrictEqual(old?.Condition?.["StringLike"], { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::acme-dev-backup-raw", "arn:aws:s3:::acme-dev-backup-raw/*"] });
        // The forward role reads raw, which kept its key: nothing of the replica's old key.
        assert.ok(!replicationPolicyOf(run, isForwardRole).some((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys"));
    });

    it("tells a source's and its bidirectional replica's retired keys apart by Region: each role decrypts its own bucket's, and a managed one names that role", async function () {
        const sourceRetired = keyArnOf("raw");
        const replicaRetired = replicaKeyArn();
        const moved = raw();
        bidirectionalReplicaMoved(moved, [sourceRetired, replicaRetired]);
        moved.buckets[0]["key"] = { alias: "alias/encrypted-buckets/dev-raw-own" };
        const run = await runStack(moved, "dev", (c) => planContinuity(c, previous));
        const retiredOf = (role: (name: string) => boolean) => replicationPolicyOf(run, role).find((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys")?.Resource;
        assert.deepStrictEqual([retiredOf(isForwardRole), retiredOf(isReturnRole)], [[sourceRetired], [replicaRetired]]);
        // data-shared (eu-west-1, still curated's) names the forward role only: the replica's objects were never under it.
        const sharedPolicy = run.byType("aws:kms/keyPolicy:KeyPolicy").find((r) => r.name === "key-data-shared-policy");
        assert.ok(sharedPolicy, "data-shared key policy");
        assert.deepStrictEqual(statements(sharedPolicy).filter((st) => st.Sid.startsWith("ReplicationSourceRetiredKeyDecrypt")).map((st) => st.Principal?.AWS), ["arn:aws:iam::111111111111:role/dev-raw-replication"]);
    });

    it("names the return role in the policy of a replica's retired key the stack still writes (a shared key of the replica's Region)", async function () {
        // The replica was on backup-old, a shared key other buckets of the backup account still use, and moved onto backup-shared.
        const config = raw();
        bidirectionalReplicaMoved(config, []);
        config.keys["backup-old"] = { account: "backup", alias: "alias/encrypted-buckets/dev-backup-old" };
        const continuity = (c: StackConfig) => {
            const none = NO_CONTINUITY(c);
            return { ...none, buckets: none.buckets.map((b, i) => (i === 0 ? { ...b, retiredSharedKeys: [{ name: "backup-old", arn: replicaKeyArn() }] } : b)) };
        };
        const run = await runStack(config, "dev", continuity);
        const oldPolicy = run.byType("aws:kms/keyPolicy:KeyPolicy").find((r) => r.name === "key-backup-old-policy");
        assert.ok(oldPolicy, "backup-old key policy");
        const named = statements(oldPolicy).filter((st) => st.Sid.includes("RetiredKey"));
        assert.equal(named.length, 1, `one retired-key statement; has ${named.map((st) => st.Sid).join(", ")}`);
        assert.match(named[0].Sid, /^ReplicationSourceRetiredKeyDecrypt/);
        assert.match(String(named[0].Principal?.AWS), /^arn:aws:iam::222222222222:role\/.*backup-eu-central-1/);
        assert.deepStrictEqual(named[0].Condition?.["StringLike"], { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::acme-dev-backup-raw", "arn:aws:s3:::acme-dev-backup-raw/*"] });
    });

    it("a retired key the stack no longer writes gets the replication role's IAM statement only", async function () {
        // raw and curated both leave data-shared, whose keys entry goes: the key is retained, its policy stays as deployed.
        const retired = keyArnOf("raw");
        const moved = raw();
        delete moved.keys["data-shared"];
        moved.buckets[0]["key"] = { alias: "alias/encrypted-buckets/dev-raw-own" };
        moved.buckets[0]["acknowledge"] = { retireKey: [retired] };
        moved.buckets[1]["key"] = { alias: "alias/encrypted-buckets/dev-curated-own" };
        moved.buckets[1]["acknowledge"] = { retireKey: [retired] };
        const run = await runStack(moved, "dev", (c) => planContinuity(c, previous));
        const rolePolicy = run.byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.inputs["role"] === "dev-raw-replication" && r.inputs["name"] === "s3-replication");
        assert.ok(rolePolicy, "raw's replication role policy");
        assert.deepStrictEqual(statements(rolePolicy).find((st) => st.Sid === "ReplicationRoleDecryptSourceRetiredKeys")?.Resource, [retired]);
        assert.deepStrictEqual(run.byType("aws:kms/keyPolicy:KeyPolicy").filter((r) => statements(r).some((st) => st.Sid.startsWith("ReplicationSourceRetiredKeyDecrypt"))).map((r) => r.name), []);
    });

    it("reports the keys of a removed bucket as retained, but not a shared key other buckets still use", function () {
        const continuity = plan((c) => {
            c.buckets.splice(2, 1);
            c.buckets.splice(1, 1);
        });
        assert.deepStrictEqual(continuity.problems, []);
        assert.deepStrictEqual(continuity.retainedKeys.map((k) => [k.arn, k.usedBy]), [[keyArnOf("analytics-scratch"), [`bucket ${previous.buckets.find((b) => b.configName === "analytics-scratch")!.bucketName}`]]]);
    });
});

describe("program continuity: log buckets (dev stack)", function () {
    let previous: PreviousDeployment;
    const raw = (): RawConfig & { logBuckets: Record<string, unknown>[] } =>
        JSON.parse(JSON.stringify(readStackConfigFile(PROJECT_DIR, "dev").projectConfig)) as RawConfig & { logBuckets: Record<string, unknown>[] };
    const plan = (edit: (c: ReturnType<typeof raw>) => void, from: () => PreviousDeployment = () => previous) => {
        const c = raw();
        edit(c);
        return planContinuity(parseStackConfig(c), from());
    };
    /** Renames log bucket `access-logs` and every accessLogs reference to it. */
    const renameLogBucket = (c: ReturnType<typeof raw>, to: string) => {
        c.logBuckets[0]["name"] = to;
        for (const b of c.buckets) {
            const logs = b["accessLogs"] as { logBucket: string } | undefined;
            if (logs?.logBucket === "access-logs") logs.logBucket = to;
        }
    };

    before(async function () {
        const exported = await synthStack("dev");
        previous = parsePreviousOutputs(exported.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs);
    });

    it("reads the log buckets from the stack outputs, and keeps everything for the deployed configuration", function () {
        assert.deepStrictEqual(previous.logBuckets, [{ configName: "access-logs", account: "data", accountId: "111111111111", region: "eu-west-1", bucketName: "acme-dev-data-access-logs" }]);
        assert.deepStrictEqual(plan(() => undefined).logBuckets, [{ aliases: [] }]);
    });

    it("keeps a renamed log bucket entry (alias to its old name), matched by its physical name", function () {
        const continuity = plan((c) => renameLogBucket(c, "request-logs"));
        assert.deepStrictEqual(continuity.problems, []);
        assert.deepStrictEqual(continuity.logBuckets, [{ aliases: ["access-logs"] }]);
    });

    it("keeps a renamed log bucket entry without bucketName, matched by its old name only when no entry has it", function () {
        const unnamed = (c: ReturnType<typeof raw>) => delete c.logBuckets[0]["bucketName"];
        // Matched by its name, it keeps registering its deployed physical name (an unset one would be generated anew: a replacement).
        assert.deepStrictEqual(plan(unnamed).logBuckets, [{ aliases: [], bucketName: "acme-dev-data-access-logs" }]);
        // Without a physical name the entry is known by its name: renamed, it is a new log bucket (docs/operations.md says to set bucketName first).
        assert.deepStrictEqual(plan((c) => (unnamed(c), renameLogBucket(c, "request-logs"))).logBuckets, [{ aliases: [] }]);
    });

    it("keeps the provider of an account alias that only a log bucket used", function () {
        const onlyLogs = (): PreviousDeployment => ({ buckets: [], sharedKeys: [], logBuckets: previous.logBuckets, retainedKeys: [] });
        // Every reference to the alias, as a user renames it: "data" is a value only where an account is meant.
        const renamed = (c: ReturnType<typeof raw>) => JSON.parse(JSON.stringify(c).replace(/"data"/g, '"lake"')) as ReturnType<typeof raw>;
        const continuity = planContinuity(parseStackConfig(renamed(raw())), onlyLogs());
        assert.deepStrictEqual(continuity.problems, []);
        assert.deepStrictEqual(continuity.providerAliases, { lake: ["aws-data"] });
        assert.deepStrictEqual(planContinuity(parseStackConfig(raw()), { ...onlyLogs(), logBuckets: [] }).providerAliases, {});
    });

    it("refuses a changed bucketName, region or account of a deployed log bucket unless that log bucket entry acknowledges it", function () {
        const refused = plan((c) => {
            c.logBuckets[0]["bucketName"] = "acme-dev-data-access-logs-v2";
            c.logBuckets[0]["region"] = "eu-west-2";
            // A log bucket in another Region can log no bucket of this one (config refuses that first).
            for (const b of c.buckets) delete b["accessLogs"];
        });
        assert.deepStrictEqual(refused.problems.map((p) => p.path), ["encrypted-buckets:logBuckets[0].bucketName", "encrypted-buckets:logBuckets[0].region"]);
        assert.match(refused.problems[0].message, /changes from acme-dev-data-access-logs to acme-dev-data-access-logs-v2: .*acknowledge: \{ replaceBucket: \[acme-dev-data-access-logs\] \} to this log bucket entry/);
        const acknowledged = plan((c) => {
            c.logBuckets[0]["bucketName"] = "acme-dev-data-access-logs-v2";
            c.logBuckets[0]["acknowledge"] = { replaceBucket: ["acme-dev-data-access-logs"] };
        });
        assert.deepStrictEqual(acknowledged.problems, []);
    });
});

describe("program continuity: configuration defaults", function () {
    it("keeps the deployed alias only for a key whose alias was defaulted", function () {
        const c: StackConfig = parseStackConfig(readStackConfigFile(PROJECT_DIR, "dev").projectConfig);
        assert.equal(c.buckets[2].key.kind === "own" && c.buckets[2].key.spec.aliasDefaulted, undefined);
        assert.equal(c.buckets[0].replicas[0].key.kind === "own" && c.buckets[0].replicas[0].key.spec.aliasDefaulted, true);
    });
});

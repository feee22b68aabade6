// No ordinary change loses data, proven with the real CLI on the dev and the prod stack. The stand-in
// models objects in buckets (e2e/standin-aws/objectModel.ts): every bucket gets objects after the first
// `up`, a bucket that holds objects refuses to be deleted as S3 does, and every delete the engine asks
// for is recorded, ScheduleKeyDeletion included. After each edit the spec checks that no KMS key was
// scheduled for deletion and that no guardrail of a bucket that still exists was removed, and after each
// accepted edit that the stack converged: a second run (`pulumi preview --expect-no-changes`) changes nothing, so
// no value the program derives moves again on the next update (a refused step need not converge). Besides the
// renames, the key switch and the move back to a key of its own (the retained key's alias refused, another one
// accepted), the accepted edits are adding and removing a grant, changing a replication rule and
// toggling a bucket's protect and forceDestroy, and adding a stack tag.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { REPO_ROOT } from "./support/paths";
import { CommandResult, describe as describeResult, PulumiSession } from "./support/pulumi";
import { ConfigValues, editStackConfig, readStackConfig } from "./support/stackConfigEdit";
import { removeDir, stageProject } from "./support/workdir";
import { existingBuckets, GUARDRAIL_TYPES, ModelEvent, putObject, readBucket, readEvents, readObject, STATE_DIR_VARIABLE } from "./standin-aws/objectModel";

const NS = "encrypted-buckets";

interface BucketEntry {
    name: string;
    account: string;
    region?: string;
    bucketName?: string;
    key?: unknown;
    replicas?: BucketEntry[];
    storageClass?: string;
    deleteMarkerReplication?: boolean;
    forceDestroy?: boolean;
    protect?: boolean;
    acknowledge?: { forceDestroy?: boolean; replaceBucket?: string[]; retireKey?: string[] };
    grants?: { principal: string; access: string; prefix?: string; consumerAccount?: string }[];
    accessLogs?: { logBucket: string; prefix?: string };
}

interface LogBucketEntry {
    name: string;
    account: string;
    bucketName?: string;
}

interface OutputBucket {
    bucketName: string;
    keyArn: string;
    replicas: { bucketName: string; keyArn: string }[];
}

function buckets(config: ConfigValues): BucketEntry[] {
    return config[`${NS}:buckets`] as BucketEntry[];
}

function logBuckets(config: ConfigValues): LogBucketEntry[] {
    return (config[`${NS}:logBuckets`] ?? []) as LogBucketEntry[];
}

/** Renames a log bucket entry and every accessLogs that targets it. */
function renameLogBucket(config: ConfigValues, from: string, to: string): void {
    for (const log of logBuckets(config)) if (log.name === from) log.name = to;
    for (const bucket of buckets(config)) if (bucket.accessLogs?.logBucket === from) bucket.accessLogs.logBucket = to;
}

/** Renames an account alias everywhere the configuration refers to it. */
function renameAccountAlias(config: ConfigValues, from: string, to: string): void {
    const accounts = config[`${NS}:accounts`] as Record<string, unknown>;
    accounts[to] = accounts[from];
    delete accounts[from];
    for (const key of Object.values((config[`${NS}:keys`] ?? {}) as Record<string, { account: string }>)) {
        if (key.account === from) key.account = to;
    }
    for (const bucket of buckets(config)) {
        if (bucket.account === from) bucket.account = to;
        for (const replica of bucket.replicas ?? []) if (replica.account === from) replica.account = to;
        for (const grant of bucket.grants ?? []) if (grant.consumerAccount === from) grant.consumerAccount = to;
    }
    for (const log of logBuckets(config)) if (log.account === from) log.account = to;
}

/** Per stack: which entries each scenario edits (the two stack files differ). */
interface Scenario {
    stack: "dev" | "prod";
    protectedStack: boolean;
    /** Index of a bucket to rename, and the account alias to rename. */
    renameBucket: number;
    renameAccount: string;
    /** A bucket with its own key in `keyAccount`, switched to a new shared key there. */
    switchKeyBucket: number;
    keyAccount: string;
    /** A bucket whose bucketName is changed, then which is removed from the config. */
    otherBucket: number;
    /** A bucket with its own key moved to `moveTo` (same region); the move is tried before the key switch. */
    moveBucket: number;
    moveTo: string;
    /** Whether the stack file declares log buckets (prod's does not): the log-bucket removal step runs only where it does. */
    logBuckets: boolean;
}

const SCENARIOS: Scenario[] = [
    { stack: "dev", protectedStack: false, renameBucket: 0, renameAccount: "backup", switchKeyBucket: 2, keyAccount: "analytics", otherBucket: 1, moveBucket: 2, moveTo: "data", logBuckets: true },
    { stack: "prod", protectedStack: true, renameBucket: 0, renameAccount: "backup", switchKeyBucket: 3, keyAccount: "analytics", otherBucket: 1, moveBucket: 2, moveTo: "analytics", logBuckets: false },
];

for (const scenario of SCENARIOS) {
    const { stack } = scenario;
    describe(`e2e: no ordinary change loses data (${stack} stack)`, function () {
        let session: PulumiSession;
        let project: string;
        let stateDir: string;
        let deployed: Record<string, OutputBucket>;
        /** Physical names of the stack's log buckets (none in a stack without logBuckets). */
        let deployedLogBuckets: string[];
        let eventMark = 0;
        /** Config names in file order, and the ones whose bucket may be deleted with its data (forceDestroy). */
        let names: string[];
        let forceDestroyed: Set<string>;
        const deployedAt = (index: number) => deployed[names[index]];

        const env = () => ({ [STATE_DIR_VARIABLE]: stateDir });
        const run = (args: string[]) => session.run([...args, "-s", stack], project, { env: env() });
        const edit = (change: (config: ConfigValues) => void) => editStackConfig(project, stack, change);
        const newEvents = (): ModelEvent[] => {
            const all = readEvents(stateDir);
            const fresh = all.slice(eventMark);
            eventMark = all.length;
            return fresh;
        };
        const output = (result: CommandResult) => `${result.stdout}\n${result.stderr}`;

        /** The invariants every step must keep, on the events of that step. */
        function assertNoDataLost(events: ModelEvent[], result: CommandResult): void {
            const scheduled = events.filter((e) => e.op === "ScheduleKeyDeletion");
            assert.deepEqual(scheduled, [], `a KMS key was scheduled for deletion\n${describeResult(result)}`);
            const alive = new Set(existingBuckets(stateDir));
            const strippedGuardrails = events.filter((e) => e.op === "delete" && GUARDRAIL_TYPES.includes(e.type) && e.bucket !== undefined && alive.has(e.bucket));
            assert.deepEqual(strippedGuardrails, [], `a guardrail of a bucket that still exists was removed\n${describeResult(result)}`);
            // Whatever the step did, every object of every surviving bucket still decrypts (no key pending deletion under it).
            const unreadable = [...alive].flatMap((bucket) =>
                Object.keys(readBucket(stateDir, bucket)?.objects ?? {}).flatMap((key) => {
                    try {
                        readObject(stateDir, bucket, key);
                        return [];
                    } catch (error) {
                        return [(error as Error).message];
                    }
                }),
            );
            assert.deepEqual(unreadable, [], `objects became unreadable\n${describeResult(result)}`);
        }

        /** Every accepted edit reaches a fixed point in one update: the next run plans no change at all. */
        async function assertConverged(step: string): Promise<void> {
            const result = await run(["preview", "--expect-no-changes", "--diff"]);
            assert.equal(result.code, 0, `${step}: a second run still changes the stack\n${describeResult(result)}`);
            assert.match(result.stdout, /Resources:\n\s+\d+ unchanged\n/, describeResult(result));
        }

        /**
         * An edit the program accepts: one `up` that succeeds, changes something (else the step proves nothing),
         * loses no data and converges. Answers the events of the step as `op type name`, for the step to say which
         * creates and deletes it expected.
         */
        async function acceptedEdit(step: string, change: (config: ConfigValues) => void): Promise<string[]> {
            edit(change);
            const result = await run(["up", "--yes"]);
            assert.equal(result.code, 0, describeResult(result));
            assert.match(result.stdout, /^\s+[~+-]+ ?\d+ (created|updated|deleted)$/m, `${step}: the up changed nothing\n${describeResult(result)}`);
            const events = newEvents();
            assertNoDataLost(events, result);
            await assertConverged(step);
            return events.map((e) => `${e.op} ${e.type} ${e.name}`);
        }

        async function stackBuckets(): Promise<Record<string, OutputBucket>> {
            const result = await session.ok(["stack", "output", "buckets", "--json", "-s", stack], project, { env: env() });
            return JSON.parse(result.stdout) as Record<string, OutputBucket>;
        }

        before(async function () {
            session = new PulumiSession(pulumiBinDir(), `safety-${stack}`);
            project = stageProject(REPO_ROOT, { stackFiles: { [stack]: stack } });
            stateDir = path.join(session.root, "aws");
            fs.mkdirSync(stateDir);
            await session.ok(["stack", "init", stack], project, { env: env() });
            await session.ok(["up", "--yes", "-s", stack], project, { env: env() });
            deployed = await stackBuckets();
            const hasLogs = logBuckets(readStackConfig(project, stack)).length > 0;
            assert.equal(hasLogs, scenario.logBuckets, `the ${stack} stack file ${hasLogs ? "declares" : "no longer declares"} log buckets: update its scenario`);
            deployedLogBuckets = hasLogs
                ? Object.values(JSON.parse((await session.ok(["stack", "output", "logBuckets", "--json", "-s", stack], project, { env: env() })).stdout) as Record<string, { bucketName: string }>).map((l) => l.bucketName)
                : [];
            const initial = buckets(readStackConfig(project, stack));
            names = initial.map((b) => b.name);
            forceDestroyed = new Set(initial.filter((b) => b.forceDestroy === true).map((b) => deployed[b.name].bucketName));
            // Every bucket, source and replica, holds data encrypted under its key.
            for (const bucket of Object.values(deployed)) {
                for (const placed of [bucket, ...bucket.replicas]) {
                    putObject(stateDir, placed.bucketName, "reports/2026.csv", placed.keyArn);
                }
            }
            // Log buckets hold access logs (SSE-S3: no key).
            for (const logBucket of deployedLogBuckets) putObject(stateDir, logBucket, "raw/2026-12-03-00-00-00-0123456789ABCDEF");
            newEvents();
            await assertConverged("the first up");
        });

        after(function () {
            session?.dispose();
            if (project) removeDir(project);
        });

        it("keeps every resource when a bucket's name, a log bucket's name and an account alias are renamed", async function () {
            const renamedAccount = `${scenario.renameAccount}-renamed`;
            edit((config) => {
                buckets(config)[scenario.renameBucket].name = `${buckets(config)[scenario.renameBucket].name}-renamed`;
                renameAccountAlias(config, scenario.renameAccount, renamedAccount);
                for (const log of [...logBuckets(config)]) renameLogBucket(config, log.name, `${log.name}-renamed`);
            });
            const result = await run(["up", "--yes"]);
            assert.equal(result.code, 0, describeResult(result));
            const events = newEvents();
            assert.deepEqual(
                events.map((e) => `${e.op} ${e.type} ${e.name}`),
                [],
                `the renames created or deleted resources\n${describeResult(result)}`,
            );
            assert.doesNotMatch(result.stdout, /^\s+[+-]+ \d+ (created|deleted|replaced)/m, describeResult(result));
            assertNoDataLost(events, result);
            await assertConverged("the renames");
        });

        it("refuses to change a bucket's bucketName or move a bucket to another account, naming both edits", async function () {
            const renamed = deployedAt(scenario.otherBucket);
            const moved = deployedAt(scenario.moveBucket);
            let from = "";
            edit((config) => {
                buckets(config)[scenario.otherBucket].bucketName = `${renamed.bucketName}-v2`;
                from = buckets(config)[scenario.moveBucket].account;
                buckets(config)[scenario.moveBucket].account = scenario.moveTo;
            });
            const result = await run(["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), /refused: 2 edits would replace or orphan deployed data/);
            assert.match(output(result), new RegExp(`buckets\\[${scenario.otherBucket}\\]\\.bucketName: changes from ${renamed.bucketName} to ${renamed.bucketName}-v2`));
            assert.match(output(result), new RegExp(`acknowledge: \\{ replaceBucket: \\[${renamed.bucketName}\\] \\}`));
            assert.match(output(result), new RegExp(`buckets\\[${scenario.moveBucket}\\]\\.account: moves the bucket from account \\d{12} to \\d{12} \\(${scenario.moveTo}\\)`));
            assert.match(output(result), new RegExp(`replaceBucket: \\[${moved.bucketName}\\]`));
            assert.deepEqual(newEvents(), [], "a refused edit changed something");
            edit((config) => {
                buckets(config)[scenario.otherBucket].bucketName = renamed.bucketName;
                buckets(config)[scenario.moveBucket].account = from;
            });
        });

        it("dropping bucketName from every bucket, unmonitored replica and log bucket entry keeps every deployed bucket and alert topic (no generated name, no replacement)", async function () {
            // An unset bucketName is generated anew, and `bucket` is a replace-on-change input: without the deployed name
            // kept, each bucket would be replaced by an empty one and the old one's delete would fail on its objects.
            const before = readStackConfig(project, stack);
            const named = (entries: { bucketName?: string }[]) => entries.filter((e) => e.bucketName !== undefined).length;
            assert.ok(named(buckets(before)) + named(logBuckets(before)) > 0, `the ${stack} stack names no bucket: the step proves nothing`);
            // A monitored replica keeps its bucketName: its alarms are named after it (stateless, but renamed: left open).
            const monitored = (replica: BucketEntry) => (replica as { monitoring?: boolean }).monitoring === true;
            edit((config) => {
                for (const bucket of buckets(config)) {
                    delete bucket.bucketName;
                    for (const replica of (bucket.replicas ?? []).filter((r) => !monitored(r))) delete replica.bucketName;
                }
                for (const log of logBuckets(config)) delete log.bucketName;
            });
            await assertConverged("dropping bucketName");
            assert.deepEqual(newEvents(), [], "a preview changed something");
            edit((config) => {
                config[`${NS}:buckets`] = buckets(before);
                config[`${NS}:logBuckets`] = before[`${NS}:logBuckets`];
                if (before[`${NS}:logBuckets`] === undefined) delete config[`${NS}:logBuckets`];
            });
        });

        /** The shared key the key-switch steps move `switchKeyBucket` to. */
        const sharedName = `${scenario.keyAccount}-shared`;

        /** The bucket's move to the shared key, acknowledged; in a protected stack the old key is unprotected on purpose first. */
        async function acknowledgedKeySwitch(target: OutputBucket): Promise<CommandResult> {
            edit((config) => {
                const keys = (config[`${NS}:keys`] ?? {}) as Record<string, unknown>;
                keys[sharedName] = { account: scenario.keyAccount, alias: `alias/encrypted-buckets/${stack}-${sharedName}` };
                config[`${NS}:keys`] = keys;
                buckets(config)[scenario.switchKeyBucket].key = sharedName;
                buckets(config)[scenario.switchKeyBucket].acknowledge = { retireKey: [target.keyArn] };
            });
            let result = await run(["up", "--yes"]);
            if (scenario.protectedStack) {
                // The old key is protected: the switch stops at its removal until it is unprotected on purpose.
                assert.notEqual(result.code, 0, describeResult(result));
                assert.match(output(result), /cannot be deleted\s+because it is protected/);
                assertNoDataLost(newEvents(), result);
                const exported = JSON.parse((await session.ok(["stack", "export", "-s", stack], project, { env: env() })).stdout) as {
                    deployment: { resources: { urn: string; type: string; outputs?: { arn?: string } }[] };
                };
                const oldKey = exported.deployment.resources.find((r) => r.type === "aws:kms/key:Key" && r.outputs?.arn === target.keyArn);
                assert.ok(oldKey, "the old key is still in the state");
                await session.ok(["state", "unprotect", oldKey.urn, "--yes", "-s", stack], project, { env: env() });
                result = await run(["up", "--yes"]);
            }
            return result;
        }

        it("refuses to move a bucket off its key, and with the acknowledgement retains the old key", async function () {
            const target = deployedAt(scenario.switchKeyBucket);
            edit((config) => {
                const keys = (config[`${NS}:keys`] ?? {}) as Record<string, unknown>;
                keys[sharedName] = { account: scenario.keyAccount, alias: `alias/encrypted-buckets/${stack}-${sharedName}` };
                config[`${NS}:keys`] = keys;
                buckets(config)[scenario.switchKeyBucket].key = sharedName;
            });
            const refused = await run(["up", "--yes"]);
            assert.notEqual(refused.code, 0, describeResult(refused));
            assert.match(output(refused), new RegExp(`buckets\\[${scenario.switchKeyBucket}\\]\\.key: moves the bucket off its deployed key ${target.keyArn}`));
            assert.match(output(refused), /acknowledge: \{ retireKey: \[/);
            assert.deepEqual(newEvents(), [], "a refused edit changed something");

            const result = await acknowledgedKeySwitch(target);
            assert.equal(result.code, 0, describeResult(result));
            assert.match(output(result), new RegExp(`KMS key ${target.keyArn} .* is retained, not scheduled for deletion`));
            assertNoDataLost(newEvents(), result);
            await assertConverged("the key switch");
        });

        it("moving the bucket back to a key of its own: the retained key's alias is refused before anything is registered, another alias goes through", async function () {
            // The retained key keeps its alias (the alias is deletedWith the key, and KMS allows one alias of a name per account
            // and Region: AWS KMS API Reference, "CreateAlias", AlreadyExistsException). Going back to the old alias would
            // create a new key and then fail on its alias halfway through the update.
            const target = deployedAt(scenario.switchKeyBucket);
            const ownKey = buckets(readStackConfig(project, stack))[scenario.switchKeyBucket].key;
            if (typeof ownKey === "object" && ownKey !== null) {
                // Run alone (--grep): make the switch this step starts from.
                const switched = await acknowledgedKeySwitch(target);
                assert.equal(switched.code, 0, describeResult(switched));
                newEvents();
            }
            const originalKey = buckets(JSON.parse(JSON.stringify(readStackConfig(REPO_ROOT, stack))) as ConfigValues)[scenario.switchKeyBucket].key as { alias: string };
            const sharedArn = (await stackBuckets())[names[scenario.switchKeyBucket]].keyArn;
            assert.notEqual(sharedArn, target.keyArn, "the bucket is on the shared key");
            putObject(stateDir, target.bucketName, "reports/after-switch.csv", sharedArn);
            edit((config) => {
                buckets(config)[scenario.switchKeyBucket].key = originalKey;
                buckets(config)[scenario.switchKeyBucket].acknowledge = { retireKey: [target.keyArn, sharedArn] };
            });
            const refused = await run(["up", "--yes"]);
            assert.notEqual(refused.code, 0, describeResult(refused));
            assert.match(output(refused), new RegExp(`buckets\\[${scenario.switchKeyBucket}\\]\\.key\\.alias: is ${originalKey.alias}, the alias of the retained key ${target.keyArn}`));
            assert.deepEqual(newEvents(), [], "a refused edit changed something");

            const result = await acceptedEdit("the move back to a key of its own, under another alias", (config) => {
                buckets(config)[scenario.switchKeyBucket].key = { ...originalKey, alias: `${originalKey.alias}-v2` };
            });
            assert.ok(result.some((e) => e.startsWith("create aws:kms/key:Key ")), `no new key: ${result.join(", ")}`);
        });

        it("adding a grant, then removing it, creates and deletes only that grant's IAM policy, each converging", async function () {
            // On the renamed bucket: its grants' policy names come from its deployed name (grantNamesFrom), new ones too.
            const prefix = "convergence-check/";
            const model = buckets(readStackConfig(project, stack))[scenario.renameBucket].grants?.find((g) => g.consumerAccount !== undefined);
            assert.ok(model, `the ${stack} stack's bucket ${scenario.renameBucket} has no grant with a consumerAccount to copy`);
            const isNewGrant = (event: string) => event.includes("-grant-") && event.endsWith("-policy");
            const added = await acceptedEdit("adding a grant", (config) => {
                buckets(config)[scenario.renameBucket].grants?.push({ ...model, access: "read", prefix });
            });
            assert.ok(added.length > 0 && added.every((e) => e.startsWith("create aws:iam/rolePolicy:RolePolicy ") && isNewGrant(e)), `adding a grant: ${added.join(", ")}`);
            const removed = await acceptedEdit("removing the grant", (config) => {
                const grants = buckets(config)[scenario.renameBucket].grants ?? [];
                grants.splice(grants.findIndex((g) => g.prefix === prefix), 1);
            });
            assert.deepEqual([...removed].sort(), added.map((e) => e.replace(/^create /, "delete ")).sort(), "removing the grant deleted something else than what adding it created");
        });

        it("changing a replication rule (storage class, delete marker replication) updates it in place and converges", async function () {
            const events = await acceptedEdit("the replication change", (config) => {
                const replica = buckets(config)[scenario.renameBucket].replicas?.[0];
                assert.ok(replica, `the ${stack} stack's bucket ${scenario.renameBucket} has no replica`);
                replica.storageClass = replica.storageClass === "GLACIER_IR" ? "STANDARD_IA" : "GLACIER_IR";
                replica.deleteMarkerReplication = !(replica.deleteMarkerReplication ?? false);
            });
            assert.deepEqual(events, [], "a replication rule change created or deleted resources");
        });

        it("toggling a bucket's protect and forceDestroy (acknowledged), and back, changes no resource and converges", async function () {
            const target = buckets(readStackConfig(project, stack))[scenario.otherBucket];
            const before = { protect: target.protect, forceDestroy: target.forceDestroy, acknowledge: target.acknowledge };
            const on = await acceptedEdit("the protect and forceDestroy toggle", (config) => {
                const bucket = buckets(config)[scenario.otherBucket];
                bucket.protect = !scenario.protectedStack;
                bucket.forceDestroy = !(before.forceDestroy ?? false);
                bucket.acknowledge = { ...bucket.acknowledge, forceDestroy: true };
            });
            assert.deepEqual(on, [], "toggling protect and forceDestroy created or deleted resources");
            const back = await acceptedEdit("toggling protect and forceDestroy back", (config) => {
                const bucket = buckets(config)[scenario.otherBucket];
                for (const field of ["protect", "forceDestroy", "acknowledge"] as const) {
                    if (before[field] === undefined) delete bucket[field];
                    else Object.assign(bucket, { [field]: before[field] });
                }
            });
            assert.deepEqual(back, [], "toggling protect and forceDestroy back created or deleted resources");
        });

        it("adding a stack tag updates every tagged resource in place and converges", async function () {
            const events = await acceptedEdit("the stack tag", (config) => {
                config[`${NS}:tags`] = { ...((config[`${NS}:tags`] ?? {}) as Record<string, string>), "cost-center": "data-platform" };
            });
            assert.deepEqual(events, [], "a new stack tag created or deleted resources");
        });

        /** The entry the bucket-removal step took out (its bucket is still deployed: S3 refused). */
        let removedEntry: BucketEntry | undefined;

        it("removing a bucket that holds data removes neither its guardrails nor its key", async function () {
            const target = deployedAt(scenario.otherBucket);
            edit((config) => {
                [removedEntry] = buckets(config).splice(scenario.otherBucket, 1);
            });
            const result = await run(["up", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), scenario.protectedStack ? /because it is protected/ : /BucketNotEmpty: The bucket you tried to delete is not empty/);
            assertNoDataLost(newEvents(), result);
            assert.ok(existingBuckets(stateDir).includes(target.bucketName));
        });

        // Declared only where the stack has log buckets, so no step is skipped at run time.
        if (scenario.logBuckets) {
            it("removing a log bucket that holds logs (with the accessLogs that target it) removes neither the bucket nor its guardrails", async function () {
                assert.ok(deployedLogBuckets.length > 0, "the stack deployed no log bucket");
                edit((config) => {
                    // The bucket the last step failed to remove comes back, so that only log buckets are to be deleted.
                    if (removedEntry !== undefined) buckets(config).splice(scenario.otherBucket, 0, removedEntry);
                    config[`${NS}:logBuckets`] = [];
                    for (const bucket of buckets(config)) delete bucket.accessLogs;
                });
                const result = await run(["up", "--yes"]);
                assert.notEqual(result.code, 0, describeResult(result));
                const refusals = deployedLogBuckets.map((name) => (scenario.protectedStack ? /because it is protected/ : new RegExp(`deleting S3 Bucket \\(${name}\\).*BucketNotEmpty`)));
                for (const refusal of refusals) assert.match(output(result), refusal);
                assertNoDataLost(newEvents(), result);
                for (const logBucket of deployedLogBuckets) assert.ok(existingBuckets(stateDir).includes(logBucket), `${logBucket} with its logs is gone`);
            });
        }

        it("`pulumi destroy --target <bucket> --target-dependents` of a bucket that holds data removes none of its guardrails and schedules no key deletion", async function () {
            // The engine deletes the dependents first (pkg/v3 resource/deploy, the destroy's delete steps run in reverse
            // dependency order). The guardrails are `deletedWith` their bucket, so the engine skips their own deletes and
            // leaves them to the bucket's, which S3 refuses while the bucket holds objects: they stay in AWS.
            const target = deployedAt(scenario.renameBucket);
            const exported = JSON.parse((await session.ok(["stack", "export", "-s", stack], project, { env: env() })).stdout) as {
                deployment: { resources: { urn: string; type: string; outputs?: { bucket?: string } }[] };
            };
            const bucket = exported.deployment.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.outputs?.bucket === target.bucketName);
            assert.ok(bucket, `${target.bucketName} is in the state`);
            const result = await run(["destroy", "--yes", "--target", bucket.urn, "--target-dependents"]);
            assert.notEqual(result.code, 0, describeResult(result));
            assert.match(output(result), scenario.protectedStack ? /because it is protected/ : /BucketNotEmpty: The bucket you tried to delete is not empty/);
            assertNoDataLost(newEvents(), result);
            assert.ok(existingBuckets(stateDir).includes(target.bucketName), `${target.bucketName} with its data is gone`);
        });

        it("`pulumi destroy` of a stack that holds data removes no guardrail of a surviving bucket and schedules no key deletion", async function () {
            const result = await run(["destroy", "--yes"]);
            assert.notEqual(result.code, 0, describeResult(result));
            const events = newEvents();
            assertNoDataLost(events, result);
            for (const bucket of Object.values(deployed).flatMap((b) => [b, ...b.replicas])) {
                if (forceDestroyed.has(bucket.bucketName)) continue;
                assert.ok(existingBuckets(stateDir).includes(bucket.bucketName), `${bucket.bucketName} with its data is gone`);
            }
            for (const logBucket of deployedLogBuckets) assert.ok(existingBuckets(stateDir).includes(logBucket), `${logBucket} with its logs is gone`);
            if (scenario.protectedStack) {
                assert.match(output(result), /because it is protected/);
            }
        });
    });
}

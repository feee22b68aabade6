// program/retainedKeyAliases.ts: a key the stack retained keeps its alias in AWS, across updates (the `retainedKeys`
// output). A key of the configuration that would take it (a bucket moved back to a key of its own under its old
// alias, a removed `keys` entry added again) is refused with the field and the fix, before anything is registered.
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig } from "../../config";
import { planContinuity } from "../../program/continuity";
import { parsePreviousOutputs, PreviousDeployment } from "../../program/previousDeployment";
import { retainedAliasConflicts } from "../../program/retainedKeyAliases";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { synthStack } from "../support/synthStack";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const SCRATCH_ALIAS = "alias/encrypted-buckets/dev-analytics-scratch";
const SHARED_ARN = "arn:aws:kms:eu-west-1:333333333333:key/5c5c5c5c-1111-4222-8333-444444444444";

type RawConfig = { keys: Record<string, Record<string, unknown>>; buckets: Record<string, unknown>[]; [key: string]: unknown };

describe("program: aliases of retained keys stay taken", function () {
    /** The dev stack as synth deploys it. */
    let deployed: PreviousDeployment;
    let ownKeyArn: string;
    const raw = (): RawConfig => JSON.parse(JSON.stringify(readStackConfigFile(PROJECT_DIR, "dev").projectConfig)) as RawConfig;
    const plan = (edit: (c: RawConfig) => void, previous: PreviousDeployment) => {
        const c = raw();
        edit(c);
        const config = parseStackConfig(c);
        const continuity = planContinuity(config, previous);
        return { continuity, conflicts: retainedAliasConflicts(config, continuity) };
    };
    /** analytics-scratch moved off its own key onto the shared key `scratch`, acknowledged. */
    const switchToShared = (c: RawConfig) => {
        c.keys["scratch"] = { account: "analytics", alias: "alias/encrypted-buckets/dev-scratch" };
        c.buckets[2]["key"] = "scratch";
        c.buckets[2]["acknowledge"] = { retireKey: [ownKeyArn] };
    };
    /**
     * The outputs the switch's update leaves, as the program writes them (index.ts): the bucket on the shared key, and
     * the `retainedKeys` output read back through JSON.
     */
    const afterSwitch = (): PreviousDeployment => {
        const { continuity } = plan(switchToShared, deployed);
        const buckets = deployed.buckets.map((b) => (b.configName === "analytics-scratch" ? { ...b, keyArn: SHARED_ARN, keyAlias: "alias/encrypted-buckets/dev-scratch" } : b));
        const sharedKeys = [...deployed.sharedKeys, { name: "scratch", account: "analytics", region: "eu-west-1", arn: SHARED_ARN, alias: "alias/encrypted-buckets/dev-scratch" }];
        const { retainedKeys } = parsePreviousOutputs(JSON.parse(JSON.stringify({ retainedKeys: continuity.keptRetainedKeys })) as Record<string, unknown>);
        return { ...deployed, buckets, sharedKeys, retainedKeys };
    };
    const backToOwnKey = (alias: string) => (c: RawConfig) => {
        switchToShared(c);
        c.buckets[2]["key"] = { alias, deletionWindowInDays: 7 };
        c.buckets[2]["acknowledge"] = { retireKey: [ownKeyArn, SHARED_ARN] };
    };

    before(async function () {
        const exported = await synthStack("dev");
        deployed = parsePreviousOutputs(exported.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs);
        ownKeyArn = deployed.buckets.find((b) => b.configName === "analytics-scratch")!.keyArn;
    });

    it("the deployed configuration retains nothing and conflicts with nothing", function () {
        const { continuity, conflicts } = plan(() => undefined, deployed);
        assert.deepStrictEqual([continuity.keptRetainedKeys, conflicts], [[], []]);
    });

    it("the key a bucket moves off is recorded with its alias, and stays recorded by the updates after it", function () {
        const { continuity, conflicts } = plan(switchToShared, deployed);
        assert.deepStrictEqual(conflicts, []);
        assert.deepStrictEqual(continuity.keptRetainedKeys.map((k) => [k.arn, k.alias]), [[ownKeyArn, SCRATCH_ALIAS]]);
        const later = plan(switchToShared, afterSwitch());
        assert.deepStrictEqual(later.continuity.retainedKeys, [], "reported once, when it leaves the stack");
        assert.deepStrictEqual(later.continuity.keptRetainedKeys.map((k) => [k.arn, k.alias, k.usedBy.length]), [[ownKeyArn, SCRATCH_ALIAS, 1]]);
    });

    it("moving the bucket back to a key of its own under the retained key's alias is refused, naming the field, the key and the fix", function () {
        const { continuity, conflicts } = plan(backToOwnKey(SCRATCH_ALIAS), afterSwitch());
        assert.deepStrictEqual(continuity.problems, [], "the move back itself is acknowledged");
        assert.deepStrictEqual(conflicts.map((p) => p.path), ["encrypted-buckets:buckets[2].key.alias"]);
        assert.match(conflicts[0].message, new RegExp(`^is ${SCRATCH_ALIAS}, the alias of the retained key ${ownKeyArn} `));
        assert.match(conflicts[0].message, /AlreadyExistsException/);
        assert.match(conflicts[0].message, new RegExp(`Fix: give the key another alias \\(key: \\{ alias: ${SCRATCH_ALIAS}-v2 \\}\\), or go back to the retained key itself as an existing key \\(key: ${ownKeyArn}\\)`));
    });

    it("another alias goes through", function () {
        assert.deepStrictEqual(plan(backToOwnKey(`${SCRATCH_ALIAS}-v2`), afterSwitch()).conflicts, []);
    });

    it("a shared key entry added again under the alias of one the stack retained is refused at its alias", function () {
        // data-shared removed: raw and curated move to keys of their own (acknowledged), the shared key is retained.
        const sharedArn = deployed.sharedKeys[0].arn;
        const dropShared = (c: RawConfig) => {
            delete c.keys["data-shared"];
            for (const i of [0, 1]) {
                c.buckets[i]["key"] = { alias: `alias/encrypted-buckets/dev-own-${i}` };
                c.buckets[i]["acknowledge"] = { retireKey: [sharedArn] };
            }
        };
        const dropped = plan(dropShared, deployed);
        assert.deepStrictEqual([dropped.continuity.problems, dropped.conflicts], [[], []]);
        assert.ok(dropped.continuity.keptRetainedKeys.some((k) => k.arn === sharedArn));
        const ownKey = (i: number) => ({ keyArn: `arn:aws:kms:eu-west-1:111111111111:key/${i}0000000-1111-4222-8333-444444444444`, keyAlias: `alias/encrypted-buckets/dev-own-${i}` });
        const buckets = deployed.buckets.map((b) => (b.configName === "raw" ? { ...b, ...ownKey(0) } : b.configName === "curated" ? { ...b, ...ownKey(1) } : b));
        const previous: PreviousDeployment = { ...deployed, buckets, sharedKeys: [], retainedKeys: dropped.continuity.keptRetainedKeys };
        const readded = plan((c) => {
            dropShared(c);
            c.keys["data-shared-2"] = { ...(raw().keys["data-shared"] as Record<string, unknown>) };
        }, previous);
        assert.deepStrictEqual(readded.conflicts.map((p) => p.path), ["encrypted-buckets:keys.data-shared-2.alias"]);
    });

    it("a replica removed and added again: its key's default alias is the retained key's, refused at the replica's key", function () {
        const raw0 = deployed.buckets.find((b) => b.configName === "raw")!;
        const replicaKey = raw0.replicas[0];
        const removed = plan((c) => {
            c.buckets[0]["replicas"] = [];
        }, deployed);
        assert.deepStrictEqual(removed.continuity.keptRetainedKeys.map((k) => [k.arn, k.alias]), [[replicaKey.keyArn, replicaKey.keyAlias]]);
        const previous: PreviousDeployment = { ...deployed, buckets: deployed.buckets.map((b) => (b === raw0 ? { ...b, replicas: [] } : b)), retainedKeys: removed.continuity.keptRetainedKeys };
        const readded = plan(() => undefined, previous);
        assert.deepStrictEqual(readded.conflicts.map((p) => p.path), ["encrypted-buckets:buckets[0].replicas[0].key"]);
        assert.match(readded.conflicts[0].message, new RegExp(`^leaves the alias unset, so its key would get ${replicaKey.keyAlias}, the alias of the retained key ${replicaKey.keyArn} `));
    });

    it("a record whose alias a key of the last deployment holds since is dropped (the alias was deleted and taken again)", function () {
        const previous = { ...deployed, retainedKeys: [{ arn: "arn:aws:kms:eu-west-1:333333333333:key/99999999-1111-4222-8333-444444444444", alias: SCRATCH_ALIAS, usedBy: [] }] };
        const { continuity, conflicts } = plan(() => undefined, previous);
        assert.deepStrictEqual([continuity.keptRetainedKeys, conflicts], [[], []]);
    });

    it("a retained key of another account or Region leaves the alias free here", function () {
        const elsewhere = { ...afterSwitch() };
        elsewhere.retainedKeys = elsewhere.retainedKeys.map((k) => ({ ...k, arn: k.arn.replace(":333333333333:", ":111111111111:") }));
        assert.deepStrictEqual(plan(backToOwnKey(SCRATCH_ALIAS), elsewhere).conflicts, []);
    });
});

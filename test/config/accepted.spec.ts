// What a valid configuration becomes: defaults, resolved regions, parsed principals, and the
// shipped stack files.
import * as assert from "assert";
import * as path from "path";
import { loadStackConfig, parseStackConfig, rawProjectConfig } from "../../config";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { validConfig } from "./fixtures";

const PROJECT_DIR = path.resolve(__dirname, "../..");

describe("config: accepted inputs", () => {
    it("fills secure defaults for guardrails, bucket keys and key settings", () => {
        const config = parseStackConfig(validConfig());
        const curated = config.buckets[1];
        assert.deepStrictEqual(curated.guardrails, {
            encryptionHeader: "compatible",
            requireTls: true,
            denyWrongEncryptionHeaders: true,
            denyKmsHeaderWithoutKeyId: true,
            minimumTlsVersion: "1.2",
            denySigV2: true,
            denySseC: true,
        });
        assert.equal(curated.bucketKeyEnabled, true);
        assert.equal(curated.forceDestroy, false);
        assert.deepStrictEqual(curated.key, {
            kind: "own",
            spec: { alias: "alias/curated", administrators: [], administratorsMayDeleteKey: true, users: [], serviceUsers: [], deletionWindowInDays: 10, rootDelegation: true },
        });
        assert.equal(config.keys.shared.deletionWindowInDays, 30);
    });

    it("gives a bucket without key settings its own key with a derived alias", () => {
        const raw = validConfig();
        delete raw.buckets[1].key;
        const key = parseStackConfig(raw).buckets[1].key;
        assert.equal(key.kind, "own");
        assert.equal(key.kind === "own" && key.spec.alias, "alias/encrypted-buckets/curated");
    });

    it("resolves regions from the account and parses grant principals", () => {
        const config = parseStackConfig(validConfig());
        const raw = config.buckets[0];
        assert.equal(raw.region, "eu-west-1");
        assert.equal(config.keys.shared.region, "eu-west-1");
        assert.deepStrictEqual(
            raw.grants.map((g) => [g.principalAccountId, g.principalKind, g.crossAccount]),
            [
                ["111111111111", "role", false],
                ["333333333333", "role", true],
            ],
        );
        assert.equal(raw.replicas[0].region, "eu-central-1");
        assert.equal(raw.replicas[0].priority, 0);
        assert.equal(raw.replicas[0].deleteMarkerReplication, true);
    });

    it("protects buckets and keys by default, per stack and per bucket or key; replicas keep their own forceDestroy", () => {
        const defaults = parseStackConfig(validConfig());
        assert.equal(defaults.protect, true);
        assert.deepStrictEqual(defaults.buckets.map((b) => b.protect), [true, true]);
        assert.equal(defaults.keys["shared"].protect, true);
        const raw = validConfig();
        raw.protect = false;
        raw.buckets[0].protect = true;
        raw.keys!["shared"].protect = true;
        raw.buckets[0].forceDestroy = true;
        const c = parseStackConfig(raw);
        assert.deepStrictEqual(c.buckets.map((b) => b.protect), [true, false]);
        assert.equal(c.keys["shared"].protect, true);
        assert.equal(c.buckets[0].replicas[0].forceDestroy, false, "a replica never inherits its source's forceDestroy");
        assert.deepStrictEqual(c.buckets[1].acknowledge, { forceDestroy: false, replaceBucket: [], retireKey: [] });
    });

    it("turns delete-marker replication off by default for tag-filtered replicas", () => {
        const raw = validConfig();
        (raw.buckets[0].replicas as Record<string, unknown>[])[0].filter = { tags: { replicate: "yes" } };
        assert.equal(parseStackConfig(raw).buckets[0].replicas[0].deleteMarkerReplication, false);
    });

    for (const stack of ["dev", "prod"]) {
        it(`accepts Pulumi.${stack}.yaml and disables the default aws provider there`, () => {
            const file = readStackConfigFile(PROJECT_DIR, stack);
            const config = parseStackConfig(file.projectConfig);
            assert.ok(config.buckets.length >= 3);
            assert.deepStrictEqual(JSON.parse(file.engineConfig["pulumi:disable-default-providers"]), ["aws"]);
        });
    }

    it("dev covers the required scenarios: shared key, same- and cross-account grants, cross-account cross-region replica", () => {
        const config = parseStackConfig(readStackConfigFile(PROJECT_DIR, "dev").projectConfig);
        const grants = config.buckets.flatMap((b) => b.grants);
        assert.ok(grants.some((g) => !g.crossAccount), "a same-account grant");
        assert.ok(grants.some((g) => g.crossAccount && g.consumerAccount !== undefined), "a cross-account grant with a consumer provider");
        assert.ok(grants.some((g) => g.crossAccount && g.consumerAccount === undefined), "a cross-account grant exported as JSON");
        const sharedUses = config.buckets.filter((b) => b.key.kind === "shared").map((b) => b.key.kind === "shared" && b.key.name);
        assert.ok(sharedUses.length >= 2 && new Set(sharedUses).size < sharedUses.length, "one shared key serving two buckets");
        const replicated = config.buckets.find((b) =>
            b.replicas.some((r) => config.accounts[r.account].accountId !== config.accounts[b.account].accountId && r.region !== b.region),
        );
        assert.ok(replicated, "a cross-account, cross-region replica");
    });

    it("loads every encrypted-buckets:* key from engine config, JSON-decoding structured values", () => {
        const raw = validConfig();
        const engine: Record<string, string> = {
            "encrypted-buckets:accounts": JSON.stringify(raw.accounts),
            "encrypted-buckets:keys": JSON.stringify(raw.keys),
            "encrypted-buckets:buckets": JSON.stringify(raw.buckets),
            "aws:region": "eu-west-1",
        };
        assert.deepStrictEqual(Object.keys(rawProjectConfig(engine)).sort(), ["accounts", "buckets", "keys"]);
        assert.equal(loadStackConfig(engine).buckets.length, 2);
    });

    it("reports a misspelled namespace key from engine config", () => {
        const raw = validConfig();
        const engine = {
            "encrypted-buckets:accounts": JSON.stringify(raw.accounts),
            "encrypted-buckets:buckets": JSON.stringify(raw.buckets),
            "encrypted-buckets:key": JSON.stringify(raw.keys),
        };
        assert.throws(() => loadStackConfig(engine), /unknown setting "key"/);
    });
});

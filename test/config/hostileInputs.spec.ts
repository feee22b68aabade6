// Inputs users really write that the schema once accepted or answered with a misleading message: each
// is refused with its field path and the fix, before anything is registered (parseStackConfig is pure).
import * as assert from "assert";
import { ConfigError, loadStackConfig, parseStackConfig } from "../../config";
import { assertRejected, rejection, validConfig } from "./fixtures";

type Entry = Record<string, unknown>;
const bucket = (c: ReturnType<typeof validConfig>, i: number) => c.buckets[i] as Entry & { replicas: Entry[] };

describe("config: hostile and mistyped inputs", () => {
    describe("key: given as something other than a name, settings or an ARN", () => {
        for (const [what, value] of [
            ["a number", 5],
            ["a list", ["shared"]],
            ["a boolean", true],
        ] as const) {
            it(`${what} says what it is and the three forms, not "is missing"`, () => {
                const c = validConfig();
                bucket(c, 1).key = value;
                const error = rejection(c);
                const at = error.problems.filter((p) => p.path === "encrypted-buckets:buckets[1].key");
                assert.equal(at.length, 1, error.message);
                assert.doesNotMatch(at[0].message, /missing/);
                assert.match(at[0].message, /not a key\. Fix: name an entry of keys.*key settings.*arn:aws:kms/);
            });
        }
        it("a replica's key as a number is reported at the replica's path", () => {
            const c = validConfig();
            bucket(c, 0).replicas[0].key = 7;
            assertRejected(c, "buckets[0].replicas[0].key", /is 7, not a key\. Fix:/);
        });
        it("a wrong type inside key settings names the setting and its value", () => {
            const c = validConfig();
            bucket(c, 1).key = { alias: "alias/curated", rootDelegation: "yes" };
            assertRejected(c, "buckets[1].key.rootDelegation", /is "yes"\. Fix: pass true or false/);
        });
    });

    describe("names used as map keys (account aliases, shared key names)", () => {
        it("an account alias with upper case names the alias and suggests one", () => {
            const c = validConfig();
            c.accounts.Backup = c.accounts.backup;
            assertRejected(c, "accounts.Backup", /"Backup".*lower-case.*Fix: use a name such as "backup".*every reference/);
        });
        it("a shared key name with an underscore names the key and suggests one", () => {
            const c = validConfig();
            c.keys = { data_shared: { account: "data", alias: "alias/x" } };
            bucket(c, 0).key = "data_shared";
            assertRejected(c, "keys.data_shared", /"data_shared".*Fix: use a name such as "data-shared"/);
        });
        // The engine passes structured config as JSON text: JSON.parse keeps a `__proto__` key as an entry, and copying
        // it into another object would set that object's prototype instead (the entry gone, nothing said).
        for (const [what, json, at] of [
            ["an account alias", (t: string) => t.replace('"accounts":{', '"accounts":{"__proto__":{"accountId":"444444444444","region":"eu-west-1","roleArn":"arn:aws:iam::444444444444:role/x"},'), "accounts.__proto__"],
            ["a shared key name", (t: string) => t.replace('"keys":{', '"keys":{"__proto__":{"account":"data","alias":"alias/p"},'), "keys.__proto__"],
            ["a stack tag key", (t: string) => t.replace('"accounts":{', '"tags":{"team":"data","__proto__":"x"},"accounts":{'), "tags.__proto__"],
            ["a bucket tag key", (t: string) => t.replace('"name":"curated",', '"name":"curated","tags":{"__proto__":"x"},'), "buckets[1].tags.__proto__"],
        ] as const) {
            it(`${what} __proto__ (as JSON.parse gives it) is refused at its path, not dropped`, () => {
                const text = json(JSON.stringify(validConfig()));
                assert.ok(text.includes("__proto__"), "the edit applied");
                assertRejected(JSON.parse(text), at, /is a map key named __proto__.*dropped without a word\)\. Fix: give the entry another name/);
            });
        }
        it("a bucket's logical name states its value and a fix", () => {
            const c = validConfig();
            bucket(c, 0).name = "Raw Data";
            assertRejected(c, "buckets[0].name", /is "Raw Data".*Fix: use a name such as "raw-data"/);
        });
    });

    describe("serviceGrants[].sourceArn", () => {
        it("a mistyped Region in the ARN is refused (the condition would match no request)", () => {
            const c = validConfig();
            bucket(c, 0).serviceGrants = [{ service: "cloudtrail.amazonaws.com", sourceArn: "arn:aws:cloudtrail:eu-wst-1:111111111111:trail/org" }];
            assertRejected(c, "buckets[0].serviceGrants[0].sourceArn", /Region "eu-wst-1".*not an AWS Region.*Fix:/);
        });
        it("an empty Region (global resources) and a wildcard Region are accepted", () => {
            // Each with the service whose resource it names (a grant pinned to another service's ARN is refused: serviceGrants.spec.ts).
            for (const [service, sourceArn] of [
                ["cloudfront.amazonaws.com", "arn:aws:cloudfront::111111111111:distribution/E1"],
                ["delivery.logs.amazonaws.com", "arn:aws:logs:*:111111111111:log-group:audit"],
                ["cloudtrail.amazonaws.com", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/org"],
            ]) {
                const c = validConfig();
                bucket(c, 0).serviceGrants = [{ service, sourceArn }];
                assert.doesNotThrow(() => parseStackConfig(c), sourceArn);
            }
        });
    });

    describe("key description", () => {
        it("longer than KMS's 8192 characters is refused with its length", () => {
            const c = validConfig();
            c.keys = { shared: { account: "data", alias: "alias/shared", description: "d".repeat(8193) } };
            assertRejected(c, "keys.shared.description", /8193 characters.*at most 8192.*Fix: shorten it/);
        });
        it("8192 characters are accepted", () => {
            const c = validConfig();
            c.keys = { shared: { account: "data", alias: "alias/shared", description: "d".repeat(8192) } };
            assert.doesNotThrow(() => parseStackConfig(c));
        });
    });

    describe("lifecycle noncurrentVersionExpiration below the pack's retention minimum", () => {
        for (const days of [1, 6]) {
            it(`${days} day(s) is refused before registration, not by s3-lifecycle-noncurrent-retention at preview`, () => {
                const c = validConfig();
                bucket(c, 0).lifecycleRules = [{ id: "old-versions", noncurrentVersionExpiration: { days } }];
                assertRejected(c, "buckets[0].lifecycleRules[0].noncurrentVersionExpiration.days", /at least 7/);
            });
        }
        it("7 days is accepted", () => {
            const c = validConfig();
            bucket(c, 0).lifecycleRules = [{ id: "old-versions", noncurrentVersionExpiration: { days: 7 } }];
            assert.doesNotThrow(() => parseStackConfig(c));
        });
    });

    describe("acknowledgements name deployed things in their own format", () => {
        it("retireKey given an alias (never equal to a deployed key ARN) is refused", () => {
            const c = validConfig();
            bucket(c, 0).acknowledge = { retireKey: ["alias/shared"] };
            assertRejected(c, "buckets[0].acknowledge.retireKey[0]", /alias.*Fix: pass the key ARN/);
        });
        it("replaceBucket given something that is no bucket name is refused", () => {
            const c = validConfig();
            bucket(c, 0).acknowledge = { replaceBucket: ["Acme_Raw"] };
            assertRejected(c, "buckets[0].acknowledge.replaceBucket[0]", /not a valid S3 bucket name/);
        });
        it("a log bucket's replaceBucket is checked the same way", () => {
            const c = validConfig();
            c.logBuckets = [{ name: "logs", account: "data", acknowledge: { replaceBucket: ["x"] } }];
            assertRejected(c, "logBuckets[0].acknowledge.replaceBucket[0]", /not a valid S3 bucket name/);
        });
        it("a single string instead of a list says to write a list", () => {
            const c = validConfig();
            bucket(c, 0).acknowledge = { replaceBucket: "acme-raw" };
            assertRejected(c, "buckets[0].acknowledge.replaceBucket", /must be a list.*Fix: write it as a YAML list/);
        });
        it("valid entries are accepted", () => {
            const c = validConfig();
            bucket(c, 0).acknowledge = { replaceBucket: ["acme-raw"], retireKey: ["arn:aws:kms:eu-west-1:111111111111:key/0e0e0e0e-1111-4222-8333-444444444444"] };
            assert.doesNotThrow(() => parseStackConfig(c));
        });
    });

    describe("keys of this program under a misspelt namespace (engine config)", () => {
        const engine = (namespace: string, keys: string[]) => {
            const raw = validConfig() as Record<string, unknown>;
            const all: Record<string, string> = { "aws:region": "eu-west-1", "pulumi:tags": "{}" };
            for (const key of ["accounts", "keys", "buckets"]) all[`encrypted-buckets:${key}`] = JSON.stringify(raw[key]);
            for (const key of keys) {
                all[`${namespace}:${key}`] = JSON.stringify(raw[key] ?? true);
                if (key in raw) delete all[`encrypted-buckets:${key}`];
            }
            return all;
        };
        const problemsOf = (all: Record<string, string>) => {
            try {
                loadStackConfig(all);
            } catch (error) {
                if (error instanceof ConfigError) return error.problems;
                throw error;
            }
            return assert.fail("accepted");
        };

        it("an optional key (protect) is reported, not silently left at its default", () => {
            const problems = problemsOf(engine("encrypted-bucket", ["protect"]));
            assert.deepStrictEqual(problems.map((p) => p.path), ["encrypted-bucket:protect"]);
            assert.match(problems[0].message, /namespace "encrypted-bucket".*Fix: rename the key to encrypted-buckets:protect/);
        });
        it("a required key under it is reported next to the missing key it explains", () => {
            const problems = problemsOf(engine("encryptedBuckets", ["buckets"]));
            assert.deepStrictEqual(problems.map((p) => p.path), ["encryptedBuckets:buckets", "encrypted-buckets:buckets"]);
        });
        it("other programs' namespaces (aws, pulumi) are left alone", () => {
            assert.equal(loadStackConfig(engine("encrypted-buckets", [])).buckets.length, 2);
        });
    });

    describe("shape errors say the fix, not only what was expected", () => {
        const cases: Array<[string, (c: ReturnType<typeof validConfig>) => void, string]> = [
            ["grants given as one object", (c) => (bucket(c, 0).grants = { principal: "arn:aws:iam::111111111111:role/x", access: "read" }), "buckets[0].grants"],
            ["replicas given as a string", (c) => (bucket(c, 0).replicas = "backup" as never), "buckets[0].replicas"],
            ["no bucket", (c) => (c.buckets = []), "buckets"],
            ["buckets given as a map", (c) => (c.buckets = { raw: {} } as never), "buckets"],
            ["no account", (c) => (c.accounts = {}), "accounts"],
            ["accounts given as a list", (c) => (c.accounts = [] as never), "accounts"],
            ["a session name with a space", (c) => (c.accounts.data.sessionName = "deploy me"), "accounts.data.sessionName"],
            ["a one-character external id", (c) => (c.accounts.data.externalId = "x"), "accounts.data.externalId"],
        ];
        for (const [what, edit, path] of cases) {
            it(what, () => {
                const c = validConfig();
                edit(c);
                assertRejected(c, path, /Fix: /);
            });
        }
    });
});

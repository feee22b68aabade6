// The harness must behave like @pulumi/policy's analyzer server, for any policy list.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { Policies, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { Key } from "@pulumi/aws/kms/key";
import { evaluateExportFile, evaluatePolicies, ExportReadError, loadExport, parseExport } from "../../policypack/harness";
import { ConfigError, configWarnings, loadConfigFile } from "../../policypack/harness/config";
import { policies as packPolicies } from "../../policypack/policies";
import { secureBucket } from "./support/scenarios";
import { StackBuilder, T } from "./support/stackBuilder";

const REPO = path.resolve(__dirname, "../..");

function tmpFile(name: string, content: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-"));
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
}

function stack(): StackBuilder {
    const b = new StackBuilder();
    secureBucket(b, "data");
    b.add(T.key, "unrotated", { description: "no rotation setting" });
    return b;
}

describe("harness: server semantics", () => {
    const everyKey: ResourceValidationPolicy = {
        name: "every-key", description: "Keys are reported.", enforcementLevel: "advisory",
        validateResource: (args, report) => {
            if (args.type !== T.key) {
                args.notApplicable();
            }
            report(`key ${args.name} in ${String(args.provider?.props["region"])}`);
        },
    };

    it("runs resource policies on inputs with the provider, message = description + newline + reason", async () => {
        const vs = await evaluatePolicies([everyKey], stack().build());
        assert.deepStrictEqual(vs.map((v) => v.message), ["Keys are reported.\nkey data-key in eu-west-1", "Keys are reported.\nkey unrotated in eu-west-1"]);
        assert.ok(vs.every((v) => v.urn.includes("aws:kms/key:Key::")));
    });

    it("effective level: config policy entry > \"all\" > policy level > pack default", async () => {
        const noLevel: ResourceValidationPolicy = { ...everyKey, name: "no-level", enforcementLevel: undefined };
        const levels = async (config: Record<string, unknown>, packLevel?: "mandatory") =>
            (await evaluatePolicies([everyKey, noLevel], stack().build(), { config: config as never, enforcementLevel: packLevel }))
                .map((v) => `${v.policyName}:${v.enforcementLevel}`).filter((x, i, a) => a.indexOf(x) === i);
        assert.deepStrictEqual(await levels({}), ["every-key:advisory", "no-level:advisory"]);
        assert.deepStrictEqual(await levels({}, "mandatory"), ["every-key:advisory", "no-level:mandatory"]);
        assert.deepStrictEqual(await levels({ all: "mandatory", "no-level": "advisory" }), ["every-key:mandatory", "no-level:advisory"]);
        assert.deepStrictEqual(await levels({ "every-key": { enforcementLevel: "disabled" } }), ["no-level:advisory"]);
    });

    it("typed validators skip other types (the __pulumiType fast path) and see typed props", async () => {
        const calls: string[] = [];
        const typed: ResourceValidationPolicy = {
            name: "typed", description: "typed",
            validateResource: validateResourceOfType(Key, (key, args) => { calls.push(`${args.name}:${String(key.enableKeyRotation)}`); }),
        };
        await evaluatePolicies([typed], stack().build());
        assert.deepStrictEqual(calls, ["data-key:true", "unrotated:undefined"]);
    });

    it("stack policies get outputs and resolved parent / dependencies / propertyDependencies", async () => {
        const seen: string[] = [];
        const probe: StackValidationPolicy = {
            name: "probe", description: "probe",
            validateStack: (args) => {
                const sse = args.resources.find((r) => r.type === T.sse);
                seen.push(String(sse?.propertyDependencies["bucket"]?.[0]?.type));
                seen.push(String(sse?.dependencies.length));
                const key = args.resources.find((r) => r.name === "data-key");
                seen.push(String((key?.props as Record<string, unknown>)["arn"]).slice(0, 12));
            },
        };
        await evaluatePolicies([probe], stack().build());
        assert.deepStrictEqual(seen, [T.bucket, "2", "arn:aws:kms:"]);
    });

    it("an unknown read downgrades the policy to an advisory \"can't run ... during preview\"", async () => {
        const naive: Policies = [{
            name: "naive", description: "naive", enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                for (const r of args.resources) {
                    if (r.type === T.key && !(r.props as Record<string, unknown>)["arn"]) {
                        report("no arn", r.urn);
                    }
                }
            },
        }];
        const vs = await evaluatePolicies(naive, stack().build(), { preview: true, packName: "p", packVersion: "1.0.0" });
        assert.strictEqual(vs.length, 1);
        assert.strictEqual(vs[0].enforcementLevel, "advisory");
        assert.match(vs[0].message, /^can't run policy 'naive' from policy pack 'p@v1.0.0' during preview: string value at \.arn can't be known during preview/);
    });

    it("a policy that throws is an error, not a pass", async () => {
        const broken: Policies = [{ name: "broken", description: "broken", validateStack: () => { throw new Error("boom"); } }];
        await assert.rejects(evaluatePolicies(broken, stack().build()), /policy 'broken'.*boom/s);
    });

    it("a config the CLI's schema validation refuses is refused before anything runs, naming the policy, the property, the value and what its schema accepts", async () => {
        const refused = async (config: Record<string, unknown>): Promise<string> => {
            try {
                await evaluatePolicies(packPolicies, stack().build(), { config: config as never });
            } catch (e) {
                assert.ok(e instanceof ConfigError, String(e));
                return e.message;
            }
            return "accepted";
        };
        assert.match(await refused({ "kms-key-deletion-window": { minimumDays: "14" } }), /kms-key-deletion-window: minimumDays must be integer \(given "14"\); fix: give kms-key-deletion-window\.minimumDays a value of this schema: \{"type":"integer","minimum":7,"maximum":30\}/);
        assert.match(await refused({ "kms-key-deletion-window": { minimumDays: 3 } }), /minimumDays must be >= 7 \(given 3\)/);
        assert.match(await refused({ "s3-bucket-sse-key-allowlist": { allowedKeyArns: "arn:aws:kms:*:111122223333:key/*" } }), /s3-bucket-sse-key-allowlist: allowedKeyArns must be array/);
        assert.match(await refused({ "kms-grant-in-account": { allowedAccountIds: ["12"] } }), /allowedAccountIds\[0\] must match pattern/);
        assert.match(await refused({ "s3-bucket-policy-require-sse-kms": { mode: "strict-ish" } }), /mode must be equal to one of the allowed values \(given "strict-ish"\)/);
        assert.match(await refused({ "s3-bucket-sse-kms": { exemptTags: { team: 1 } } }), /s3-bucket-sse-kms: exemptTags\.team must be string/);
        // What the schemas accept runs; unknown properties and policies are left alone, as the CLI leaves them.
        for (const ok of [{}, { "kms-key-deletion-window": { minimumDays: 14 } }, { "s3-bucket-policy-require-sse-kms": { mode: "strict-with-key", note: "x" } }, { "no-such-policy": "mandatory" }]) {
            assert.strictEqual(await refused(ok), "accepted", JSON.stringify(ok));
        }
    });

    it("a config file is read as Pulumi CLI 3.276 reads it: empty is none, version 2 nests policies, entries are levels or objects", async () => {
        const load = (text: string) => loadConfigFile(tmpFile("c.json", text));
        assert.deepStrictEqual(load(" \n"), {});
        assert.deepStrictEqual(load(JSON.stringify({ environments: ["org/env"], "kms-key-protected": "mandatory" })), { "kms-key-protected": "mandatory" });
        assert.deepStrictEqual(load(JSON.stringify({ version: 2, environments: ["e"], policies: { "kms-key-deletion-window": { minimumDays: 14 } } })), { "kms-key-deletion-window": { minimumDays: 14 } });
        // "version" that is not a number is a policy name, as the CLI reads it.
        assert.deepStrictEqual(load(JSON.stringify({ version: "advisory" })), { version: "advisory" });
        assert.throws(() => load(JSON.stringify({ version: 3, policies: {} })), /"version" must be 2 \(given 3\)/);
        assert.throws(() => load(JSON.stringify({ environments: "org/env" })), /"environments" must be an array of strings/);
        // Exceptions change which violations fail a run: refused, not silently judged otherwise than the CLI.
        const exception = { grant: { reason: "reviewed", match: [{ policies: ["kms-grant-in-account"], targets: ["urn:pulumi:dev::app::aws:kms/grant:Grant::g"] }] } };
        assert.throws(() => load(JSON.stringify({ version: 2, policies: {}, exceptions: exception })), /"exceptions" \(policy exceptions\) are applied by the Pulumi CLI, not by this checker.*Fix: check this config with `pulumi policy analyze/);
        assert.deepStrictEqual(load(JSON.stringify({ version: 2, policies: { all: "advisory" }, exceptions: {} })), { all: "advisory" });
        // The CLI refuses an entry that is neither a level nor an object, and an unknown policy's properties without a level.
        for (const [entry, message] of [[null, /kms-key-deletion-window: null is not a valid value/], [7, /7 is not a valid value; it must be an enforcement level or an object/], [[], /\[\] is not a valid value/]] as const) {
            await assert.rejects(evaluatePolicies(packPolicies, stack().build(), { config: { "kms-key-deletion-window": entry } as never }), message);
        }
        await assert.rejects(evaluatePolicies(packPolicies, stack().build(), { config: { "kms-key-deletion-windows": { minimumDays: 14 } } as never }), /kms-key-deletion-windows: not a policy of this pack.*invalid enforcement level/);
    });

    it("warns about what the CLI silently ignores: an unknown policy, a property the policy's schema doesn't declare", () => {
        assert.deepStrictEqual(configWarnings(packPolicies, { all: "mandatory", "kms-key-deletion-window": { minimumDays: 14, enforcementLevel: "mandatory" } }), []);
        const warnings = configWarnings(packPolicies, { "kms-key-protect": "mandatory", "kms-key-deletion-window": { minimumDay: 14 } } as never);
        assert.deepStrictEqual(warnings, [
            "\"kms-key-protect\" is not a policy of this pack: its entry is ignored (by the Pulumi CLI too). Fix: use one of the names in docs/policies.md",
            "kms-key-deletion-window.minimumDay is not a property of this policy (it has minimumDays, exemptTags): it is ignored (by the Pulumi CLI too). Fix: correct the name",
        ]);
    });

    it("at level remediate, a state is judged as `pulumi policy analyze` judges it (the fix reported, the resource as it is: mandatory), a preview on the remediated inputs", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.sse, (p) => {
            for (const rule of p["rules"] as Record<string, unknown>[]) {
                delete rule["bucketKeyEnabled"];
            }
        });
        const config = { "s3-bucket-key-enabled": "remediate" } as const;
        for (const preview of [false, true]) {
            const remediated: string[] = [];
            const vs = await evaluatePolicies(packPolicies, b.build(), { config, preview, onRemediation: (r) => remediated.push(r.policyName) });
            assert.deepStrictEqual(remediated, ["s3-bucket-key-enabled"], `preview ${preview}`);
            const keyEnabled = vs.filter((v) => v.policyName === "s3-bucket-key-enabled").map((v) => v.enforcementLevel);
            assert.deepStrictEqual(keyEnabled, preview ? [] : ["mandatory"], `preview ${preview}`);
        }
    });

    it("loadExport reads v3 exports, skips pending deletes, and rejects garbage", () => {
        const file = tmpFile("s.json", stack().exportJson());
        assert.ok(loadExport(file).length > 5);
        assert.throws(() => parseExport("{nope"), ExportReadError);
        assert.throws(() => parseExport(JSON.stringify({ version: 2, deployment: { resources: [] } })), /version 2/);
        assert.deepStrictEqual(parseExport(JSON.stringify({ version: 3, deployment: { resources: [{ urn: "u", type: "t", delete: true }] } })), []);
        assert.throws(() => loadExport("/nonexistent/file.json"), ExportReadError);
    });

    it("a resource the program only reads (`.get`, `external` in the export) is not judged, as the engine sends none to a pack during preview or up; configuration the stack writes for it still is", async () => {
        const exportWithRead = (external: boolean, withPolicy: boolean): string => {
            const b = new StackBuilder();
            secureBucket(b, "data");
            // What `aws.s3.Bucket.get("legacy", "legacy-logs")` records: no inputs of its own, AWS's read-back as outputs.
            const legacy = b.add(T.bucket, "legacy", {}, { outputs: {
                bucket: "legacy-logs", arn: "arn:aws:s3:::legacy-logs",
                serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
            } });
            if (withPolicy) {
                b.add(T.bucketPolicy, "legacy-policy", { bucket: "legacy-logs", policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
            }
            const json = JSON.parse(b.exportJson()) as { deployment: { resources: { urn: string; external?: boolean; inputs?: object }[] } };
            for (const r of json.deployment.resources) {
                if (r.urn === legacy && external) {
                    r.external = true;
                    r.inputs = {};
                }
            }
            return JSON.stringify(json);
        };
        const mandatory = async (text: string): Promise<string[]> =>
            (await evaluateExportFile(tmpFile("read.json", text))).filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policyName} ${v.urn.split("::").pop()}`).sort();
        assert.deepStrictEqual(await mandatory(exportWithRead(true, false)), []);
        // The same bucket managed by the stack is judged: the filter is on `external`, not on the bucket's shape.
        assert.ok((await mandatory(exportWithRead(false, false))).includes("s3-bucket-sse-kms legacy"));
        // A bucket policy the stack writes for the read bucket, without a TLS deny, is still the stack's to fix.
        assert.ok((await mandatory(exportWithRead(true, true))).includes("s3-bucket-policy-deny-insecure-transport legacy-policy"));
    });

    it("unwraps plaintext secrets; an encrypted one the policy must read is a \"cannot verify\", not a pass", async () => {
        const b = new StackBuilder();
        b.add(T.key, "k", { enableKeyRotation: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "false" } });
        b.add(T.key, "c", { enableKeyRotation: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "AAAA" } });
        const file = tmpFile("secrets.json", b.exportJson());
        const vs = await evaluateExportFile(file);
        assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn.split("::").pop()}`), ["kms-key-rotation-enabled k", "kms-key-rotation-enabled c"]);
        assert.match(vs[1].message, /cannot verify: Key "c" has enableKeyRotation as an encrypted secret/);
    });
});

describe("harness: guardrails CLI", () => {
    function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
        const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "policypack/harness/cli.ts", ...args], { cwd: REPO, encoding: "utf8" });
        return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    }

    it("exit 0 on a clean export, 1 on a mandatory violation, --json lists violations per file", () => {
        const clean = new StackBuilder();
        secureBucket(clean, "data");
        const good = tmpFile("good.json", clean.exportJson());
        const bad = tmpFile("bad.json", stack().exportJson());
        const r = cli(["--json", good, bad]);
        assert.strictEqual(r.status, 1, r.stderr);
        const parsed = JSON.parse(r.stdout) as { file: string; violations: { policyName: string; enforcementLevel: string; urn: string; message: string }[] }[];
        assert.deepStrictEqual(parsed.map((f) => [f.file, f.violations.length]), [[good, 0], [bad, 1]]);
        assert.deepStrictEqual(Object.keys(parsed[1].violations[0]).sort(), ["enforcementLevel", "message", "policyName", "urn"]);
        assert.strictEqual(parsed[1].violations[0].policyName, "kms-key-rotation-enabled");
        const text = cli([bad]);
        assert.match(text.stdout, /\[mandatory\] kms-key-rotation-enabled {2}urn:pulumi:dev::app::aws:kms\/key:Key::unrotated/);
    });

    it("--config downgrades levels (exit 0) and exit 2 on unreadable input", () => {
        const bad = tmpFile("bad.json", stack().exportJson());
        const config = tmpFile("config.json", JSON.stringify({ "kms-key-rotation-enabled": { enforcementLevel: "advisory" } }));
        assert.strictEqual(cli(["--config", config, bad]).status, 0);
        assert.strictEqual(cli([bad, "/nonexistent.json"]).status, 2);
        assert.strictEqual(cli([]).status, 2);
    });

    it("--config prints a warning for each entry the CLI ignores, and still judges", () => {
        const bad = tmpFile("bad.json", stack().exportJson());
        const config = tmpFile("config.json", JSON.stringify({ "kms-key-rotation-enabled": { enforcementLevel: "advisory", exemptTag: { a: "b" } } }));
        const r = cli(["--config", config, bad]);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stderr, /guardrails: warning: .*config\.json: kms-key-rotation-enabled\.exemptTag is not a property of this policy \(it has exemptTags\)/);
    });
});

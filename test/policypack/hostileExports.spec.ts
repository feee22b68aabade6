// The offline checker fails closed: anything that is not a stack export is exit 2 with a one-line reason,
// and no input, however mangled, ends in a stack trace. A seeded, bounded fuzzer mutates a real export.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { evaluatePolicies, ExportReadError, packPolicies, parseExport } from "../../policypack/harness";
import { prng } from "./support/prng";
import { replicatedPair } from "./support/scenarios";

const REPO = path.resolve(__dirname, "../..");

function deep(levels: number): unknown {
    let v: unknown = "leaf";
    for (let i = 0; i < levels; i++) {
        v = i % 2 === 0 ? [v] : { k: v };
    }
    return v;
}

const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };

/** Values a mangled export may hold where a well-formed one has something else. */
function hostileValue(rand: () => number): unknown {
    const pool: (() => unknown)[] = [
        () => null, () => 0, () => -1, () => 1e308, () => true, () => "", () => "*", () => "not-json{",
        () => [], () => ({}), () => [null], () => ({ "": null }), () => UNKNOWN_SENTINEL, () => SECRET,
        () => ({ ...SECRET, plaintext: "\"x\"" }), () => deep(50 + Math.floor(rand() * 400)),
        () => "urn:pulumi:dev::app::aws:s3/bucket:Bucket::x", () => ({ Statement: "nope" }), () => "{\"Statement\":[{\"Effect\":7}]}",
        () => ["a", 1, null, {}], () => ({ __proto__: { polluted: true } }), () => ({ constructor: "x", toString: 1 }),
    ];
    return pool[Math.floor(rand() * pool.length)]();
}

/** Every container path of `root`, for picking a mutation site. */
function paths(root: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(at);
    if (root !== null && typeof root === "object") {
        for (const [k, v] of Object.entries(root)) {
            paths(v, [...at, Array.isArray(root) ? Number(k) : k], out);
        }
    }
    return out;
}

function mutate(doc: unknown, rand: () => number): unknown {
    const copy = JSON.parse(JSON.stringify(doc)) as unknown;
    const all = paths(copy).filter((p) => p.length > 0);
    const edits = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < edits; i++) {
        const p = all[Math.floor(rand() * all.length)];
        let parent = copy as Record<string | number, unknown>;
        for (const step of p.slice(0, -1)) {
            parent = parent?.[step] as Record<string | number, unknown>;
        }
        if (parent === null || typeof parent !== "object") {
            continue;
        }
        const last = p[p.length - 1];
        if (rand() < 0.2) {
            delete parent[last];
        } else {
            parent[last] = hostileValue(rand);
        }
    }
    return copy;
}

describe("guardrails on hostile input", () => {
    it("a seeded fuzzer (300 mutations of a replicated stack's export): ExportReadError or a verdict, never another exception", async function () {
        this.timeout(120000);
        const base = JSON.parse(replicatedPair({ crossAccount: true }).b.exportJson()) as unknown;
        const seed = 20261203;
        const rand = prng(seed);
        let rejected = 0;
        let judged = 0;
        for (let i = 0; i < 300; i++) {
            const text = JSON.stringify(mutate(base, rand));
            let resources;
            try {
                resources = parseExport(text, `case ${i}`);
            } catch (e) {
                assert.ok(e instanceof ExportReadError, `seed ${seed} case ${i}: parseExport threw ${String((e as Error)?.stack ?? e)}\n${text.slice(0, 2000)}`);
                rejected++;
                continue;
            }
            for (const preview of [false, true]) {
                try {
                    await evaluatePolicies(packPolicies, resources, { enforcementLevel: "mandatory", preview });
                } catch (e) {
                    assert.fail(`seed ${seed} case ${i} (preview ${preview}): evaluation threw ${String((e as Error)?.stack ?? e)}\n${text.slice(0, 2000)}`);
                }
            }
            judged++;
        }
        // Both outcomes are exercised: the mutations are not all fatal, nor all harmless.
        assert.ok(rejected > 20 && judged > 20, `rejected ${rejected}, judged ${judged}`);
    });

    it("exit 2 with one line per file, and no stack trace, on every document that is not a stack export", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-hostile-"));
        const cases: Record<string, string> = {
            "array.json": "[]",
            "empty-object.json": "{}",
            "stack-output.json": JSON.stringify({ bucketName: "data-1234", keyArn: "arn:aws:kms:eu-west-1:111111111111:key/x" }),
            "preview.json": JSON.stringify({ config: {}, steps: [{ op: "create", urn: "urn:pulumi:dev::app::aws:s3/bucket:Bucket::data" }], changeSummary: { create: 1 } }),
            "null-deployment.json": JSON.stringify({ version: 3, deployment: null }),
            "string-version.json": JSON.stringify({ version: "3", deployment: { resources: [] } }),
            "bad-dependencies.json": JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:dev::app::t::a", type: "t", dependencies: "urn:x" }] } }),
            "bad-property-dependencies.json": JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:dev::app::t::a", type: "t", propertyDependencies: { bucket: "urn:x" } }] } }),
            "bad-provider.json": JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:dev::app::t::a", type: "t", provider: { urn: "x" } }] } }),
            "deep.json": JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:dev::app::t::a", type: "t", inputs: { x: deep(1000) } }] } }),
            "not-json.json": "{\"version\": 3,",
        };
        const files = Object.entries(cases).map(([name, text]) => {
            const file = path.join(dir, name);
            fs.writeFileSync(file, text);
            return file;
        });
        const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "policypack/harness/cli.ts", ...files], { cwd: REPO, encoding: "utf8" });
        assert.strictEqual(r.status, 2, r.stdout + r.stderr);
        assert.strictEqual(r.stdout, "", "nothing may be reported as judged");
        const lines = r.stderr.trim().split("\n");
        assert.strictEqual(lines.length, files.length, r.stderr);
        for (const file of files) {
            assert.ok(lines.some((l) => l.startsWith(`guardrails: ${file}: `)), `no message for ${file}:\n${r.stderr}`);
        }
        assert.doesNotMatch(r.stderr, /\n\s+at /, "a stack trace was printed");
    });
});

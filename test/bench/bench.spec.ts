// Smoke test for bench/: the generator's stacks are well-formed and deterministic, and a whole bench run
// on tiny sizes writes a report whose tables are well-formed. No timings are asserted: on a shared 2-core
// machine they mean nothing in a test, which is why the benchmarks report ratios instead.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runBench } from "../../bench/run";
import { renderTable } from "../../bench/framework/markdownTable";
import { parseReport, renderReport, RunDescription, storeSection } from "../../bench/framework/report";
import { BenchmarkSection } from "../../bench/framework/section";
import { median, pairedRatio, summarize } from "../../bench/framework/stats";
import { generateStack } from "../../bench/stacks/generate";
import { loadPack } from "../../bench/packEval/packs";
import { splitAtStackPolicies } from "../../bench/packEval/phaseSplit";
import { evaluatePolicies } from "../../policypack/harness";
import * as stackIndexModule from "../../policypack/model/stackIndex";

const EXPECTED_TYPES = [
    "pulumi:providers:aws",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:kms/key:Key",
    "aws:kms/keyPolicy:KeyPolicy",
    "aws:kms/alias:Alias",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
];

/** Groups consecutive `|` lines into tables and checks each has a header, a separator and even rows. */
function assertWellFormedTables(markdown: string): number {
    const tables: string[][] = [];
    let current: string[] | undefined;
    for (const line of markdown.split("\n")) {
        if (line.startsWith("|")) {
            current ??= [];
            current.push(line);
        } else if (current !== undefined) {
            tables.push(current);
            current = undefined;
        }
    }
    if (current !== undefined) {
        tables.push(current);
    }
    const cells = (line: string): string[] => line.replace(/\\\|/g, "").split("|").slice(1, -1);
    for (const table of tables) {
        assert.ok(table.length >= 3, `a table needs a header, a separator and at least one row:\n${table.join("\n")}`);
        const width = cells(table[0]).length;
        assert.ok(cells(table[1]).every((cell) => /^\s*---\s*$/.test(cell)), `second line is not a separator: ${table[1]}`);
        for (const row of table) {
            assert.equal(cells(row).length, width, `row width differs from the header's:\n${row}`);
        }
    }
    return tables.length;
}

describe("bench", function () {
    describe("synthetic stack generator", function () {
        const stack = generateStack({ resourceCount: 2_000, seed: 7 });

        it("is deterministic for a seed and differs across seeds", function () {
            assert.equal(JSON.stringify(generateStack({ resourceCount: 2_000, seed: 7 }).stackExport), JSON.stringify(stack.stackExport));
            assert.notEqual(JSON.stringify(generateStack({ resourceCount: 2_000, seed: 8 }).stackExport), JSON.stringify(stack.stackExport));
        });

        it("has at least the requested resources, of every type users write", function () {
            assert.ok(stack.resources.length >= 2_000);
            const types = new Set(stack.resources.map((resource) => resource.type));
            for (const type of EXPECTED_TYPES) {
                assert.ok(types.has(type), `no ${type} in the stack`);
            }
        });

        it("wires URNs, providers and property dependencies to resources that exist", function () {
            const urns = new Set(stack.resources.map((resource) => resource.urn));
            assert.equal(urns.size, stack.resources.length, "URNs are not unique");
            for (const resource of stack.resources) {
                for (const dependency of [...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()]) {
                    assert.ok(urns.has(dependency), `${resource.urn} depends on missing ${dependency}`);
                }
                if (resource.provider !== undefined) {
                    const at = resource.provider.lastIndexOf("::");
                    assert.ok(urns.has(resource.provider.slice(0, at)), `${resource.urn} has a dangling provider`);
                }
            }
            const sse = stack.resources.find((r) => r.type.startsWith("aws:s3/bucketServerSideEncryptionConfiguration") && r.propertyDependencies.rules.length > 0);
            assert.ok(sse?.propertyDependencies.bucket[0].includes("aws:s3/bucket:Bucket"));
            assert.ok(sse?.propertyDependencies.rules[0].includes("aws:kms/key:Key"));
        });

        it("plants one mistake in about a tenth of the buckets, in several ways", function () {
            const share = stack.planted.length / stack.bucketCount;
            assert.ok(share > 0.04 && share < 0.2, `misconfigured share ${share}`);
            assert.ok(new Set(stack.planted.map((p) => p.kind)).size >= 5);
        });
    });

    describe("benchmark 1's reference packs", function () {
        const countStack = (policies: ReturnType<typeof loadPack>): number => policies.filter((p) => "validateStack" in p).length;

        it("shape every no-op floor like ours: per policy, a resource part and a stack part where ours has one", function () {
            const ours = loadPack("ours");
            const kinds = (policies: ReturnType<typeof loadPack>): string[] =>
                policies.map((p) => `${"validateResource" in p ? "resource" : ""}+${"validateStack" in p ? "stack" : ""}`);
            assert.ok(kinds(ours).includes("resource+stack"), "ours has no policy with both parts: the test no longer shows the mirroring");
            for (const variant of ["noopShaped", "parseShaped", "indexShaped"] as const) {
                const floor = loadPack(variant);
                assert.equal(floor.length, ours.length, variant);
                assert.equal(countStack(floor), countStack(ours), variant);
                assert.deepStrictEqual(kinds(floor), kinds(ours), variant);
                assert.equal(new Set(floor.map((p) => p.name)).size, floor.length, `${variant} repeats a policy name`);
            }
        });

        it("parse each distinct policy document once in the parsing floor, and none in the plain one", async function () {
            const stack = generateStack({ resourceCount: 300, seed: 11 });
            const distinct = new Set<string>();
            for (const r of stack.resources) {
                for (const key of ["policy", "assumeRolePolicy"]) {
                    const text = r.outputs[key] ?? r.inputs[key];
                    if (typeof text === "string") {
                        distinct.add(text);
                    }
                }
            }
            const parses = async (variant: "noopShaped" | "parseShaped"): Promise<number> => {
                const parse = JSON.parse;
                let count = 0;
                JSON.parse = (text: string, reviver?: Parameters<typeof JSON.parse>[1]): unknown => {
                    count += distinct.has(text) ? 1 : 0;
                    return parse(text, reviver);
                };
                try {
                    await evaluatePolicies(loadPack(variant), stack.resources, {});
                } finally {
                    JSON.parse = parse;
                }
                return count;
            };
            assert.ok(distinct.size > 20, `only ${distinct.size} documents in the stack`);
            assert.equal(await parses("parseShaped"), distinct.size);
            assert.equal(await parses("noopShaped"), 0);
        });
    });

    describe("benchmark 1's index floor", function () {
        it("builds our stack index once per evaluation and reports nothing", async function () {
            const stack = generateStack({ resourceCount: 300, seed: 11 });
            const builds: number[] = [];
            // The index cache calls the module's export at run time, so replacing the export counts the builds.
            const exports = stackIndexModule as { buildStackIndex: typeof stackIndexModule.buildStackIndex };
            const build = exports.buildStackIndex;
            exports.buildStackIndex = (resources) => {
                const index = build(resources);
                builds.push(index.buckets.length);
                return index;
            };
            try {
                assert.deepEqual(await evaluatePolicies(loadPack("indexShaped"), stack.resources, {}), []);
            } finally {
                exports.buildStackIndex = build;
            }
            assert.deepEqual(builds, [stack.bucketCount]);
        });
    });

    describe("framework", function () {
        it("summarises runs as median and range, and pairs ratios round by round", function () {
            assert.equal(median([5, 1, 3]), 3);
            assert.equal(median([4, 1, 3, 2]), 2.5);
            assert.deepEqual(summarize([2, 9, 4]), { median: 4, min: 2, max: 9, runs: 3 });
            assert.deepEqual(pairedRatio([2, 6], [1, 2]), { median: 2.5, min: 2, max: 3, runs: 2 });
        });

        it("escapes pipes in table cells", function () {
            assert.equal(assertWellFormedTables(renderTable({ headers: ["a", "b"], rows: [["x | y", "z"]] }) + "\n"), 1);
        });
    });

    describe("benchmark 1's phase split", function () {
        it("counts each collection in the part where it started, and everything before the stack policies when there are none", function () {
            const pauses = [
                { startTime: 5, duration: 2, kind: "minor" as const },
                { startTime: 40, duration: 3, kind: "minor" as const },
                { startTime: 60, duration: 10, kind: "major" as const },
                { startTime: 120, duration: 1, kind: "minor" as const },
            ];
            const split = splitAtStackPolicies(0, 50, 100, pauses);
            assert.deepEqual(split.beforeStackPolicies, { ms: 50, gcMs: 5, minor: 2, major: 0 });
            assert.deepEqual(split.stackPolicies, { ms: 50, gcMs: 10, minor: 0, major: 1 });
            const none = splitAtStackPolicies(0, undefined, 100, pauses);
            assert.deepEqual(none.beforeStackPolicies, { ms: 100, gcMs: 15, minor: 2, major: 1 });
            assert.deepEqual(none.stackPolicies, { ms: 0, gcMs: 0, minor: 0, major: 0 });
        });
    });

    describe("report", function () {
        const run = (commit: string, mode: string): RunDescription => ({
            mode, startedAt: new Date("2026-12-03T12:00:00Z"), durationSeconds: 75, command: "npm run bench", typicalDuration: "a minute", commit,
            load: { atStart: 1, atEnd: 2, median: 1.5, max: 3.25 },
        });
        const section = (title: string, figure: string, target: string): BenchmarkSection => ({
            title, method: "How it is measured.", tables: [{ headers: ["variant", "time"], rows: [["ours", figure]] }],
            targets: [{ target, measured: figure, cpuMeasured: figure, verdict: "met" }], notMeasured: [], notes: [],
        });
        const first = renderReport([
            storeSection("packEval", section("1. Pack evaluation", "1.40×", "pack ≤ 1.5×"), run("aaaaaaa", "full")),
            storeSection("policyAnalyze", section("4. Policy analyze", "1.10×", "analyze ≤ 1.05×"), run("aaaaaaa", "full")),
        ]);

        it("says in each section which run made it: commit, mode and load average", function () {
            assert.match(first, /## 1\. Pack evaluation\n\n- run: \*\*full\*\* mode, 2026-12-03T12:00:00\.000Z, commit aaaaaaa,/);
            assert.match(first, /load average \(1 min\) 1\.0 at start, 2\.0 at end, median 1\.5 and max 3\.3 during the run/);
            assert.deepEqual(parseReport(first).map((s) => s.name), ["packEval", "policyAnalyze"]);
            assertWellFormedTables(first);
        });

        it("replaces only the sections of a run with --only, keeping the others' figures, run lines and targets, in section order", function () {
            const merged = renderReport([
                storeSection("cliPreview", section("3. Preview", "1.01×", "preview ≤ 1.02×"), run("bbbbbbb", "full")),
                storeSection("packEval", section("1. Pack evaluation", "1.30×", "pack ≤ 1.5×"), run("bbbbbbb", "quick")),
            ], first);
            const sections = parseReport(merged);
            assert.deepEqual(sections.map((s) => s.name), ["packEval", "cliPreview", "policyAnalyze"]);
            assert.match(sections[0].markdown, /commit bbbbbbb/);
            assert.match(sections[0].markdown, /\| ours \| 1\.30× \|/);
            assert.doesNotMatch(merged, /1\.40×/);
            assert.match(sections[2].markdown, /commit aaaaaaa/);
            assert.match(sections[2].markdown, /\| ours \| 1\.10× \|/);
            const targetRows = merged.split("\n").filter((line) => /^\| \d \|/.test(line));
            assert.deepEqual(targetRows.map((line) => line.split(" | ")[1]), ["pack ≤ 1.5×", "preview ≤ 1.02×", "analyze ≤ 1.05×"]);
            assertWellFormedTables(merged);
        });

        it("starts afresh from a report without section markers", function () {
            const merged = renderReport([storeSection("packEval", section("1. Pack evaluation", "1.30×", "pack ≤ 1.5×"), run("bbbbbbb", "quick"))], "# Benchmarks\n\n## 2. Old\n");
            assert.deepEqual(parseReport(merged).map((s) => s.name), ["packEval"]);
            assert.doesNotMatch(merged, /## 2\. Old/);
        });
    });

    describe("benchmark 2's raw program", function () {
        this.timeout(120_000);

        it("registers exactly the resources and inputs the components register", function () {
            const dump = (variant: string): unknown =>
                JSON.parse(
                    execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "bench/components/dumpRegistrations.ts", variant, "1"], {
                        cwd: path.resolve(__dirname, "..", ".."),
                        encoding: "utf8",
                    }),
                );
            assert.deepStrictEqual(
                dump("raw"),
                dump("components"),
                "bench/components/rawProgram.ts no longer mirrors the components; update it so benchmark 2 compares like with like",
            );
        });
    });

    describe("a whole run on tiny sizes", function () {
        this.timeout(300_000);
        let report: string;
        let dir: string;

        before(async function () {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "eb-bench-smoke-"));
            // The CLI benchmarks are left out: the e2e tier covers the CLI, and building it is slow.
            await runBench(["--smoke", "--only=packEval,components,analyzerServer", `--out=${path.join(dir, "BENCHMARKS.md")}`], () => undefined);
            report = fs.readFileSync(path.join(dir, "BENCHMARKS.md"), "utf8");
        });

        after(function () {
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("writes a report whose tables are all well-formed", function () {
            assert.match(report, /^# Benchmarks/);
            assert.ok(assertWellFormedTables(report) >= 2);
        });

        it("measures each benchmark or says why not", function () {
            for (const title of ["## 1. Pack evaluation", "## 2. Components against raw", "## 5. @pulumi/policy's analyzer server"]) {
                const start = report.indexOf(title);
                assert.ok(start >= 0, `no section ${title}`);
                const next = report.indexOf("\n## ", start + 1);
                const section = report.slice(start, next < 0 ? undefined : next);
                assert.ok(/\n\| /.test(section) || /- not measured: /.test(section), `${title} has neither a table nor a reason`);
            }
            assert.match(report, /no-op pack \(floor\)/);
        });
    });
});

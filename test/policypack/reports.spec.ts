// Guardrail reports for CI: SARIF 2.1.0 checked against the SARIF 2.1.0 JSON schema by a real validator,
// JUnit XML read back by a real XML parser, and the CLI's --format/--output with unchanged exit codes.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import Ajv04 from "ajv-draft-04";
import { DOMParser, Element } from "@xmldom/xmldom";
import { PolicyPackConfig } from "@pulumi/policy";
import { evaluateExportFile, packPolicies, PACK_NAME, PACK_VERSION } from "../../policypack/harness";
import { CheckedPair, FileReport, formatReport, policyInfos, ReportFormat, ReportInput, urnLines } from "../../policypack/harness/report";
import { secureBucket } from "./support/scenarios";
import { StackBuilder, T } from "./support/stackBuilder";

const REPO = path.resolve(__dirname, "../..");
// The SARIF 2.1.0 (rtm.5, the published 2.1.0 schema) JSON schema, as shipped by Microsoft's SARIF SDK package.
const SARIF_SCHEMA = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

function tmpFile(name: string, content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "reports-")), name);
    fs.writeFileSync(file, content);
    return file;
}

/** One secure bucket (no violation) and one unrotated key (a mandatory violation by default). */
function files(): { good: string; bad: string } {
    const clean = new StackBuilder();
    secureBucket(clean, "data");
    const dirty = new StackBuilder();
    secureBucket(dirty, "data");
    dirty.add(T.key, "unrotated", { description: "no rotation setting" });
    return { good: tmpFile("good.json", clean.exportJson()), bad: tmpFile("bad.json", dirty.exportJson()) };
}

async function reportInput(paths: string[], config?: PolicyPackConfig): Promise<ReportInput> {
    const reports: FileReport[] = [];
    for (const file of paths) {
        const checked: CheckedPair[] = [];
        const violations = await evaluateExportFile(file, { config, onChecked: (policyName, urn) => checked.push({ policyName, urn }) });
        reports.push({ file, violations, checked, lineOf: urnLines(fs.readFileSync(file, "utf8")) });
    }
    return { tool: { name: PACK_NAME, version: PACK_VERSION }, policies: policyInfos(packPolicies), files: reports };
}

function sarifValidator() {
    // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-Unicode regexps accept.
    const ajv = new Ajv04({ allErrors: true, unicodeRegExp: false });
    // The schema uses these formats; RFC 3986 URI / URI reference and RFC 3339 date-time.
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
    ajv.addFormat("date-time", (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
    return ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, "utf8")) as object);
}

function parseXml(text: string) {
    return new DOMParser({ onError: (level, message) => { throw new Error(`XML ${level}: ${message}`); } }).parseFromString(text, "text/xml");
}

function elements(parent: { getElementsByTagName(name: string): ArrayLike<Element> }, name: string): Element[] {
    return Array.from(parent.getElementsByTagName(name));
}

describe("guardrail reports: SARIF 2.1.0", () => {
    const validate = sarifValidator();

    it("is valid against the SARIF 2.1.0 schema, with one rule per policy and one result per violation", async () => {
        const { good, bad } = files();
        const input = await reportInput([good, bad]);
        const log = JSON.parse(formatReport("sarif", input)) as {
            version: string;
            runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string }; properties: { severity?: string } }[] } };
                artifacts: { location: { uri: string } }[];
                results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; index: number }; region?: { startLine: number } }; logicalLocations: { fullyQualifiedName: string; kind: string }[] }[] }[] }[];
        };
        assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
        const run = log.runs[0];
        assert.strictEqual(log.version, "2.1.0");
        assert.strictEqual(run.tool.driver.name, PACK_NAME);
        assert.deepStrictEqual(run.tool.driver.rules.map((r) => r.id), packPolicies.map((p) => p.name));
        for (const [i, p] of packPolicies.entries()) {
            assert.strictEqual(run.tool.driver.rules[i].shortDescription.text, p.description);
            assert.strictEqual(run.tool.driver.rules[i].help.text, p.remediationSteps);
            assert.strictEqual(run.tool.driver.rules[i].properties.severity, p.severity);
        }
        assert.deepStrictEqual(run.artifacts.map((a) => a.location.uri), [good, bad]);
        const violations = input.files[1].violations;
        assert.strictEqual(violations.length, 1);
        assert.strictEqual(run.results.length, 1);
        const [result] = run.results;
        assert.strictEqual(result.ruleId, "kms-key-rotation-enabled");
        assert.strictEqual(run.tool.driver.rules[result.ruleIndex].id, "kms-key-rotation-enabled");
        assert.strictEqual(result.level, "error");
        const location = result.locations[0];
        assert.deepStrictEqual(location.physicalLocation.artifactLocation, { uri: bad, index: 1 });
        assert.deepStrictEqual(location.logicalLocations.map((l) => [l.fullyQualifiedName, l.kind]), [[violations[0].urn, "resource"]]);
        const line = fs.readFileSync(bad, "utf8").split("\n")[(location.physicalLocation.region?.startLine ?? 0) - 1];
        assert.ok(line.includes(JSON.stringify(violations[0].urn)), `line ${location.physicalLocation.region?.startLine} is ${line}`);
    });

    it("an advisory violation is a warning; a clean stack has no result", async () => {
        const { good, bad } = files();
        const input = await reportInput([good, bad], { "kms-key-rotation-enabled": { enforcementLevel: "advisory" } });
        const log = JSON.parse(formatReport("sarif", input)) as { runs: { results: { level: string }[] }[] };
        assert.ok(validate(log));
        assert.deepStrictEqual(log.runs[0].results.map((r) => r.level), ["warning"]);
        const clean = JSON.parse(formatReport("sarif", await reportInput([good]))) as { runs: { results: unknown[] }[] };
        assert.ok(validate(clean));
        assert.deepStrictEqual(clean.runs[0].results, []);
    });

    it("the validator rejects what the schema forbids (so the checks above can fail)", async () => {
        const log = JSON.parse(formatReport("sarif", await reportInput([files().bad]))) as { runs: { results: { level: string }[] }[]; version?: string };
        log.runs[0].results[0].level = "fatal";
        assert.strictEqual(validate(log), false);
        delete log.version;
        log.runs[0].results[0].level = "error";
        assert.strictEqual(validate(log), false);
    });
});

describe("guardrail reports: JUnit XML", () => {
    it("one test case per policy and resource checked, a failure per mandatory violation", async () => {
        const { good, bad } = files();
        const input = await reportInput([good, bad]);
        const doc = parseXml(formatReport("junit", input));
        const suites = elements(doc, "testsuite");
        assert.deepStrictEqual(suites.map((s) => s.getAttribute("name")), [good, bad]);
        for (const [i, suite] of suites.entries()) {
            const cases = elements(suite, "testcase");
            const expected = new Set(input.files[i].checked.map((c) => `${c.policyName} ${c.urn || "stack"}`));
            assert.deepStrictEqual(new Set(cases.map((c) => `${c.getAttribute("classname")} ${c.getAttribute("name")}`)), expected);
            assert.strictEqual(suite.getAttribute("tests"), String(cases.length));
        }
        // Every resource policy applies to the key and bucket resources; every stack policy runs once.
        assert.ok(elements(suites[0], "testcase").length > packPolicies.length);
        assert.strictEqual(elements(suites[0], "failure").length, 0);
        const failures = elements(suites[1], "failure");
        assert.strictEqual(failures.length, 1);
        const failed = failures[0].parentNode as Element;
        assert.strictEqual(failed.getAttribute("classname"), "kms-key-rotation-enabled");
        assert.strictEqual(failed.getAttribute("name"), input.files[1].violations[0].urn);
        assert.strictEqual(failures[0].textContent, input.files[1].violations[0].message);
        assert.strictEqual(suites[1].getAttribute("failures"), "1");
        assert.strictEqual(doc.documentElement?.getAttribute("failures"), "1");
    });

    it("an advisory violation passes, with the message in system-out", async () => {
        const { bad } = files();
        const input = await reportInput([bad], { "kms-key-rotation-enabled": { enforcementLevel: "advisory" } });
        const doc = parseXml(formatReport("junit", input));
        assert.strictEqual(elements(doc, "failure").length, 0);
        const out = elements(doc, "system-out");
        assert.strictEqual(out.length, 1);
        assert.ok((out[0].textContent ?? "").includes("[advisory]"));
        assert.strictEqual((out[0].parentNode as Element).getAttribute("classname"), "kms-key-rotation-enabled");
    });

    it("escapes what XML cannot hold as is", () => {
        const input: ReportInput = {
            tool: { name: "t", version: "1" },
            policies: [{ name: "p", description: "d", enforcementLevel: "mandatory" }],
            files: [{ file: "a&b<c>.json", checked: [], violations: [{ policyName: "p", enforcementLevel: "mandatory", urn: "urn:x::\"q'", message: "d\nbad <tag> & \u0001 \"quoted\"" }] }],
        };
        const doc = parseXml(formatReport("junit", input));
        assert.strictEqual(elements(doc, "testsuite")[0].getAttribute("name"), "a&b<c>.json");
        assert.strictEqual(elements(doc, "testcase")[0].getAttribute("name"), "urn:x::\"q'");
        assert.strictEqual(elements(doc, "failure")[0].textContent, "d\nbad <tag> &  \"quoted\"");
    });
});

describe("guardrail reports: CLI", () => {
    function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
        const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "policypack/harness/cli.ts", ...args], { cwd: REPO, encoding: "utf8" });
        return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    }

    it("--format sarif --output F writes the report and keeps the exit code; a bad format is a usage error", () => {
        const { good, bad } = files();
        const out = path.join(path.dirname(bad), "guardrails.sarif");
        const r = cli(["--format", "sarif", "--output", out, good, bad]);
        assert.strictEqual(r.status, 1, r.stderr);
        assert.strictEqual(r.stdout, "");
        const log = JSON.parse(fs.readFileSync(out, "utf8")) as { runs: { results: { ruleId: string }[] }[] };
        assert.deepStrictEqual(log.runs[0].results.map((x) => x.ruleId), ["kms-key-rotation-enabled"]);
        const junit = cli([`--format=junit`, good]);
        assert.strictEqual(junit.status, 0, junit.stderr);
        assert.strictEqual(elements(parseXml(junit.stdout), "failure").length, 0);
        const usage = cli(["--format", "html", good]);
        assert.strictEqual(usage.status, 2);
        assert.match(usage.stderr, /--format needs one of text, json, sarif, junit/);
    });

    it("the machine formats keep exit 2 for an unreadable file next to a readable one", () => {
        const { bad } = files();
        for (const format of ["sarif", "junit"] satisfies ReportFormat[]) {
            assert.strictEqual(cli(["--format", format, bad, "/nonexistent.json"]).status, 2, format);
        }
    });
});

// JUnit XML (the Ant/Surefire shape GitLab, Jenkins and the GitHub test-report actions read): one test
// suite per stack export, one test case per policy and resource it checked (a stack policy's run over
// the whole stack is the case "stack"), a <failure> for each mandatory violation; advisory findings are
// passing cases whose <system-out> carries the message.
import { Violation } from "../evaluate";
import { ReportInput } from "./types";

// XML 1.0 §2.2: characters outside this set cannot appear in a document, even escaped.
const INVALID_XML_CHARS = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xml(text: string): string {
    return text.replace(INVALID_XML_CHARS, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

interface Case {
    policyName: string;
    urn: string;
    violations: Violation[];
}

function casesOf(checked: ReportInput["files"][number], order: Map<string, number>): Case[] {
    const cases = new Map<string, Case>();
    const get = (policyName: string, urn: string) => {
        const key = `${policyName}\u0000${urn}`;
        let c = cases.get(key);
        if (!c) {
            c = { policyName, urn, violations: [] };
            cases.set(key, c);
        }
        return c;
    };
    for (const pair of checked.checked) get(pair.policyName, pair.urn);
    for (const v of checked.violations) get(v.policyName, v.urn).violations.push(v);
    const rank = (c: Case) => order.get(c.policyName) ?? order.size;
    return [...cases.values()].sort((a, b) => rank(a) - rank(b) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

export function junitReport(input: ReportInput): string {
    const order = new Map(input.policies.map((p, i) => [p.name, i]));
    const suites: string[] = [];
    let tests = 0;
    let failures = 0;
    for (const file of input.files) {
        const cases = casesOf(file, order);
        const body: string[] = [];
        let suiteFailures = 0;
        for (const c of cases) {
            const mandatory = c.violations.filter((v) => v.enforcementLevel === "mandatory");
            const advisory = c.violations.filter((v) => v.enforcementLevel !== "mandatory");
            const name = c.urn || "stack";
            body.push(`    <testcase classname="${xml(c.policyName)}" name="${xml(name)}">`);
            for (const v of mandatory) {
                body.push(`      <failure type="mandatory" message="${xml(v.message.split("\n").pop() ?? v.message)}">${xml(v.message)}</failure>`);
            }
            if (advisory.length > 0) {
                body.push(`      <system-out>${xml(advisory.map((v) => `[${v.enforcementLevel}] ${v.message}`).join("\n"))}</system-out>`);
            }
            body.push("    </testcase>");
            if (mandatory.length > 0) suiteFailures++;
        }
        tests += cases.length;
        failures += suiteFailures;
        suites.push(`  <testsuite name="${xml(file.file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="0">`, ...body, "  </testsuite>");
    }
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${xml(input.tool.name)}" tests="${tests}" failures="${failures}" errors="0">`,
        ...suites,
        "</testsuites>",
        "",
    ].join("\n");
}

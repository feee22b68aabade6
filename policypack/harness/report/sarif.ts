// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), what GitHub code scanning and GitLab
// read: one rule per policy (description, default level, severity, help = the policy's remediation
// steps), one result per violation with the stack export as the artifact and the resource URN as a
// logical location. Levels: mandatory → error, advisory → warning (SARIF 2.1.0 §3.27.10 `level`).
import { EnforcementLevel, Severity } from "@pulumi/policy";
import { nameFromUrn } from "../evaluate";
import { PolicyInfo, ReportInput } from "./types";

type SarifLevel = "error" | "warning" | "note" | "none";

function levelOf(level: EnforcementLevel): SarifLevel {
    return level === "mandatory" || level === "remediate" ? "error" : level === "advisory" ? "warning" : "none";
}

/** GitHub code scanning ranks security alerts by a CVSS-like `security-severity` property on the rule. */
const SECURITY_SEVERITY: Record<Severity, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" };

/** A file path as a relative URI reference (forward slashes, reserved characters escaped). */
function uriOf(file: string): string {
    return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

function rule(p: PolicyInfo) {
    return {
        id: p.name,
        name: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        help: { text: p.help ?? p.description },
        defaultConfiguration: { level: levelOf(p.enforcementLevel) },
        properties: {
            tags: ["security"],
            ...(p.severity !== undefined ? { severity: p.severity, "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
        },
    };
}

export function sarifReport(input: ReportInput): string {
    const ruleIndex = new Map(input.policies.map((p, i) => [p.name, i]));
    const rules = input.policies.map(rule);
    const results = input.files.flatMap((f, artifactIndex) => f.violations.map((v) => {
        const line = v.urn ? f.lineOf?.(v.urn) : undefined;
        const index = ruleIndex.get(v.policyName);
        return {
            ruleId: v.policyName,
            ...(index !== undefined ? { ruleIndex: index } : {}),
            level: levelOf(v.enforcementLevel),
            message: { text: v.message },
            locations: [{
                physicalLocation: {
                    artifactLocation: { uri: uriOf(f.file), index: artifactIndex },
                    ...(line !== undefined ? { region: { startLine: line } } : {}),
                },
                logicalLocations: [v.urn
                    ? { name: nameFromUrn(v.urn), fullyQualifiedName: v.urn, kind: "resource" }
                    : { name: "stack", fullyQualifiedName: "stack", kind: "module" }],
            }],
        };
    }));
    const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: input.tool.name, version: input.tool.version, rules } },
            artifacts: input.files.map((f) => ({ location: { uri: uriOf(f.file) } })),
            results,
        }],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

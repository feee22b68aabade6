// Guardrail reports in the formats CI systems read: `formatReport(format, input)`.
import { Policies } from "@pulumi/policy";
import { jsonReport } from "./json";
import { junitReport } from "./junit";
import { sarifReport } from "./sarif";
import { textReport } from "./text";
import { PolicyInfo, ReportFormat, ReportInput } from "./types";

export { CheckedPair, FileReport, isReportFormat, PolicyInfo, REPORT_FORMATS, ReportFormat, ReportInput } from "./types";

const RENDERERS: Record<ReportFormat, (input: ReportInput) => string> = {
    text: textReport,
    json: jsonReport,
    sarif: sarifReport,
    junit: junitReport,
};

export function formatReport(format: ReportFormat, input: ReportInput): string {
    return RENDERERS[format](input);
}

/** Rule metadata of a policy list (level, severity, help text) as the reports show it. */
export function policyInfos(policies: Policies): PolicyInfo[] {
    return policies.map((p) => ({
        name: p.name,
        description: p.description,
        enforcementLevel: p.enforcementLevel ?? "advisory",
        ...(p.severity !== undefined ? { severity: p.severity } : {}),
        ...(p.remediationSteps !== undefined ? { help: p.remediationSteps } : {}),
    }));
}

/** 1-based line of each resource's `"urn": ...` entry in a stack export's text (for SARIF regions). */
export function urnLines(text: string): (urn: string) => number | undefined {
    const lines = new Map<string, number>();
    const pattern = /"urn"\s*:\s*("(?:[^"\\]|\\.)*")/g;
    let line = 1;
    let last = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
        last = m.index;
        const urn = JSON.parse(m[1]) as string;
        if (!lines.has(urn)) lines.set(urn, line);
    }
    return (urn) => lines.get(urn);
}

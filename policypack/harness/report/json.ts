// Machine-readable violations per file (the shape `--json` has always printed).
import { ReportInput } from "./types";

export function jsonReport(input: ReportInput): string {
    const out = input.files.map((r) => ({
        file: r.file,
        violations: r.violations.map((v) => ({ policyName: v.policyName, enforcementLevel: v.enforcementLevel, urn: v.urn, message: v.message })),
    }));
    return `${JSON.stringify(out, null, 2)}\n`;
}

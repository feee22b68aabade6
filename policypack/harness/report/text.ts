// The human report: per file, a count and each violation with its level, policy, resource and message.
import { mandatoryCount, ReportInput } from "./types";

export function textReport(input: ReportInput): string {
    const lines: string[] = [];
    for (const { file, violations } of input.files) {
        lines.push(violations.length === 0 ? `${file}: no violations` : `${file}: ${violations.length} violation(s), ${mandatoryCount(violations)} mandatory`);
        for (const v of violations) {
            lines.push(`  [${v.enforcementLevel}] ${v.policyName}  ${v.urn || "(stack)"}`);
            for (const line of v.message.split("\n")) {
                lines.push(`      ${line}`);
            }
        }
    }
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

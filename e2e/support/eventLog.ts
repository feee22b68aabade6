// Reads policy violations from engine events: the JSON lines of `pulumi ... --event-log FILE`, or of
// `pulumi policy analyze --json`. (`preview --json` carries no policy events; these do.)
import * as fs from "node:fs";

export interface PolicyViolation {
    policyPackName: string;
    policyName: string;
    enforcementLevel: string;
    resourceUrn?: string;
    message: string;
}

interface EngineEventLine {
    policyEvent?: PolicyViolation;
}

export function parsePolicyEvents(jsonLines: string): PolicyViolation[] {
    return jsonLines
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line) as EngineEventLine)
        .flatMap((event) => (event.policyEvent ? [event.policyEvent] : []));
}

export function policyViolations(eventLogPath: string): PolicyViolation[] {
    return fs.existsSync(eventLogPath) ? parsePolicyEvents(fs.readFileSync(eventLogPath, "utf8")) : [];
}

export function mandatory(violations: readonly PolicyViolation[]): PolicyViolation[] {
    return violations.filter((v) => v.enforcementLevel === "mandatory");
}

/** Distinct `policy -> resource name` pairs, sorted: a comparable summary of a set of violations. */
export function violationKeys(violations: readonly PolicyViolation[]): string[] {
    const keys = violations.map((v) => `${v.policyName} -> ${v.resourceUrn ? v.resourceUrn.slice(v.resourceUrn.lastIndexOf("::") + 2) : "(stack)"}`);
    return [...new Set(keys)].sort();
}

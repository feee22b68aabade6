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
    resourcePreEvent?: { metadata: ResourceStep; planning?: boolean };
}

/** One step the engine took (or, while planning, would take) on a resource. */
export interface ResourceStep {
    op: string;
    urn: string;
    type: string;
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

/** The steps of the engine events in an event log: `same`, `create`, `update`, `delete`, `replace`, ... (planning steps left out). */
export function resourceSteps(eventLogPath: string): ResourceStep[] {
    if (!fs.existsSync(eventLogPath)) return [];
    return fs.readFileSync(eventLogPath, "utf8")
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line) as EngineEventLine)
        .flatMap((event) => (event.resourcePreEvent && !event.resourcePreEvent.planning ? [event.resourcePreEvent.metadata] : []));
}

// One evaluation split where the harness hands over from resource policies to stack policies, with the garbage
// collections that landed in each part: how benchmark 1's diagnosis (docs/performance.md) tells the checks'
// own work from the collector's.

/** A garbage collection as `perf_hooks` reports it: start on the `performance.now()` clock, length in ms. */
export interface GcPause {
    startTime: number;
    duration: number;
    /** `minor` (scavenge) or `major` (mark-compact, incremental marking steps included). */
    kind: "minor" | "major";
}

export interface Part {
    ms: number;
    gcMs: number;
    minor: number;
    major: number;
}

export interface PhaseSplit {
    /** Start of the evaluation to the first stack policy: resource policies, then the harness building the stack's resources. */
    beforeStackPolicies: Part;
    /** First stack policy to the end: the stack index and every stack check. */
    stackPolicies: Part;
}

function part(from: number, to: number, pauses: readonly GcPause[]): Part {
    const out: Part = { ms: Math.max(0, to - from), gcMs: 0, minor: 0, major: 0 };
    for (const pause of pauses) {
        if (pause.startTime >= from && pause.startTime < to) {
            out.gcMs += pause.duration;
            out[pause.kind]++;
        }
    }
    return out;
}

/** `firstStackPolicyAt` undefined (a pack without stack policies): everything is before them. */
export function splitAtStackPolicies(start: number, firstStackPolicyAt: number | undefined, end: number, pauses: readonly GcPause[]): PhaseSplit {
    const boundary = firstStackPolicyAt ?? end;
    return { beforeStackPolicies: part(start, boundary, pauses), stackPolicies: part(boundary, end, pauses) };
}

export function describePart(label: string, p: Part): string {
    return `${label} ${p.ms.toFixed(0)} ms, of which GC ${p.gcMs.toFixed(0)} ms (${p.minor} scavenges, ${p.major} mark-compact)`;
}

// The one message a measurement child process prints, and how the parent reads it back.

/** Printed by a worker as the last stdout line that starts with MEASUREMENT_PREFIX. */
export interface Measurement {
    /** Wall time of the measured section only (setup such as stack generation is excluded). */
    wallMs: number;
    /**
     * CPU time (user + system) of the same section. Unlike wall time it barely moves when other work
     * competes for the two cores, so its ratios are the steadier figure on a shared machine.
     */
    cpuMs: number;
    /** Peak resident set size of the whole child process, in KiB (`process.resourceUsage().maxRSS`). */
    maxRssKiB: number;
    /** Free-form counters a benchmark wants to show or sanity-check, e.g. resources or violations. */
    counters: Record<string, number>;
}

export const MEASUREMENT_PREFIX = "@@bench-measurement ";

export function formatMeasurement(measurement: Measurement): string {
    return MEASUREMENT_PREFIX + JSON.stringify(measurement);
}

export function parseMeasurement(stdout: string): Measurement {
    const line = stdout
        .split("\n")
        .reverse()
        .find((candidate) => candidate.startsWith(MEASUREMENT_PREFIX));
    if (line === undefined) {
        throw new Error("the worker printed no measurement line; see its stderr above");
    }
    const parsed: unknown = JSON.parse(line.slice(MEASUREMENT_PREFIX.length));
    if (!isMeasurement(parsed)) {
        throw new Error(`the worker printed a malformed measurement: ${line}`);
    }
    return parsed;
}

function isMeasurement(value: unknown): value is Measurement {
    if (typeof value !== "object" || value === null) {
        return false;
    }
    const candidate = value as Record<string, unknown>;
    return (
        typeof candidate.wallMs === "number" &&
        typeof candidate.cpuMs === "number" &&
        typeof candidate.maxRssKiB === "number" &&
        typeof candidate.counters === "object" &&
        candidate.counters !== null
    );
}

export interface Timing {
    wallMs: number;
    cpuMs: number;
}

/** Worker side: wall and CPU time of one section. */
export async function timed<T>(section: () => Promise<T>): Promise<{ result: T; timing: Timing }> {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const result = await section();
    const cpu = process.cpuUsage(cpuBefore);
    return { result, timing: { wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

/** Worker side: print the measurement; peak RSS is read now, so call it last. */
export function printMeasurement(timing: Timing, counters: Record<string, number>): void {
    // maxRSS covers setup, the measured section and anything done after it, i.e. the whole child.
    const maxRssKiB = process.resourceUsage().maxRSS;
    process.stdout.write(formatMeasurement({ ...timing, maxRssKiB, counters }) + "\n");
}

/** Worker side: time `measured`, then print its counters with the process's peak RSS. */
export async function measureAndPrint(measured: () => Promise<Record<string, number>>): Promise<void> {
    const { result, timing } = await timed(measured);
    printMeasurement(timing, result);
}

/** One figure of every sample, in sample order, for `summarize` and `pairedRatio`. */
export function wallTimes(samples: readonly Measurement[]): number[] {
    return samples.map((m) => m.wallMs);
}

export function cpuTimes(samples: readonly Measurement[]): number[] {
    return samples.map((m) => m.cpuMs);
}

export function peakRss(samples: readonly Measurement[]): number[] {
    return samples.map((m) => m.maxRssKiB);
}

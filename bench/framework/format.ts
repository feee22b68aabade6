// How figures are printed in BENCHMARKS.md: one convention for every table.
import { Summary } from "./stats";

/** `123 ms (118–131)`: median with the min–max range of the runs. */
export function formatMs(summary: Summary): string {
    return `${round(summary.median)} ms (${round(summary.min)}–${round(summary.max)})`;
}

/** Peak RSS in MiB, median with range. */
export function formatRss(summaryKiB: Summary): string {
    const mib = (kib: number): string => (kib / 1024).toFixed(0);
    return `${mib(summaryKiB.median)} MiB (${mib(summaryKiB.min)}–${mib(summaryKiB.max)})`;
}

/** `1.23× (1.18–1.31)`. */
export function formatRatio(summary: Summary): string {
    return `${summary.median.toFixed(2)}× (${summary.min.toFixed(2)}–${summary.max.toFixed(2)})`;
}

/**
 * A target verdict on the median wall-time ratio, the figure the targets are stated in. When the CPU-time
 * ratio is given and disagrees, the machine was too busy to tell, and the verdict says so instead of guessing.
 */
export function verdict(wallMedian: number, limit: number, cpuMedian?: number): string {
    const wallMet = wallMedian <= limit;
    if (cpuMedian !== undefined && cpuMedian <= limit !== wallMet) {
        return `unclear: wall ${wallMet ? "meets" : "misses"}, CPU ${wallMet ? "misses" : "meets"} ≤ ${limit}; rerun on an idle machine`;
    }
    return wallMet ? `met (≤ ${limit})` : `**missed** (> ${limit})`;
}

function round(ms: number): string {
    return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

// Summaries of repeated measurements. Medians, not means: one slow run (GC, a noisy neighbour on a
// 2-core box) should not move the figure we compare against a target.

export interface Summary {
    median: number;
    min: number;
    max: number;
    runs: number;
}

export function median(values: readonly number[]): number {
    if (values.length === 0) {
        throw new Error("median of no values is undefined; run the measurement at least once");
    }
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(values: readonly number[]): Summary {
    return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/**
 * Ratio of two variants measured in the same rounds. Taking the median of per-round ratios (rather than the
 * ratio of medians) cancels drift that affects both variants of one round alike, which is why rounds interleave.
 */
export function pairedRatio(numerators: readonly number[], denominators: readonly number[]): Summary {
    if (numerators.length !== denominators.length) {
        throw new Error(`paired ratio needs as many numerator runs (${numerators.length}) as denominator runs (${denominators.length})`);
    }
    return summarize(numerators.map((value, i) => value / denominators[i]));
}

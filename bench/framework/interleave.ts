// Runs every variant of a comparison once per round, rotating which goes first, so slow drift (thermal,
// page cache, a colleague's test run) spreads over all variants instead of biasing the one that ran last.
// Callers warm up first (each benchmark's availability probe is also its warm-up run).
import { Measurement } from "./measurement";

export interface Variant {
    name: string;
    run: () => Promise<Measurement>;
}

export type SamplesByVariant = Map<string, Measurement[]>;

export interface InterleaveOptions {
    rounds: number;
    onSample?: (variant: string, round: number, measurement: Measurement) => void;
}

export async function runInterleaved(variants: readonly Variant[], options: InterleaveOptions): Promise<SamplesByVariant> {
    const samples: SamplesByVariant = new Map(variants.map((variant) => [variant.name, []]));
    for (let round = 0; round < options.rounds; round++) {
        for (let offset = 0; offset < variants.length; offset++) {
            const variant = variants[(round + offset) % variants.length];
            const measurement = await variant.run();
            samples.get(variant.name)?.push(measurement);
            options.onSample?.(variant.name, round, measurement);
        }
    }
    return samples;
}

/** The name of one variant at one size, e.g. `ours@10000`: benchmarks that sweep sizes interleave these cells. */
export function cellName(variant: string, size: number): string {
    return `${variant}@${size}`;
}

/** The samples of `variant` at `size`; a cell without samples is a bug in the benchmark, not a zero. */
export function samplesAt(samples: SamplesByVariant, variant: string, size: number): Measurement[] {
    const found = samples.get(cellName(variant, size));
    if (found === undefined || found.length === 0) {
        throw new Error(`no samples for ${cellName(variant, size)}`);
    }
    return found;
}

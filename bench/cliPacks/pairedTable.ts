// The table both CLI benchmarks print: one row per pack, its wall time, and its ratio to each reference pack
// paired round by round, so "× empty pack" in benchmark 3 and benchmark 4 is computed the same way.
import { formatMs, formatRatio, formatRss } from "../framework/format";
import { Table } from "../framework/markdownTable";
import { cpuTimes, Measurement, peakRss, wallTimes } from "../framework/measurement";
import { pairedRatio, summarize, Summary } from "../framework/stats";
import { CLI_PACK_LABELS, CliPack } from "./packs";

export interface PackRatio {
    wall: Summary;
    cpu: Summary;
}

/** `pack` over `base`, paired per round, on wall time and on CPU time. */
export function packRatio(samples: ReadonlyMap<string, Measurement[]>, pack: CliPack, base: CliPack): PackRatio {
    const own = samplesOf(samples, pack);
    const reference = samplesOf(samples, base);
    return { wall: pairedRatio(wallTimes(own), wallTimes(reference)), cpu: pairedRatio(cpuTimes(own), cpuTimes(reference)) };
}

export function samplesOf(samples: ReadonlyMap<string, Measurement[]>, pack: CliPack): Measurement[] {
    const found = samples.get(pack);
    if (found === undefined || found.length === 0) {
        throw new Error(`no samples for ${pack}`);
    }
    return found;
}

/**
 * Rows of `packs` with a "× <reference>" column per reference pack that was measured. `counter` names the
 * measurement counter shown in the second column (e.g. resources or violations).
 */
export function pairedPackTable(
    samples: ReadonlyMap<string, Measurement[]>,
    packs: readonly CliPack[],
    references: readonly CliPack[],
    counter: { header: string; key: string },
): Table {
    const measured = references.filter((ref) => packs.includes(ref));
    return {
        headers: [
            "pack",
            counter.header,
            "wall time",
            ...measured.map((ref) => `× ${CLI_PACK_LABELS[ref]} (paired)`),
            `CPU × ${CLI_PACK_LABELS[measured[0]]}`,
            "peak RSS (largest process)",
        ],
        rows: packs.map((pack) => {
            const own = samplesOf(samples, pack);
            const ratioCell = (ref: CliPack): string => (ref === pack ? "1.00×" : formatRatio(packRatio(samples, pack, ref).wall));
            return [
                CLI_PACK_LABELS[pack],
                String(own[0].counters[counter.key] ?? "?"),
                formatMs(summarize(wallTimes(own))),
                ...measured.map(ratioCell),
                measured[0] === pack ? "1.00×" : formatRatio(packRatio(samples, pack, measured[0]).cpu),
                formatRss(summarize(peakRss(own))),
            ];
        }),
    };
}

/** `+1234 ms (900–1500)`: the per-round difference `pack − base` in wall time. */
export function pairedDifferenceMs(samples: ReadonlyMap<string, Measurement[]>, pack: CliPack, base: CliPack): Summary {
    const own = wallTimes(samplesOf(samples, pack));
    const reference = wallTimes(samplesOf(samples, base));
    return summarize(own.map((value, i) => value - reference[i]));
}

// Benchmark 2: the cost of our components over the same resources declared raw, under the same mocks.
import { runWorker, WorkerFailure } from "../framework/childRunner";
import { formatMs, formatRatio, formatRss, verdict } from "../framework/format";
import { cellName, runInterleaved, samplesAt, SamplesByVariant } from "../framework/interleave";
import { cpuTimes, Measurement, peakRss, wallTimes } from "../framework/measurement";
import { BenchmarkSection, TargetCheck } from "../framework/section";
import { pairedRatio, summarize } from "../framework/stats";
import { PROGRAM_LABELS, PROGRAM_VARIANTS, ProgramVariant } from "./variants";
import { ComponentsArgs } from "./worker";

export interface ComponentsPlan {
    replicatedBuckets: number[];
    rounds: number;
}

const WORKER = "bench/components/worker.ts";
const OVERHEAD_LIMIT = 1.1;

export async function runComponentsBenchmark(plan: ComponentsPlan, log: (line: string) => void): Promise<BenchmarkSection> {
    const section = emptySection();
    // Warm-up and probe: both programs must run before their timings mean anything (one replicated bucket
    // proves that; a full-size probe would cost as much as a round).
    for (const variant of PROGRAM_VARIANTS) {
        try {
            await declare(variant, 1);
        } catch (error) {
            const reason = error instanceof WorkerFailure ? error.reason : (error as Error).message;
            log(`program ${variant} failed: ${(error as Error).message}`);
            section.notMeasured.push(`${PROGRAM_LABELS[variant]}: ${reason}`);
        }
    }
    if (section.notMeasured.length > 0) {
        section.targets = plan.replicatedBuckets.map((n) => ({ target: targetName(n), measured: "not measured", cpuMeasured: "—", verdict: "—" }));
        return section;
    }

    const cells = plan.replicatedBuckets.flatMap((n) =>
        PROGRAM_VARIANTS.map((variant) => ({ name: cellName(variant, n), run: () => declare(variant, n) })),
    );
    const samples = await runInterleaved(cells, {
        rounds: plan.rounds,
        onSample: (cell, round, m) => log(`  round ${round + 1}/${plan.rounds} ${cell}: ${m.wallMs.toFixed(0)} ms, ${(m.maxRssKiB / 1024).toFixed(0)} MiB`),
    });

    const rows: string[][] = [];
    const targets: TargetCheck[] = [];
    for (const n of plan.replicatedBuckets) {
        const raw = samplesAt(samples, "raw", n);
        for (const variant of PROGRAM_VARIANTS) {
            const own = samplesAt(samples, variant, n);
            rows.push([
                String(n),
                PROGRAM_LABELS[variant],
                `${own[0].counters.customResources} + ${own[0].counters.components} components`,
                formatMs(summarize(wallTimes(own))),
                variant === "raw" ? "1.00×" : formatRatio(pairedRatio(wallTimes(own), wallTimes(raw))),
                variant === "raw" ? "1.00×" : formatRatio(pairedRatio(cpuTimes(own), cpuTimes(raw))),
                formatRss(summarize(peakRss(own))),
                variant === "raw" ? "1.00×" : formatRatio(pairedRatio(peakRss(own), peakRss(raw))),
            ]);
        }
        const components = samplesAt(samples, "components", n);
        const ratio = pairedRatio(wallTimes(components), wallTimes(raw));
        const cpuRatio = pairedRatio(cpuTimes(components), cpuTimes(raw));
        targets.push({
            target: targetName(n),
            measured: formatRatio(ratio),
            cpuMeasured: formatRatio(cpuRatio),
            verdict: verdict(ratio.median, OVERHEAD_LIMIT, cpuRatio.median),
        });
        if (components[0].counters.customResources !== raw[0].counters.customResources) {
            section.notes.push(`at ${n}: the raw program declares a different number of AWS resources than the components; the comparison is not like for like`);
        }
    }
    section.tables.push({ headers: ["replicated buckets", "program", "resources", "time to register", "× raw (paired)", "CPU × raw", "peak RSS", "RSS × raw"], rows });
    section.targets = targets;
    const late = [...samples.values()].flat().reduce((sum, m) => sum + (m.counters.late ?? 0), 0);
    if (late > 0) {
        section.notes.push(`${late} registrations arrived after a timed section ended; timings may be short`);
    }
    return section;
}

function declare(variant: ProgramVariant, replicatedBuckets: number): Promise<Measurement> {
    const args: ComponentsArgs = { variant, replicatedBuckets };
    return runWorker({ script: WORKER, args });
}

function targetName(n: number): string {
    return `components ≤ ${OVERHEAD_LIMIT}× raw, ${n} replicated buckets`;
}

function emptySection(): BenchmarkSection {
    return {
        title: "2. Components against raw resources (mocks)",
        method:
            "N replicated buckets (each a source bucket in 111111111111/eu-west-1 with its own key, replicated to a destination " +
            "bucket with its own key in 222222222222/eu-central-1) declared through `EncryptedBucket` + `BucketReplication`, or the " +
            "same AWS resources with the same inputs declared raw with `@pulumi/aws`, both under `installFakeAwsMocks()`. " +
            "Time is from the first declaration until the SDK's RPC queue is drained; module loading is excluded.",
        tables: [],
        targets: [],
        notMeasured: [],
        notes: [],
    };
}

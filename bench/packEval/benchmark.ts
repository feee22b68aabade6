// Benchmark 1: pack evaluation on synthetic stacks, ours and awsguard against the no-op floor, all through
// the same in-process harness as the offline checker.
import { runWorker, WorkerFailure } from "../framework/childRunner";
import { formatMs, formatRatio, formatRss, verdict } from "../framework/format";
import { cellName, runInterleaved, samplesAt, SamplesByVariant, Variant } from "../framework/interleave";
import { cpuTimes, Measurement, peakRss, wallTimes } from "../framework/measurement";
import { BenchmarkSection, TargetCheck } from "../framework/section";
import { pairedRatio, summarize } from "../framework/stats";
import { awsguardVersion } from "./awsguardPack";
import { ensureAwsguardInstalled } from "./installAwsguard";
import { PACK_LABELS, PackVariant } from "./packs";
import { PackEvalArgs } from "./worker";

export interface PackEvalPlan {
    sizes: number[];
    rounds: number;
    seed: number;
    /** The packs to compare; the floor (noop) is always measured, since every ratio is read against it. */
    packs: PackVariant[];
    installAwsguard: boolean;
}

const WORKER = "bench/packEval/worker.ts";
const FLOOR_LIMIT_AT_10K = 1.5;
const LINEARITY_LIMIT = 2.2;

export async function runPackEvalBenchmark(plan: PackEvalPlan, log: (line: string) => void): Promise<BenchmarkSection> {
    const notMeasured: string[] = [];
    const available: PackVariant[] = [];
    const packs: PackVariant[] = plan.packs.includes("noop") ? plan.packs : ["noop", ...plan.packs];
    const awsguardInstallFailure = packs.includes("awsguard") ? ensureAwsguardInstalled(log, plan.installAwsguard) : undefined;
    // A first run on the smallest stack doubles as warm-up and as the "does it load" probe for each pack.
    for (const pack of packs) {
        if (pack === "awsguard" && awsguardInstallFailure !== undefined) {
            notMeasured.push(`${PACK_LABELS[pack]}: ${awsguardInstallFailure}`);
            continue;
        }
        try {
            await evaluate(pack, Math.min(...plan.sizes), plan.seed);
            available.push(pack);
        } catch (error) {
            notMeasured.push(`${PACK_LABELS[pack]}: ${failureReason(error)}`);
            log(`pack ${pack} unavailable: ${(error as Error).message}`);
        }
    }
    if (!available.includes("noop")) {
        return { ...emptySection(), notMeasured, targets: targetChecks(new Map(), [], plan.sizes) };
    }

    const cells: Variant[] = plan.sizes.flatMap((size) =>
        available.map((pack) => ({ name: cellName(pack, size), run: () => evaluate(pack, size, plan.seed) })),
    );
    const samples = await runInterleaved(cells, {
        rounds: plan.rounds,
        onSample: (cell, round, m) => log(`  round ${round + 1}/${plan.rounds} ${cell}: ${m.wallMs.toFixed(0)} ms, ${(m.maxRssKiB / 1024).toFixed(0)} MiB`),
    });

    const rows = plan.sizes.flatMap((size) =>
        available.map((pack) => {
            const own = samplesAt(samples, pack, size);
            const floor = samplesAt(samples, "noop", size);
            return [
                String(own[0].counters.resources),
                `${PACK_LABELS[pack]} (${own[0].counters.resourcePolicies} resource + ${own[0].counters.stackPolicies} stack policies${own[0].counters.bothParts ? `, ${own[0].counters.bothParts} of them with a resource part too` : ""})`,
                formatMs(summarize(wallTimes(own))),
                pack === "noop" ? "1.00×" : formatRatio(pairedRatio(wallTimes(own), wallTimes(floor))),
                pack === "noop" ? "1.00×" : formatRatio(pairedRatio(cpuTimes(own), cpuTimes(floor))),
                formatRss(summarize(peakRss(own))),
                violationsCell(own[0]),
            ];
        }),
    );

    const notes = [
        `stacks: deterministic (seed ${plan.seed}); ${describePlanted(samples, plan.sizes)}`,
        "time is `evaluatePolicies` over the whole stack only (stack generation and module loading are excluded); RSS is the whole child process",
    ];
    if (available.includes("parseShaped") && available.includes("ours")) {
        notes.push(`ours over the same-shape pack that parses every policy document (the work no pack that reads them can skip; what is left is our stack index and checks): ${oursOverParsing(samples, plan.sizes)}`);
    }
    if (available.includes("indexShaped") && available.includes("noopShaped") && available.includes("ours")) {
        notes.push(`what our stack index costs alone, and the checks on top of it: ${indexShare(samples, plan.sizes)}`);
    }
    if (available.includes("parseOnly")) {
        notes.push("the reference row is the floor plus `JSON.parse` of every bucket, key, role and trust policy document of the stack: what any pack that reads those documents pays before it checks anything");
    }
    if (available.includes("awsguard")) {
        notes.push(`@pulumi/awsguard ${awsguardVersion()} from bench/.deps (s3-bucket-logging-enabled, cmk-backing-key-rotation-enabled); it flags every bucket without logging, hence its violation count`);
    }
    return {
        ...emptySection(),
        tables: [{ headers: ["resources", "pack", "evaluation time", "× floor (paired)", "CPU × floor", "peak RSS", "violations"], rows }],
        targets: targetChecks(samples, available, plan.sizes),
        notMeasured,
        notes,
    };
}

function targetChecks(samples: SamplesByVariant, available: PackVariant[], sizes: number[]): TargetCheck[] {
    if (!sizes.includes(10_000)) {
        return [];
    }
    if (!available.includes("ours")) {
        return [
            { target: `pack evaluation, ours ≤ ${FLOOR_LIMIT_AT_10K}× no-op pack shaped like ours at 10k`, measured: "not measured", cpuMeasured: "—", verdict: "—" },
            { target: `pack evaluation, ours 20k/10k ≤ ${LINEARITY_LIMIT}`, measured: "not measured", cpuMeasured: "—", verdict: "—" },
        ];
    }
    const checks: TargetCheck[] = [];
    const ours10k = samplesAt(samples, "ours", 10_000);
    // The target reads ours against our pack with every check emptied (same policy count, so the harness's
    // per-policy work is on both sides); the 1 + 1 floor stays in the table as the harness's own cost.
    const floors: [PackVariant, string][] = [["noopShaped", "no-op pack shaped like ours"]];
    for (const [floorPack, floorLabel] of floors) {
        if (!available.includes(floorPack)) {
            continue;
        }
        const floor10k = samplesAt(samples, floorPack, 10_000);
        const ratio = pairedRatio(wallTimes(ours10k), wallTimes(floor10k));
        const ratioCpu = pairedRatio(cpuTimes(ours10k), cpuTimes(floor10k));
        checks.push({
            target: `pack evaluation, ours ≤ ${FLOOR_LIMIT_AT_10K}× ${floorLabel} at 10k`,
            measured: formatRatio(ratio),
            cpuMeasured: formatRatio(ratioCpu),
            verdict: verdict(ratio.median, FLOOR_LIMIT_AT_10K, ratioCpu.median),
        });
    }
    if (sizes.includes(20_000)) {
        const ours20k = samplesAt(samples, "ours", 20_000);
        const growth = pairedRatio(wallTimes(ours20k), wallTimes(ours10k));
        const growthCpu = pairedRatio(cpuTimes(ours20k), cpuTimes(ours10k));
        checks.push({
            target: `pack evaluation, ours 20k/10k ≤ ${LINEARITY_LIMIT} (linear)`,
            measured: formatRatio(growth),
            cpuMeasured: formatRatio(growthCpu),
            verdict: verdict(growth.median, LINEARITY_LIMIT, growthCpu.median),
        });
    }
    return checks;
}

function evaluate(pack: PackVariant, resourceCount: number, seed: number): Promise<Measurement> {
    const args: PackEvalArgs = { pack, resourceCount, seed };
    return runWorker({ script: WORKER, args });
}

function oursOverParsing(samples: SamplesByVariant, sizes: number[]): string {
    return sizes
        .map((size) => {
            const ours = samplesAt(samples, "ours", size);
            const parsing = samplesAt(samples, "parseShaped", size);
            return `${formatRatio(pairedRatio(wallTimes(ours), wallTimes(parsing)))} at ${size} (CPU ${formatRatio(pairedRatio(cpuTimes(ours), cpuTimes(parsing)))})`;
        })
        .join(", ");
}

function indexShare(samples: SamplesByVariant, sizes: number[]): string {
    return sizes
        .map((size) => {
            const shaped = wallTimes(samplesAt(samples, "noopShaped", size));
            const indexing = wallTimes(samplesAt(samples, "indexShaped", size));
            const ours = wallTimes(samplesAt(samples, "ours", size));
            return `at ${size}, the same-shape pack that builds the index is ${formatRatio(pairedRatio(indexing, shaped))} the same-shape no-op pack, and ours is ${formatRatio(pairedRatio(ours, indexing))} it`;
        })
        .join("; ");
}

function violationsCell(measurement: Measurement): string {
    const count = measurement.counters.violations;
    return count === undefined || count < 0 ? "?" : String(count);
}

function describePlanted(samples: SamplesByVariant, sizes: number[]): string {
    return sizes
        .map((size) => {
            const m = samplesAt(samples, "noop", size)[0];
            return `${m.counters.resources} resources with ${m.counters.planted} planted mistakes`;
        })
        .join(", ");
}

function emptySection(): BenchmarkSection {
    return {
        title: "1. Pack evaluation on synthetic stacks",
        method:
            "Synthetic stack exports (buckets with SSE, versioning, public-access block, ownership controls and bucket policy; " +
            "customer-managed keys with alias and key policy; cross-region and cross-account replication with role and role policy; " +
            "about 10 % of buckets carry one planted mistake) evaluated in process by `policypack/harness` `evaluatePolicies`, " +
            "the code path of the offline checker. The floor is a no-op pack: one untyped resource policy and one stack policy that touch every resource; " +
            "a second no-op pack of ours' shape (per policy, a no-op resource part and a no-op stack part where ours has one; its resource parts untyped, so they run on every resource) shows how much of our cost is the harness's per-policy work, " +
            "a third, of the same shape, whose last stack policy also parses every distinct policy document, adds the parsing any pack that reads the documents must do, " +
            "and a fourth, of the same shape, whose last stack policy builds our stack index (parsing the documents on the way) and checks nothing, splits our cost into the index and the checks.",
        tables: [],
        targets: [],
        notMeasured: [],
        notes: [],
    };
}

function failureReason(error: unknown): string {
    return error instanceof WorkerFailure ? error.reason : (error as Error).message.split("\n")[0];
}

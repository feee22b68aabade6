// The engine's own superlinear cost in `pulumi preview` on a local (diy) backend, before any pack runs.
//
// pkg/v3 v3.276.0's diy backend installs a SnapshotManager even for a preview (backend/diy/backend.go: "We
// always install one (even for preview and dry-run)", with a DiscardPersister), and its default service
// loop (backend/snapshot.go) serializes the whole snapshot and runs snapshot.VerifyIntegrity over it after
// every step. The preview writes nothing, yet each step costs time proportional to the stack's size: O(n²)
// overall. PULUMI_SKIP_CHECKPOINTS=true selects the loop that saves once at the end. Benchmark 3 sets it for
// its pack comparison; this series shows what it removes, as the per-resource cost at two sizes.
import { formatMs, formatRatio } from "../framework/format";
import { cellName, runInterleaved, samplesAt } from "../framework/interleave";
import { Measurement, wallTimes } from "../framework/measurement";
import { Table } from "../framework/markdownTable";
import { pairedRatio, summarize, Summary } from "../framework/stats";

/** The environment benchmark 3's pack comparison runs under; see the file comment. */
export const SKIP_CHECKPOINTS_ENV: Readonly<Record<string, string>> = { PULUMI_SKIP_CHECKPOINTS: "true" };

export interface CheckpointCostPlan {
    sizes: readonly number[];
    rounds: number;
}

/** Runs one preview of the stack at its current size, with or without the per-step checkpoints. */
export type PreviewAt = (skipCheckpoints: boolean) => Promise<Measurement>;

export async function measureCheckpointCost(
    plan: CheckpointCostPlan,
    setBuckets: (buckets: number) => Promise<unknown>,
    preview: PreviewAt,
    log: (line: string) => void,
): Promise<{ table: Table; note?: string }> {
    const rows: string[][] = [];
    const medians: SizeMedians[] = [];
    for (const buckets of plan.sizes) {
        await setBuckets(buckets);
        const samples = await runInterleaved(
            [
                { name: cellName("per-step", buckets), run: () => preview(false) },
                { name: cellName("skip", buckets), run: () => preview(true) },
            ],
            {
                rounds: plan.rounds,
                onSample: (name, round, m) => log(`  checkpoints, round ${round + 1}/${plan.rounds} ${name}: ${m.wallMs.toFixed(0)} ms`),
            },
        );
        const perStep = wallTimes(samplesAt(samples, "per-step", buckets));
        const skip = wallTimes(samplesAt(samples, "skip", buckets));
        const resources = samplesAt(samples, "per-step", buckets)[0].counters.resources;
        const [perStepSummary, skipSummary] = [summarize(perStep), summarize(skip)];
        const perResource = (summary: Summary): string => `${(summary.median / resources).toFixed(1)} ms`;
        medians.push({ resources, perStep: perStepSummary.median, skip: skipSummary.median });
        rows.push([
            String(buckets),
            String(resources),
            formatMs(perStepSummary),
            perResource(perStepSummary),
            formatMs(skipSummary),
            perResource(skipSummary),
            formatRatio(pairedRatio(perStep, skip)),
        ]);
    }
    const headers = [
        "buckets",
        "resources",
        "no pack, engine defaults",
        "per resource",
        "no pack, PULUMI_SKIP_CHECKPOINTS=true",
        "per resource",
        "defaults × skip (paired)",
    ];
    return { table: { headers, rows }, note: marginalNote(medians) };
}

interface SizeMedians {
    resources: number;
    perStep: number;
    skip: number;
}

/** Start-up dominates small previews; the cost of each added resource between two sizes shows the growth. */
function marginalNote(medians: readonly SizeMedians[]): string | undefined {
    if (medians.length < 2) {
        return undefined;
    }
    const [small, large] = [medians[0], medians[medians.length - 1]];
    const added = large.resources - small.resources;
    const each = (a: number, b: number): string => `${((b - a) / added).toFixed(1)} ms`;
    return `between ${small.resources} and ${large.resources} resources, each added resource costs ${each(small.perStep, large.perStep)} with the engine's defaults and ${each(small.skip, large.skip)} with PULUMI_SKIP_CHECKPOINTS=true (medians)`;
}

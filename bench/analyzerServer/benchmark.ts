// Benchmark 5: @pulumi/policy's analyzer server in process, answering the engine's requests for a synthetic
// stack (Analyze per resource, then AnalyzeStack): ours as served (the single-pass handlers of
// policypack/server/ and the decode memo) against the empty pack and a no-op pack of the same shape on the library's
// handlers, and ours on the library's handlers with and without the decode memo, which shows what each saves.
import { runWorker, WorkerFailure } from "../framework/childRunner";
import { formatMs, formatRatio, formatRss } from "../framework/format";
import { runInterleaved } from "../framework/interleave";
import { cpuTimes, Measurement, peakRss, wallTimes } from "../framework/measurement";
import { BenchmarkSection } from "../framework/section";
import { pairedRatio, summarize } from "../framework/stats";
import { AnalyzerServerArgs, SERVER_VARIANTS, ServerVariant } from "./variants";

export interface AnalyzerServerPlan {
    resources: number;
    rounds: number;
    seed: number;
}

const WORKER = "bench/analyzerServer/worker.ts";
const LABELS: Record<ServerVariant, string> = {
    empty: "empty pack (one policy typed to a type no stack has)",
    noopShaped: "no-op pack shaped like ours",
    ours: "our pack as served (single-pass handlers and decode memo)",
    oursLibraryHandlers: "our pack on the library's handlers (ENCRYPTED_BUCKETS_SINGLE_PASS=off), decode memo on",
    oursWithoutMemo: "our pack on the library's handlers without the decode memo (both off)",
};

export async function runAnalyzerServerBenchmark(plan: AnalyzerServerPlan, log: (line: string) => void): Promise<BenchmarkSection> {
    const section = emptySection();
    const run = (variant: ServerVariant) => (): Promise<Measurement> =>
        runWorker({ script: WORKER, args: { variant, resourceCount: plan.resources, seed: plan.seed } satisfies AnalyzerServerArgs });
    for (const variant of SERVER_VARIANTS) {
        try {
            await runWorker({ script: WORKER, args: { variant, resourceCount: 1, seed: plan.seed } satisfies AnalyzerServerArgs });
        } catch (error) {
            section.notMeasured.push(`${LABELS[variant]}: ${error instanceof WorkerFailure ? error.reason : (error as Error).message}`);
            return section;
        }
    }
    const samples = await runInterleaved(
        SERVER_VARIANTS.map((variant) => ({ name: variant, run: run(variant) })),
        { rounds: plan.rounds, onSample: (v, round, m) => log(`  round ${round + 1}/${plan.rounds} ${v}: ${m.wallMs.toFixed(0)} ms`) },
    );
    const of = (variant: ServerVariant): Measurement[] => samples.get(variant) ?? [];
    const ratio = (variant: ServerVariant, base: ServerVariant, cpu = false) =>
        variant === base ? "1.00×" : formatRatio(pairedRatio((cpu ? cpuTimes : wallTimes)(of(variant)), (cpu ? cpuTimes : wallTimes)(of(base))));
    section.tables.push({
        headers: ["resources", "pack", "server time", "× no-op shaped like ours (paired)", "CPU × no-op", "× ours (paired)", "peak RSS", "violations"],
        rows: SERVER_VARIANTS.map((variant) => [
            String(of(variant)[0].counters.resources),
            LABELS[variant],
            formatMs(summarize(wallTimes(of(variant)))),
            ratio(variant, "noopShaped"),
            ratio(variant, "noopShaped", true),
            ratio(variant, "ours"),
            formatRss(summarize(peakRss(of(variant)))),
            String(of(variant)[0].counters.violations),
        ]),
    });
    section.notes.push(
        "time covers the server's handlers only: building and decoding the protobuf requests (the gRPC stub's work) is excluded, and is the same for every pack",
        "the no-op pack runs with the memo too, as it would if served by policypack/index.ts; without it, each of its stack policies would decode the stack again",
        "the single-pass handlers (policypack/server/singlePassAnalyzer.ts) answer byte for byte as the library's (test/policypack/singlePassAnalyzer.spec.ts); they build each resource's view once per request instead of once per policy, and skip multi-type checks (and the decode) for the types a check declares it never reads",
    );
    return section;
}

function emptySection(): BenchmarkSection {
    return {
        title: "5. @pulumi/policy's analyzer server in process",
        method:
            "The requests the engine sends for a synthetic stack (benchmark 1's generator): an Analyze request per resource and one " +
            "AnalyzeStack request, answered in a fresh Node process: our pack by the handlers it serves " +
            "(`policypack/server/`), the empty pack and a no-op pack of the same shape by @pulumi/policy 1.21.0's own handlers " +
            "(`makeAnalyzeRpcFun`, `makeAnalyzeStackRpcFun`), and ours by those too, with and without the decode memo " +
            "(`policypack/analyzerDecodeMemo.ts`). This is the pack process's work in benchmarks 3 and 4, without the CLI and the gRPC hops.",
        tables: [],
        targets: [],
        notMeasured: [],
        notes: [],
    };
}

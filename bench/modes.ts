// How big and how often each benchmark runs in each mode. Quick is the default for `npm run bench`;
// full is for release notes; smoke exists only for the test that checks the bench code still runs.
import { PackVariant } from "./packEval/packs";

export type ModeName = "quick" | "full" | "smoke";

export interface BenchPlan {
    mode: ModeName;
    /** What a run took on the 2-core development machine, for the report's "how to run" line. */
    typicalDuration: string;
    /** installAwsguard: fetch @pulumi/awsguard into bench/.deps when missing (never in the smoke test: no network there). */
    packEval: { sizes: number[]; rounds: number; seed: number; packs: PackVariant[]; installAwsguard: boolean };
    components: { replicatedBuckets: number[]; rounds: number };
    cliPreview: { buckets: number; rounds: number; checkpointSizes: number[] };
    policyAnalyze: { resources: number; rounds: number; seed: number };
    analyzerServer: { resources: number; rounds: number; seed: number };
}

const SEED = 20261123;

export const PLANS: Record<ModeName, BenchPlan> = {
    quick: {
        mode: "quick",
        typicalDuration: "estimated at 6–8 minutes on the idle 2-core development machine (not yet timed idle), 30 or more with other work running",
        // 10k and 20k are the sizes the targets name; the reference packs (parse-only, awsguard) run in full mode.
        packEval: { sizes: [10_000, 20_000], rounds: 5, seed: SEED, packs: ["noop", "noopShaped", "parseShaped", "indexShaped", "ours"], installAwsguard: false },
        components: { replicatedBuckets: [100], rounds: 5 },
        cliPreview: { buckets: 20, rounds: 5, checkpointSizes: [10, 20] },
        policyAnalyze: { resources: 1_000, rounds: 5, seed: SEED },
        analyzerServer: { resources: 2_000, rounds: 5, seed: SEED },
    },
    full: {
        mode: "full",
        typicalDuration:
            "about 19 minutes on the idle 2-core development machine for benchmarks 1, 4 and 5, and 39 minutes for benchmark 3 (twenty 500-bucket previews and the checkpoint series; timed 2026-12-03)",
        // The parse-only and awsguard reference packs are left out of full mode to keep it well under 35 minutes.
        packEval: { sizes: [10_000, 20_000], rounds: 5, seed: SEED, packs: ["noop", "noopShaped", "parseShaped", "indexShaped", "ours"], installAwsguard: false },
        components: { replicatedBuckets: [100], rounds: 5 },
        cliPreview: { buckets: 500, rounds: 5, checkpointSizes: [25, 100] },
        policyAnalyze: { resources: 10_000, rounds: 5, seed: SEED },
        analyzerServer: { resources: 5_000, rounds: 5, seed: SEED },
    },
    smoke: {
        mode: "smoke",
        typicalDuration: "about 30 seconds",
        packEval: { sizes: [60], rounds: 1, seed: SEED, packs: ["noop", "noopShaped", "parseShaped", "indexShaped", "parseOnly", "ours", "awsguard"], installAwsguard: false },
        components: { replicatedBuckets: [1], rounds: 1 },
        cliPreview: { buckets: 2, rounds: 1, checkpointSizes: [2] },
        policyAnalyze: { resources: 60, rounds: 1, seed: SEED },
        analyzerServer: { resources: 60, rounds: 1, seed: SEED },
    },
};

// How big and how often each benchmark runs in each mode. Quick is the default for `npm run bench`;
// full is for release notes; smoke exists only for the test that checks the bench code still runs.

export type ModeName = "quick" | "full" | "smoke";

export interface BenchPlan {
    mode: ModeName;
    /** What a run took on the 2-core development machine, for the report's "how to run" line. */
    typicalDuration: string;
    /** installAwsguard: fetch @pulumi/awsguard into bench/.deps when missing (never in the smoke test: no network there). */
    packEval: { sizes: number[]; rounds: number; seed: number; installAwsguard: boolean };
    components: { replicatedBuckets: number[]; rounds: number };
    cliPreview: { buckets: number; rounds: number };
}

const SEED = 20261123;

export const PLANS: Record<ModeName, BenchPlan> = {
    quick: {
        mode: "quick",
        typicalDuration: "about 5 minutes on the idle 2-core development machine, 10 or more with other work running",
        // 10k and 20k are the sizes the targets name; 1k is added in full mode.
        packEval: { sizes: [10_000, 20_000], rounds: 5, seed: SEED, installAwsguard: true },
        components: { replicatedBuckets: [10, 100], rounds: 5 },
        // A preview of 500 buckets (5,500 resources) takes 40–60 s here, and benchmark 3 runs 15 of them; quick mode previews 20.
        cliPreview: { buckets: 20, rounds: 5 },
    },
    full: {
        mode: "full",
        typicalDuration: "about 20 minutes on the idle 2-core development machine; the fifteen 500-bucket previews of benchmark 3 take 13 of them",
        packEval: { sizes: [1_000, 10_000, 20_000], rounds: 7, seed: SEED, installAwsguard: true },
        components: { replicatedBuckets: [10, 100], rounds: 7 },
        cliPreview: { buckets: 500, rounds: 5 },
    },
    smoke: {
        mode: "smoke",
        typicalDuration: "about 30 seconds",
        packEval: { sizes: [60], rounds: 1, seed: SEED, installAwsguard: false },
        components: { replicatedBuckets: [1], rounds: 1 },
        cliPreview: { buckets: 2, rounds: 1 },
    },
};

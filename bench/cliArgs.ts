// Command-line flags of `npm run bench`.
import { ModeName } from "./modes";

export const BENCHMARK_NAMES = ["packEval", "components", "cliPreview", "policyAnalyze", "analyzerServer"] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

export interface BenchOptions {
    mode: ModeName;
    only: BenchmarkName[];
    /** Where the report goes; BENCHMARKS.md at the repository root unless given. */
    out?: string;
}

const USAGE = "usage: npm run bench -- [--full | --smoke] [--only=packEval,components,cliPreview,policyAnalyze,analyzerServer] [--out=FILE]";

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
    const options: BenchOptions = { mode: "quick", only: [...BENCHMARK_NAMES] };
    for (const arg of argv) {
        if (arg === "--full") {
            options.mode = "full";
        } else if (arg === "--smoke") {
            options.mode = "smoke";
        } else if (arg.startsWith("--only=")) {
            options.only = arg
                .slice("--only=".length)
                .split(",")
                .map((name) => {
                    if (!(BENCHMARK_NAMES as readonly string[]).includes(name)) {
                        throw new Error(`unknown benchmark "${name}"; ${USAGE}`);
                    }
                    return name as BenchmarkName;
                });
        } else if (arg.startsWith("--out=")) {
            options.out = arg.slice("--out=".length);
        } else {
            throw new Error(`unknown flag "${arg}"; ${USAGE}`);
        }
    }
    return options;
}

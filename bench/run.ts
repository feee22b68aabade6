// `npm run bench [-- --full]`: runs the benchmarks and writes BENCHMARKS.md. Progress goes to stderr.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchmarkName, parseBenchArgs } from "./cliArgs";
import { runAnalyzerServerBenchmark } from "./analyzerServer/benchmark";
import { runCliPreviewBenchmark } from "./cliPreview/benchmark";
import { runComponentsBenchmark } from "./components/benchmark";
import { REPO_ROOT } from "./framework/childRunner";
import { renderReport } from "./framework/report";
import { BenchmarkSection } from "./framework/section";
import { BenchPlan, PLANS } from "./modes";
import { runPackEvalBenchmark } from "./packEval/benchmark";
import { runPolicyAnalyzeBenchmark } from "./policyAnalyze/benchmark";

type Runner = (plan: BenchPlan, log: (line: string) => void) => Promise<BenchmarkSection>;

const RUNNERS: Record<BenchmarkName, Runner> = {
    packEval: (plan, log) => runPackEvalBenchmark(plan.packEval, log),
    components: (plan, log) => runComponentsBenchmark(plan.components, log),
    cliPreview: (plan, log) => runCliPreviewBenchmark(plan.cliPreview, log),
    policyAnalyze: (plan, log) => runPolicyAnalyzeBenchmark(plan.policyAnalyze, log),
    analyzerServer: (plan, log) => runAnalyzerServerBenchmark(plan.analyzerServer, log),
};

const logToStderr = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** Runs the selected benchmarks and writes the report; returns its path. */
export async function runBench(argv: readonly string[], log: (line: string) => void = logToStderr): Promise<string> {
    const options = parseBenchArgs(argv);
    const plan = PLANS[options.mode];
    const startedAt = new Date();
    const loadAtStart = os.loadavg()[0];
    const sections: BenchmarkSection[] = [];
    for (const name of options.only) {
        log(`${name} (${plan.mode})`);
        sections.push(await RUNNERS[name](plan, log));
    }
    const report = renderReport(
        {
            mode: plan.mode,
            startedAt,
            durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
            command: ["npm run bench", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" "),
            typicalDuration: plan.typicalDuration,
            loadAverage: [loadAtStart, os.loadavg()[0]],
        },
        sections,
    );
    const out = options.out ?? path.join(REPO_ROOT, "BENCHMARKS.md");
    fs.writeFileSync(out, report + "\n");
    log(`wrote ${path.relative(process.cwd(), out) || out}`);
    return out;
}

if (require.main === module) {
    runBench(process.argv.slice(2)).catch((error: Error) => {
        process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
        process.exit(1);
    });
}

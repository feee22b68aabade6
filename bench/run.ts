// `npm run bench [-- --full]`: runs the benchmarks and writes BENCHMARKS.md. Progress goes to stderr.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BenchmarkName, parseBenchArgs } from "./cliArgs";
import { runAnalyzerServerBenchmark } from "./analyzerServer/benchmark";
import { runCliPreviewBenchmark } from "./cliPreview/benchmark";
import { runComponentsBenchmark } from "./components/benchmark";
import { REPO_ROOT } from "./framework/childRunner";
import { LoadSampler } from "./framework/loadSampler";
import { renderReport, storeSection } from "./framework/report";
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
    const commit = currentCommit();
    const load = new LoadSampler();
    const sections: { name: BenchmarkName; section: BenchmarkSection }[] = [];
    try {
        for (const name of options.only) {
            log(`${name} (${plan.mode})`);
            sections.push({ name, section: await RUNNERS[name](plan, log) });
        }
    } finally {
        load.stop();
    }
    const run = {
        mode: plan.mode,
        startedAt,
        durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
        command: ["npm run bench", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" "),
        typicalDuration: plan.typicalDuration,
        commit,
        load: load.figures(),
    };
    const out = options.out ?? path.join(REPO_ROOT, "BENCHMARKS.md");
    const previous = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : undefined;
    const report = renderReport(sections.map(({ name, section }) => storeSection(name, section, run)), previous);
    fs.writeFileSync(out, report);
    log(`wrote ${path.relative(process.cwd(), out) || out}`);
    return out;
}

function currentCommit(): string {
    const git = (...args: string[]): string => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    try {
        return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") === "" ? "" : " + uncommitted changes"}`;
    } catch {
        return "unknown (not a git checkout)";
    }
}

if (require.main === module) {
    runBench(process.argv.slice(2)).catch((error: Error) => {
        process.stderr.write(`[bench] ${error.stack ?? error.message}\n`);
        process.exit(1);
    });
}

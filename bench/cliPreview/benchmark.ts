// Benchmark 3: `pulumi preview` of N encrypted buckets with the real CLI (e2e build), with our pack and
// without it. Each sample is a fresh `pulumi preview` process tree.
import * as fs from "fs";
import * as path from "path";
import { pulumiBinDir } from "../../e2e/support/cli";
import { POLICY_PACK_DIR } from "../../e2e/support/paths";
import { builtPolicyPack } from "../../e2e/support/policyPack";
import { PulumiSession } from "../../e2e/support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "../../e2e/support/workdir";
import { formatMs, formatRatio, formatRss, verdict } from "../framework/format";
import { runInterleaved } from "../framework/interleave";
import { cpuTimes, Measurement, peakRss, wallTimes } from "../framework/measurement";
import { BenchmarkSection } from "../framework/section";
import { pairedRatio, summarize } from "../framework/stats";
import { GNU_TIME, runTimed } from "./timedCommand";

export interface CliPreviewPlan {
    buckets: number;
    rounds: number;
}

const PROJECT_DIR = path.join(__dirname, "project");
const STACK = "bench";
const OVERHEAD_LIMIT = 1.1;
const TARGET_BUCKETS = 500;
const PREVIEW_TIMEOUT_MS = 15 * 60_000;

type PreviewVariant = "without" | "empty" | "with";
const VARIANTS: readonly PreviewVariant[] = ["without", "empty", "with"];
const LABELS: Record<PreviewVariant, string> = {
    without: "preview without a pack",
    empty: "preview with an empty pack (reference: one policy that never applies)",
    with: "preview with `--policy-pack policypack`",
};
const EMPTY_PACK_DIR = path.join(__dirname, "emptyPack");

export async function runCliPreviewBenchmark(plan: CliPreviewPlan, log: (line: string) => void): Promise<BenchmarkSection> {
    const section = emptySection(plan.buckets);
    const unavailable = missingPrerequisite();
    if (unavailable !== undefined) {
        return notMeasured(section, unavailable, plan.buckets);
    }
    let binDir: string;
    try {
        binDir = pulumiBinDir();
    } catch (error) {
        return notMeasured(section, `the CLI from e2e/cli/build-cli.sh is not available (${firstLine((error as Error).message)})`, plan.buckets);
    }
    // The CLI runs the pack's compiled entry point (policypack/bin), as a user's does after `npm run build:pack`;
    // rebuilt here so the benchmark never measures output older than the sources.
    let packDir: string;
    try {
        packDir = builtPolicyPack();
    } catch (error) {
        return notMeasured(section, `the policy pack does not build (${firstLine((error as Error).message)})`, plan.buckets);
    }

    const session = new PulumiSession(binDir, "bench-preview");
    const dir = stageProject(PROJECT_DIR, { projectFileRewrite: absolutePluginPaths });
    try {
        await session.ok(["stack", "init", STACK], dir);
        const setBuckets = (n: number) => session.ok(["config", "set", "buckets", String(n), "--stack", STACK], dir);
        const packFor: Record<PreviewVariant, string | undefined> = { without: undefined, empty: EMPTY_PACK_DIR, with: packDir };
        const preview = (variant: PreviewVariant) => (): Promise<Measurement> => runPreview(session, binDir, dir, packFor[variant]);

        // Probe both variants on one bucket: proves the CLI, host, provider and pack load, and warms file caches,
        // without paying for two more full-size previews.
        await setBuckets(1);
        for (const variant of VARIANTS) {
            try {
                const probe = await preview(variant)();
                log(`probe ${variant}: ${probe.wallMs.toFixed(0)} ms, ${probe.counters.resources} resources`);
            } catch (error) {
                return notMeasured(section, `${LABELS[variant]} failed: ${firstLine((error as Error).message)}`, plan.buckets);
            }
        }
        await setBuckets(plan.buckets);
        const samples = await runInterleaved(
            VARIANTS.map((variant) => ({ name: variant, run: preview(variant) })),
            {
                rounds: plan.rounds,
                onSample: (variant, round, m) => log(`  round ${round + 1}/${plan.rounds} ${variant}: ${m.wallMs.toFixed(0)} ms, ${(m.maxRssKiB / 1024).toFixed(0)} MiB`),
            },
        );
        const of = (variant: PreviewVariant): Measurement[] => samples.get(variant) ?? [];
        // Paired per round: the pack against no pack (the target), and against the empty pack (our policies' own share).
        const versus = (variant: PreviewVariant, base: PreviewVariant) => ({
            wall: pairedRatio(wallTimes(of(variant)), wallTimes(of(base))),
            cpu: pairedRatio(cpuTimes(of(variant)), cpuTimes(of(base))),
        });
        const emptyOverWithout = versus("empty", "without");
        const withOverWithout = versus("with", "without");
        const withOverEmpty = versus("with", "empty");
        const overWithout: Record<PreviewVariant, { wall: string; cpu: string }> = {
            without: { wall: "1.00×", cpu: "1.00×" },
            empty: { wall: formatRatio(emptyOverWithout.wall), cpu: formatRatio(emptyOverWithout.cpu) },
            with: { wall: formatRatio(withOverWithout.wall), cpu: formatRatio(withOverWithout.cpu) },
        };
        const overEmpty: Record<PreviewVariant, string> = { without: "—", empty: "1.00×", with: formatRatio(withOverEmpty.wall) };
        section.tables.push({
            headers: ["variant", "resources", "wall time", "× without (paired)", "CPU × without", "× empty pack (paired)", "peak RSS (largest process)"],
            rows: VARIANTS.map((variant) => [
                LABELS[variant],
                String(of(variant)[0].counters.resources),
                formatMs(summarize(wallTimes(of(variant)))),
                overWithout[variant].wall,
                overWithout[variant].cpu,
                overEmpty[variant],
                formatRss(summarize(peakRss(of(variant)))),
            ]),
        });
        section.targets.push({
            target: targetName(plan.buckets),
            measured: formatRatio(withOverWithout.wall),
            cpuMeasured: formatRatio(withOverWithout.cpu),
            verdict: verdict(withOverWithout.wall.median, OVERHEAD_LIMIT),
        });
        // The target above charges the pack for the engine's analyzer plumbing too; this row isolates our policies.
        section.targets.push({
            target: `CLI preview, our pack ≤ +${Math.round((OVERHEAD_LIMIT - 1) * 100)} % over an empty pack, ${plan.buckets} buckets`,
            measured: formatRatio(withOverEmpty.wall),
            cpuMeasured: formatRatio(withOverEmpty.cpu),
            verdict: verdict(withOverEmpty.wall.median, OVERHEAD_LIMIT),
        });
        section.notes.push(`CLI and language host from ${binDir}; stand-in aws provider from e2e/standin-aws`);
        section.notes.push(
            "the empty pack (`bench/cliPreview/emptyPack`) separates the engine's cost of running any analyzer (a Remediate and an Analyze round trip per resource on the step generator's serial path, a second Node process on the same cores) from what our policies add: compare the `with` row against it",
        );
        if (plan.buckets < TARGET_BUCKETS) {
            section.notes.push(`the target is stated for ${TARGET_BUCKETS} buckets; this mode previews ${plan.buckets} (a preview of ${TARGET_BUCKETS} takes 40–60 s here), so the pack's fixed start-up weighs more: run \`npm run bench -- --full --only=cliPreview\``);
        }
        return section;
    } finally {
        session.dispose();
        removeDir(dir);
    }
}

async function runPreview(session: PulumiSession, binDir: string, dir: string, packDir: string | undefined): Promise<Measurement> {
    const args = ["preview", "--stack", STACK, "--non-interactive", "--color", "never"];
    if (packDir !== undefined) {
        args.push("--policy-pack", packDir);
    }
    const result = await runTimed(path.join(binDir, "pulumi"), args, dir, session.env(), PREVIEW_TIMEOUT_MS);
    if (result.code !== 0) {
        const output = `${result.stdout}\n${result.stderr}`.trim().split("\n");
        throw new Error(`pulumi ${args.join(" ")} exited ${result.code}: ${output.slice(-3).join(" / ")}`);
    }
    return { wallMs: result.wallMs, cpuMs: result.cpuMs, maxRssKiB: result.maxRssKiB, counters: { resources: resourcesToCreate(result.stdout) } };
}

/** The "+ N to create" figure of the preview summary. */
function resourcesToCreate(stdout: string): number {
    const match = /\+\s+(\d+)\s+to create/.exec(stdout);
    return match ? Number(match[1]) : -1;
}

function missingPrerequisite(): string | undefined {
    if (!fs.existsSync(GNU_TIME)) {
        return `${GNU_TIME} (GNU time) is not installed; it reports the peak RSS of the process tree`;
    }
    if (!fs.existsSync(path.join(POLICY_PACK_DIR, "PulumiPolicy.yaml"))) {
        return "policypack/PulumiPolicy.yaml is not in the tree yet, so the CLI cannot load the pack";
    }
    return undefined;
}

function notMeasured(section: BenchmarkSection, reason: string, buckets: number): BenchmarkSection {
    section.notMeasured.push(reason);
    section.targets.push({ target: targetName(buckets), measured: "not measured", cpuMeasured: "—", verdict: "—" });
    return section;
}

function targetName(buckets: number): string {
    return `CLI preview with pack ≤ +${Math.round((OVERHEAD_LIMIT - 1) * 100)} %, ${buckets} buckets`;
}

function firstLine(text: string): string {
    return text.split("\n")[0];
}

function emptySection(buckets: number): BenchmarkSection {
    return {
        title: "3. `pulumi preview` with and without the pack (real CLI)",
        method:
            `\`pulumi preview\` of ${buckets} \`EncryptedBucket\`s (each with its own key; two accounts, two regions) by the CLI built by ` +
            "`e2e/cli/build-cli.sh` with our language host and the stand-in aws provider, on a local file backend; with " +
            "`--policy-pack policypack` (its compiled entry point `policypack/bin/index.js`, rebuilt before the first sample) against without. Wall time is the whole command; CPU time and peak RSS are GNU time's " +
            "%U + %S and %M, which cover only the processes the CLI waits for, so the CPU ratio may leave out plugin processes " +
            "and the verdict uses wall time alone.",
        tables: [],
        targets: [],
        notMeasured: [],
        notes: [],
    };
}

// Benchmark 4: `pulumi policy analyze --file` on a synthetic stack export with the real CLI: the engine's
// floor (a Go analyzer that does nothing), an empty Node pack, ours, and both Node packs started as
// executables. Run once on the smallest stack the generator makes (what starting each analyzer costs) and
// once at the target size; each sample is a fresh `pulumi` process tree.
import * as fs from "fs";
import * as path from "path";
import { PulumiSession } from "../../e2e/support/pulumi";
import { CLI_PACK_LABELS, CliPack, prepareCliBenchmark } from "../cliPacks/packs";
import { packRatio, pairedDifferenceMs, pairedPackTable } from "../cliPacks/pairedTable";
import { runTimed } from "../cliPreview/timedCommand";
import { formatRatio, verdict } from "../framework/format";
import { runInterleaved, SamplesByVariant } from "../framework/interleave";
import { Measurement } from "../framework/measurement";
import { BenchmarkSection } from "../framework/section";
import { Summary } from "../framework/stats";
import { generateStack } from "../stacks/generate";

export interface PolicyAnalyzePlan {
    /** Resources of the export the target is read at. */
    resources: number;
    rounds: number;
    seed: number;
}

const OVER_EMPTY_LIMIT = 1.05;
const TARGET_RESOURCES = 10_000;
/** The generator's smallest stack: one group of buckets, keys and replication, enough to start every analyzer. */
const START_UP_RESOURCES = 1;
const ANALYZE_TIMEOUT_MS = 15 * 60_000;
const PACKS: readonly CliPack[] = ["goFloor", "empty", "emptyExec", "ours", "oursExec"];
/** At size, the empty pack's executable form is left out to save time: start-up shows what that form saves it. */
const AT_SIZE_PACKS: readonly CliPack[] = ["goFloor", "empty", "ours", "oursExec"];

export async function runPolicyAnalyzeBenchmark(plan: PolicyAnalyzePlan, log: (line: string) => void): Promise<BenchmarkSection> {
    const section = emptySection(plan.resources);
    const setup = prepareCliBenchmark(PACKS, log);
    if (!setup.ok) {
        return notMeasured(section, setup.reason, plan.resources);
    }
    const { binDir, packs } = setup;
    const session = new PulumiSession(binDir, "bench-analyze");
    try {
        const writeExport = (resources: number): { file: string; resources: number } => {
            const stack = generateStack({ resourceCount: resources, seed: plan.seed });
            const file = path.join(session.root, `stack-${resources}.json`);
            fs.writeFileSync(file, JSON.stringify(stack.stackExport));
            return { file, resources: stack.resources.length };
        };
        const small = writeExport(START_UP_RESOURCES);
        const large = writeExport(plan.resources);
        const analyze = (file: string, pack: CliPack) => (): Promise<Measurement> => runAnalyze(session, binDir, file, packs.policyPack[pack]);
        const sweep = (file: string, packList: readonly CliPack[], label: string): Promise<SamplesByVariant> =>
            runInterleaved(
                packList.map((pack) => ({ name: pack, run: analyze(file, pack) })),
                { rounds: plan.rounds, onSample: (pack, round, m) => log(`  ${label} round ${round + 1}/${plan.rounds} ${pack}: ${m.wallMs.toFixed(0)} ms`) },
            );
        // Probe (and warm) every pack once on the small export before any timed round.
        for (const pack of PACKS) {
            try {
                const probe = await analyze(small.file, pack)();
                log(`probe ${pack}: ${probe.wallMs.toFixed(0)} ms, ${probe.counters.violations} violations`);
            } catch (error) {
                return notMeasured(section, `${CLI_PACK_LABELS[pack]} failed: ${firstLine((error as Error).message)}`, plan.resources);
            }
        }
        const startUp = await sweep(small.file, PACKS, `${small.resources} resources`);
        const atSize = await sweep(large.file, AT_SIZE_PACKS, `${large.resources} resources`);
        const references: CliPack[] = ["goFloor", "empty"];
        section.tables.push(
            { ...pairedPackTable(startUp, PACKS, references, { header: "violations", key: "violations" }), caption: `${small.resources} resources (start-up)` },
            { ...pairedPackTable(atSize, AT_SIZE_PACKS, references, { header: "violations", key: "violations" }), caption: `${large.resources} resources` },
        );

        const oursOverEmpty = packRatio(atSize, "ours", "empty");
        section.targets.push({
            target: targetName(plan.resources),
            measured: formatRatio(oursOverEmpty.wall),
            cpuMeasured: formatRatio(oursOverEmpty.cpu),
            verdict: verdict(oursOverEmpty.wall.median, OVER_EMPTY_LIMIT),
        });
        section.notes.push(...engineShare(startUp, atSize, large.resources - small.resources));
        section.notes.push(
            "no pack: not measured; `pulumi policy analyze` refuses to run without `--policy-pack`, so the Go floor is the baseline here",
            `the executables (\`policypack/analyzer\`, \`bench/cliPreview/emptyPack/analyzer\`) are two-line shell scripts that run the pack's entry point with Node in its directory; the CLI starts an executable given to \`--policy-pack\` directly, so neither the language host, its policy proxy nor \`run-policy-pack\`'s TypeScript set-up runs. GNU time counts an executable pack's CPU time and memory (the CLI waits for it) but not a directory pack's (the language host starts it), so compare those columns between the two forms with care`,
            `violations counts the policy events of \`--json\`; the export is deterministic (seed ${plan.seed})`,
        );
        if (plan.resources < TARGET_RESOURCES) {
            section.notes.push(`the target is stated for ${TARGET_RESOURCES} resources; this mode analyzes ${large.resources}: run \`npm run bench -- --full --only=policyAnalyze\``);
        }
        return section;
    } finally {
        session.dispose();
    }
}

/** The gap between the empty Node pack and the Go floor, split into start-up and per-resource cost. */
function engineShare(startUp: SamplesByVariant, atSize: SamplesByVariant, addedResources: number): string[] {
    const seconds = (s: Summary): string => `${(s.median / 1000).toFixed(1)} s (${(s.min / 1000).toFixed(1)}–${(s.max / 1000).toFixed(1)})`;
    const gapSmall = pairedDifferenceMs(startUp, "empty", "goFloor");
    const gapLarge = pairedDifferenceMs(atSize, "empty", "goFloor");
    const perResourceUs = ((gapLarge.median - gapSmall.median) * 1000) / Math.max(1, addedResources);
    const execEmpty = pairedDifferenceMs(startUp, "empty", "emptyExec");
    const execOurs = pairedDifferenceMs(atSize, "ours", "oursExec");
    return [
        `the engine's and SDK's share for any Node pack (empty Node pack − Go floor): ${seconds(gapLarge)} at size, of which start-up ${seconds(gapSmall)} (the small export) and about ${perResourceUs.toFixed(0)} µs per further resource (Remediate and Analyze each cross the language host's policy proxy, then @pulumi/policy's server)`,
        `started as an executable, the empty Node pack starts ${seconds(execEmpty)} sooner (${formatRatio(packRatio(startUp, "emptyExec", "empty").wall)} of the directory form on the small export); our pack as an executable (\`policypack/analyzer\`) saves ${seconds(execOurs)} at size, ${formatRatio(packRatio(atSize, "oursExec", "ours").wall)} of the directory form`,
    ];
}

async function runAnalyze(session: PulumiSession, binDir: string, file: string, policyPack: string | undefined): Promise<Measurement> {
    if (policyPack === undefined) {
        throw new Error("pulumi policy analyze needs a --policy-pack");
    }
    const args = ["policy", "analyze", "--file", file, "--policy-pack", policyPack, "--json", "--non-interactive", "--color", "never"];
    const result = await runTimed(path.join(binDir, "pulumi"), args, session.root, session.env(), ANALYZE_TIMEOUT_MS);
    // Exit code 1 with mandatory violations is the command working; anything else, or 1 without them, is not.
    const violations = (result.stdout.match(/"policyEvent"/g) ?? []).length;
    if (result.code !== 0 && !(result.code === 1 && violations > 0)) {
        const output = `${result.stdout}\n${result.stderr}`.trim().split("\n");
        throw new Error(`pulumi ${args.join(" ")} exited ${result.code}: ${output.slice(-3).join(" / ")}`);
    }
    return { wallMs: result.wallMs, cpuMs: result.cpuMs, maxRssKiB: result.maxRssKiB, counters: { violations } };
}

function notMeasured(section: BenchmarkSection, reason: string, resources: number): BenchmarkSection {
    section.notMeasured.push(reason);
    section.targets.push({ target: targetName(resources), measured: "not measured", cpuMeasured: "—", verdict: "—" });
    return section;
}

function targetName(resources: number): string {
    return `\`policy analyze --file\`, ours ≤ ${OVER_EMPTY_LIMIT}× the empty Node pack, ${resources} resources`;
}

function firstLine(text: string): string {
    return text.split("\n")[0];
}

function emptySection(resources: number): BenchmarkSection {
    return {
        title: "4. `pulumi policy analyze --file`: the engine's floor, an empty Node pack, ours (real CLI)",
        method:
            `\`pulumi policy analyze --file\` of a synthetic stack export (the generator of benchmark 1, ${resources} resources requested) ` +
            "by the CLI built by `e2e/cli/build-cli.sh`: with the Go no-op analyzer (the engine's floor), the empty Node pack, our pack, " +
            `and both Node packs started as executables. First on the smallest export the generator makes (start-up), then at size. ` +
            "Wall time is the whole command; CPU time and peak RSS as in benchmark 3.",
        tables: [],
        targets: [],
        notMeasured: [],
        notes: [],
    };
}

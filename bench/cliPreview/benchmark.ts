// Benchmark 3: `pulumi preview` of N encrypted buckets with the real CLI (e2e build): without a pack, with the
// engine's floor (a Go analyzer that does nothing), with an empty Node pack, and with ours. Each sample is a
// fresh `pulumi preview` process tree; the four run in every round, in rotating order. All four run with
// PULUMI_SKIP_CHECKPOINTS=true, which removes an O(n²) engine cost that no pack adds to or takes from
// (checkpointCost.ts measures it separately); without it one 500-bucket preview takes over 13 minutes.
import * as path from "path";
import { PulumiSession } from "../../e2e/support/pulumi";
import { absolutePluginPaths, removeDir, stageProject } from "../../e2e/support/workdir";
import { CLI_PACK_LABELS, CliPack, prepareCliBenchmark } from "../cliPacks/packs";
import { packRatio, pairedDifferenceMs, pairedPackTable } from "../cliPacks/pairedTable";
import { formatRatio, verdict } from "../framework/format";
import { runInterleaved } from "../framework/interleave";
import { Measurement } from "../framework/measurement";
import { BenchmarkSection } from "../framework/section";
import { measureCheckpointCost, SKIP_CHECKPOINTS_ENV } from "./checkpointCost";
import { runTimed } from "./timedCommand";

export interface CliPreviewPlan {
    buckets: number;
    rounds: number;
    /** Sizes of the separate series that shows the engine's per-step checkpoint cost (no pack). */
    checkpointSizes: number[];
}

const PROJECT_DIR = path.join(__dirname, "project");
const STACK = "bench";
/** Ours against the empty Node pack: what our policies add on top of any Node pack's plumbing. */
const OVER_EMPTY_LIMIT = 1.02;
const TARGET_BUCKETS = 500;
const PREVIEW_TIMEOUT_MS = 15 * 60_000;
const PACKS: readonly CliPack[] = ["none", "goFloor", "empty", "ours"];

export async function runCliPreviewBenchmark(plan: CliPreviewPlan, log: (line: string) => void): Promise<BenchmarkSection> {
    const section = emptySection(plan.buckets);
    const setup = prepareCliBenchmark(PACKS, log);
    if (!setup.ok) {
        return notMeasured(section, setup.reason, plan.buckets);
    }
    const { binDir, packs } = setup;

    const session = new PulumiSession(binDir, "bench-preview");
    const dir = stageProject(PROJECT_DIR, { projectFileRewrite: absolutePluginPaths });
    try {
        await session.ok(["stack", "init", STACK], dir);
        const setBuckets = (n: number) => session.ok(["config", "set", "buckets", String(n), "--stack", STACK], dir);
        const preview = (pack: CliPack) => (): Promise<Measurement> => runPreview(session, binDir, dir, packs.policyPack[pack], true);

        // Probe every pack on one bucket: proves the CLI, host, provider and packs load, and warms file caches,
        // without paying for more full-size previews.
        await setBuckets(1);
        for (const pack of PACKS) {
            try {
                const probe = await preview(pack)();
                log(`probe ${pack}: ${probe.wallMs.toFixed(0)} ms, ${probe.counters.resources} resources`);
            } catch (error) {
                return notMeasured(section, `${CLI_PACK_LABELS[pack]} failed: ${firstLine((error as Error).message)}`, plan.buckets);
            }
        }
        await setBuckets(plan.buckets);
        const samples = await runInterleaved(
            PACKS.map((pack) => ({ name: pack, run: preview(pack) })),
            {
                rounds: plan.rounds,
                onSample: (pack, round, m) => log(`  round ${round + 1}/${plan.rounds} ${pack}: ${m.wallMs.toFixed(0)} ms, ${(m.maxRssKiB / 1024).toFixed(0)} MiB`),
            },
        );
        section.tables.push(pairedPackTable(samples, PACKS, ["none", "goFloor", "empty"], { header: "resources", key: "resources" }));
        const checkpoints = await measureCheckpointCost(
            { sizes: plan.checkpointSizes, rounds: plan.rounds },
            setBuckets,
            (skipCheckpoints) => runPreview(session, binDir, dir, undefined, skipCheckpoints),
            log,
        );
        section.tables.push({ ...checkpoints.table, caption: "The engine's per-step checkpoints in a preview (no pack)" });

        const oursOverEmpty = packRatio(samples, "ours", "empty");
        section.targets.push({
            target: targetName(plan.buckets),
            measured: formatRatio(oursOverEmpty.wall),
            cpuMeasured: formatRatio(oursOverEmpty.cpu),
            verdict: verdict(oursOverEmpty.wall.median, OVER_EMPTY_LIMIT),
        });
        const floorOverNone = packRatio(samples, "goFloor", "none");
        const emptyOverFloor = packRatio(samples, "empty", "goFloor");
        const emptyMinusFloor = pairedDifferenceMs(samples, "empty", "goFloor");
        section.notes.push(
            `the engine's own analyzer cost (Go no-op analyzer ÷ no pack): ${formatRatio(floorOverNone.wall)}; a Remediate and an Analyze round trip per resource on the step generator's serial path, and the AnalyzeStack call at the end`,
            `the engine's and SDK's share for any Node pack (empty Node pack ÷ Go floor): ${formatRatio(emptyOverFloor.wall)}, +${(emptyMinusFloor.median / 1000).toFixed(1)} s (${(emptyMinusFloor.min / 1000).toFixed(1)}–${(emptyMinusFloor.max / 1000).toFixed(1)}) per preview: the language host's policy proxy doubles the hops of every call (4 per resource instead of 2), the pack's Node process competes for the same 2 cores, and \`run-policy-pack\` loads TypeScript before the pack; benchmark 4 separates start-up from per-resource cost`,
            `CLI and language host from ${binDir}; stand-in aws provider from e2e/standin-aws; Go floor built by bench/goNoopAnalyzer/build.sh against sdk/v3 at the CLI's version, given to \`--policy-pack\` as an executable`,
            ...(checkpoints.note === undefined ? [] : [checkpoints.note]),
            "the empty pack (`bench/cliPreview/emptyPack`) has one policy typed to a resource type no stack has, so @pulumi/policy's server skips it without decoding anything",
            "every preview of the pack comparison runs with `PULUMI_SKIP_CHECKPOINTS=true`: on a local backend the engine (v3.276.0) serializes the whole snapshot and verifies its integrity after every step even in a preview, which writes nothing, so each step costs time in proportion to the stack's size; the second table measures that cost without a pack, where the per-resource time grows with the stack under the defaults and stays flat without the checkpoints. It is the engine's, the same with or without a pack, and it would only dilute the packs' share",
        );
        if (plan.buckets < TARGET_BUCKETS) {
            section.notes.push(`the target is stated for ${TARGET_BUCKETS} buckets; this mode previews ${plan.buckets}, so the packs' fixed start-up weighs more: run \`npm run bench -- --full --only=cliPreview\``);
        }
        return section;
    } finally {
        session.dispose();
        removeDir(dir);
    }
}

async function runPreview(
    session: PulumiSession, binDir: string, dir: string, policyPack: string | undefined, skipCheckpoints: boolean,
): Promise<Measurement> {
    const args = ["preview", "--stack", STACK, "--non-interactive", "--color", "never"];
    if (policyPack !== undefined) {
        args.push("--policy-pack", policyPack);
    }
    const result = await runTimed(path.join(binDir, "pulumi"), args, dir, session.env(skipCheckpoints ? SKIP_CHECKPOINTS_ENV : {}), PREVIEW_TIMEOUT_MS);
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

function notMeasured(section: BenchmarkSection, reason: string, buckets: number): BenchmarkSection {
    section.notMeasured.push(reason);
    section.targets.push({ target: targetName(buckets), measured: "not measured", cpuMeasured: "—", verdict: "—" });
    return section;
}

function targetName(buckets: number): string {
    return `CLI preview, ours ≤ ${OVER_EMPTY_LIMIT}× the empty Node pack, ${buckets} buckets`;
}

function firstLine(text: string): string {
    return text.split("\n")[0];
}

function emptySection(buckets: number): BenchmarkSection {
    return {
        title: "3. `pulumi preview`: no pack, the engine's floor, an empty Node pack, ours (real CLI)",
        method:
            `\`pulumi preview\` of ${buckets} \`EncryptedBucket\`s (each with its own key; two accounts, two regions) by the CLI built by ` +
            "`e2e/cli/build-cli.sh` with our language host and the stand-in aws provider, on a local file backend: without `--policy-pack`, " +
            "with a Go analyzer that answers every call with nothing (the engine's floor), with an empty Node pack, and with " +
            "`--policy-pack policypack` (its compiled entry point, rebuilt before the first sample), each with `PULUMI_SKIP_CHECKPOINTS=true`. Wall time is the whole command; CPU time " +
            "and peak RSS are GNU time's %U + %S and %M, which cover only the processes the CLI waits for, so the CPU ratio may leave out " +
            "plugin processes and the verdict uses wall time alone.",
        tables: [],
        targets: [],
        notMeasured: [],
        notes: [],
    };
}

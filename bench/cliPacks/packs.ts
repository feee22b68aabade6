// The analyzers the CLI benchmarks hand to `--policy-pack`, from the engine's floor to our pack, and how each
// is made ready before the first sample. Benchmarks 3 (`pulumi preview`) and 4 (`pulumi policy analyze`)
// pick from this one list, so their rows mean the same thing.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pulumiBinDir } from "../../e2e/support/cli";
import { builtPolicyPack } from "../../e2e/support/policyPack";
import { GNU_TIME } from "../cliPreview/timedCommand";
import { REPO_ROOT } from "../framework/childRunner";

export const CLI_PACKS = ["none", "goFloor", "empty", "emptyExec", "ours", "oursExec"] as const;
export type CliPack = (typeof CLI_PACKS)[number];

export const CLI_PACK_LABELS: Record<CliPack, string> = {
    none: "no pack",
    goFloor: "Go no-op analyzer (the engine's floor)",
    empty: "empty Node pack",
    emptyExec: "empty Node pack, started as an executable (no language host, no policy proxy)",
    ours: "our pack (`--policy-pack policypack`)",
    oursExec: "our pack as an executable (`--policy-pack policypack/analyzer`)",
};

const EMPTY_PACK_DIR = path.join(REPO_ROOT, "bench", "cliPreview", "emptyPack");
/** Each Node pack's executable form: a shell script that runs its entry point with Node, in its directory. */
const ANALYZER_SCRIPT = "analyzer";
const GO_NOOP_BUILD = path.join(REPO_ROOT, "bench", "goNoopAnalyzer", "build.sh");

/** What `--policy-pack` gets for each pack (undefined: no flag). */
export interface ReadyPacks {
    policyPack: Partial<Record<CliPack, string>>;
    /** Packs that could not be made ready, with the reason (reported as "not measured"). */
    unavailable: Partial<Record<CliPack, string>>;
}

/**
 * Builds what `packs` need: our pack's compiled entry point (which its executable form runs too) and the Go
 * floor (bench/goNoopAnalyzer/build.sh, cached like the CLI).
 */
export function preparePacks(packs: readonly CliPack[], log: (line: string) => void): ReadyPacks {
    const ready: ReadyPacks = { policyPack: {}, unavailable: {} };
    let oursDir: string | undefined;
    const ours = (): string => (oursDir ??= builtPolicyPack());
    for (const pack of packs) {
        try {
            switch (pack) {
                case "none":
                    break;
                case "goFloor":
                    ready.policyPack[pack] = buildGoFloor(log);
                    break;
                case "empty":
                    ready.policyPack[pack] = EMPTY_PACK_DIR;
                    break;
                case "emptyExec":
                    ready.policyPack[pack] = path.join(EMPTY_PACK_DIR, ANALYZER_SCRIPT);
                    break;
                case "ours":
                    ready.policyPack[pack] = ours();
                    break;
                case "oursExec":
                    ready.policyPack[pack] = path.join(ours(), ANALYZER_SCRIPT);
                    break;
            }
        } catch (error) {
            ready.unavailable[pack] = firstLine((error as Error).message);
        }
    }
    return ready;
}

/** What a CLI benchmark needs before its first sample: the CLI, GNU time and every pack, or why it cannot run. */
export type CliSetup = { ok: true; binDir: string; packs: ReadyPacks } | { ok: false; reason: string };

export function prepareCliBenchmark(packs: readonly CliPack[], log: (line: string) => void): CliSetup {
    if (!fs.existsSync(GNU_TIME)) {
        return { ok: false, reason: `${GNU_TIME} (GNU time) is not installed; it reports the peak RSS of the process tree` };
    }
    let binDir: string;
    try {
        binDir = pulumiBinDir();
    } catch (error) {
        return { ok: false, reason: `the CLI from e2e/cli/build-cli.sh is not available (${firstLine((error as Error).message)})` };
    }
    // Our pack runs from its compiled entry point (policypack/bin), rebuilt here so a benchmark never measures
    // output older than the sources; the Go floor is built (and cached) like the CLI.
    const ready = preparePacks(packs, log);
    const missing = packs.filter((pack) => ready.unavailable[pack] !== undefined);
    if (missing.length > 0) {
        return { ok: false, reason: missing.map((pack) => `${CLI_PACK_LABELS[pack]}: ${ready.unavailable[pack]}`).join("; ") };
    }
    return { ok: true, binDir, packs: ready };
}

function buildGoFloor(log: (line: string) => void): string {
    log("building the Go no-op analyzer (cached after the first build)");
    try {
        return execFileSync(GO_NOOP_BUILD, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    } catch (error) {
        const e = error as { stderr?: string; message: string };
        throw new Error(`bench/goNoopAnalyzer/build.sh failed: ${(e.stderr ?? e.message).trim().split("\n").pop()}`);
    }
}

function firstLine(text: string): string {
    return text.split("\n")[0];
}

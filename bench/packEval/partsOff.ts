// Our pack with some of its parts emptied, each part keeping its types, so the harness calls exactly what it calls
// for the real pack: splits ours into the harness's calls for our own shape, the stack index (built by the first
// stack policy, parsing every document on the way), the other stack checks and the resource parts. The same-shape
// no-op pack of benchmark 1 runs its resource parts untyped, on every resource; this shows what that costs against
// our typed shape. A diagnostic behind docs/performance.md, not a benchmark: no target is judged from it.
//
//   npx ts-node --transpile-only bench/packEval/partsOff.ts [rounds] [resourceCount]
import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { runWorker, workerArgs } from "../framework/childRunner";
import { measureAndPrint } from "../framework/measurement";
import { median, summarize } from "../framework/stats";
import { generateStack } from "../stacks/generate";
import { loadEvaluatePolicies } from "./harnessAdapter";
import { withOwnPropertiesOf } from "./ownProperties";
import { loadPack } from "./packs";

const MODES = {
    noopShaped: "benchmark 1's same-shape no-op pack (resource parts untyped)",
    emptied: "ours, every part emptied (our types kept)",
    indexOnly: "ours, only the first stack policy (it builds the index) left",
    stackOnly: "ours, resource parts emptied",
    ours: "ours",
} as const;
type Mode = keyof typeof MODES;

interface PartsOffArgs {
    mode: Mode;
    resourceCount: number;
}

function emptied(policies: Policies, mode: Mode): Policies {
    let stackParts = 0;
    return policies.map((policy) => {
        const copy: Record<string, unknown> = { ...policy };
        const resource = (policy as ResourceValidationPolicy).validateResource;
        if (typeof resource === "function" && mode !== "ours") {
            copy.validateResource = withOwnPropertiesOf(resource, () => undefined);
        }
        const stack = (policy as StackValidationPolicy).validateStack;
        if (typeof stack === "function") {
            const keep = mode === "ours" || mode === "stackOnly" || (mode === "indexOnly" && stackParts === 0);
            stackParts++;
            if (!keep) {
                copy.validateStack = withOwnPropertiesOf(stack, () => undefined);
            }
        }
        return copy as unknown as Policies[number];
    });
}

/** Worker: one evaluation, timed the way benchmark 1's worker times it. */
async function measure({ mode, resourceCount }: PartsOffArgs): Promise<void> {
    const stack = generateStack({ resourceCount, seed: 20261123 });
    const policies = mode === "noopShaped" ? loadPack("noopShaped") : emptied(loadPack("ours"), mode);
    const evaluatePolicies = loadEvaluatePolicies();
    await measureAndPrint(async () => {
        await evaluatePolicies(policies, stack.resources, { config: {}, preview: false });
        return {};
    });
}

/** Each sample in a fresh process (the bench's own worker protocol), the modes alternating round by round. */
async function drive(rounds: number, resourceCount: number): Promise<void> {
    const modes = Object.keys(MODES) as Mode[];
    const samples = new Map<Mode, number[]>(modes.map((mode) => [mode, []]));
    for (let round = 0; round < rounds; round++) {
        for (const mode of modes) {
            const args: PartsOffArgs = { mode, resourceCount };
            const measurement = await runWorker({ script: "bench/packEval/partsOff.ts", args });
            samples.get(mode)?.push(measurement.wallMs);
        }
    }
    const emptiedMedian = median(samples.get("emptied") ?? []);
    for (const mode of modes) {
        const { median: ms, min, max } = summarize(samples.get(mode) ?? []);
        const over = ms - emptiedMedian;
        process.stdout.write(`${ms.toFixed(0).padStart(5)} ms (${min.toFixed(0)}–${max.toFixed(0)})  ${over >= 0 ? "+" : ""}${over.toFixed(0)} ms over emptied  ${MODES[mode]}\n`);
    }
}

async function main(): Promise<void> {
    const [first, second] = process.argv.slice(2);
    if (first?.startsWith("{")) {
        await measure(workerArgs<PartsOffArgs>());
        return;
    }
    const rounds = Number(first ?? 5);
    const resourceCount = Number(second ?? 10000);
    if (!Number.isInteger(rounds) || rounds <= 0 || !Number.isInteger(resourceCount) || resourceCount <= 0) {
        throw new Error("usage: partsOff.ts [rounds > 0] [resourceCount > 0]");
    }
    await drive(rounds, resourceCount);
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
});

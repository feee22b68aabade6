// Where one cold evaluation of our pack spends its time, per policy, and split where the harness hands over from
// resource to stack policies, with the garbage collections in each part: the diagnostic behind benchmark 1's
// "what is left" in docs/performance.md. Not a benchmark (one process, one round, wrapped calls add a little
// of their own); the paired ratios stay in benchmark 1.
//
//   npx ts-node --transpile-only bench/packEval/policyTimes.ts [resourceCount] [pack]
import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { constants, PerformanceObserver } from "perf_hooks";
import { generateStack } from "../stacks/generate";
import { StackExportResource } from "../stacks/stackExport";
import { loadEvaluatePolicies } from "./harnessAdapter";
import { POLICY_PROPERTIES } from "./noopPack";
import { loadPack, PACK_VARIANTS, PackVariant } from "./packs";
import { withOwnPropertiesOf } from "./ownProperties";
import { describePart, GcPause, splitAtStackPolicies } from "./phaseSplit";

type Part = "resource" | "stack";

class PolicyClock {
    private readonly spent = new Map<string, number>();
    /** When the harness called the first stack policy. */
    firstStackPolicyAt: number | undefined;

    time<A extends unknown[], R>(label: string, call: (...args: A) => R, part: Part): (...args: A) => R {
        return (...args: A): R => {
            const started = performance.now();
            if (part === "stack") {
                this.firstStackPolicyAt ??= started;
            }
            try {
                return call(...args);
            } finally {
                this.spent.set(label, (this.spent.get(label) ?? 0) + performance.now() - started);
            }
        };
    }

    entries(): [string, number][] {
        return [...this.spent].sort((a, b) => b[1] - a[1]);
    }
}

/**
 * The same function with a clock around it. Own properties (the `__pulumiType` tag, the declared types) are
 * copied so the harness still skips what it skipped before.
 */
function clocked<F extends (...args: never[]) => unknown>(clock: PolicyClock, part: Part, name: string, fn: F): F {
    const wrapped = clock.time(`${part} ${name}`, fn as unknown as (...args: unknown[]) => unknown, part) as unknown as F;
    return withOwnPropertiesOf(fn, wrapped);
}

function withClock(clock: PolicyClock, policies: Policies): Policies {
    return policies.map((policy) => {
        const copy: Record<string, unknown> = { ...policy };
        const resource = (policy as ResourceValidationPolicy).validateResource;
        if (typeof resource === "function") {
            copy.validateResource = clocked(clock, "resource", policy.name, resource);
        }
        const stack = (policy as StackValidationPolicy).validateStack;
        if (typeof stack === "function") {
            copy.validateStack = clocked(clock, "stack", policy.name, stack);
        }
        return copy as unknown as Policies[number];
    });
}

function documentSizes(resources: readonly StackExportResource[]): { documents: number; bytes: number } {
    let documents = 0;
    let bytes = 0;
    for (const resource of resources) {
        for (const key of POLICY_PROPERTIES) {
            const text = resource.inputs?.[key];
            if (typeof text === "string") {
                documents++;
                bytes += text.length;
            }
        }
    }
    return { documents, bytes };
}

async function main(): Promise<void> {
    const resourceCount = Number(process.argv[2] ?? 10000);
    const variant = (process.argv[3] ?? "ours") as PackVariant;
    if (!Number.isInteger(resourceCount) || resourceCount <= 0 || !PACK_VARIANTS.includes(variant)) {
        throw new Error(`usage: policyTimes.ts [resourceCount > 0] [${PACK_VARIANTS.join("|")}]`);
    }
    const stack = generateStack({ resourceCount, seed: 20261123 });
    const clock = new PolicyClock();
    const policies = withClock(clock, loadPack(variant));
    const evaluatePolicies = loadEvaluatePolicies();
    const collections = new PerformanceObserver(() => undefined);
    collections.observe({ entryTypes: ["gc"] });
    const started = performance.now();
    await evaluatePolicies(policies, stack.resources, { config: {}, preview: false });
    const ended = performance.now();
    const total = ended - started;
    // The observer queues GC entries on the event loop: let them arrive before reading them.
    await new Promise((resolve) => setImmediate(resolve));
    const pauses: GcPause[] = collections.takeRecords().map((entry) => ({
        startTime: entry.startTime,
        duration: entry.duration,
        kind: (entry.detail as { kind?: number } | undefined)?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? "minor" : "major",
    }));
    collections.disconnect();
    const split = splitAtStackPolicies(started, clock.firstStackPolicyAt, ended, pauses);
    const entries = clock.entries();
    const inPolicies = entries.reduce((sum, [, ms]) => sum + ms, 0);
    const { documents, bytes } = documentSizes(stack.resources);
    const lines = [
        `${stack.resources.length} resources, ${documents} policy documents (${(bytes / 1e6).toFixed(1)} MB of JSON), pack ${variant}`,
        `evaluation ${total.toFixed(0)} ms: policies ${inPolicies.toFixed(0)} ms, harness ${(total - inPolicies).toFixed(0)} ms`,
        describePart("until the first stack policy (resource policies, then the harness building the stack's resources):", split.beforeStackPolicies),
        describePart("stack policies:", split.stackPolicies),
        ...entries.map(([label, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${label}`),
    ];
    process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
});

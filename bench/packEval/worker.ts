// One pack evaluation in a fresh process: generate the stack and load the pack (not timed), then time
// evaluatePolicies over the whole stack, the way the offline checker runs it.
import { measureAndPrint } from "../framework/measurement";
import { workerArgs } from "../framework/childRunner";
import { generateStack } from "../stacks/generate";
import { countViolations, loadEvaluatePolicies } from "./harnessAdapter";
import { loadPack, PackVariant } from "./packs";

export interface PackEvalArgs {
    pack: PackVariant;
    resourceCount: number;
    seed: number;
}

async function main(): Promise<void> {
    const args = workerArgs<PackEvalArgs>();
    const stack = generateStack({ resourceCount: args.resourceCount, seed: args.seed });
    const policies = loadPack(args.pack);
    const evaluatePolicies = loadEvaluatePolicies();
    await measureAndPrint(async () => {
        const result = await evaluatePolicies(policies, stack.resources, { config: {}, preview: false });
        return {
            resources: stack.resources.length,
            planted: stack.planted.length,
            violations: countViolations(result),
            resourcePolicies: policies.filter((policy) => !("validateStack" in policy)).length,
            stackPolicies: policies.filter((policy) => "validateStack" in policy).length,
            // Stack policies that also run on each resource (a resource part judging a document before it is created).
            bothParts: policies.filter((policy) => "validateStack" in policy && "validateResource" in policy).length,
        };
    });
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
});

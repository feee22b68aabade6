// One run of @pulumi/policy's analyzer server in a fresh process: build the engine's requests for a synthetic
// stack (not timed), then time what the server does with them: Analyze for every resource, then AnalyzeStack.
import { Policies } from "@pulumi/policy";
import { installDecodeMemo } from "../../policypack/analyzerDecodeMemo";
import { workerArgs } from "../framework/childRunner";
import { measureAndPrint } from "../framework/measurement";
import { noopPoliciesShapedLike } from "../packEval/noopPack";
import { loadOurPolicies } from "../packEval/ourPack";
import { generateStack } from "../stacks/generate";
import { AnalyzerServerArgs } from "./variants";
import { analyzeWithServer, fromExport, resourceRequest, stackRequestBytes, stackRequestFrom } from "./analyzerRequests";

async function main(): Promise<void> {
    const args = workerArgs<AnalyzerServerArgs>();
    const stack = generateStack({ resourceCount: args.resourceCount, seed: args.seed });
    const ours = loadOurPolicies();
    const policies: Policies = args.variant === "noopShaped" ? noopPoliciesShapedLike(ours) : ours;
    // Analyze gets inputs, AnalyzeStack outputs; the generator's outputs echo the inputs, so one spec serves both.
    const specs = fromExport(stack.resources);
    const resourceRequests = specs.map(resourceRequest);
    const stackRequest = stackRequestFrom(stackRequestBytes(specs));
    if (args.variant !== "oursWithoutMemo") {
        // What policypack/index.ts does before serving (harmless for the no-op pack, which reads props the same way).
        installDecodeMemo({});
    }
    await measureAndPrint(async () => {
        let violations = 0;
        for (const request of resourceRequests) {
            violations += (await analyzeWithServer("resource", policies, request)).length;
        }
        violations += (await analyzeWithServer("stack", policies, stackRequest)).length;
        return { resources: stack.resources.length, violations };
    });
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
});

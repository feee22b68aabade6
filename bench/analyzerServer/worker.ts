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
import { AnalyzerRequest, analyzeWithHandler, RpcFun, analyzeWithServer, fromExport, resourceRequest, stackRequestBytes, stackRequestFrom } from "./analyzerRequests";
import { loadPolicyLibrary } from "../../policypack/server/policyLibrary";
import { emptyServerState } from "../../policypack/server/serverHooks";
import { SinglePassAnalyzer } from "../../policypack/server/singlePassAnalyzer";

/** The empty pack of benchmarks 3 and 4 (bench/cliPreview/emptyPack): one policy typed to a type no stack has. */
const neverApplies = Object.assign(() => undefined, { __pulumiType: "bench:index:NeverDeclared" });
const EMPTY_PACK: Policies = [{ name: "bench-never-applies", description: "Applies to no resource type of any stack.", enforcementLevel: "mandatory", validateResource: neverApplies }];

async function main(): Promise<void> {
    const args = workerArgs<AnalyzerServerArgs>();
    const stack = generateStack({ resourceCount: args.resourceCount, seed: args.seed });
    const ours = loadOurPolicies();
    const policies: Policies = args.variant === "noopShaped" ? noopPoliciesShapedLike(ours) : args.variant === "empty" ? EMPTY_PACK : ours;
    // Analyze gets inputs, AnalyzeStack outputs; the generator's outputs echo the inputs, so one spec serves both.
    const specs = fromExport(stack.resources);
    const resourceRequests = specs.map(resourceRequest);
    const stackRequest = stackRequestFrom(stackRequestBytes(specs));
    if (args.variant !== "oursWithoutMemo") {
        // What policypack/index.ts does before serving (harmless for the no-op pack, which reads props the same way).
        installDecodeMemo({});
    }
    // As served: policypack/index.ts puts the single-pass handlers in place of the library's.
    const served = args.variant === "ours" ? new SinglePassAnalyzer(loadPolicyLibrary(), { name: "pack", version: "0.0.1", enforcementLevel: "mandatory" }, policies, emptyServerState()) : undefined;
    const analyze = (kind: "resource" | "stack", request: AnalyzerRequest) =>
        served ? analyzeWithHandler((kind === "stack" ? served.analyzeStack : served.analyze) as unknown as RpcFun, request) : analyzeWithServer(kind, policies, request);
    await measureAndPrint(async () => {
        let violations = 0;
        for (const request of resourceRequests) {
            violations += (await analyze("resource", request)).length;
        }
        violations += (await analyze("stack", stackRequest)).length;
        return { resources: stack.resources.length, violations };
    });
}

main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
});

// The bench's view of the policy harness in `policypack/harness/`, loaded at run time so the benchmark can
// say "not measured" with a reason instead of failing to compile while that code is being written.
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { REPO_ROOT } from "../framework/childRunner";
import { StackExportResource } from "../stacks/stackExport";
import type { ExportResource } from "../../policypack/harness/exportFile";

// Compile-time contract check (erased at run time): the generator's resources are what the harness reads.
const generatedResourcesFitTheHarness = (resource: StackExportResource): ExportResource => resource;
void generatedResourcesFitTheHarness;

export interface EvaluateOptions {
    config?: Record<string, unknown>;
    preview?: boolean;
}

export type EvaluatePolicies = (
    policies: Policies,
    resources: readonly StackExportResource[],
    options: EvaluateOptions,
) => unknown;

export const HARNESS_MODULE = path.join(REPO_ROOT, "policypack", "harness");

export function loadEvaluatePolicies(): EvaluatePolicies {
    const harness = requireOrExplain(HARNESS_MODULE, "the policy harness (policypack/harness/)");
    const evaluate = harness.evaluatePolicies;
    if (typeof evaluate !== "function") {
        throw new Error(`policypack/harness exports no evaluatePolicies function (exports: ${Object.keys(harness).join(", ") || "none"})`);
    }
    return evaluate as EvaluatePolicies;
}

/**
 * Violations in whatever the harness returns: an array of findings, or an object holding one. Only used as a
 * counter that shows every variant did its work, so it tolerates the harness's exact result shape changing.
 */
export function countViolations(result: unknown): number {
    if (Array.isArray(result)) {
        return result.length;
    }
    if (typeof result === "object" && result !== null) {
        for (const key of ["violations", "diagnostics", "findings"]) {
            const value = (result as Record<string, unknown>)[key];
            if (Array.isArray(value)) {
                return value.length;
            }
        }
    }
    return -1;
}

export function requireOrExplain(modulePath: string, what: string): Record<string, unknown> {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(modulePath) as Record<string, unknown>;
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "MODULE_NOT_FOUND" && (error as Error).message.includes(modulePath)) {
            throw new Error(`${what} is not in the tree yet`);
        }
        throw new Error(`${what} failed to load: ${firstLine((error as Error).message)}`);
    }
}

function firstLine(text: string): string {
    return text.split("\n")[0];
}

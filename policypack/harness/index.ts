// The offline checker's API: evaluate any policy list on `pulumi stack export` files in-process.
import { Policies } from "@pulumi/policy";
import { PACK_NAME, policies as packPolicies } from "../policies";
import { EvaluateOptions, evaluatePolicies, Violation } from "./evaluate";
import { loadExport } from "./exportFile";

export { ConfigError, configWarnings, loadConfigFile, resolveConfig } from "./config";
export { EvaluateOptions, evaluatePolicies, hasMandatory, nameFromUrn, Remediation, Violation } from "./evaluate";
export { ExportReadError, ExportResource, loadExport, parseExport, StackExport } from "./exportFile";

// Read once: the version the CLI would report for this pack.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const PACK_VERSION: string = (require("../package.json") as { version: string }).version;

export interface ExportFileOptions extends EvaluateOptions {
    /** Defaults to this pack's policies. */
    policies?: Policies;
}

/**
 * Loads a stack export and evaluates the pack (or `opts.policies`) on it. Outside preview, values the pack's
 * policies must read but can't (encrypted secrets, unknowns) are "cannot verify"s (policies/cannotVerify.ts).
 * Throws ExportReadError.
 */
export async function evaluateExportFile(path: string, opts: ExportFileOptions = {}): Promise<Violation[]> {
    const { policies, ...rest } = opts;
    const resources = loadExport(path);
    const ours = policies === undefined;
    const violations = await evaluatePolicies(policies ?? packPolicies, resources, {
        enforcementLevel: ours ? "mandatory" : undefined,
        packName: ours ? PACK_NAME : undefined,
        packVersion: ours ? PACK_VERSION : undefined,
        ...rest,
    });
    return violations;
}

export { PACK_NAME, PACK_VERSION, packPolicies };

// Our pack's policy list, as `policypack/policies/index.ts` exports it (never the module that constructs
// `PolicyPack`, which would start a gRPC server).
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { REPO_ROOT } from "../framework/childRunner";
import { requireOrExplain } from "./harnessAdapter";

const POLICIES_MODULE = path.join(REPO_ROOT, "policypack", "policies");

export function loadOurPolicies(): Policies {
    const loaded = requireOrExplain(POLICIES_MODULE, "our policy list (policypack/policies/)");
    for (const exported of ["policies", "allPolicies", "default"]) {
        const candidate = loaded[exported];
        if (Array.isArray(candidate) && candidate.every(isPolicy)) {
            return candidate as Policies;
        }
    }
    throw new Error(`policypack/policies exports no policy list (exports: ${Object.keys(loaded).join(", ")})`);
}

function isPolicy(value: unknown): boolean {
    return typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string";
}

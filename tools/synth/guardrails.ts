// INTEGRATION POINT with the policy pack harness (policypack/harness): synth runs the pack on the
// file it wrote, at the pack's default level (mandatory), and fails on a mandatory violation. The
// harness is loaded lazily so synth still works without it; this adapter is the only place that
// knows the harness's API (`evaluateExportFile(path)`, or `evaluateDeployment(doc)` if it grows one).
import * as fs from "fs";
import * as path from "path";
import { StackExport } from "./exportFormat";

export interface GuardrailViolation {
    policy: string;
    enforcementLevel: string;
    urn?: string;
    message: string;
}

export type GuardrailOutcome =
    | { status: "unavailable"; reason: string }
    | { status: "evaluated"; violations: GuardrailViolation[]; mandatory: GuardrailViolation[] };

const HARNESS_DIR = path.resolve(__dirname, "../../policypack/harness");

function harnessEntry(): string | undefined {
    for (const file of ["index.ts", "index.js"]) {
        const candidate = path.join(HARNESS_DIR, file);
        if (fs.existsSync(candidate)) return candidate;
    }
    return undefined;
}

interface Harness {
    loadConfigFile?: (path: string) => unknown;
    evaluateExportFile?: (path: string, options?: Record<string, unknown>) => Promise<unknown[]>;
    evaluateDeployment?: (doc: StackExport, options?: Record<string, unknown>) => unknown;
}

function asViolation(value: unknown): GuardrailViolation {
    const v = (value ?? {}) as Record<string, unknown>;
    return {
        policy: String(v["policyName"] ?? v["policy"] ?? "?"),
        enforcementLevel: String(v["enforcementLevel"] ?? "advisory"),
        ...(typeof v["urn"] === "string" ? { urn: v["urn"] } : typeof v["resourceUrn"] === "string" ? { urn: v["resourceUrn"] } : {}),
        message: String(v["message"] ?? v["description"] ?? ""),
    };
}

/** Policy-pack config for a stack, in `--policy-pack-config` format: explicit file, else policypack/config/<stack>.json if present. */
export function policyConfigFile(stack: string, explicit?: string): string | undefined {
    if (explicit !== undefined) return explicit;
    const conventional = path.resolve(__dirname, "../../policypack/config", `${stack}.json`);
    return fs.existsSync(conventional) ? conventional : undefined;
}

export async function evaluateGuardrails(doc: StackExport, file: string, policyConfig?: string): Promise<GuardrailOutcome> {
    const entry = harnessEntry();
    if (entry === undefined) {
        return { status: "unavailable", reason: `no policy pack harness at ${HARNESS_DIR}` };
    }
    const harness = require(entry) as Harness;
    let result: { violations?: unknown[] } | unknown[];
    const config = policyConfig !== undefined && typeof harness.loadConfigFile === "function" ? harness.loadConfigFile(policyConfig) : undefined;
    if (typeof harness.evaluateExportFile === "function") {
        result = await harness.evaluateExportFile(file, config !== undefined ? { config } : {});
    } else if (typeof harness.evaluateDeployment === "function") {
        result = (await harness.evaluateDeployment(doc)) as { violations?: unknown[] } | unknown[];
    } else {
        return { status: "unavailable", reason: `${entry} exports neither evaluateExportFile nor evaluateDeployment` };
    }
    const list = Array.isArray(result) ? result : (result?.violations ?? []);
    const violations = list.map(asViolation);
    return { status: "evaluated", violations, mandatory: violations.filter((v) => v.enforcementLevel === "mandatory") };
}

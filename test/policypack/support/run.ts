// Spec helpers: evaluate the pack through the harness and assert on violations by policy and URN.
import * as assert from "assert";
import { PolicyPackConfig } from "@pulumi/policy";
import { evaluatePolicies, ExportResource, packPolicies, Violation } from "../../../policypack/harness";
import { RunMode } from "../../../policypack/model/runMode";

export interface RunOptions {
    preview?: boolean;
    config?: PolicyPackConfig;
    /** What the pack is told about the run; default: "preview" with `preview`, else "state". */
    runMode?: RunMode;
}

export async function run(resources: ExportResource[], opts: RunOptions = {}): Promise<Violation[]> {
    return evaluatePolicies(packPolicies, resources, { enforcementLevel: "mandatory", packName: "encrypted-buckets-guardrails", packVersion: "0.1.0", ...opts });
}

export function describeAll(vs: Violation[]): string {
    return vs.map((v) => `[${v.enforcementLevel}] ${v.policyName} ${v.urn}\n    ${v.message.replace(/\n/g, "\n    ")}`).join("\n") || "(none)";
}

/** Asserts the violations are exactly those of `policy` (at least one), optionally all on `urn`. */
export function assertOnly(vs: Violation[], policy: string, urn?: string, messagePart?: string): void {
    const others = vs.filter((v) => v.policyName !== policy);
    const mine = vs.filter((v) => v.policyName === policy);
    assert.ok(mine.length > 0, `expected ${policy} to fire; got:\n${describeAll(vs)}`);
    assert.deepStrictEqual(others.map((v) => v.policyName), [], `expected only ${policy}; got:\n${describeAll(vs)}`);
    if (urn !== undefined) {
        assert.ok(mine.some((v) => v.urn === urn), `expected ${policy} on ${urn}; got:\n${describeAll(vs)}`);
    }
    if (messagePart !== undefined) {
        assert.ok(mine.some((v) => v.message.includes(messagePart)), `expected a ${policy} message containing "${messagePart}"; got:\n${describeAll(vs)}`);
    }
}

export function assertFires(vs: Violation[], policy: string, urn?: string): void {
    const mine = vs.filter((v) => v.policyName === policy && (urn === undefined || v.urn === urn));
    assert.ok(mine.length > 0, `expected ${policy}${urn ? ` on ${urn}` : ""}; got:\n${describeAll(vs)}`);
}

export function assertNone(vs: Violation[]): void {
    assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
}

/** The non-advisory violations. */
export function mandatory(vs: Violation[]): Violation[] {
    return vs.filter((v) => v.enforcementLevel === "mandatory");
}

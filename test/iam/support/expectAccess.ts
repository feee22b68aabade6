// Runs every leg of an operation through the oracle and fails with one message listing each leg
// that was decided differently, so a broken policy shows all of its consequences at once.
import { AssertionError } from "node:assert";
import { decide, type OracleAnswer, type OracleRequest } from "./oracle";
import type { Expectation } from "./scenario";

export interface ResolvedLeg {
    step: string;
    expect: Expectation;
    request: OracleRequest;
}

export function mismatch(expect: Expectation, answer: OracleAnswer): string | undefined {
    if (answer.decision !== expect.decision) {
        return `expected ${expect.decision}, got ${answer.decision}${explain(answer)}`;
    }
    if (expect.decision === "ExplicitlyDenied" && !answer.decidingDenies.some((d) => d.sid === expect.by)) {
        return `expected the deny to come from ${expect.by}${explain(answer)}`;
    }
    if (expect.decision === "ImplicitlyDenied") {
        const want = [...expect.noAllowIn].sort().join("+");
        const got = [...answer.missingAllowOn].sort().join("+");
        if (want !== got) {
            return `expected no Allow in ${want}, but no Allow in ${got || "(none)"}`;
        }
    }
    return undefined;
}

function explain(answer: OracleAnswer): string {
    if (answer.decision === "ExplicitlyDenied") {
        return ` (denied by ${answer.decidingDenies.map((d) => `${d.policy}#${d.sid}`).join(", ")})`;
    }
    if (answer.decision === "ImplicitlyDenied") {
        return ` (no Allow in ${answer.missingAllowOn.join(" and ") || "?"})`;
    }
    return "";
}

export async function expectAccess(legs: readonly ResolvedLeg[]): Promise<OracleAnswer[]> {
    const answers: OracleAnswer[] = [];
    const failures: string[] = [];
    for (const leg of legs) {
        const answer = await decide(leg.request);
        answers.push(answer);
        const problem = mismatch(leg.expect, answer);
        if (problem !== undefined) {
            failures.push(`${leg.step} [${leg.request.action} by ${leg.request.principal} on ${leg.request.resource}]: ${problem}`);
        }
    }
    if (failures.length > 0) {
        throw new AssertionError({ message: failures.join("\n") });
    }
    return answers;
}

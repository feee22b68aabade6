// The stand-in's one door to the IAM policy engine the tests use, for the rules AWS decides by evaluating policies
// (uploads, notification destinations). A document the engine cannot evaluate is no reason for AWS to refuse a call:
// the rule then lets the call through, and says so on the plugin's stderr (in the engine's verbose log).
import type { OracleRequest } from "../../test/iam/support/oracle";

/** The engine's decision, or undefined when it could not evaluate the request. */
export async function policyDecision(request: OracleRequest): Promise<string | undefined> {
    try {
        // Loaded on first use: the engine (and its IAM data) costs each plugin process a second at start.
        const { decide } = await import("../../test/iam/support/oracle");
        return (await decide(request)).decision;
    } catch (error) {
        process.stderr.write(`stand-in aws provider: could not evaluate ${request.action} on ${request.resource} with the IAM engine (${(error as Error).message.split("\n")[0]}); the call is let through\n`);
        return undefined;
    }
}

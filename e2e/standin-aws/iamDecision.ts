// The stand-in's one door to the IAM policy engine the tests use, for the rules AWS decides by evaluating policies
// (uploads, notification destinations). A document the engine cannot evaluate is no reason for AWS to refuse a call:
// the rule then lets the call through, and says so on the plugin's stderr (in the engine's verbose log). The caller's
// identity and a key's default policy, which every such rule assumes, are declared here once.
import type { Caller } from "../../fakeaws";
import type { NamedPolicy, OracleRequest } from "../../test/iam/support/oracle";
import type { Caller as RequestCaller } from "../../test/iam/support/requestContext";
import type { KeyRecord } from "./world";

/**
 * The caller's own IAM policies, which are not in the stack: taken to allow everything in its account, so only the
 * resource policies the stack writes (bucket, key, topic) decide what the stand-in refuses.
 */
export const CALLER_IS_ADMINISTRATOR: NamedPolicy = {
    name: "AdministratorAccess (taken)",
    document: { Version: "2012-10-17", Statement: [{ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }] },
};

/**
 * The provider's caller as the IAM tier's request builders (test/iam/support/requestContext.ts) take one, so the
 * stand-in's requests carry the keys AWS always sets, the same as the oracle tier's.
 */
export function requestCaller(caller: Caller): RequestCaller {
    return {
        label: caller.arn,
        arn: caller.principal,
        principalArn: caller.arn,
        accountId: caller.accountId,
        principalType: caller.sessionName === undefined ? "User" : "AssumedRole",
        identityPolicies: [CALLER_IS_ADMINISTRATOR],
    };
}

/** The policy KMS applies to a key created without one (AWS KMS Developer Guide, "Default key policy"). */
export function defaultKeyPolicy(accountId: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" }],
    });
}

/** A key's policy as the engine takes it: the one last put, else KMS's default. */
export function keyPolicyOf(key: KeyRecord): NamedPolicy {
    return { name: `key policy of ${key.arn}`, document: JSON.parse(key.policy ?? defaultKeyPolicy(key.arn.split(":")[4])) as NamedPolicy["document"] };
}

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

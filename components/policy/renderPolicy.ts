// A policy document as the JSON string AWS resources take, refused here when AWS would refuse it for
// its size (awsrules/policySizes.ts), so the error names the policy and the fix instead of surfacing
// as a failed API call halfway through a deployment.
import { policySizeViolation, PolicyKind } from "../../awsrules";
import { PolicyDocument } from "./types";

const FIX: Record<PolicyKind, string> = {
    bucket: "grant fewer principals on this bucket (one role per consumer, prefixes merged), or move consumers to a shared role",
    key: "grant fewer principals on this key, or give the buckets that share it their own keys",
    inlineRole: "replicate to fewer destinations from one bucket, or split the replication over several roles",
    managed: "split the policy in two",
};

export class PolicyTooLargeError extends Error {
    constructor(owner: string, kind: PolicyKind, rule: string, source: string) {
        super(`${owner} ${rule} (${source}). Fix: ${FIX[kind]}.`);
        this.name = "PolicyTooLargeError";
    }
}

export function renderPolicy(owner: string, kind: PolicyKind, document: PolicyDocument): string {
    const json = JSON.stringify(document);
    const tooLarge = policySizeViolation(kind, json);
    if (tooLarge !== undefined) {
        throw new PolicyTooLargeError(owner, kind, tooLarge.rule, tooLarge.source);
    }
    return json;
}

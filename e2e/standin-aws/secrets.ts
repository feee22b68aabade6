// A provider that accepts secrets (the Node provider server always tells the engine it does) receives every secret
// value, at any depth, wrapped in the SDK's secret marker object. The real aws provider (the Terraform bridge)
// unwraps them before it calls AWS, so AWS only ever sees the plain value, and the engine marks the outputs secret
// again wherever the inputs held one (its `annotateSecrets`). The stand-in unwraps them the same way before its
// rules and fake AWS see the inputs: a key ARN a program reads as a secret (a secret stack output, secret config)
// nested in a policy document deploys here as it does against AWS, instead of as a marker object AWS never receives.
import { isRpcSecret, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";

/** `value` with every secret marker, at any depth, replaced by the value it wraps. */
export function revealSecrets<T>(value: T): T {
    return reveal(value) as T;
}

function reveal(value: unknown): unknown {
    if (isRpcSecret(value)) return reveal(unwrapRpcSecret(value));
    if (Array.isArray(value)) return value.map(reveal);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

// A provider that accepts secrets (the Node provider server always tells the engine it does) receives every secret
// value, at any depth, wrapped in the SDK's secret marker object. The real aws provider (the Terraform bridge)
// unwraps them before it calls AWS, so AWS only ever sees the plain value, and marks its outputs secret again
// wherever the inputs held one. The engine does that itself (`annotateSecrets`, pkg/v3 resource/plugin) only for a
// provider that does not accept secrets, so a provider that accepts them must do it: see `secretWhereGiven`. The stand-in unwraps them the same way before its
// rules and fake AWS see the inputs: a key ARN a program reads as a secret (a secret stack output, secret config)
// nested in a policy document deploys here as it does against AWS, instead of as a marker object AWS never receives.
import { isRpcSecret, specialSecretSig, specialSigKey, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";

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

function holdsSecret(value: unknown): boolean {
    if (isRpcSecret(value)) return true;
    if (Array.isArray(value)) return value.some(holdsSecret);
    if (value !== null && typeof value === "object") return Object.values(value as Record<string, unknown>).some(holdsSecret);
    return false;
}

/**
 * `outputs` with every top-level property whose same-named input held a secret (at any depth) marked secret, as the
 * engine's `annotateSecrets` and the Terraform bridge do: a secret the program passed stays encrypted in the state
 * (`pulumi stack export` shows its ciphertext), instead of being written in plain text because the stand-in read it.
 */
export function secretWhereGiven(given: Record<string, unknown>, outputs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...outputs };
    for (const [key, value] of Object.entries(given)) {
        if (key in out && holdsSecret(value) && !isRpcSecret(out[key])) {
            out[key] = { [specialSigKey]: specialSecretSig, value: out[key] };
        }
    }
    return out;
}

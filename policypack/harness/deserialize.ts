// State-file values to the plain values `@pulumi/policy` hands to policies: secrets unwrapped,
// assets/archives and resource references flattened (the server's deserializeProperties, for JSON).
import { REDACTED_SECRET } from "../model/values";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export function deserializeValue(value: unknown): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(deserializeValue);
    }
    const obj = value as Record<string, unknown>;
    const sig = obj[SIG];
    if (sig === SECRET_SIG) {
        if (typeof obj["plaintext"] === "string") {
            try {
                return deserializeValue(JSON.parse(obj["plaintext"]));
            } catch {
                return obj["plaintext"];
            }
        }
        if ("value" in obj) {
            return deserializeValue(obj["value"]);
        }
        // Encrypted in the export: what `pulumi policy analyze` hands the pack for a secret it can't decrypt.
        return REDACTED_SECRET;
    }
    if (sig === RESOURCE_REF_SIG) {
        return typeof obj["id"] === "string" && obj["id"] !== "" ? obj["id"] : obj["urn"];
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj)) {
        if (k !== SIG && obj[k] !== undefined) {
            out[k] = deserializeValue(obj[k]);
        }
    }
    return out;
}

export function deserializeProps(props: Record<string, unknown> | undefined): Record<string, unknown> {
    const value = deserializeValue(props ?? {});
    // parseExport refuses a property map that is not an object; this keeps direct callers safe too.
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

// Stable stand-ins for the random parts of AWS answers (key UUIDs, name suffixes, unique ids). They
// derive from a hash of what identifies the resource so that two runs of synth give the same bytes.
import { createHash } from "crypto";

export function hashHex(...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** A UUID-shaped (version 4 layout) id, as KMS key ids are. */
export function fakeUuid(...parts: string[]): string {
    const h = hashHex(...parts);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** IAM unique ids: a 4-letter kind prefix (AROA, ANPA, AIDA) and 17 upper-case base-32 characters. */
export function fakeIamUniqueId(prefix: string, ...parts: string[]): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const h = hashHex(...parts);
    let out = prefix;
    for (let i = 0; i < 17; i++) {
        out += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
    }
    return out;
}

/** Pulumi-style auto-name: logical name plus a short hex suffix. */
export function autoName(name: string, ...parts: string[]): string {
    return `${name}-${hashHex(name, ...parts).slice(0, 8)}`;
}

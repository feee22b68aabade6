// Outside preview, a value the pack must read but can't is a mandatory "cannot verify", never a pass: an
// export without --show-secrets holds encrypted secrets (ciphertext only), and a state written mid-operation can
// hold unknowns. The checks themselves treat both as "not known yet" (right for a preview); this pass, run on
// exports only, names each one with the policy that reads it.
import { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { UNKNOWN_SENTINELS } from "../model/values";
import { resolveConfig } from "./config";
import { nameFromUrn, Violation } from "./evaluate";
import { ExportResource } from "./exportFile";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const SSE = "s3-bucket-sse-kms";
const TLS = "s3-bucket-policy-deny-insecure-transport";
const PAB = "s3-bucket-public-access-block";
const ROTATION = "kms-key-rotation-enabled";
const KEY_POLICY = "kms-key-policy-no-public-principal";
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Per type, the properties an encryption, policy-document, public-access or rotation verdict reads, and whose verdict it is. */
const READ: ReadonlyMap<string, readonly [string, string][]> = new Map<string, [string, string][]>([
    [T.SSE_CONFIG, [["rules", SSE]]],
    [T.SSE_CONFIG_V2, [["rules", SSE]]],
    [T.BUCKET, [["serverSideEncryptionConfiguration", SSE], ["serverSideEncryptionConfigurations", SSE], ["policy", TLS]]],
    [T.BUCKET_V2, [["serverSideEncryptionConfigurations", SSE], ["policy", TLS]]],
    [T.BUCKET_POLICY, [["policy", TLS]]],
    [T.PUBLIC_ACCESS_BLOCK, PAB_FLAGS.map((f): [string, string] => [f, PAB])],
    [T.KMS_KEY, [["enableKeyRotation", ROTATION], ["policy", KEY_POLICY]]],
    [T.KMS_REPLICA_KEY, [["policy", KEY_POLICY]]],
    [T.KMS_KEY_POLICY, [["policy", KEY_POLICY]]],
]);

type Unreadable = "an encrypted secret" | "an unknown value";

function unreadable(v: unknown): Unreadable | undefined {
    if (typeof v === "string") {
        return v.length === 36 && UNKNOWN_SENTINELS.has(v) ? "an unknown value" : undefined;
    }
    if (v === null || typeof v !== "object") {
        return undefined;
    }
    const o = v as Record<string, unknown>;
    if (o[SIG] === SECRET_SIG) {
        return typeof o["plaintext"] === "string" || "value" in o ? unreadable(o["value"] ?? safeParse(o["plaintext"])) : "an encrypted secret";
    }
    for (const child of Array.isArray(v) ? v : Object.values(o)) {
        const found = unreadable(child);
        if (found) {
            return found;
        }
    }
    return undefined;
}

function safeParse(text: unknown): unknown {
    try {
        return JSON.parse(String(text));
    } catch {
        return text;
    }
}

const FIX: Record<Unreadable, string> = {
    "an encrypted secret": "export the stack with `pulumi stack export --show-secrets` and check that file",
    "an unknown value": "export the stack again after a completed `pulumi up` (unknown values belong to a preview)",
};

/** "Cannot verify" violations for the values of `resources` the pack can't read (not for a preview). */
export function unreadableViolations(policies: Policies, resources: readonly ExportResource[], config: PolicyPackConfig | undefined, packLevel: EnforcementLevel): Violation[] {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const levels = resolveConfig(policies, config);
    const out: Violation[] = [];
    for (const r of resources) {
        const read = READ.get(r.type);
        if (!read) {
            continue;
        }
        const reported = new Set<string>();
        for (const [prop, policyName] of read) {
            const policy = byName.get(policyName);
            const value = r.outputs?.[prop] ?? r.inputs?.[prop];
            const what = unreadable(value);
            if (!policy || !what || reported.has(policyName)) {
                continue;
            }
            let level = levels.get(policyName)?.enforcementLevel || policy.enforcementLevel || packLevel;
            if (level === "disabled") {
                continue;
            }
            level = level === "remediate" ? "mandatory" : level;
            reported.add(policyName);
            const short = /:([^:]+)$/.exec(r.type)?.[1] ?? r.type;
            out.push({
                policyName, enforcementLevel: level, urn: r.urn, severity: policy.severity,
                message: `${policy.description}\ncannot verify: ${short} "${nameFromUrn(r.urn)}" has ${prop} as ${what} in this export, so the policy can't read it. Fix: ${FIX[what]}`,
            });
        }
    }
    return out;
}

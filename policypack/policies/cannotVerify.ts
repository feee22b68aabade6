// Outside a preview, a value a policy must read but can't is a "cannot verify" at that policy's level, never a
// pass: a secret that `pulumi policy analyze` could not decrypt (it hands the pack the string "[secret]"), an
// encrypted secret in an export made without --show-secrets (the offline checker reads it the same way), or an
// unknown (during `pulumi up`, or left in a state). The checks themselves treat all of these as "not known
// yet", which is right in a preview; the framework adds these findings when the run is not a preview
// (model/runMode.ts says which it is).
import * as T from "../model/awsTypes";
import { RunMode } from "../model/runMode";
import { isRedactedSecret, isUnknown, normalize, Value } from "../model/values";

const SSE = "s3-bucket-sse-kms";
const TLS = "s3-bucket-policy-deny-insecure-transport";
const PAB = "s3-bucket-public-access-block";
const ROTATION = "kms-key-rotation-enabled";
const KEY_POLICY = "kms-key-policy-no-public-principal";
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Per type, the properties an encryption, policy-document, public-access or rotation verdict reads, and whose verdict it is. */
const READ: ReadonlyMap<string, readonly (readonly [string, string])[]> = new Map<string, [string, string][]>([
    [T.SSE_CONFIG, [["rules", SSE]]],
    [T.SSE_CONFIG_V2, [["rules", SSE]]],
    [T.BUCKET, [["serverSideEncryptionConfiguration", SSE], ["serverSideEncryptionConfigurations", SSE], ["policy", TLS]]],
    [T.BUCKET_V2, [["serverSideEncryptionConfigurations", SSE], ["policy", TLS]]],
    [T.BUCKET_POLICY, [["policy", TLS]]],
    [T.PUBLIC_ACCESS_BLOCK, PAB_FLAGS.map((f): [string, string] => [f, PAB])],
    [T.KMS_KEY, [["enableKeyRotation", ROTATION], ["policy", KEY_POLICY]]],
    [T.KMS_REPLICA_KEY, [["policy", KEY_POLICY]]],
    [T.KMS_KEY_POLICY, [["policy", KEY_POLICY]]],
    [T.NATIVE_BUCKET, [["bucketEncryption", SSE], ["publicAccessBlockConfiguration", PAB]]],
    [T.NATIVE_KMS_KEY, [["enableKeyRotation", ROTATION], ["keyPolicy", KEY_POLICY]]],
]);

const NO_TYPES: ReadonlySet<string> = new Set();
const TYPES_READ_BY = new Map<string, Set<string>>();
for (const [type, reads] of READ) {
    for (const [, policy] of reads) {
        let types = TYPES_READ_BY.get(policy);
        if (types === undefined) {
            types = new Set();
            TYPES_READ_BY.set(policy, types);
        }
        types.add(type);
    }
}

/** The types whose values `policy` reads (the others never get a "cannot verify" from it): a set lookup per resource. */
export function typesReadBy(policy: string): ReadonlySet<string> {
    return TYPES_READ_BY.get(policy) ?? NO_TYPES;
}

type Unreadable = "an encrypted secret" | "an unknown value";

/** Depth-first; a policy document or rule list is small. */
function unreadable(v: Value | undefined): Unreadable | undefined {
    if (isRedactedSecret(v)) {
        return "an encrypted secret";
    }
    if (isUnknown(v)) {
        return "an unknown value";
    }
    if (v !== null && typeof v === "object") {
        for (const child of Array.isArray(v) ? v : Object.values(v)) {
            const found = unreadable(child);
            if (found) {
                return found;
            }
        }
    }
    return undefined;
}

function fix(what: Unreadable, mode: RunMode): string {
    if (what === "an encrypted secret") {
        return "check it where the secret can be decrypted: `pulumi policy analyze --stack` with the stack's secrets provider available, "
            + "or export the stack with `pulumi stack export --show-secrets` and check that file; or make the value non-secret in the program";
    }
    return mode === "update"
        ? "make the value known before the resource is created (a literal, or an output of a resource created earlier), "
            + "or check the deployed state with `pulumi policy analyze --stack`"
        : "export the stack again after a completed `pulumi up` (unknown values belong to a preview)";
}

/** The "cannot verify" reasons of `policy` for one resource's properties (none in a preview). */
export function cannotVerify(policy: string, mode: RunMode, r: { type: string; name: string; props: unknown }): string[] {
    if (mode === "preview") {
        return [];
    }
    const reads = READ.get(r.type);
    if (!reads || !reads.some(([, p]) => p === policy)) {
        return [];
    }
    const props = normalize(r.props);
    if (props === null || typeof props !== "object" || Array.isArray(props) || isUnknown(props)) {
        return [];
    }
    for (const [prop, p] of reads) {
        const what = p === policy ? unreadable(props[prop]) : undefined;
        if (what) {
            // One per resource and policy: the first property it can't read says enough.
            const short = /:([^:]+)$/.exec(r.type)?.[1] ?? r.type;
            return [`cannot verify: ${short} "${r.name}" has ${prop} as ${what}, so the policy can't read it. Fix: ${fix(what, mode)}`];
        }
    }
    return [];
}

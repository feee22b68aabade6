// Decode each resource of an analyzer request once, whatever the number of policies that read it.
//
// @pulumi/policy 1.21.0's analyzer server decodes a resource's properties (protobuf Struct to JavaScript,
// then its own pass over secrets, assets and archives) inside its per-policy loop: AnalyzeStack decodes the
// whole stack again for every stack policy (15 times per request for this pack; the request of a
// 500-bucket preview is about 8 MB), and Analyze decodes a resource again for every resource policy that has
// no single type. The decoded value depends only on the Struct, so every policy can share one decode.
//
// The server calls the decoder through its module's export object (`deserialize_1.deserializeProperties(...)`),
// so replacing that export memoizes every call site without touching the server. That is an internal of one
// @pulumi/policy version: installDecodeMemo checks the version and the export's shape, and leaves the library
// alone when either differs (the pack then runs as it would without this file: same results, slower).
// test/policypack/analyzerDecodeMemo.spec.ts drives the real server and fails when those internals change.
//
// What is shared: the decoded object itself. The server wraps it in a fresh proxy per policy, and our policies
// only read it (normalize/unwrapProxy), so sharing cannot leak one policy's writes into another's input.

/** The internal module `@pulumi/policy/deserialize` as far as this file uses it. */
export interface PolicyDeserializeModule {
    deserializeProperties: (struct: object | undefined, proxySecrets: boolean) => Record<string, unknown>;
}

/** The @pulumi/policy version whose server internals this memo was checked against. */
export const DECODE_MEMO_POLICY_VERSION = "1.21.0";

/** `ENCRYPTED_BUCKETS_DECODE_MEMO=off` runs the pack without the memo (the benchmarks measure both). */
export const DECODE_MEMO_ENV = "ENCRYPTED_BUCKETS_DECODE_MEMO";

/** `disabled`: by DECODE_MEMO_ENV; `unsupported`: the library is not the one the memo was checked against. */
export type DecodeMemoStatus = { kind: "installed" } | { kind: "disabled" } | { kind: "unsupported"; reason: string };

type Decoder = PolicyDeserializeModule["deserializeProperties"];

/** The library's own decoder, kept on the memoizing replacement so a second install is a no-op. */
const ORIGINAL = Symbol.for("encrypted-buckets.analyzerDecodeMemo.original");

type MemoizingDecoder = Decoder & { [ORIGINAL]: Decoder };

function isMemoizing(decoder: Decoder): decoder is MemoizingDecoder {
    return ORIGINAL in decoder;
}

function memoizing(original: Decoder): MemoizingDecoder {
    // Keyed by the request's own Struct objects: an entry lives exactly as long as the request that holds it.
    const decoded = new WeakMap<object, Record<string, unknown>>();
    const decode = (struct: object | undefined, proxySecrets: boolean): Record<string, unknown> => {
        // Remediate decodes with proxySecrets = true into a value remediations may rewrite; never share that.
        if (proxySecrets || struct === undefined || struct === null) {
            return original(struct, proxySecrets);
        }
        let value = decoded.get(struct);
        if (value === undefined) {
            value = original(struct, proxySecrets);
            decoded.set(struct, value);
        }
        return value;
    };
    return Object.assign(decode, { [ORIGINAL]: original });
}

/**
 * Replaces `module.deserializeProperties` with a memoizing wrapper when `version` is the one this memo was
 * checked against and the export looks as expected; otherwise changes nothing and says why.
 */
export function installDecodeMemoOn(module: PolicyDeserializeModule, version: string): DecodeMemoStatus {
    const bare = version.replace(/^v/, "");
    if (bare !== DECODE_MEMO_POLICY_VERSION) {
        return { kind: "unsupported", reason: `@pulumi/policy is ${bare}, not ${DECODE_MEMO_POLICY_VERSION}, whose analyzer server the decode memo was checked against` };
    }
    const current = module.deserializeProperties;
    if (typeof current !== "function" || current.length !== 2) {
        return { kind: "unsupported", reason: "@pulumi/policy/deserialize no longer exports deserializeProperties(struct, proxySecrets)" };
    }
    if (isMemoizing(current)) {
        return { kind: "installed" };
    }
    const descriptor = Object.getOwnPropertyDescriptor(module, "deserializeProperties");
    if (descriptor === undefined || !(descriptor.writable ?? false)) {
        return { kind: "unsupported", reason: "@pulumi/policy/deserialize's deserializeProperties export is not writable" };
    }
    module.deserializeProperties = memoizing(current);
    return { kind: "installed" };
}

/** Puts the library's own decoder back (tests compare the server with and without the memo). */
export function removeDecodeMemoFrom(module: PolicyDeserializeModule): void {
    const current = module.deserializeProperties;
    if (isMemoizing(current)) {
        module.deserializeProperties = current[ORIGINAL];
    }
}

/** The @pulumi/policy the pack's server runs on: its deserialize module and its version. */
export function loadPolicyInternals(): { module: PolicyDeserializeModule; version: string } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require("@pulumi/policy/deserialize") as PolicyDeserializeModule;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = String((require("@pulumi/policy/package.json") as { version?: unknown }).version);
    return { module, version };
}

/** Called once by the pack's entry point, before the PolicyPack (and so the server) is constructed. */
export function installDecodeMemo(env: NodeJS.ProcessEnv = process.env): DecodeMemoStatus {
    if (env[DECODE_MEMO_ENV] === "off") {
        return { kind: "disabled" };
    }
    const { module, version } = loadPolicyInternals();
    return installDecodeMemoOn(module, version);
}

// Puts the single-pass handlers (singlePassAnalyzer.ts) in place of @pulumi/policy's own Analyze and AnalyzeStack,
// and answers Remediate without decoding the resource while no policy remediates.
//
// The library registers its analyzer service with `grpc.Server.prototype.addService` of the @grpc/grpc-js it
// loads; wrapping that method (before the PolicyPack is constructed) lets the pack swap two handlers of the
// implementation it is given, and mirror what the library's Configure and ConfigureStack handlers record (the
// policy config and the stack tags, module state of the library's server) before they run. Guarded like the
// decode memo: another @pulumi/policy version, a missing export, or ENCRYPTED_BUCKETS_SINGLE_PASS=off leaves
// the library's handlers serving, with the same results.
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { GrpcServerClass, policyGrpc } from "../model/runMode";
import { loadPolicyLibrary, PackConfig, PolicyLibrary, SINGLE_PASS_POLICY_VERSION } from "./policyLibrary";
import { PackIdentity, ServerState, SinglePassAnalyzer } from "./singlePassAnalyzer";

export const SINGLE_PASS_ENV = "ENCRYPTED_BUCKETS_SINGLE_PASS";

export type SinglePassStatus = { kind: "installed" } | { kind: "disabled" } | { kind: "unsupported"; reason: string };

type Handler = (call: { request: unknown }, callback: (...args: unknown[]) => void) => unknown;

interface ConfigureRequest {
    getPolicyconfigMap(): { entries(): Iterable<[string, { getProperties(): { toJavaScript(): Record<string, unknown> }; getEnforcementlevel(): number }]> };
}

interface ConfigureStackRequest {
    getTagsMap(): { forEach(f: (v: string, k: string) => void): void };
}

const HOOKED = Symbol.for("encrypted-buckets.singlePass.hooked");

/** The library's read-only view of the stack tags (server.js `freezeMap`), so policies see the same object shape. */
function frozenTags(map: Map<string, string>): ReadonlyMap<string, string> {
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as unknown as ReadonlyMap<string, string>;
}

/** The policy config as the library's Configure handler records it (server.js `configure`). */
export function configFrom(lib: PolicyLibrary, request: ConfigureRequest): PackConfig {
    const config: PackConfig = {};
    for (const [k, v] of request.getPolicyconfigMap().entries()) {
        const props = v.getProperties().toJavaScript();
        props.enforcementLevel = lib.convertEnforcementLevel(v.getEnforcementlevel());
        config[k] = props as PackConfig[string];
    }
    return config;
}

/** The stack tags as the library's ConfigureStack handler records them. */
export function stackTagsFrom(request: ConfigureStackRequest): ReadonlyMap<string, string> {
    const map = new Map<string, string>();
    request.getTagsMap().forEach((v, k) => map.set(k, v));
    return frozenTags(map);
}

export function emptyServerState(): ServerState {
    return { config: {}, stackTags: frozenTags(new Map()) };
}

/**
 * Rewrites the analyzer service's implementation: Analyze and AnalyzeStack answered by `analyzer`, Configure and
 * ConfigureStack mirrored into `state` before the library's handlers run. Other services pass through.
 */
export function withSinglePass(implementation: Record<string, unknown>, lib: PolicyLibrary, state: ServerState, analyzer: SinglePassAnalyzer): Record<string, unknown> {
    const configure = implementation["configure"];
    const configureStack = implementation["configureStack"];
    const remediate = implementation["remediate"];
    if (typeof implementation["analyze"] !== "function" || typeof implementation["analyzeStack"] !== "function"
        || typeof configure !== "function" || typeof configureStack !== "function" || typeof remediate !== "function") {
        return implementation;
    }
    return {
        ...implementation,
        configure: (call: { request: unknown }, callback: (...args: unknown[]) => void) => {
            try {
                state.config = configFrom(lib, call.request as ConfigureRequest);
            } catch {
                // The library's handler fails the call on the same request and keeps its previous config.
            }
            return (configure as Handler)(call, callback);
        },
        configureStack: (call: { request: unknown }, callback: (...args: unknown[]) => void) => {
            try {
                state.stackTags = stackTagsFrom(call.request as ConfigureStackRequest);
            } catch {
                // As above: the library keeps its previous tags when the request can't be read.
            }
            return (configureStack as Handler)(call, callback);
        },
        // The library's Remediate whenever a policy remediates (its config can say so at any Configure call).
        remediate: (call: { request: unknown }, callback: (...args: unknown[]) => void) =>
            analyzer.remediates() ? (remediate as Handler)(call, callback) : analyzer.remediateNothing(call, callback),
        analyze: analyzer.analyze,
        analyzeStack: analyzer.analyzeStack,
    };
}

export interface SinglePassOptions {
    policies: Policies;
    packName: string;
    /** The pack's default level, as given to the PolicyPack. */
    enforcementLevel: string;
    env?: NodeJS.ProcessEnv;
}

/** The pack version the library reports: `version` of package.json in the working directory (policy.js `PolicyPack`). */
function packVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String((require(path.join(process.cwd(), "package.json")) as { version?: unknown }).version);
}

/** Called once by the pack's entry point, before the PolicyPack (and so the server) is constructed. */
export function installSinglePass(options: SinglePassOptions, load: () => { Server?: GrpcServerClass } = policyGrpc): SinglePassStatus {
    if ((options.env ?? process.env)[SINGLE_PASS_ENV] === "off") {
        return { kind: "disabled" };
    }
    let lib: PolicyLibrary;
    let server: GrpcServerClass | undefined;
    try {
        lib = loadPolicyLibrary();
        server = load().Server;
    } catch (e) {
        return { kind: "unsupported", reason: (e as Error).message };
    }
    if (lib.version.replace(/^v/, "") !== SINGLE_PASS_POLICY_VERSION) {
        return { kind: "unsupported", reason: `@pulumi/policy is ${lib.version}, not ${SINGLE_PASS_POLICY_VERSION}, whose analyzer server the single-pass handlers mirror` };
    }
    const proto = server?.prototype as (GrpcServerClass["prototype"] & { [HOOKED]?: boolean }) | undefined;
    if (!proto || typeof proto.addService !== "function") {
        return { kind: "unsupported", reason: "@grpc/grpc-js has no Server.prototype.addService" };
    }
    if (proto[HOOKED]) {
        return { kind: "installed" };
    }
    const original = proto.addService;
    proto.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>): void {
        const pack: PackIdentity = { name: options.packName, version: packVersion(), enforcementLevel: options.enforcementLevel };
        const state = emptyServerState();
        const analyzer = new SinglePassAnalyzer(lib, pack, options.policies, state);
        return original.call(this, service, withSinglePass(implementation, lib, state, analyzer));
    };
    proto[HOOKED] = true;
    return { kind: "installed" };
}

// Whether this pack process serves a preview. Outside a preview a value the pack can't read (an unknown, a
// secret `pulumi policy analyze` could not decrypt) must be a "cannot verify", never a pass; in a preview an
// unknown is expected and must never block a compliant stack. `@pulumi/policy` 1.21 doesn't tell policies, so
// the pack reads it from what the engine (Pulumi 3.276) sends before any Analyze call:
//
// - the `dry_run` of the engine's `ConfigureStack` request (`AnalyzerStackConfigureRequest`, sent right after
//   the pack starts, with `PolicyAnalyzerOptions.DryRun`, for `preview`, `up`, `refresh` and `destroy`). The
//   engine starts a separate pack process for a preview and for the update that follows it (its analyzer
//   cache is keyed by those options), so the answer holds for the whole process;
// - else `PULUMI_NODEJS_DRY_RUN` / `PULUMI_DRY_RUN`, which the Node language host's policy proxy sets from that
//   same request before it starts a directory-form pack (and older CLIs set themselves);
// - neither: no stack was configured, which is `pulumi policy analyze` (it runs the pack on a state, where
//   nothing is still to be computed). The pack then judges as after a deployment. Should the hook fail to install
//   (another @grpc/grpc-js), "no signal" is taken as a preview instead, so an unknown never blocks one.
//
// The in-process harness sets the mode itself (`--preview` or not).

import * as path from "path";

export type RunMode =
    /** The engine said: dry run. */
    | "preview"
    /** The engine said: not a dry run (`pulumi up`, `destroy`, `refresh`). */
    | "update"
    /** No stack configuration reached the pack: `pulumi policy analyze`, or the offline checker on a state. */
    | "state";

let told: RunMode | undefined;
/** False when the ConfigureStack hook could not be installed: then "no signal" no longer means `policy analyze`. */
let hookInstalled = true;

/** Records what the engine's ConfigureStack said (or what the harness simulates). */
export function setRunMode(mode: RunMode | undefined): void {
    told = mode;
}

function fromEnv(env: NodeJS.ProcessEnv): RunMode | undefined {
    for (const name of ["PULUMI_NODEJS_DRY_RUN", "PULUMI_DRY_RUN"]) {
        const v = env[name];
        if (v === "true") {
            return "preview";
        }
        if (v === "false") {
            return "update";
        }
    }
    return undefined;
}

export function runMode(env: NodeJS.ProcessEnv = process.env): RunMode {
    // Without the hook, a preview of the executable form would look like `policy analyze`: assume a preview
    // then, so an unknown never blocks one (the pack warns at start that it can't tell).
    return told ?? fromEnv(env) ?? (hookInstalled ? "state" : "preview");
}

/** Unknowns are expected (and silent) only in a preview. */
export function isPreviewRun(): boolean {
    return runMode() === "preview";
}

/** The part of a gRPC call the hook reads: `AnalyzerStackConfigureRequest.getDryRun()`. */
interface ConfigureStackCall {
    request?: { getDryRun?: () => unknown };
}

type Handler = (call: ConfigureStackCall, callback: unknown) => unknown;

export interface GrpcServerClass {
    prototype: { addService: (service: unknown, implementation: Record<string, unknown>) => void };
}

const HOOKED = Symbol.for("encrypted-buckets.runMode.hooked");

/**
 * Wraps the `configureStack` handler the analyzer server registers, to read the request's `dry_run` before the
 * library's own handler (which reads only the tags) runs. Hooks `grpc.Server.prototype.addService` of the
 * @grpc/grpc-js instance @pulumi/policy loads; must run before the PolicyPack is constructed. Returns false
 * (and changes nothing) when that module is not what the hook expects: the env fallback then applies.
 */
export function hookConfigureStack(grpcServer: GrpcServerClass): boolean {
    const proto = grpcServer.prototype as GrpcServerClass["prototype"] & { [HOOKED]?: boolean };
    if (typeof proto.addService !== "function") {
        return false;
    }
    if (proto[HOOKED]) {
        return true;
    }
    const original = proto.addService;
    proto.addService = function (this: unknown, service: unknown, implementation: Record<string, unknown>): void {
        const configure = implementation?.["configureStack"];
        if (typeof configure === "function") {
            const handler = configure as Handler;
            implementation = {
                ...implementation,
                configureStack: (call: ConfigureStackCall, callback: unknown) => {
                    const dryRun = call?.request?.getDryRun?.();
                    if (typeof dryRun === "boolean") {
                        setRunMode(dryRun ? "preview" : "update");
                    }
                    return handler(call, callback);
                },
            };
        }
        return original.call(this, service, implementation);
    };
    proto[HOOKED] = true;
    return true;
}

/** The @grpc/grpc-js that @pulumi/policy's server requires, not whichever copy is nearest to us. */
export function policyGrpc(): { Server?: GrpcServerClass } {
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as { Server?: GrpcServerClass };
}

/** Called once by the pack's entry point, before the PolicyPack (and so the server) is constructed. */
export function installRunModeHook(load: () => { Server?: GrpcServerClass } = policyGrpc): boolean {
    try {
        const grpc = load();
        hookInstalled = grpc.Server !== undefined && hookConfigureStack(grpc.Server);
    } catch {
        hookInstalled = false;
    }
    return hookInstalled;
}

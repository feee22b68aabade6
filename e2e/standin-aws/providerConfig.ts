// Captures the provider configuration the engine sends in Configure.
//
// `@pulumi/pulumi/provider`'s server answers Configure itself and drops the request, and its Provider
// interface has no configure hook, yet fake AWS needs the provider's region and assumed role to place
// resources in the right account. We therefore wrap the gRPC service implementation when the server
// registers it (grpc-js `Server.addService`) and read the request before the SDK's own handler runs.
// Each provider resource gets its own plugin process, so one captured configuration per process is right.
import * as path from "node:path";

type Variables = Record<string, string>;

interface GrpcCall {
    request: { getVariablesMap(): { forEach(fn: (value: string, key: string) => void): void } };
}
type Handler = (call: GrpcCall, callback: (...args: unknown[]) => void) => void;
type AddService = (this: unknown, service: Record<string, unknown>, implementation: Record<string, unknown>) => void;
interface GrpcModule {
    Server: { prototype: { addService: AddService } };
}

/** The `@grpc/grpc-js` copy that `@pulumi/pulumi` itself loads (the one whose Server we must wrap). */
function sdkGrpc(): GrpcModule {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    return require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as GrpcModule;
}

/**
 * Installs the hook and returns a getter for the provider inputs, keyed without the `aws:config:`
 * prefix (values as the engine flattens them: strings, with lists and objects JSON-encoded).
 * Until Configure arrives, the stack's `aws:*` config (PULUMI_CONFIG, set by the engine) is used.
 */
export function captureProviderConfig(pkg: string): () => Variables {
    let captured: Variables = fromStackConfig(pkg);
    const proto = sdkGrpc().Server.prototype;
    const original = proto.addService;
    proto.addService = function (service, implementation) {
        if (!("configure" in service) || typeof implementation["configure"] !== "function") {
            return original.call(this, service, implementation);
        }
        const sdkConfigure = (implementation["configure"] as Handler).bind(implementation);
        const wrapped = Object.create(implementation) as Record<string, unknown>;
        wrapped["configure"] = (call: GrpcCall, callback: (...args: unknown[]) => void) => {
            const next: Variables = {};
            call.request.getVariablesMap().forEach((value, key) => {
                next[stripPrefix(pkg, key)] = value;
            });
            captured = next;
            sdkConfigure(call, callback);
        };
        return original.call(this, service, wrapped);
    };
    return () => captured;
}

function stripPrefix(pkg: string, key: string): string {
    for (const prefix of [`${pkg}:config:`, `${pkg}:`]) {
        if (key.startsWith(prefix)) {
            return key.slice(prefix.length);
        }
    }
    return key;
}

function fromStackConfig(pkg: string): Variables {
    const raw = process.env["PULUMI_CONFIG"];
    if (raw === undefined || raw === "") {
        return {};
    }
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out: Variables = {};
    for (const [key, value] of Object.entries(parsed)) {
        // The engine sends this plugin's own namespace with the prefix already removed.
        out[stripPrefix(pkg, key)] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}

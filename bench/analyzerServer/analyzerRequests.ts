// Analyzer requests built the way the engine sends them (protobuf messages, serialized, then decoded by the
// server's stubs), and @pulumi/policy's own analyzer server functions to answer them in process. Used by
// benchmark 5 and by test/policypack/analyzerDecodeMemo.spec.ts.
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { StackExportResource } from "../stacks/stackExport";

/* eslint-disable @typescript-eslint/no-require-imports */
const PROTO_DIR = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
const analyzerpb = require(path.join(PROTO_DIR, "analyzer_pb"));
// The Struct class the generated messages use (resolved from their directory, not ours).
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [PROTO_DIR] }));
/* eslint-enable @typescript-eslint/no-require-imports */

export interface ResourceSpec {
    type: string;
    urn: string;
    properties: Record<string, unknown>;
    provider?: { type: string; urn: string; properties: Record<string, unknown> };
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

/** An AnalyzeRequest or AnalyzeStackRequest message, opaque here: only the server reads it. */
export type AnalyzerRequest = { readonly __analyzerRequest: unique symbol };

export type RpcFun = (call: { request: unknown }, callback: (error: unknown, response?: AnalyzeResponse) => void) => Promise<void>;
interface ServerInternals {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policies): RpcFun;
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policies): RpcFun;
}
interface AnalyzeResponse {
    getDiagnosticsList(): { getPolicyname(): string; getUrn(): string; getMessage(): string; getEnforcementlevel(): number }[];
}

function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

interface ResourceMessage {
    setType(v: string): void;
    setUrn(v: string): void;
    setName(v: string): void;
    setProperties(v: unknown): void;
    setOptions(v: unknown): void;
    setProvider(v: unknown): void;
}

function fill(message: ResourceMessage, r: ResourceSpec): void {
    message.setType(r.type);
    message.setUrn(r.urn);
    message.setName(nameOf(r.urn));
    message.setProperties(Struct.fromJavaScript(r.properties));
    message.setOptions(new analyzerpb.AnalyzerResourceOptions());
    if (r.provider) {
        const provider = new analyzerpb.AnalyzerProviderResource();
        provider.setType(r.provider.type);
        provider.setUrn(r.provider.urn);
        provider.setName(nameOf(r.provider.urn));
        provider.setProperties(Struct.fromJavaScript(r.provider.properties));
        message.setProvider(provider);
    }
}

/** The engine's AnalyzeStack request for `resources`, as serialized bytes (decode with stackRequestFrom). */
export function stackRequestBytes(resources: readonly ResourceSpec[]): Uint8Array {
    const request = new analyzerpb.AnalyzeStackRequest();
    request.setResourcesList(
        resources.map((r) => {
            const message = new analyzerpb.AnalyzerResource();
            fill(message, r);
            if (r.parent) {
                message.setParent(r.parent);
            }
            message.setDependenciesList(r.dependencies ?? []);
            for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const deps = new analyzerpb.AnalyzerPropertyDependencies();
                deps.setUrnsList(urns);
                message.getPropertydependenciesMap().set(key, deps);
            }
            return message;
        }),
    );
    return request.serializeBinary();
}

/** Decodes request bytes as the server's gRPC stub does. */
export function stackRequestFrom(bytes: Uint8Array): AnalyzerRequest {
    return analyzerpb.AnalyzeStackRequest.deserializeBinary(bytes);
}

export function stackRequest(resources: readonly ResourceSpec[]): AnalyzerRequest {
    return stackRequestFrom(stackRequestBytes(resources));
}

export function resourceRequest(r: ResourceSpec): AnalyzerRequest {
    const request = new analyzerpb.AnalyzeRequest();
    fill(request, r);
    return analyzerpb.AnalyzeRequest.deserializeBinary(request.serializeBinary());
}

/** A stack export's resources as the engine sends them to AnalyzeStack: outputs, with the provider inlined. */
export function fromExport(resources: readonly StackExportResource[]): ResourceSpec[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources.map((r) => {
        const providerUrn = r.provider?.slice(0, r.provider.lastIndexOf("::"));
        const provider = providerUrn === undefined ? undefined : byUrn.get(providerUrn);
        return {
            type: r.type,
            urn: r.urn,
            properties: (r.outputs ?? {}) as Record<string, unknown>,
            provider: provider && { type: provider.type, urn: provider.urn, properties: (provider.outputs ?? {}) as Record<string, unknown> },
            parent: r.parent,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
        };
    });
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as ServerInternals;

/** Answers `request` with @pulumi/policy's own AnalyzeStack (or Analyze) handler; returns one line per diagnostic. */
export function analyzeWithServer(kind: "stack" | "resource", policies: Policies, request: AnalyzerRequest, packName = "pack"): Promise<string[]> {
    const fun = kind === "stack" ? server.makeAnalyzeStackRpcFun(packName, "0.0.1", "mandatory", policies) : server.makeAnalyzeRpcFun(packName, "0.0.1", "mandatory", policies);
    return analyzeWithHandler(fun, request);
}

/** Answers `request` with any Analyze/AnalyzeStack handler of the gRPC shape; returns one line per diagnostic. */
export function analyzeWithHandler(fun: RpcFun, request: AnalyzerRequest): Promise<string[]> {
    return new Promise((resolve, reject) => {
        void fun({ request }, (error, response) => {
            if (error) {
                reject(error);
                return;
            }
            resolve(
                (response as AnalyzeResponse)
                    .getDiagnosticsList()
                    .map((d) => `${d.getPolicyname()} ${d.getEnforcementlevel()} ${d.getUrn()}\n${d.getMessage()}`),
            );
        });
    });
}

// The parts of @pulumi/policy 1.21.0's analyzer server that the single-pass handlers (singlePassAnalyzer.ts) reuse
// instead of rewriting: its protobuf messages and response builders, its type test, its proxy and its decoder.
// Loaded from the library's own directory, so the messages are the classes its gRPC service serializes.
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { loadPolicyInternals } from "../analyzerDecodeMemo";

/** The @pulumi/policy version whose server the single-pass handlers were checked against (test/policypack/singlePassAnalyzer.spec.ts). */
export const SINGLE_PASS_POLICY_VERSION = "1.21.0";

/** What a handler hands back: a protobuf response message, opaque here. */
export interface ResponseMessage {
    serializeBinary(): Uint8Array;
}

/** A diagnostic as the library's `makeAnalyzeResponse` reads it. */
export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    message: string;
    urn?: string;
    description: string;
    enforcementLevel: string;
    severity?: string;
}

export interface ProtoStruct {
    toJavaScript(): Record<string, unknown>;
}

export interface ProtoOptions {
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getAliasesList(): string[];
    getCustomtimeouts(): { getCreate(): number; getUpdate(): number; getDelete(): number } | undefined;
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplacedefined(): boolean;
    getDeletebeforereplace(): boolean;
    getParent(): string;
}

export interface ProtoProvider {
    getType(): string;
    getUrn(): string;
    getName(): string;
    getProperties(): object | undefined;
}

/** An AnalyzeRequest, or one resource of an AnalyzeStackRequest. */
export interface ProtoResource {
    getType(): string;
    getUrn(): string;
    getName(): string;
    getProperties(): object | undefined;
    getOptions(): ProtoOptions | undefined;
    getProvider(): ProtoProvider | undefined;
}

export interface ProtoStackResource extends ProtoResource {
    getParent(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> } | undefined;
}

export interface PolicyLibrary {
    version: string;
    deserializeProperties(struct: object | undefined, proxySecrets: boolean): Record<string, unknown>;
    unknownCheckingProxy<T extends object>(value: T): T;
    UnknownValueError: new (...args: never[]) => Error;
    getPulumiType(value: unknown): string | undefined;
    isResourcePolicy(policy: Policies[number]): boolean;
    isStackPolicy(policy: Policies[number]): boolean;
    makeAnalyzeResponse(ds: Diagnostic[], notApplicable: unknown[] | undefined): ResponseMessage;
    makeRemediateResponse(rs: never[], notApplicable: undefined): ResponseMessage;
    asGrpcError(e: unknown, message?: string): Error;
    convertEnforcementLevel(level: number): string;
    newNotApplicable(policyName: string, reason: string | undefined): unknown;
}

export type PackConfig = Record<string, Record<string, unknown> & { enforcementLevel?: string }>;

/* eslint-disable @typescript-eslint/no-require-imports */
export function loadPolicyLibrary(): PolicyLibrary {
    const dir = path.dirname(require.resolve("@pulumi/policy/package.json"));
    const fromLibrary = (id: string): Record<string, unknown> => require(require.resolve(id, { paths: [dir] })) as Record<string, unknown>;
    const { module: deserializeModule, version } = loadPolicyInternals();
    const deserialize = deserializeModule as unknown as Record<string, unknown>;
    const proxy = require(path.join(dir, "proxy")) as Record<string, unknown>;
    const policy = require(path.join(dir, "policy")) as Record<string, unknown>;
    const protoutil = require(path.join(dir, "protoutil")) as Record<string, unknown>;
    const analyzerProto = fromLibrary("@pulumi/pulumi/proto/analyzer_pb") as { PolicyNotApplicable?: new () => { setPolicyName(n: string): void; setReason(r: string): void } };
    const needed: Record<string, unknown> = {
        "deserialize.deserializeProperties": deserialize.deserializeProperties,
        "proxy.unknownCheckingProxy": proxy.unknownCheckingProxy,
        "proxy.UnknownValueError": proxy.UnknownValueError,
        "policy.getPulumiType": policy.getPulumiType,
        "policy.isResourcePolicy": policy.isResourcePolicy,
        "policy.isStackPolicy": policy.isStackPolicy,
        "protoutil.makeAnalyzeResponse": protoutil.makeAnalyzeResponse,
        "protoutil.makeRemediateResponse": protoutil.makeRemediateResponse,
        "protoutil.asGrpcError": protoutil.asGrpcError,
        "protoutil.convertEnforcementLevel": protoutil.convertEnforcementLevel,
        "analyzer_pb.PolicyNotApplicable": analyzerProto.PolicyNotApplicable,
    };
    const missing = Object.keys(needed).filter((k) => typeof needed[k] !== "function");
    if (missing.length > 0) {
        throw new Error(`@pulumi/policy ${version} no longer exports ${missing.join(", ")}`);
    }
    const NotApplicable = analyzerProto.PolicyNotApplicable as NonNullable<typeof analyzerProto.PolicyNotApplicable>;
    // Every member is read through its module object at call time, as the library's server does: the decode
    // memo (analyzerDecodeMemo.ts) replaces `deserialize.deserializeProperties` on that object.
    return {
        version,
        deserializeProperties: (struct, proxySecrets) => (deserialize.deserializeProperties as PolicyLibrary["deserializeProperties"])(struct, proxySecrets),
        unknownCheckingProxy: proxy.unknownCheckingProxy as PolicyLibrary["unknownCheckingProxy"],
        UnknownValueError: proxy.UnknownValueError as PolicyLibrary["UnknownValueError"],
        getPulumiType: policy.getPulumiType as PolicyLibrary["getPulumiType"],
        isResourcePolicy: policy.isResourcePolicy as PolicyLibrary["isResourcePolicy"],
        isStackPolicy: policy.isStackPolicy as PolicyLibrary["isStackPolicy"],
        makeAnalyzeResponse: protoutil.makeAnalyzeResponse as PolicyLibrary["makeAnalyzeResponse"],
        makeRemediateResponse: protoutil.makeRemediateResponse as PolicyLibrary["makeRemediateResponse"],
        asGrpcError: protoutil.asGrpcError as PolicyLibrary["asGrpcError"],
        convertEnforcementLevel: protoutil.convertEnforcementLevel as PolicyLibrary["convertEnforcementLevel"],
        newNotApplicable: (policyName, reason) => {
            const na = new NotApplicable();
            na.setPolicyName(policyName);
            if (reason) {
                na.setReason(reason);
            }
            return na;
        },
    };
}
/* eslint-enable @typescript-eslint/no-require-imports */

// Analyze and AnalyzeStack handlers that answer exactly as @pulumi/policy 1.21.0's own do (same diagnostics, same
// "not applicable" entries, same order, same errors), but build what the policies are given once per request
// instead of once per policy.
//
// The library's handlers rebuild, for every policy, every resource's policy view: its proxied props, options,
// provider and (for AnalyzeStack) the whole resource list with parents and dependencies resolved. With 19 stack
// policies and 15 multi-type resource policies, that rebuilding is most of what this pack costs the engine
// (a profile of AnalyzeStack on 3,000 resources: 80 % in the library's server and protobuf getters, 20 % in our
// checks). Sharing the views is safe for this pack because its policies only read them (model/values.ts
// unwraps the proxy and never writes); test/policypack/singlePassAnalyzer.spec.ts compares the serialized
// responses of both servers on every policy fixture and a generated stack.
import { Policies, PolicyProviderResource, PolicyResource, PolicyResourceOptions, ReportViolation } from "@pulumi/policy";
import { appliesTo } from "../model/appliesTo";
import { Diagnostic, PackConfig, PolicyLibrary, ProtoOptions, ProtoResource, ProtoStackResource, ResponseMessage } from "./policyLibrary";

export interface PackIdentity {
    name: string;
    version: string;
    /** The pack's default level (PolicyPackArgs.enforcementLevel, "advisory" when unset). */
    enforcementLevel: string;
}

/** What the engine told the pack through Configure and ConfigureStack (mirrored by serverHooks.ts). */
export interface ServerState {
    config: PackConfig;
    stackTags: ReadonlyMap<string, string>;
}

type Callback = (error: Error | null | undefined, response?: ResponseMessage) => void;
export type RpcHandler = (call: { request: unknown }, callback: Callback) => Promise<void>;

type Policy = Policies[number];
type Validate = (args: object, report: ReportViolation) => unknown;

interface Answer {
    ds: Diagnostic[];
    notApplicable: unknown[] | undefined;
    skip(name: string, reason: string | undefined): void;
}

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

function thenable(value: unknown): value is PromiseLike<unknown> {
    return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as PromiseLike<unknown>).then === "function";
}

export class SinglePassAnalyzer {
    constructor(
        private readonly lib: PolicyLibrary,
        private readonly pack: PackIdentity,
        private readonly policies: Policies,
        private readonly state: ServerState,
    ) {}

    private level(p: Policy): string {
        return this.state.config[p.name]?.enforcementLevel || p.enforcementLevel || this.pack.enforcementLevel;
    }

    // One getter per policy while the config stays the same object (Configure replaces it): checks that merge
    // their defaults into the config do it once per getter, not once per resource.
    private getters = new Map<string, <T extends object>() => T>();
    private gettersFor: unknown;

    private getConfigFor(name: string): <T extends object>() => T {
        if (this.gettersFor !== this.state.config) {
            this.getters = new Map();
            this.gettersFor = this.state.config;
        }
        let getter = this.getters.get(name);
        if (getter === undefined) {
            getter = this.configGetter(name);
            this.getters.set(name, getter);
        }
        return getter;
    }

    private configGetter(name: string): <T extends object>() => T {
        return <T extends object>() => {
            const c = this.state.config[name];
            if (!c) {
                return {} as T;
            }
            const { enforcementLevel: _level, ...properties } = c;
            void _level;
            return properties as T;
        };
    }

    private reportFor(p: Policy, level: string, ds: Diagnostic[]): ReportViolation {
        const { name, description, severity } = p;
        const pack = this.pack;
        return (message, urn) => {
            if (typeof message === "object" && message !== null) {
                const info = message as { name?: string; message?: string; description?: string; urn?: string; enforcementLevel?: string; severity?: string };
                ds.push({
                    policyName: info.name || name,
                    policyPackName: pack.name,
                    policyPackVersion: pack.version,
                    message: info.message || info.description || description,
                    urn: info.urn,
                    description: info.description || description,
                    enforcementLevel: info.enforcementLevel || level,
                    severity: info.severity || severity,
                });
                return;
            }
            ds.push({
                policyName: name,
                policyPackName: pack.name,
                policyPackVersion: pack.version,
                message: message ? `${description}\n${message}` : description,
                urn,
                description,
                enforcementLevel: level,
                severity,
            });
        };
    }

    private cantRun(p: Policy, e: Error): Diagnostic {
        return {
            policyName: p.name,
            policyPackName: this.pack.name,
            policyPackVersion: this.pack.version,
            message: `can't run ${this.policyFrom(p)} during preview: ${e.message}`,
            description: p.description,
            enforcementLevel: "advisory",
            severity: p.severity,
        };
    }

    private policyFrom(p: Policy): string {
        return `policy '${p.name}' from policy pack '${this.pack.name}@v${this.pack.version}'`;
    }

    private isTypeOf(type: string, resourceClass: unknown): boolean {
        const pulumiType = this.lib.getPulumiType(resourceClass);
        if (pulumiType) {
            return type === pulumiType;
        }
        const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
        return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
    }

    private options(r: ProtoResource): PolicyResourceOptions {
        const opts = r.getOptions();
        if (!opts) {
            throw new Error("A more recent version of the Pulumi CLI is required. To upgrade, see https://www.pulumi.com/docs/get-started/install/");
        }
        return optionsFrom(opts);
    }

    private provider(r: ProtoResource): PolicyProviderResource | undefined {
        const prov = r.getProvider();
        if (!prov) {
            return undefined;
        }
        return {
            type: prov.getType(),
            props: this.lib.unknownCheckingProxy(this.lib.deserializeProperties(prov.getProperties(), false)),
            urn: prov.getUrn(),
            name: prov.getName(),
        };
    }

    /** The fields every policy is given about one resource; `isType`/`asType` close over its type and props. */
    private view(r: ProtoResource) {
        const type = r.getType();
        const props = this.lib.unknownCheckingProxy(this.lib.deserializeProperties(r.getProperties(), false));
        const view = {
            type,
            props,
            urn: r.getUrn(),
            name: r.getName(),
            opts: this.options(r),
            isType: (resourceClass: unknown) => this.isTypeOf(type, resourceClass),
            asType: (resourceClass: unknown) => (this.isTypeOf(type, resourceClass) ? props : undefined),
            provider: this.provider(r),
        };
        return view;
    }

    /**
     * Runs one policy call as the library does: awaited when it returns a promise; an unknown read becomes the
     * advisory "can't run" diagnostic, a notApplicable() call a "not applicable" entry, anything else the call's error.
     */
    private async runPolicy(p: Policy, answer: Answer, call: () => unknown): Promise<void> {
        try {
            const result = call();
            if (thenable(result)) {
                await result;
            }
        } catch (e) {
            if (e instanceof this.lib.UnknownValueError) {
                answer.ds.push(this.cantRun(p, e));
            } else if (e instanceof NotApplicableError) {
                answer.skip(p.name, e.reason);
            } else {
                throw this.lib.asGrpcError(e, `Error validating resource with ${this.policyFrom(p)}`);
            }
        }
    }

    /** Collects one request's diagnostics and "not applicable" entries, and answers with them or with the error. */
    private async respond(callback: Callback, body: (answer: Answer) => Promise<void>): Promise<void> {
        const answer: Answer = {
            ds: [],
            notApplicable: undefined,
            skip: (name, reason) => {
                (answer.notApplicable ??= []).push(this.lib.newNotApplicable(name, reason));
            },
        };
        try {
            await body(answer);
        } catch (err) {
            callback(err as Error, undefined);
            return;
        }
        callback(undefined, this.lib.makeAnalyzeResponse(answer.ds, answer.notApplicable));
    }

    /** Whether some resource policy runs at level "remediate" (the pack's config can make one). */
    remediates(): boolean {
        return this.policies.some((p) => this.level(p) === "remediate" && this.lib.isResourcePolicy(p));
    }

    /**
     * Remediate when no policy remediates: the library's handler answers an empty response too, but only after
     * decoding the resource's inputs and options (every resource, every preview and update). Answered without them.
     */
    readonly remediateNothing: RpcHandler = async (_call, callback) => {
        callback(undefined, this.lib.makeRemediateResponse([], undefined));
    };

    readonly analyze: RpcHandler = (call, callback) => this.respond(callback, async (answer) => {
        const req = call.request as ProtoResource;
        const type = req.getType();
        let view: ReturnType<SinglePassAnalyzer["view"]> | undefined;
        for (const p of this.policies) {
            let level = this.level(p);
            if (level === "disabled" || !this.lib.isResourcePolicy(p)) {
                continue;
            }
            const validateResource = (p as { validateResource?: Validate | Validate[] }).validateResource;
            if (!validateResource) {
                answer.skip(p.name, "Policy does not implement validateResource");
                continue;
            }
            if (level === "remediate") {
                level = "mandatory";
            }
            if (!Array.isArray(validateResource)) {
                const pulumiType = this.lib.getPulumiType(validateResource);
                if (pulumiType && type !== pulumiType) {
                    answer.skip(p.name, `Policy only applies to resources of type '${pulumiType}'`);
                    continue;
                }
            }
            let report: ReportViolation | undefined;
            for (const validation of Array.isArray(validateResource) ? validateResource : [validateResource]) {
                // A check declared to read other types would return at once: skip the call and the decode.
                if (appliesTo(validation)?.has(type) === false) {
                    continue;
                }
                report ??= this.reportFor(p, level, answer.ds);
                const reportHere = report;
                await this.runPolicy(p, answer, () => {
                    view ??= this.view(req);
                    const args: Record<string, unknown> = {
                        type,
                        props: view.props,
                        urn: view.urn,
                        name: view.name,
                        opts: view.opts,
                        stackTags: this.state.stackTags,
                        isType: view.isType,
                        asType: view.asType,
                        getConfig: this.getConfigFor(p.name),
                        notApplicable: throwNotApplicable,
                    };
                    if (view.provider) {
                        args.provider = view.provider;
                    }
                    return validation(args, reportHere);
                });
            }
        }
    });

    /** The resource list every stack policy is given, parents and dependencies resolved to the list's objects. */
    private stackResources(resources: readonly ProtoStackResource[]): PolicyResource[] {
        const built = resources.map((r) => {
            const view = this.view(r);
            const resource: PolicyResource = {
                type: view.type,
                props: view.props,
                urn: view.urn,
                name: view.name,
                opts: view.opts,
                dependencies: [],
                propertyDependencies: {},
                isType: view.isType as PolicyResource["isType"],
                asType: view.asType as PolicyResource["asType"],
            };
            if (view.provider) {
                resource.provider = view.provider;
            }
            return { resource, parent: r.getParent(), dependencies: r.getDependenciesList(), propertyDependencies: propertyDependenciesOf(r) };
        });
        const byUrn = new Map<string, PolicyResource>();
        for (const b of built) {
            byUrn.set(b.resource.urn, b.resource);
        }
        const resolve = (urns: readonly string[]): PolicyResource[] => urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
        for (const b of built) {
            if (b.parent) {
                const parent = byUrn.get(b.parent);
                if (parent) {
                    b.resource.parent = parent;
                }
            }
            b.resource.dependencies = resolve(b.dependencies);
            for (const k of Object.keys(b.propertyDependencies)) {
                b.resource.propertyDependencies[k] = resolve(b.propertyDependencies[k]);
            }
        }
        return built.map((b) => b.resource);
    }

    readonly analyzeStack: RpcHandler = (call, callback) => this.respond(callback, async (answer) => {
        const resources = (call.request as { getResourcesList(): ProtoStackResource[] }).getResourcesList();
        let shared: PolicyResource[] | undefined;
        for (const p of this.policies) {
            let level = this.level(p);
            if (level === "disabled" || !this.lib.isStackPolicy(p)) {
                continue;
            }
            if (level === "remediate") {
                level = "mandatory";
            }
            const validateStack = (p as { validateStack: Validate }).validateStack;
            const pulumiType = this.lib.getPulumiType(validateStack);
            if (pulumiType && !resources.some((r) => r.getType() === pulumiType)) {
                answer.skip(p.name, `Policy only applies to resources of type '${pulumiType}'`);
                continue;
            }
            const report = this.reportFor(p, level, answer.ds);
            await this.runPolicy(p, answer, () => {
                shared ??= this.stackResources(resources);
                return validateStack({ resources: shared, getConfig: this.getConfigFor(p.name), stackTags: this.state.stackTags, notApplicable: throwNotApplicable }, report);
            });
        }
    });
}

function optionsFrom(opts: ProtoOptions): PolicyResourceOptions {
    const timeouts = opts.getCustomtimeouts();
    const result: PolicyResourceOptions = {
        protect: opts.getProtect(),
        ignoreChanges: opts.getIgnorechangesList(),
        aliases: opts.getAliasesList(),
        customTimeouts: {
            createSeconds: timeouts?.getCreate() ?? 0.0,
            updateSeconds: timeouts?.getUpdate() ?? 0.0,
            deleteSeconds: timeouts?.getDelete() ?? 0.0,
        },
        additionalSecretOutputs: opts.getAdditionalsecretoutputsList(),
    };
    if (opts.getDeletebeforereplacedefined()) {
        result.deleteBeforeReplace = opts.getDeletebeforereplace();
    }
    if (opts.getParent()) {
        result.parent = opts.getParent();
    }
    return result;
}

function propertyDependenciesOf(r: ProtoStackResource): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    const map = r.getPropertydependenciesMap();
    if (map) {
        for (const [k, v] of map.entries()) {
            result[k] = v.getUrnsList();
        }
    }
    return result;
}

// In-process policy evaluation with the analyzer server's semantics (@pulumi/policy 1.21 server.js):
// resource policies per resource on its inputs (type fast-skip, notApplicable, unknown-checking proxy,
// remediations first), stack policies on all resources with parent/dependencies resolved to objects,
// effective level = config > policy > pack default, message = description + "\n" + reason, and an
// unknown read downgraded to an advisory "can't run ... during preview".
import {
    EnforcementLevel, Policies, PolicyPackConfig, PolicyProviderResource, PolicyResource, PolicyResourceOptions,
    ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy, Severity, StackValidationArgs, StackValidationPolicy,
    unknownCheckingProxy, UnknownValueError,
} from "@pulumi/policy";
import { appliesTo } from "../model/appliesTo";
import { forgetRecentStackIndex } from "../model/indexCache";
import { forgetRunMemory } from "../model/runMemory";
import { RunMode, setRunMode } from "../model/runMode";
import { ResolvedPolicyConfig, resolveConfig } from "./config";
import { deserializeProps } from "./deserialize";
import { ExportResource } from "./exportFile";
import { PreviewSimulator } from "./previewSimulation";

export interface Violation {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    /** The offending resource; empty for a stack-level violation. */
    urn: string;
    message: string;
    severity?: Severity;
}

export interface Remediation {
    policyName: string;
    urn: string;
    props: Record<string, unknown>;
}

export interface EvaluateOptions {
    /** Policy pack config in the `--policy-pack-config` format. */
    config?: PolicyPackConfig;
    /** Simulate `pulumi preview` of a fresh stack: computed outputs and values built from them are unknown. */
    preview?: boolean;
    /**
     * What the pack is told about the run (model/runMode.ts); default: "preview" with `preview`, else "state"
     * (`pulumi policy analyze`). "update" judges the resources as `pulumi up` would send them.
     */
    runMode?: RunMode;
    /** The pack's default level (PolicyPackArgs.enforcementLevel); "advisory" like @pulumi/policy. */
    enforcementLevel?: EnforcementLevel;
    packName?: string;
    packVersion?: string;
    stackTags?: ReadonlyMap<string, string>;
    /** Called for each remediation applied by a policy at level "remediate". */
    onRemediation?: (r: Remediation) => void;
    /**
     * Called once per policy and resource a policy checked (not skipped by type, not "not applicable");
     * `urn` is empty for a stack policy's run over the whole stack. Reports list what passed from it.
     */
    onChecked?: (policyName: string, urn: string) => void;
}

class NotApplicableError extends Error {}

/**
 * The fields resource-policy args and stack-policy resources have in common. `asType` is not among them:
 * the same test at run time, but typed as inputs for the one and as outputs for the other.
 */
type ResourceFields = Pick<PolicyResource, "type" | "props" | "urn" | "name" | "opts" | "isType" | "provider">;

/** A resource policy that runs in this evaluation, with what decides where. */
interface RunnableResourcePolicy {
    policy: ResourceValidationPolicy;
    level: EnforcementLevel;
    /** `__pulumiType` of a single validation function: it runs on that type only. */
    typeTag: string | undefined;
    validations: { validate: ResourceValidation; types: ReadonlySet<string> | undefined }[];
}

/** Resource-policy args without the per-policy `getConfig`. */
type ResourceBase = Omit<ResourceValidationArgs, "getConfig">;

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason ?? "Policy does not apply");
}

interface PulumiTyped {
    __pulumiType?: unknown;
    isInstance?: (o: unknown) => boolean;
}

function pulumiTypeOf(o: unknown): string | undefined {
    const t = (o as PulumiTyped | undefined)?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const t = pulumiTypeOf(resourceClass);
    if (t) {
        return type === t;
    }
    const isInstance = (resourceClass as PulumiTyped).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Awaits only what is a promise: a microtask per synchronous policy call adds up over every resource × policy. */
function settled(result: unknown): Promise<unknown> | undefined {
    return result !== null && typeof result === "object" && typeof (result as PromiseLike<unknown>).then === "function"
        ? Promise.resolve(result)
        : undefined;
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    const v = (p as ResourceValidationPolicy).validateResource;
    return typeof v === "function" || Array.isArray(v) || typeof (p as ResourceValidationPolicy).remediateResource === "function";
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

export function nameFromUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

function providerUrn(ref: string | undefined): string | undefined {
    if (!ref) {
        return undefined;
    }
    const i = ref.lastIndexOf("::");
    return i < 0 ? ref : ref.slice(0, i);
}

function optionsOf(r: ExportResource): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: r.protect === true,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (r.parent) {
        opts.parent = r.parent;
    }
    return opts;
}

class Evaluation {
    readonly violations: Violation[] = [];
    private readonly config: Map<string, ResolvedPolicyConfig>;
    private readonly byUrn = new Map<string, ExportResource>();
    private readonly providers = new Map<string, PolicyProviderResource | undefined>();
    private readonly preview?: PreviewSimulator;
    private readonly packLevel: EnforcementLevel;
    private readonly packName: string;
    private readonly packVersion: string;
    private readonly stackTags: ReadonlyMap<string, string>;

    constructor(private readonly policies: Policies, private readonly resources: readonly ExportResource[], private readonly opts: EvaluateOptions) {
        this.config = resolveConfig(policies, opts.config);
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
        }
        this.preview = opts.preview ? new PreviewSimulator(this.byUrn) : undefined;
        this.packLevel = opts.enforcementLevel ?? "advisory";
        this.packName = opts.packName ?? "policy-pack";
        this.packVersion = opts.packVersion ?? "0.0.0";
        this.stackTags = opts.stackTags ?? new Map();
    }

    private level(p: Policies[number]): EnforcementLevel {
        return this.config.get(p.name)?.enforcementLevel || p.enforcementLevel || this.packLevel;
    }

    /** The level a policy's validations report at: none when disabled; a remediating policy's are mandatory. */
    private validationLevel(p: Policies[number]): EnforcementLevel | undefined {
        const level = this.level(p);
        return level === "disabled" ? undefined : level === "remediate" ? "mandatory" : level;
    }

    private readonly configGetters = new Map<Policies[number], <T extends object>() => T>();

    private getConfigFor(p: Policies[number]): <T extends object>() => T {
        let getter = this.configGetters.get(p);
        if (!getter) {
            const props = this.config.get(p.name)?.properties ?? {};
            getter = <T extends object>() => ({ ...props }) as T;
            this.configGetters.set(p, getter);
        }
        return getter;
    }

    /** Per resource, so the URN slice and its map lookups happen once, not once per policy that sees the resource. */
    private readonly providerOfResource = new Map<ExportResource, PolicyProviderResource | undefined>();
    private readonly names = new Map<ExportResource, string>();

    private nameOf(r: ExportResource): string {
        let name = this.names.get(r);
        if (name === undefined) {
            name = nameFromUrn(r.urn);
            this.names.set(r, name);
        }
        return name;
    }

    private provider(r: ExportResource): PolicyProviderResource | undefined {
        if (this.providerOfResource.has(r)) {
            return this.providerOfResource.get(r);
        }
        const provider = this.providerByUrn(r);
        this.providerOfResource.set(r, provider);
        return provider;
    }

    private providerByUrn(r: ExportResource): PolicyProviderResource | undefined {
        const urn = providerUrn(r.provider);
        if (!urn) {
            return undefined;
        }
        if (!this.providers.has(urn)) {
            const p = this.byUrn.get(urn);
            this.providers.set(urn, p ? {
                type: p.type,
                props: unknownCheckingProxy(this.preview ? this.preview.inputs(p) : deserializeProps(p.inputs ?? p.outputs)),
                urn,
                name: nameFromUrn(urn),
            } : undefined);
        }
        return this.providers.get(urn);
    }

    private report(p: Policies[number], level: EnforcementLevel, urn: string) {
        return (message: string, reportedUrn?: string) => {
            this.violations.push({
                policyName: p.name,
                enforcementLevel: level,
                urn: reportedUrn ?? urn,
                message: message ? `${p.description}\n${message}` : p.description,
                severity: p.severity,
            });
        };
    }

    private cantRunInPreview(p: Policies[number], urn: string, e: UnknownValueError, what = "policy"): void {
        this.violations.push({
            policyName: p.name,
            enforcementLevel: "advisory",
            urn,
            message: `can't run ${what} '${p.name}' from policy pack '${this.packName}@v${this.packVersion}' during preview: ${e.message}`,
            severity: p.severity,
        });
    }

    private failure(p: Policies[number], e: unknown): Error {
        return new Error(`Error validating resource with policy '${p.name}' from policy pack '${this.packName}@v${this.packVersion}': ${(e as Error)?.stack ?? String(e)}`);
    }

    /**
     * What the server tells every policy about one resource, resource and stack policies alike: its type,
     * proxied props, URN, name, options, type test and provider.
     */
    private resourceFields(r: ExportResource, rawProps: Record<string, unknown>): ResourceFields {
        const props = unknownCheckingProxy(rawProps);
        const fields: ResourceFields = {
            type: r.type,
            props,
            urn: r.urn,
            name: this.nameOf(r),
            opts: optionsOf(r),
            isType: (cls) => isTypeOf(r.type, cls),
        };
        const provider = this.provider(r);
        if (provider) {
            fields.provider = provider;
        }
        return fields;
    }

    /**
     * What every resource policy's args share for one resource. The server builds all of it per policy;
     * the harness already shares the deserialized props across policies, so sharing the proxy, options and
     * type tests too changes nothing a policy can observe, and keeps multi-type policies cheap.
     */
    private resourceBase(r: ExportResource, props: Record<string, unknown>): ResourceBase {
        const fields = this.resourceFields(r, props);
        const asType = ((cls: unknown) => (isTypeOf(r.type, cls) ? fields.props : undefined)) as ResourceValidationArgs["asType"];
        return Object.assign(fields, { asType, stackTags: this.stackTags, notApplicable: throwNotApplicable });
    }

    private resourceArgs(p: Policies[number], base: ResourceBase): ResourceValidationArgs {
        // A literal with every field, not a spread: this runs per resource × policy.
        const args: ResourceValidationArgs = {
            type: base.type,
            props: base.props,
            urn: base.urn,
            name: base.name,
            opts: base.opts,
            stackTags: base.stackTags,
            isType: base.isType,
            asType: base.asType,
            getConfig: this.getConfigFor(p),
            notApplicable: base.notApplicable,
        };
        if (base.provider) {
            args.provider = base.provider;
        }
        return args;
    }

    /**
     * What decides, per resource policy, whether it runs on a resource: its level, its type tag and each
     * validation's declared types. Config and policies do not change during a run, so this is resolved once,
     * and a skipped (policy, resource) pair costs a set lookup and allocates nothing.
     */
    private runnableResourcePolicies(resourcePolicies: readonly ResourceValidationPolicy[]): RunnableResourcePolicy[] {
        const runnable: RunnableResourcePolicy[] = [];
        for (const p of resourcePolicies) {
            const level = this.validationLevel(p);
            if (level === undefined || !p.validateResource) {
                continue;
            }
            const typeTag = Array.isArray(p.validateResource) ? undefined : pulumiTypeOf(p.validateResource);
            const validations = (Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource]).map((validate) => ({
                validate,
                types: appliesTo(validate),
            }));
            runnable.push({ policy: p, level, typeTag, validations });
        }
        return runnable;
    }

    async runResourcePolicies(): Promise<void> {
        const resourcePolicies = this.policies.filter(isResourcePolicy);
        if (resourcePolicies.length === 0) {
            return;
        }
        const remediating = resourcePolicies.some((p) => this.level(p) === "remediate" && p.remediateResource);
        const runnable = this.runnableResourcePolicies(resourcePolicies);
        for (const r of this.resources) {
            // Deserialized on first use: a resource no policy reads (by type tag or declared types) never is.
            let props: Record<string, unknown> | undefined;
            const inputs = (): Record<string, unknown> => (props ??= this.preview ? this.preview.inputs(r) : deserializeProps(r.inputs));
            if (remediating) {
                // A deployment (preview, up) checks the remediated inputs. `pulumi policy analyze` of a state reports
                // what would be remediated but checks the resource as it is (pkg/v3 resource/deploy, AnalyzeSnapshot):
                // the deployed resource lacks the fix until the next update, so the violation stands, at mandatory.
                const remediated = await this.remediate(resourcePolicies, r, inputs());
                if (this.preview) {
                    props = remediated;
                }
            }
            let base: ResourceBase | undefined;
            for (const { policy: p, level, typeTag, validations } of runnable) {
                if (typeTag && typeTag !== r.type) {
                    continue;
                }
                let report: ((message: string, reportedUrn?: string) => void) | undefined;
                let checked = false;
                for (const { validate, types } of validations) {
                    // As the pack's single-pass server does: a check declared to read other types is not called.
                    if (types?.has(r.type) === false) {
                        continue;
                    }
                    base ??= this.resourceBase(r, inputs());
                    const reportTo = (report ??= this.report(p, level, r.urn));
                    try {
                        const pending = settled(validate(this.resourceArgs(p, base), (m) => reportTo(m)));
                        if (pending) {
                            await pending;
                        }
                        checked = true;
                    } catch (e) {
                        if (e instanceof UnknownValueError) {
                            this.cantRunInPreview(p, r.urn, e);
                            checked = true;
                        } else if (!(e instanceof NotApplicableError)) {
                            throw this.failure(p, e);
                        }
                    }
                }
                if (checked) {
                    this.opts.onChecked?.(p.name, r.urn);
                }
            }
        }
    }

    private async remediate(policies: ResourceValidationPolicy[], r: ExportResource, props: Record<string, unknown>): Promise<Record<string, unknown>> {
        let current = props;
        for (const p of policies) {
            if (this.level(p) !== "remediate" || !p.remediateResource) {
                continue;
            }
            const t = pulumiTypeOf(p.remediateResource);
            if (t && t !== r.type) {
                continue;
            }
            try {
                const result = await Promise.resolve(p.remediateResource(this.resourceArgs(p, this.resourceBase(r, current))));
                if (result) {
                    current = result as Record<string, unknown>;
                    this.opts.onRemediation?.({ policyName: p.name, urn: r.urn, props: current });
                }
            } catch (e) {
                if (e instanceof UnknownValueError) {
                    this.cantRunInPreview(p, r.urn, e, "remediation");
                } else if (!(e instanceof NotApplicableError)) {
                    throw this.failure(p, e);
                }
            }
        }
        return current;
    }

    /** Stack policies share one array (the server builds one per policy; the contents are identical). */
    private stackResources(): PolicyResource[] {
        const out = new Map<string, PolicyResource>();
        for (const r of this.resources) {
            const props = this.preview ? this.preview.outputs(r) : deserializeProps(r.outputs ?? r.inputs);
            const fields = this.resourceFields(r, props);
            const asType = ((cls: unknown) => (isTypeOf(r.type, cls) ? fields.props : undefined)) as PolicyResource["asType"];
            const resource: PolicyResource = Object.assign(fields, { asType, dependencies: [], propertyDependencies: {} });
            out.set(r.urn, resource);
        }
        for (const r of this.resources) {
            const resource = out.get(r.urn) as PolicyResource;
            const parent = r.parent ? out.get(r.parent) : undefined;
            if (parent) {
                resource.parent = parent;
            }
            resource.dependencies = (r.dependencies ?? []).map((d) => out.get(d)).filter((d): d is PolicyResource => d !== undefined);
            for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
                resource.propertyDependencies[k] = urns.map((d) => out.get(d)).filter((d): d is PolicyResource => d !== undefined);
            }
        }
        return [...out.values()];
    }

    async runStackPolicies(): Promise<void> {
        const stackPolicies = this.policies.filter(isStackPolicy);
        if (stackPolicies.length === 0) {
            return;
        }
        const resources = this.stackResources();
        for (const p of stackPolicies) {
            const level = this.validationLevel(p);
            if (level === undefined) {
                continue;
            }
            const t = pulumiTypeOf(p.validateStack);
            if (t && !this.resources.some((r) => r.type === t)) {
                continue;
            }
            const args: StackValidationArgs = {
                resources,
                stackTags: this.stackTags,
                getConfig: this.getConfigFor(p),
                notApplicable: throwNotApplicable,
            };
            const report = this.report(p, level, "");
            try {
                await Promise.resolve(p.validateStack(args, report));
                this.opts.onChecked?.(p.name, "");
            } catch (e) {
                if (e instanceof UnknownValueError) {
                    this.cantRunInPreview(p, "", e);
                    this.opts.onChecked?.(p.name, "");
                } else if (!(e instanceof NotApplicableError)) {
                    throw this.failure(p, e);
                }
            }
        }
    }
}

/** Evaluates `policies` on the resources of one stack export; violations in policy order. */
export async function evaluatePolicies(policies: Policies, resources: readonly ExportResource[], opts: EvaluateOptions = {}): Promise<Violation[]> {
    forgetRecentStackIndex();
    // One evaluation is one engine run: what earlier analyze calls taught the pack starts empty.
    forgetRunMemory();
    // The run mode the engine's ConfigureStack would give: a preview, or a state (`pulumi policy analyze`).
    setRunMode(opts.runMode ?? (opts.preview ? "preview" : "state"));
    try {
        const evaluation = new Evaluation(policies, resources, opts);
        await evaluation.runResourcePolicies();
        await evaluation.runStackPolicies();
        return evaluation.violations;
    } finally {
        setRunMode(undefined);
        forgetRecentStackIndex();
    }
}

export function hasMandatory(violations: readonly Violation[]): boolean {
    return violations.some((v) => v.enforcementLevel === "mandatory");
}

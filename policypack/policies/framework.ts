// Builders that turn a check over the stack index (or over one resource's normalized inputs) into a
// `@pulumi/policy` policy with exemptions, config defaults and uniform messages.
import {
    EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity,
    StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { stackIndexFor } from "../model/indexCache";
import { addTags, IndexedResource, ProviderFacts, providerFacts } from "../model/resources";
import { StackIndex } from "../model/stackIndex";
import { Maybe } from "../model/policyDocument";
import { asObject, isUnknown, normalize, ValueObject } from "../model/values";
import { runMode } from "../model/runMode";
import { declareAppliesTo } from "../model/appliesTo";
import { isEnginePlaceholder } from "../model/placeholders";
import { cannotVerify, resourcesToVerify, typesReadBy } from "./cannotVerify";
import { ExemptionConfig, exemptTagsSchema, isExempt, mayBeExempt } from "./exemptions";

export interface PolicyMeta {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    /** Policy-specific config properties (JSON schema); `exemptTags` is added to every policy. */
    configProperties?: PolicyConfigSchema["properties"];
}

/** Whom a violation is about (for exemptions) and where it is reported. */
export interface Finding {
    subject: { tags: ReadonlyMap<string, Maybe<string>> };
    urn: string;
    message: string;
}

export type StackCheck<C> = (index: StackIndex, config: C, report: (finding: Finding) => void) => void;

function schema(meta: PolicyMeta): PolicyConfigSchema {
    return { properties: { ...(meta.configProperties ?? {}), exemptTags: exemptTagsSchema } };
}

/** What the engine reads of every policy, whichever kind it is. */
function policyMetadata(meta: PolicyMeta) {
    return {
        name: meta.name,
        description: meta.description,
        enforcementLevel: meta.enforcementLevel,
        severity: meta.severity,
        remediationSteps: meta.remediationSteps,
        configSchema: schema(meta),
    };
}

/**
 * `readsVerifiedByResourcePart`: the policy's resource part already reports what it can't read (resourcePolicy
 * does, per resource), so the stack part must not report it a second time.
 */
export function stackPolicy<C extends ExemptionConfig>(
    meta: PolicyMeta, defaults: C, check: StackCheck<C>, opts: { readsVerifiedByResourcePart?: boolean } = {},
): StackValidationPolicy {
    return {
        ...policyMetadata(meta),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config: C = configOf(args.getConfig, defaults);
            // The index leaves out the engine's placeholders (model/placeholders.ts): no check sees them.
            const index = stackIndexFor(args.resources);
            check(index, config, (f) => {
                if (!isExempt(meta.name, f.subject.tags, config)) {
                    reportViolation(f.message, f.urn);
                }
            });
            const unreadableTypes = opts.readsVerifiedByResourcePart ? new Set<string>() : typesReadBy(meta.name);
            const mode = runMode();
            if (mode !== "preview") {
                // Every type the table reads is indexed (the registry spec checks it): the index's lists hold
                // the resources to look at, narrowed once per index to those with something unreadable.
                for (const type of unreadableTypes) {
                    for (const r of resourcesToVerify(index, type)) {
                        for (const reason of cannotVerify(meta.name, mode, r, index)) {
                            reportViolation(reason, r.urn);
                        }
                    }
                }
            }
        },
    };
}

/** A resource's normalized inputs plus what a single-resource check needs to know about it. */
export interface ResourceView {
    type: string;
    name: string;
    urn: string;
    props: ValueObject;
    tags: ReadonlyMap<string, Maybe<string>>;
    /** Region, account and deploying role of the resource's provider. */
    provider: ProviderFacts;
    /** The engine's placeholder of a resource this update does not create (model/placeholders.ts): judged by no policy. */
    placeholder: boolean;
}

export type ResourceCheck<C> = (resource: ResourceView, config: C, report: (message: string) => void) => void;

/** Tags are read only when an exemption could apply: most resources of a large stack never need the map. */
class InputView implements ResourceView {
    private tagMap?: Map<string, Maybe<string>>;

    constructor(
        readonly type: string,
        readonly name: string,
        readonly urn: string,
        readonly props: ValueObject,
        private readonly providerResource: ResourceValidationArgs["provider"],
        readonly placeholder: boolean,
    ) {}

    get provider(): ProviderFacts {
        return providerFacts(this.providerResource);
    }

    get tags(): ReadonlyMap<string, Maybe<string>> {
        if (!this.tagMap) {
            this.tagMap = new Map();
            addTags(this.props["tags"], this.tagMap);
        }
        return this.tagMap;
    }
}

// Several policies check the same resource one after another; where the server shares one props object across
// them (the harness, the pack's single-pass handlers), they share its view too (views are read-only).
const viewsByProps = new WeakMap<object, InputView>();

export function viewOf(args: ResourceValidationArgs): ResourceView {
    const key: unknown = args.props;
    const memo = key !== null && typeof key === "object";
    const known = memo ? viewsByProps.get(key) : undefined;
    if (known !== undefined && known.urn === args.urn && known.type === args.type) {
        return known;
    }
    const props = asObject(normalize(args.props));
    // Decided once per props object, like the view itself, not once per policy that checks the resource.
    const view = new InputView(args.type, args.name, args.urn, props && !isUnknown(props) ? props : {}, args.provider, isEnginePlaceholder(args));
    if (memo) {
        viewsByProps.set(key, view);
    }
    return view;
}

// A policy's config can't change during a run; where the server hands a policy the same `getConfig` for every
// resource (the harness, the single-pass handlers), its defaults are merged once instead of once per resource.
const configsByGetter = new WeakMap<object, WeakMap<object, object>>();

/** `defaults` overlaid with the policy's config; shared read-only by every call with the same getter. */
export function configOf<C extends object>(getConfig: ResourceValidationArgs["getConfig"], defaults: C): C {
    let byDefaults = configsByGetter.get(getConfig);
    if (byDefaults === undefined) {
        byDefaults = new WeakMap();
        configsByGetter.set(getConfig, byDefaults);
    }
    let config = byDefaults.get(defaults) as C | undefined;
    if (config === undefined) {
        config = { ...defaults, ...getConfig<Partial<C>>() };
        byDefaults.set(defaults, config);
    }
    return config;
}

export function resourcePolicy<C extends ExemptionConfig>(
    meta: PolicyMeta, types: ReadonlySet<string>, defaults: C, check: ResourceCheck<C>,
): ResourceValidationPolicy {
    const unreadableTypes = typesReadBy(meta.name);
    const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.has(args.type)) {
            // Returning (not args.notApplicable(), which throws) keeps the per-resource cost of
            // multi-type policies negligible on large stacks; the outcome is the same: no violation.
            return;
        }
        const view = viewOf(args);
        if (view.placeholder) {
            // Not a declaration: a resource this update does not create (model/placeholders.ts).
            return;
        }
        const config: C = configOf(args.getConfig, defaults);
        if (mayBeExempt(view.props, config) && isExempt(meta.name, view.tags, config)) {
            return;
        }
        check(view, config, (message) => reportViolation(message));
        if (unreadableTypes.has(args.type)) {
            for (const reason of cannotVerify(meta.name, runMode(), { type: args.type, name: args.name, props: view.props })) {
                reportViolation(reason);
            }
        }
    };
    if (types.size === 1) {
        // Lets the analyzer server skip other types without deserializing their inputs.
        (validate as unknown as { __pulumiType: string }).__pulumiType = [...types][0];
    } else {
        declareAppliesTo(validate, types);
    }
    return {
        ...policyMetadata(meta),
        validateResource: validate,
    };
}

const SHORT_TYPE = /^aws:[^/]+\/[^:]+:(.+)$/;
// Labels are built for every document a check reads, and a stack has a few dozen types.
const shortTypes = new Map<string, string>();

/** `BucketPolicy "logs-policy"`: how messages name a resource. */
export function describe(r: { type: string; name: string }): string {
    let short = shortTypes.get(r.type);
    if (short === undefined) {
        short = SHORT_TYPE.exec(r.type)?.[1] ?? r.type;
        shortTypes.set(r.type, short);
    }
    return `${short} "${r.name}"`;
}

/**
 * How a finding reported on `at` names `bucket`: `bucket Bucket "x"` when `at` is a configuration resource,
 * `self` when it is the bucket itself (inline and aws-native shapes), so a message doesn't name it twice.
 */
export function bucketLabel(at: { urn: string }, bucket: IndexedResource, self: string): string {
    return at.urn === bucket.urn ? self : `bucket ${describe(bucket)}`;
}

export function findingOn(subject: IndexedResource, at: IndexedResource, problem: string, fix: string): Finding {
    return { subject, urn: at.urn, message: `${describe(at)} ${problem}. Fix: ${fix}` };
}

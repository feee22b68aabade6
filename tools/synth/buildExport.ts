// Turns recorded registrations into a `pulumi stack export` document, ordered as the engine
// requires (providers, parents and dependencies before their dependents) and byte-stable.
import { createHash } from "crypto";
import { DEPLOYMENT_VERSION, ExportedResource, parseProviderReference, PropertyMap, PropertyValue, SECRET_SIG, SIG_KEY, StackExport } from "./exportFormat";
import { Registration } from "./recordingMonitor";

export const CLI_VERSION = "v3.276.0";
/** Fixed so that two runs give the same bytes; synth output is a function of code and config only. */
export const MANIFEST_TIME = "2026-01-01T00:00:00Z";

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

/**
 * The SDK sends a secret as `{sig, value}`; state files hold `{sig, ciphertext}`, or `{sig, plaintext: <JSON>}` in
 * a `--show-secrets` export. Synth has no secrets provider, so it writes the plaintext form (never a real secret:
 * fake AWS has none to give).
 */
function stateValue(value: PropertyValue): PropertyValue {
    if (Array.isArray(value)) {
        return value.map(stateValue);
    }
    if (value !== null && typeof value === "object") {
        if (value[SIG_KEY] === SECRET_SIG && "value" in value) {
            return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value["value"]) };
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stateValue(v)]));
    }
    return value;
}

function stateProps(props: PropertyMap): PropertyMap {
    return stateValue(props) as PropertyMap;
}

/** The engine stores the plugin version in a provider's inputs and outputs. */
function withProviderVersion(registration: Registration, props: PropertyMap): PropertyMap {
    if (!registration.type.startsWith("pulumi:providers:") || registration.version === undefined || "version" in props) {
        return props;
    }
    return { ...props, version: registration.version };
}

function exported(registration: Registration): ExportedResource {
    const resource: ExportedResource = {
        urn: registration.urn,
        custom: registration.custom,
        ...(registration.custom && registration.id !== undefined ? { id: registration.id } : {}),
        type: registration.type,
        inputs: withProviderVersion(registration, stateProps(registration.inputs)),
        outputs: withProviderVersion(registration, stateProps(registration.outputs)),
        ...(registration.parent !== undefined ? { parent: registration.parent } : {}),
        ...(registration.provider !== undefined ? { provider: registration.provider } : {}),
        dependencies: [...new Set(registration.dependencies)].sort(),
        propertyDependencies: sortedKeys(Object.fromEntries(Object.entries(registration.propertyDependencies).map(([k, v]) => [k, [...new Set(v)].sort()]))),
        ...(registration.protect ? { protect: true } : {}),
        ...(registration.retainOnDelete ? { retainOnDelete: true } : {}),
        ...(registration.deletedWith !== undefined ? { deletedWith: registration.deletedWith } : {}),
    };
    return resource;
}

function prerequisites(resource: ExportedResource): string[] {
    const urns = [...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()];
    if (resource.parent !== undefined) urns.push(resource.parent);
    if (resource.provider !== undefined) urns.push(parseProviderReference(resource.provider).urn);
    return urns;
}

/** Topological order; among resources that are ready, the smallest URN first (deterministic). */
export function orderForExport(resources: ExportedResource[]): ExportedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const waitingOn = new Map<string, Set<string>>();
    const dependents = new Map<string, string[]>();
    for (const r of resources) {
        const needs = new Set(prerequisites(r).filter((u) => byUrn.has(u) && u !== r.urn));
        waitingOn.set(r.urn, needs);
        for (const u of needs) {
            dependents.set(u, [...(dependents.get(u) ?? []), r.urn]);
        }
    }
    const ready = resources.filter((r) => waitingOn.get(r.urn)!.size === 0).map((r) => r.urn);
    const ordered: ExportedResource[] = [];
    while (ready.length > 0) {
        ready.sort();
        const urn = ready.shift()!;
        ordered.push(byUrn.get(urn)!);
        for (const d of dependents.get(urn) ?? []) {
            const needs = waitingOn.get(d)!;
            needs.delete(urn);
            if (needs.size === 0) ready.push(d);
        }
    }
    if (ordered.length !== resources.length) {
        const stuck = resources.filter((r) => !ordered.includes(r)).map((r) => r.urn);
        throw new Error(`dependency cycle among: ${stuck.join(", ")}`);
    }
    return ordered;
}

export function buildStackExport(registrations: Registration[]): StackExport {
    return {
        version: DEPLOYMENT_VERSION,
        deployment: {
            manifest: {
                time: MANIFEST_TIME,
                magic: createHash("sha256").update(CLI_VERSION).digest("hex"),
                version: CLI_VERSION,
            },
            resources: orderForExport(registrations.map(exported)),
        },
    };
}

/** Stable text, indented like `pulumi stack export` (4 spaces), with a trailing newline. */
export function serializeStackExport(doc: StackExport): string {
    return `${JSON.stringify(doc, null, 4)}\n`;
}

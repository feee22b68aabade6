// A stack export as the stack-policy view the pack's stack index is built from: outputs (inputs when a
// resource has none), the provider, parent and dependencies resolved to resources. The diagram reads
// the same model the guardrails judge, so it works for any stack, not only the ones this program writes.
import { PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import { deserializeProps } from "../../policypack/harness/deserialize";
import { nameFromUrn } from "../../policypack/harness/evaluate";
import { ExportResource } from "../../policypack/harness/exportFile";
import { decodeProviderSettings } from "../../policypack/model/providerConfig";
import { ValueObject } from "../../policypack/model/values";

function providerUrnOf(reference: string | undefined): string | undefined {
    if (!reference) return undefined;
    const i = reference.lastIndexOf("::");
    return i < 0 ? reference : reference.slice(0, i);
}

/**
 * Provider state keeps nested settings (`assumeRoles`, `allowedAccountIds`) as JSON text, the way the
 * engine sends provider config; decoded (the pack's own decoder), the index can tell the account each provider acts in.
 */
function providerProps(r: ExportResource): Record<string, unknown> {
    return decodeProviderSettings(deserializeProps(r.inputs ?? r.outputs) as ValueObject);
}

const NO_OPTIONS: PolicyResourceOptions = {
    protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [],
};

export function stackResourcesOf(resources: readonly ExportResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    for (const r of resources) {
        const props = r.type.startsWith("pulumi:providers:")
            ? providerProps(r)
            : deserializeProps(r.outputs && Object.keys(r.outputs).length > 0 ? r.outputs : r.inputs);
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: nameFromUrn(r.urn),
            opts: NO_OPTIONS,
            isType: () => false,
            asType: () => undefined,
            dependencies: [],
            propertyDependencies: {},
        };
        byUrn.set(r.urn, resource);
    }
    for (const r of resources) {
        const resource = byUrn.get(r.urn) as PolicyResource;
        const provider = byUrn.get(providerUrnOf(r.provider) ?? "");
        if (provider) resource.provider = { type: provider.type, props: provider.props, urn: provider.urn, name: provider.name };
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) resource.parent = parent;
        resource.dependencies = (r.dependencies ?? []).map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[k] = urns.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
        }
    }
    return [...byUrn.values()];
}

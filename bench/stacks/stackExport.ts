// The `pulumi stack export` resource shape (deployment v3) that the policy harness reads, and a builder that
// keeps URNs, provider references and dependency lists consistent while the generator adds resources.

import { ExportedResource, PropertyMap, StackExport } from "../../tools/synth/exportFormat";

// The generator writes exactly what synth writes; one definition of the format serves both.
export type { PropertyMap, PropertyValue, StackExport } from "../../tools/synth/exportFormat";
export type StackExportResource = ExportedResource;

/** A resource already added, as later resources refer to it. */
export interface ResourceRef {
    urn: string;
    id: string;
    outputs: PropertyMap;
}

export interface NewCustomResource {
    type: string;
    name: string;
    id: string;
    inputs: PropertyMap;
    /** Computed outputs only; inputs are copied into outputs the way providers echo them back. */
    computed?: PropertyMap;
    provider: ResourceRef;
    /** Input property name -> the resources its value came from. */
    propertyDependencies?: Record<string, ResourceRef[]>;
    /** Explicit `dependsOn` resources, which appear in `dependencies` but under no property. */
    dependsOn?: ResourceRef[];
}

export class StackExportBuilder {
    readonly resources: StackExportResource[] = [];
    readonly stackUrn: string;

    constructor(
        private readonly stack: string,
        private readonly project: string,
    ) {
        this.stackUrn = this.urn("pulumi:pulumi:Stack", `${project}-${stack}`);
        this.resources.push({
            urn: this.stackUrn,
            custom: false,
            type: "pulumi:pulumi:Stack",
            inputs: {},
            outputs: {},
            dependencies: [],
            propertyDependencies: {},
        });
    }

    urn(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
    }

    addProvider(name: string, id: string, inputs: PropertyMap): ResourceRef {
        const urn = this.urn("pulumi:providers:aws", name);
        this.resources.push({
            urn,
            custom: true,
            type: "pulumi:providers:aws",
            id,
            inputs,
            outputs: { ...inputs },
            parent: this.stackUrn,
            dependencies: [],
            propertyDependencies: {},
        });
        return { urn, id, outputs: inputs };
    }

    addCustom(resource: NewCustomResource): ResourceRef {
        const urn = this.urn(resource.type, resource.name);
        const propertyDependencies: Record<string, string[]> = {};
        const dependencies = new Set<string>();
        for (const [property, refs] of Object.entries(resource.propertyDependencies ?? {})) {
            propertyDependencies[property] = refs.map((ref) => ref.urn);
            refs.forEach((ref) => dependencies.add(ref.urn));
        }
        resource.dependsOn?.forEach((ref) => dependencies.add(ref.urn));
        const outputs: PropertyMap = { ...resource.inputs, id: resource.id, ...resource.computed };
        this.resources.push({
            urn,
            custom: true,
            type: resource.type,
            id: resource.id,
            inputs: resource.inputs,
            outputs,
            parent: this.stackUrn,
            provider: `${resource.provider.urn}::${resource.provider.id}`,
            dependencies: [...dependencies],
            propertyDependencies,
        });
        return { urn, id: resource.id, outputs };
    }

    build(): StackExport {
        return {
            version: 3,
            deployment: {
                // A fixed time: the export must be byte-identical for the same seed.
                manifest: { time: "2026-01-01T00:00:00Z", magic: "bench", version: "v3.276.0" },
                resources: this.resources,
            },
        };
    }
}

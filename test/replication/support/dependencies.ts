import * as pulumi from "@pulumi/pulumi";

// Pulumi's Mocks interface never sees a resource's dependencies, but the mock monitor's
// registerResource request carries them. This wraps the installed monitor (keeping whatever mocks
// are behind it) to record, per registered resource, the resources it depends on.

export interface ResourceRef {
    type: string;
    name: string;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getDependenciesList(): string[];
}

interface RegisteringMonitor {
    registerResource(request: RegisterRequest, callback: (error: unknown, response: unknown) => void): Promise<void>;
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>` -> { type, name }. */
export function refOfUrn(urn: string): ResourceRef {
    const parts = urn.split("::");
    const name = parts.slice(3).join("::");
    const typeChain = parts[2] ?? "";
    const type = typeChain.slice(typeChain.lastIndexOf("$") + 1);
    return { type, name };
}

export interface DependencyRecorder {
    /** The resources `name` (of `type`) was registered as depending on (explicit dependsOn and input Outputs). */
    dependenciesOf(name: string, type: string): ResourceRef[];
}

/** Call after the mocks are installed (installFakeAwsMocks). */
export function recordDependencies(): DependencyRecorder {
    const monitor = pulumi.runtime.getMonitor() as unknown as RegisteringMonitor | undefined;
    if (monitor === undefined) {
        throw new Error("recordDependencies: no Pulumi monitor; install the mocks first");
    }
    const recorded = new Map<string, ResourceRef[]>();
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        recorded.set(`${request.getType()}::${request.getName()}`, request.getDependenciesList().map(refOfUrn));
        return original(request, callback);
    };
    return {
        dependenciesOf(name, type) {
            const found = recorded.get(`${type}::${name}`);
            if (found === undefined) {
                throw new Error(`no registration recorded for ${type} "${name}"`);
            }
            return found;
        },
    };
}

// Types of a `pulumi stack export` file (deployment version 3), the subset synth writes and the
// policy pack, the IAM tests and `pulumi policy analyze --file` read.

/** Export-format markers, as the engine writes them. */
export const DEPLOYMENT_VERSION = 3 as const;
export const STACK_TYPE = "pulumi:pulumi:Stack";
export const AWS_PROVIDER_TYPE = "pulumi:providers:aws";
/** A property value `{ [SECRET_SIG_KEY]: SECRET_SIG, ... }` is a secret; `RESOURCE_SIG` a resource reference. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export type PropertyValue = null | boolean | number | string | PropertyValue[] | { [key: string]: PropertyValue };
export type PropertyMap = Record<string, PropertyValue>;

export interface ExportedResource {
    urn: string;
    /** True for provider-managed resources (and providers); false for components and the stack. */
    custom: boolean;
    /** Physical id; custom resources only. */
    id?: string;
    type: string;
    inputs: PropertyMap;
    outputs: PropertyMap;
    parent?: string;
    /** `<providerUrn>::<providerId>`; custom resources with an explicit or default provider. */
    provider?: string;
    /** URNs this resource depends on (parents excluded, as the engine records them). */
    dependencies: string[];
    /** Input property name → URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** Present (true) only when set, as the engine writes them: `pulumi destroy` refuses a protected resource. */
    protect?: boolean;
    /** Present (true) only when set: deleting the resource drops it from the state without calling the provider. */
    retainOnDelete?: boolean;
    /** URN of the resource whose deletion takes this one with it (the provider's delete is skipped then). */
    deletedWith?: string;
}

export interface DeploymentManifest {
    time: string;
    magic: string;
    version: string;
}

export interface Deployment {
    manifest: DeploymentManifest;
    secrets_providers?: { type: string; state?: unknown };
    resources: ExportedResource[];
}

export interface StackExport {
    version: typeof DEPLOYMENT_VERSION;
    deployment: Deployment;
}

/** Splits a provider reference `<urn>::<id>` (the URN itself contains `::`). */
export function parseProviderReference(reference: string): { urn: string; id: string } {
    const at = reference.lastIndexOf("::");
    if (at < 0) {
        throw new Error(`provider reference "${reference}" is not <urn>::<id>`);
    }
    return { urn: reference.slice(0, at), id: reference.slice(at + 2) };
}

/** The resource type named in a URN (`urn:pulumi:<stack>::<project>::<parent$...$type>::<name>`). */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}

/** The logical name in a URN. */
export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

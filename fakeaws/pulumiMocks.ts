// A `pulumi.runtime.Mocks` implementation backed by fake AWS: each custom resource gets the outputs
// the real provider would return in the account and region of the provider it was created with.
import * as pulumi from "@pulumi/pulumi";
import { Caller, callerOf } from "./caller";
import { AwsContext, contextFromProvider, defaultContext } from "./context";
import { fakeInvoke } from "./invokes";
import { fakeResource } from "./resources";

/** One resource as the program registered it (inputs resolved). */
export interface RecordedResource {
    type: string;
    name: string;
    custom: boolean;
    inputs: Record<string, unknown>;
    /** Provider reference `<providerUrn>::<providerId>`, when one was passed. */
    provider?: string;
    /** The account and region fake AWS placed it in (from its provider). */
    context: AwsContext;
    /** Id returned by fake AWS (custom resources only). */
    id?: string;
    outputs: Record<string, unknown>;
}

const AWS_PROVIDER_TYPE = "pulumi:providers:aws";
const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** Splits `<urn>::<id>`: the id is after the last `::` (URNs themselves contain `::`). */
export function splitProviderReference(reference: string): { urn: string; id: string } {
    const at = reference.lastIndexOf("::");
    return at < 0 ? { urn: reference, id: "" } : { urn: reference.slice(0, at), id: reference.slice(at + 2) };
}

export class FakeAwsMocks implements pulumi.runtime.Mocks {
    /** Every registration, in order. */
    readonly resources: RecordedResource[] = [];
    /** Each aws provider's account and region, and who its calls come from (its assumed role, else ambient credentials), by id. */
    private readonly providers = new Map<string, { context: AwsContext; caller: Caller }>();
    /**
     * What a StackReference reads: the referenced stack's outputs. Empty by default, as for a stack that
     * was never deployed; a test sets it to play a stack's last deployment (program/previousDeployment.ts).
     */
    stackOutputs: Record<string, unknown> = {};

    constructor(private readonly fallbackContext: AwsContext = defaultContext()) {}

    private providerFor(providerReference: string | undefined): { context: AwsContext; caller: Caller } | undefined {
        if (providerReference === undefined || providerReference === "") {
            return undefined;
        }
        const { id, urn } = splitProviderReference(providerReference);
        return this.providers.get(id) ?? this.providers.get(urn);
    }

    /** The fake AWS context for a provider reference (`urn::id`), or the fallback when absent. */
    contextFor(providerReference: string | undefined): AwsContext {
        return this.providerFor(providerReference)?.context ?? this.fallbackContext;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        const custom = args.custom !== false;
        if (!custom) {
            this.resources.push({ type: args.type, name: args.name, custom, inputs, context: this.fallbackContext, outputs: {} });
            return { id: undefined, state: {} };
        }
        if (args.type === STACK_REFERENCE_TYPE) {
            const name = String(inputs["name"] ?? args.name);
            const outputs = { name, outputs: this.stackOutputs, secretOutputNames: [] };
            this.resources.push({ type: args.type, name: args.name, custom, inputs, context: this.fallbackContext, id: name, outputs });
            return { id: name, state: outputs };
        }
        const isAwsProvider = args.type === AWS_PROVIDER_TYPE;
        const context = isAwsProvider ? contextFromProvider(inputs) : this.contextFor(args.provider);
        const { id, outputs } = fakeResource(args.type, args.name, inputs, context);
        if (isAwsProvider) {
            this.providers.set(id, { context, caller: callerOf(inputs, context) });
        }
        this.resources.push({ type: args.type, name: args.name, custom, inputs, provider: args.provider, context, id, outputs });
        // args.id is the import id: "" for an ordinary registration.
        return { id: args.id !== undefined && args.id !== "" ? args.id : id, state: outputs };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const provider = this.providerFor(args.provider);
        const context = provider?.context ?? this.fallbackContext;
        return fakeInvoke(args.token, (args.inputs ?? {}) as Record<string, unknown>, context, provider?.caller ?? callerOf({}, context));
    }
}

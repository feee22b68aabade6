// A MockMonitor that also keeps what the engine would record for each registration: parent,
// provider reference, dependencies and property dependencies, raw inputs and outputs, and the
// outputs components (and the stack) register at the end.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, Mocks } from "@pulumi/pulumi/runtime/mocks";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PropertyMap } from "./exportFormat";

export interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    id?: string;
    parent?: string;
    provider?: string;
    /** Package version the SDK asked for (providers: the plugin version). */
    version?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    inputs: PropertyMap;
    outputs: PropertyMap;
    /** Resource options the engine keeps in the state (docs/operations.md). */
    protect: boolean;
    retainOnDelete: boolean;
    deletedWith?: string;
}

type Callback = (err: unknown, response: unknown) => void;

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getVersion(): string;
    getObject(): Struct | undefined;
    getDependenciesList(): string[];
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getDeletedwith(): string;
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): Struct | undefined;
}

interface OutputsRequest {
    getUrn(): string;
    getOutputs(): Struct | undefined;
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** `urn:pulumi:<stack>::<project>::<parent type chain$><type>::<name>`, as the engine builds it. */
function engineUrn(parent: string, type: string, name: string): string {
    let qualifiedType = type;
    if (parent) {
        const parentType = parent.split("::")[2];
        if (parentType !== ROOT_STACK_TYPE) {
            qualifiedType = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${pulumi.runtime.getStack()}::${pulumi.runtime.getProject()}::${qualifiedType}::${name}`;
}

function plain(struct: Struct | undefined): PropertyMap {
    return (struct?.toJavaScript() ?? {}) as PropertyMap;
}

export class RecordingMonitor extends MockMonitor {
    /** In registration order; URN → registration. */
    readonly registrations = new Map<string, Registration>();

    constructor(mocks: Mocks) {
        super(mocks);
        // MockMonitor names a child by its parent's last type only, and puts the root stack's type
        // in top-level URNs; the engine uses the parent's whole type chain and leaves the stack out.
        (this as unknown as { newUrn: typeof engineUrn }).newUrn = engineUrn;
    }

    override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
        await super.registerResource(req, (err, response) => {
            if (!err) {
                this.record(req, response as RegisterResponse);
            }
            callback(err, response);
        });
    }

    override registerResourceOutputs(req: OutputsRequest, callback: Callback): void {
        const registration = this.registrations.get(req.getUrn());
        if (registration !== undefined) {
            registration.outputs = plain(req.getOutputs());
        }
        super.registerResourceOutputs(req, callback);
    }

    private record(req: RegisterRequest, response: RegisterResponse): void {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value, key) => {
            const urns = value.getUrnsList();
            if (urns.length > 0) {
                propertyDependencies[key] = [...urns];
            }
        });
        const custom = req.getCustom();
        const urn = response.getUrn();
        if (this.registrations.has(urn)) {
            // The engine refuses this too; without the check the second registration would hide the first.
            throw new Error(`duplicate resource URN ${urn}: two resources of type ${req.getType()} are named "${req.getName()}" under the same parent`);
        }
        this.registrations.set(urn, {
            urn,
            type: req.getType(),
            name: req.getName(),
            custom,
            ...(custom ? { id: response.getId() } : {}),
            ...(req.getParent() !== "" ? { parent: req.getParent() } : {}),
            ...(req.getProvider() !== "" ? { provider: req.getProvider() } : {}),
            ...(req.getVersion() !== "" ? { version: req.getVersion() } : {}),
            dependencies: [...req.getDependenciesList()],
            propertyDependencies,
            inputs: plain(req.getObject()),
            // Components report their outputs later (registerResourceOutputs); custom ones now.
            outputs: custom ? plain(response.getObject()) : {},
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            ...(req.getDeletedwith() !== "" ? { deletedWith: req.getDeletedwith() } : {}),
        });
    }
}

// Builds small stack exports the way Pulumi records user programs: inputs that reference another
// resource's output carry its value and a propertyDependencies entry, exactly like `key.arn` passed
// to `kmsMasterKeyId`. Outputs are inputs plus the computed values AWS would return.
import * as crypto from "crypto";
import { ExportResource } from "../../../policypack/harness";

export const T = {
    provider: "pulumi:providers:aws",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    directoryBucket: "aws:s3/directoryBucket:DirectoryBucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    key: "aws:kms/key:Key",
    replicaKey: "aws:kms/replicaKey:ReplicaKey",
    externalKey: "aws:kms/externalKey:ExternalKey",
    replicaExternalKey: "aws:kms/replicaExternalKey:ReplicaExternalKey",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    alias: "aws:kms/alias:Alias",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamPolicy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    bucketObject: "aws:s3/bucketObject:BucketObject",
    bucketObjectV2: "aws:s3/bucketObjectv2:BucketObjectv2",
    objectCopy: "aws:s3/objectCopy:ObjectCopy",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    bucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
    accountPab: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    grant: "aws:kms/grant:Grant",
    nativeProvider: "pulumi:providers:aws-native",
    nativeBucket: "aws-native:s3:Bucket",
    nativeBucketPolicy: "aws-native:s3:BucketPolicy",
    nativeKey: "aws-native:kms:Key",
    nativeAlias: "aws-native:kms:Alias",
} as const;

/** A reference to another resource's output, e.g. `out(key, "arn")` for `key.arn`. */
export class OutputRef {
    constructor(readonly urn: string, readonly prop: string, readonly map?: (v: string) => string) {}
}

/** `JSON.stringify` of a document that may contain output references (like `pulumi.jsonStringify`). */
export class JsonDoc {
    constructor(readonly value: unknown) {}
}

export function out(urn: string, prop: string, map?: (v: string) => string): OutputRef {
    return new OutputRef(urn, prop, map);
}

export function json(value: unknown): JsonDoc {
    return new JsonDoc(value);
}

export interface ProviderSpec {
    region: string;
    account: string;
}

function uuid(seed: string): string {
    const h = crypto.createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface AddOptions {
    provider?: string;
    parent?: string;
    /** Extra computed outputs. */
    outputs?: Record<string, unknown>;
    dependsOn?: string[];
    /** The `protect` resource option. */
    protect?: boolean;
}

export class StackBuilder {
    private readonly resources: ExportResource[] = [];
    private readonly byUrn = new Map<string, ExportResource>();
    private readonly providerSpecs = new Map<string, ProviderSpec>();
    readonly defaultProvider: string;

    constructor(private readonly stack = "dev", private readonly project = "app", region = "eu-west-1", account = "111111111111") {
        this.defaultProvider = this.provider("default", { region, account });
    }

    urn(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
    }

    /** An `aws.Provider`; the account is expressed the usual way, through `assumeRoles`. */
    provider(name: string, spec: ProviderSpec, extraInputs: Record<string, unknown> = {}): string {
        return this.addProvider(T.provider, name, spec, { region: spec.region, assumeRoles: [{ roleArn: `arn:aws:iam::${spec.account}:role/deployer` }], ...extraInputs }, "7.48.0");
    }

    /** An `aws_native.Provider` (a single `assumeRole` block). */
    nativeProvider(name: string, spec: ProviderSpec, extraInputs: Record<string, unknown> = {}): string {
        return this.addProvider(T.nativeProvider, name, spec, { region: spec.region, assumeRole: { roleArn: `arn:aws:iam::${spec.account}:role/deployer` }, ...extraInputs }, "1.79.0");
    }

    private addProvider(type: string, name: string, spec: ProviderSpec, inputs: Record<string, unknown>, version: string): string {
        const urn = this.urn(type, name);
        const r: ExportResource = { urn, custom: true, type, id: uuid(urn), inputs, outputs: { ...inputs, version }, dependencies: [], propertyDependencies: {} };
        this.push(r);
        this.providerSpecs.set(urn, spec);
        return `${urn}::${r.id}`;
    }

    private push(r: ExportResource): void {
        this.resources.push(r);
        this.byUrn.set(r.urn, r);
    }

    private resolve(value: unknown, deps: Set<string>): unknown {
        if (value instanceof OutputRef) {
            deps.add(value.urn);
            const target = this.byUrn.get(value.urn);
            const v = value.prop === "id" ? target?.id : target?.outputs?.[value.prop];
            if (typeof v !== "string") {
                throw new Error(`fixture: ${value.urn} has no string output ${value.prop}`);
            }
            return value.map ? value.map(v) : v;
        }
        if (value instanceof JsonDoc) {
            return JSON.stringify(this.resolve(value.value, deps));
        }
        if (Array.isArray(value)) {
            return value.map((v) => this.resolve(v, deps));
        }
        if (value !== null && typeof value === "object") {
            const o: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(value)) {
                o[k] = this.resolve(v, deps);
            }
            return o;
        }
        return value;
    }

    add(type: string, name: string, rawInputs: Record<string, unknown>, opts: AddOptions = {}): string {
        const urn = this.urn(type, name);
        const providerRef = opts.provider ?? this.defaultProvider;
        const providerUrn = providerRef.slice(0, providerRef.lastIndexOf("::"));
        const spec = this.providerSpecs.get(providerUrn) as ProviderSpec;
        const inputs: Record<string, unknown> = {};
        const propertyDependencies: Record<string, string[]> = {};
        const all = new Set<string>(opts.dependsOn ?? []);
        for (const [k, v] of Object.entries(rawInputs)) {
            const deps = new Set<string>();
            inputs[k] = this.resolve(v, deps);
            if (deps.size > 0) {
                propertyDependencies[k] = [...deps];
                deps.forEach((d) => all.add(d));
            }
        }
        const region = typeof inputs["region"] === "string" ? inputs["region"] : spec.region;
        const id = computedId(type, name, inputs);
        const outputs = { ...inputs, ...computedOutputs(type, name, inputs, region, spec.account, id), ...(opts.outputs ?? {}) };
        this.push({
            urn, custom: true, type, id, inputs, outputs,
            parent: opts.parent, provider: providerRef, dependencies: [...all], propertyDependencies,
            ...(opts.protect ? { protect: true } : {}),
        });
        return urn;
    }

    /** Replaces inputs (and outputs) of a resource already added: for "bad shape" variants. */
    patch(urn: string, change: (inputs: Record<string, unknown>) => void): void {
        const r = this.byUrn.get(urn);
        if (!r || !r.inputs || !r.outputs) {
            throw new Error(`fixture: no resource ${urn}`);
        }
        change(r.inputs);
        change(r.outputs);
    }

    remove(urn: string): void {
        const i = this.resources.findIndex((r) => r.urn === urn);
        if (i >= 0) {
            this.resources.splice(i, 1);
            this.byUrn.delete(urn);
        }
    }

    build(): ExportResource[] {
        return JSON.parse(JSON.stringify(this.resources)) as ExportResource[];
    }

    exportJson(): string {
        return JSON.stringify({ version: 3, deployment: { manifest: {}, resources: this.build() } }, null, 2);
    }
}

function computedId(type: string, name: string, inputs: Record<string, unknown>): string {
    if (type === T.bucket || type === T.bucketV2 || type === T.directoryBucket) {
        return typeof inputs["bucket"] === "string" ? inputs["bucket"] : `${name}-${uuid(name).slice(0, 7)}`;
    }
    if (type === T.key || type === T.replicaKey || type === T.externalKey || type === T.replicaExternalKey || type === T.nativeKey) {
        return uuid(`${type}:${name}`);
    }
    if (type === T.nativeBucket) {
        return typeof inputs["bucketName"] === "string" ? inputs["bucketName"] : `${name}-${uuid(name).slice(0, 7)}`;
    }
    if (type === T.role) {
        return typeof inputs["name"] === "string" ? inputs["name"] : `${name}-${uuid(name).slice(0, 7)}`;
    }
    return `${name}-${uuid(`${type}:${name}`).slice(0, 8)}`;
}

function computedOutputs(type: string, name: string, inputs: Record<string, unknown>, region: string, account: string, id: string): Record<string, unknown> {
    switch (type) {
        case T.bucket:
        case T.bucketV2:
            return { bucket: id, arn: `arn:aws:s3:::${id}`, region, bucketRegion: region };
        case T.directoryBucket:
            return { bucket: id, arn: `arn:aws:s3express:${region}:${account}:bucket/${id}`, region };
        case T.key:
        case T.replicaKey:
        case T.externalKey:
        case T.replicaExternalKey:
            return { keyId: id, arn: `arn:aws:kms:${region}:${account}:key/${id}`, region };
        // aws-native resources have no region property: the provider's region applies.
        case T.nativeBucket:
            return { bucketName: id, arn: `arn:aws:s3:::${id}` };
        case T.nativeKey:
            return { keyId: id, arn: `arn:aws:kms:${region}:${account}:key/${id}` };
        case T.alias:
            return { arn: `arn:aws:kms:${region}:${account}:${String(inputs["name"] ?? `alias/${name}`)}` };
        case T.role:
            return { name: id, arn: `arn:aws:iam::${account}:role/${id}` };
        case T.iamPolicy:
            return { arn: `arn:aws:iam::${account}:policy/${name}` };
        default:
            return type.startsWith("aws:s3/") || type.startsWith("aws:kms/") ? { region } : {};
    }
}

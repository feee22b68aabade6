// One normalized view of a resource for the stack index: props with explicit unknowns, its region and
// account (own input first, then provider), tags, and dependency URNs by input property.
import { PolicyResource } from "@pulumi/policy";
import { accountOfPrincipal, parseArn } from "./arn";
import { Maybe } from "./policyDocument";
import { decodeProviderSettings } from "./providerConfig";
import { isPreviewRun } from "./runMode";
import { asObject, asString, children, field, isUnknown, normalize, UNKNOWN, Value, ValueObject } from "./values";

export interface IndexedResource {
    urn: string;
    type: string;
    name: string;
    props: ValueObject;
    /** `undefined`: neither the resource nor its provider says (the AWS default chain decides). */
    region: Maybe<string> | undefined;
    /** Where `region` came from (stack policies see the computed `region` output as if it were an input). */
    regionSource: "resource" | "provider";
    account: Maybe<string> | undefined;
    providerUrn?: string;
    /** The role the resource's provider assumes to deploy it (the last `assumeRoles[].roleArn` of a chain / `assumeRole.roleArn`). */
    deployRole: Maybe<string> | undefined;
    /** The `protect` resource option (the engine sends no `retainOnDelete` to policy packs). */
    protect: boolean;
    tags: ReadonlyMap<string, Maybe<string>>;
    propertyDependencies: ReadonlyMap<string, readonly string[]>;
    dependencies: readonly string[];
}

export interface ProviderFacts {
    region: Maybe<string> | undefined;
    account: Maybe<string> | undefined;
    /** The assumed role's ARN: whom the deployment acts as, when the provider says. */
    deployRole: Maybe<string> | undefined;
}

const NO_PROVIDER: ProviderFacts = { region: undefined, account: undefined, deployRole: undefined };

const providerFactsCache = new WeakMap<object, ProviderFacts>();

/** What a resource's provider (`aws` or `aws-native`) says about where and as whom it deploys. */
export function providerFacts(provider: PolicyResource["provider"]): ProviderFacts {
    if (!provider) {
        return NO_PROVIDER;
    }
    const cached = providerFactsCache.get(provider);
    if (cached) {
        return cached;
    }
    const raw = asObject(normalize(provider.props)) ?? {};
    const props = isUnknown(raw) ? raw : decodeProviderSettings(raw);
    const deployRole = assumedRole(props);
    const facts: ProviderFacts = { region: asString(field(props, "region")), account: providerAccount(props, deployRole), deployRole };
    providerFactsCache.set(provider, facts);
    return facts;
}

/**
 * The ARN of the role the provider ends up acting as (`aws`: `assumeRoles[]`, `aws-native`: `assumeRole`). Several
 * `assumeRoles` entries are a role chain, assumed in the order listed, each with the credentials of the one before
 * (@pulumi/aws v7 "Support for IAM Role Chaining", after the Terraform AWS provider's "provider: Adds support for IAM
 * role chaining"): the last role is the one that deploys, and its account is where the resources are made. The
 * first entry is only a hop (often a role in a central CI account).
 */
function assumedRole(props: ValueObject | typeof UNKNOWN): Maybe<string> | undefined {
    // aws-native's `roleArn` is the role Cloud Control acts as for every resource operation: it is the deployer.
    const cloudControlRole = isUnknown(props) ? UNKNOWN : asString(field(props, "roleArn"));
    if (cloudControlRole !== undefined) {
        return cloudControlRole;
    }
    const roles = children(props, "assumeRoles", "assumeRole");
    if (isUnknown(roles)) {
        return UNKNOWN;
    }
    // From the end: the last entry that names a role (an entry without a roleArn assumes nothing).
    for (let i = roles.length - 1; i >= 0; i--) {
        const arn = asString(field(roles[i], "roleArn"));
        if (isUnknown(arn) || arn) {
            return arn;
        }
    }
    return undefined;
}

/** The account a provider acts in: the assumed role's account, else the only allowed account. */
function providerAccount(props: ValueObject | typeof UNKNOWN, role: Maybe<string> | undefined): Maybe<string> | undefined {
    if (isUnknown(props) || isUnknown(role)) {
        return UNKNOWN;
    }
    if (role) {
        return accountOfPrincipal(role);
    }
    const allowed = field(props, "allowedAccountIds");
    if (Array.isArray(allowed) && allowed.length === 1) {
        const only = asString(allowed[0]);
        if (only !== undefined) {
            return only;
        }
    }
    return undefined;
}

/**
 * Adds the tags of one tag property to `into`: the `{key: value}` map of @pulumi/aws, or aws-native's
 * `[{key, value}]` list.
 */
export function addTags(value: Value | undefined, into: Map<string, Maybe<string>>): void {
    if (Array.isArray(value)) {
        for (const tag of value) {
            const entry = asObject(tag);
            const key = entry && !isUnknown(entry) ? asString(entry["key"]) : undefined;
            if (typeof key === "string" && entry && !isUnknown(entry)) {
                const v = asString(entry["value"]);
                if (v !== undefined) {
                    into.set(key, v);
                }
            }
        }
        return;
    }
    const block = asObject(value);
    if (block && !isUnknown(block)) {
        for (const k of Object.keys(block)) {
            const v = asString(block[k]);
            if (v !== undefined) {
                into.set(k, v);
            }
        }
    }
}

function tagsOf(props: ValueObject): Map<string, Maybe<string>> {
    const tags = new Map<string, Maybe<string>>();
    addTags(props["tagsAll"], tags);
    addTags(props["tags"], tags);
    return tags;
}

/** Tags and dependency URNs are built on first use: most resources of a large stack never need them. */
class IndexedPolicyResource implements IndexedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: ValueObject;
    readonly region: Maybe<string> | undefined;
    readonly regionSource: "resource" | "provider";
    readonly providerUrn?: string;
    readonly deployRole: Maybe<string> | undefined;
    readonly protect: boolean;
    private readonly providerAccount: Maybe<string> | undefined;
    private accountValue?: { value: Maybe<string> | undefined };
    private tagMap?: Map<string, Maybe<string>>;
    private propertyDependencyMap?: Map<string, string[]>;
    private dependencyUrns?: string[];

    constructor(private readonly source: PolicyResource) {
        const props = asObject(normalize(source.props));
        this.props = props && !isUnknown(props) ? props : {};
        this.urn = source.urn;
        this.type = source.type;
        this.name = source.name;
        const provider = providerFacts(source.provider);
        const ownRegion = asString(this.props["region"]);
        // An unset region input defaults to the provider's; during preview its output is unknown then. Outside a
        // preview nothing is still to be computed, so a region the pack can't read (a secret) is the resource's own
        // setting, unreadable: never the provider's region, which would pass a key made in another Region.
        const ownUnreadable = isUnknown(ownRegion) && !isPreviewRun();
        this.region = typeof ownRegion === "string" || ownUnreadable ? ownRegion : provider.region !== undefined ? provider.region : ownRegion;
        this.regionSource = typeof ownRegion === "string" || ownUnreadable ? "resource" : "provider";
        this.providerAccount = provider.account;
        this.providerUrn = source.provider?.urn;
        this.deployRole = provider.deployRole;
        this.protect = source.opts?.protect === true;
    }

    /** The account in the resource's own ARN, else the provider's. */
    get account(): Maybe<string> | undefined {
        if (!this.accountValue) {
            const arn = asString(this.props["arn"]);
            const arnAccount = typeof arn === "string" ? parseArn(arn)?.account || undefined : undefined;
            // An ARN not known yet will name an account: when the provider doesn't say which (ambient
            // credentials), the account is unknown, not "none" (which would fail every account comparison).
            const fromProvider = this.providerAccount === undefined && isUnknown(arn) ? UNKNOWN : this.providerAccount;
            this.accountValue = { value: arnAccount ?? fromProvider };
        }
        return this.accountValue.value;
    }

    get tags(): ReadonlyMap<string, Maybe<string>> {
        this.tagMap ??= tagsOf(this.props);
        return this.tagMap;
    }

    get propertyDependencies(): ReadonlyMap<string, readonly string[]> {
        if (!this.propertyDependencyMap) {
            this.propertyDependencyMap = new Map();
            const deps = this.source.propertyDependencies ?? {};
            for (const key of Object.keys(deps)) {
                this.propertyDependencyMap.set(key, (deps[key] ?? []).map((d) => d.urn));
            }
        }
        return this.propertyDependencyMap;
    }

    get dependencies(): readonly string[] {
        this.dependencyUrns ??= (this.source.dependencies ?? []).map((d) => d.urn);
        return this.dependencyUrns;
    }
}

export function indexResource(r: PolicyResource): IndexedResource {
    return new IndexedPolicyResource(r);
}

// What a reviewer looks at in a multi-account storage stack, read from the pack's stack index: which
// account and region holds each bucket and key, the key each bucket encrypts with, where data
// replicates and with which options, which principals, AWS services (pinned to their source) and
// organisations may read or write which bucket (prefix), and which bucket logs its requests into which.
// Everything is sorted so the same stack always gives the same topology, whatever the resource order.
import { PolicyResource } from "@pulumi/policy";
import { accountOfPrincipal, globMatch, parseArn } from "../../policypack/model/arn";
import * as T from "../../policypack/model/awsTypes";
import { Maybe, parsePolicy, Statement } from "../../policypack/model/policyDocument";
import { IndexedResource } from "../../policypack/model/resources";
import { bucketNameOf } from "../../policypack/model/s3Shapes";
import { BucketModel, buildStackIndex, KeyModel, StackIndex } from "../../policypack/model/stackIndex";
import { asString, children, field, isUnknown, normalize, Unknown, UNKNOWN, Value, ValueObject } from "../../policypack/model/values";

export const UNKNOWN_PLACE = "unknown";

export interface Placement {
    account: string;
    region: string;
}

export interface TopologyKey extends Placement {
    ref: string;
    label: string;
    /** Named by a bucket or rule but not declared in the stack. */
    external: boolean;
}

export interface TopologyBucket extends Placement {
    name: string;
    /** Default encryption: the keys (refs) it names, or the algorithm when no KMS key is named. */
    keys: string[];
    encryption: string;
}

export interface TopologyReplication {
    from: string;
    to: string;
    bidirectional: boolean;
    options: string[];
}

export type Access = "read" | "write" | "read/write";

export interface TopologyGrant {
    principal: string;
    principalAccount: string;
    bucket: string;
    access: Access;
    prefix?: string;
    crossAccount: boolean;
}

/** A bucket-policy Allow to an AWS service principal (`Principal: { Service }`), with its confused-deputy pin. */
export interface TopologyServiceGrant {
    service: string;
    bucket: string;
    access: Access;
    prefix?: string;
    /** `aws:SourceAccount` values, when the statement names them. */
    sourceAccounts: string[];
}

/** A bucket-policy Allow to every principal of an AWS Organization (`Principal: "*"` pinned by `aws:PrincipalOrgID`). */
export interface TopologyOrganizationRead {
    organizationId: string;
    bucket: string;
    access: Access;
    prefix?: string;
}

/** A bucket the stack replicates or delivers logs to but does not declare: drawn with its account when a rule names it. */
export interface TopologyExternalBucket {
    name: string;
    account: string | undefined;
}

/** S3 server access logging of `from` into the log bucket `to`. */
export interface TopologyAccessLogs {
    from: string;
    to: string;
    prefix?: string;
}

export interface Topology {
    buckets: TopologyBucket[];
    keys: TopologyKey[];
    replications: TopologyReplication[];
    grants: TopologyGrant[];
    serviceGrants: TopologyServiceGrant[];
    organizationReads: TopologyOrganizationRead[];
    accessLogs: TopologyAccessLogs[];
    externalBuckets: TopologyExternalBucket[];
    /** Account id → names of the providers acting in it (labels only). */
    accountNames: Map<string, string[]>;
}

const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
/** S3 server access log delivery: drawn as the logging arrow, not as a grant on the log bucket. */
const LOG_DELIVERY_SERVICE = "logging.s3.amazonaws.com";
const READ_ACTION = "s3:GetObject";
const WRITE_ACTION = "s3:PutObject";

function known(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

function placementOf(r: IndexedResource): Placement {
    return { account: known(r.account) ?? UNKNOWN_PLACE, region: known(r.region) ?? UNKNOWN_PLACE };
}

function bucketName(b: BucketModel): string {
    return known(b.name) ?? b.resource.name;
}

function byText<T>(key: (t: T) => string): (a: T, b: T) => number {
    return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

function aliasesByKey(index: StackIndex): Map<KeyModel, string[]> {
    const out = new Map<KeyModel, string[]>();
    for (const r of index.resourcesByUrn.values()) {
        if (r.type !== T.KMS_ALIAS) continue;
        const name = known(asString(r.props["name"]));
        const target = known(asString(r.props["targetKeyId"]));
        const viaDependency = r.propertyDependencies.get("targetKeyId") ?? [];
        const key = index.keys.find((k) => viaDependency.includes(k.resource.urn)
            || (target !== undefined && (k.arn === target || asString(k.resource.props["keyId"]) === target)));
        if (key && name) out.set(key, [...(out.get(key) ?? []), name].sort());
    }
    return out;
}

function keyRefOf(k: KeyModel): string {
    return known(k.arn) ?? k.resource.urn;
}

class TopologyBuilder {
    readonly keys = new Map<string, TopologyKey>();
    private readonly aliases: Map<KeyModel, string[]>;

    constructor(private readonly index: StackIndex, private readonly resources: readonly PolicyResource[]) {
        this.aliases = aliasesByKey(index);
        for (const k of index.keys) this.addKey(k);
    }

    private addKey(k: KeyModel): string {
        const ref = keyRefOf(k);
        if (!this.keys.has(ref)) {
            const alias = this.aliases.get(k)?.[0];
            const label = alias ?? (k.replica ? `replica key ${k.resource.name}` : `key ${k.resource.name}`);
            this.keys.set(ref, { ref, label, external: false, ...placementOf(k.resource) });
        }
        return ref;
    }

    private addExternalKey(ref: string): string {
        if (!this.keys.has(ref)) {
            const arn = parseArn(ref);
            this.keys.set(ref, {
                ref, label: ref, external: true,
                account: arn?.account || UNKNOWN_PLACE, region: arn?.region || UNKNOWN_PLACE,
            });
        }
        return ref;
    }

    bucket(b: BucketModel): TopologyBucket {
        const keys: string[] = [];
        const algorithms = new Set<string>();
        for (const config of b.sse) {
            if (isUnknown(config.rules)) continue;
            for (const rule of config.rules) {
                if (typeof rule.algorithm === "string") algorithms.add(rule.algorithm);
                if (rule.keys.length > 0) {
                    keys.push(...rule.keys.map((k) => this.addKey(k)));
                } else if (typeof rule.keyRef === "string") {
                    keys.push(this.addExternalKey(rule.keyRef));
                }
            }
        }
        const encryption = algorithms.size === 0 ? "no default encryption" : [...algorithms].sort().join(", ");
        return { name: bucketName(b), keys: [...new Set(keys)].sort(), encryption, ...placementOf(b.resource) };
    }

    replications(): TopologyReplication[] {
        const edges = new Map<string, TopologyReplication>();
        for (const replication of this.index.replications) {
            if (isUnknown(replication.rules)) continue;
            // The rule objects themselves, for the options the index does not model (RTC, delete markers, filter).
            const inlineConfigs = replication.inline ? children(replication.resource.props, "replicationConfiguration", "replicationConfigurations") : [];
            const config = replication.inline ? (isUnknown(inlineConfigs) ? UNKNOWN : inlineConfigs[0]) : replication.resource.props;
            const raw = children(config, "rule", "rules");
            for (const rule of replication.rules) {
                const rawRule = isUnknown(raw) ? undefined : raw[rule.position];
                const destinationNames = rule.destinations.length > 0
                    ? rule.destinations.map(bucketName)
                    : typeof rule.destinationRef === "string" ? [rule.destinationRef] : [];
                for (const to of destinationNames) {
                    const from = bucketName(replication.source);
                    const options = ruleOptions(rawRule, rule.status, replication.source, rule.destinations[0], rule.account);
                    const reverse = edges.get(`${to}\u0000${from}`);
                    if (reverse) {
                        // One arrow both ways, named in name order so the export's order doesn't show.
                        reverse.bidirectional = true;
                        reverse.options = [...new Set([...reverse.options, ...options])].sort();
                        if (from < to) {
                            reverse.from = from;
                            reverse.to = to;
                        }
                        continue;
                    }
                    edges.set(`${from}\u0000${to}`, { from, to, bidirectional: false, options });
                }
            }
        }
        return [...edges.values()].sort(byText((e) => `${e.from}\u0000${e.to}`));
    }

    grants(buckets: readonly BucketModel[]): TopologyGrant[] {
        const replicationRoles = new Set<string>();
        for (const replication of this.index.replications) {
            for (const role of replication.roles) {
                replicationRoles.add(role.resource.urn);
                if (typeof role.arn === "string") replicationRoles.add(role.arn);
                const name = known(asString(role.resource.props["name"]));
                if (name) replicationRoles.add(name);
            }
            if (typeof replication.roleRef === "string") replicationRoles.add(replication.roleRef);
        }
        const found = new Map<string, TopologyGrant>();
        const add = (principal: string, b: BucketModel, statement: Statement) => {
            if (replicationRoles.has(principal)) return;
            for (const { access, prefix } of objectAccess(statement, bucketName(b))) {
                const bucketAccount = placementOf(b.resource).account;
                const principalAccount = accountOfPrincipal(principal) ?? UNKNOWN_PLACE;
                const key = `${principal}\u0000${bucketName(b)}\u0000${prefix ?? ""}`;
                const previous = found.get(key);
                found.set(key, {
                    principal, principalAccount, bucket: bucketName(b), access: previous ? mergeAccess(previous.access, access) : access,
                    ...(prefix !== undefined ? { prefix } : {}),
                    crossAccount: principalAccount !== bucketAccount,
                });
            }
        };
        for (const b of buckets) {
            for (const policy of b.policies) {
                if (isUnknown(policy.statements) || policy.statements === undefined) continue;
                for (const s of policy.statements) {
                    if (s.effect !== "Allow" || !s.principal) continue;
                    for (const p of s.principal.aws) {
                        if (typeof p === "string" && p !== "*") add(p, b, s);
                    }
                }
            }
        }
        for (const { principal, statements } of this.identityPolicies()) {
            if (replicationRoles.has(principal)) continue;
            for (const s of statements) {
                if (s.effect !== "Allow") continue;
                for (const b of buckets) add(principal, b, s);
            }
        }
        return [...found.values()].sort(byText((g) => `${g.bucket}\u0000${g.principal}\u0000${g.prefix ?? ""}`));
    }

    /**
     * Allows in bucket policies to AWS service principals and to organisations (`Principal: "*"` with
     * `aws:PrincipalOrgID`), merged per principal, bucket and prefix. Log delivery into a log bucket is left to
     * the access-logging arrow, which says the same.
     */
    serviceAndOrganizationGrants(buckets: readonly BucketModel[]): { serviceGrants: TopologyServiceGrant[]; organizationReads: TopologyOrganizationRead[] } {
        const services = new Map<string, TopologyServiceGrant>();
        const organizations = new Map<string, TopologyOrganizationRead>();
        for (const b of buckets) {
            const name = bucketName(b);
            for (const policy of b.policies) {
                if (isUnknown(policy.statements) || policy.statements === undefined) continue;
                for (const s of policy.statements) {
                    if (s.effect !== "Allow" || !s.principal) continue;
                    const access = objectAccess(s, name);
                    if (access.length === 0) continue;
                    for (const service of s.principal.service) {
                        if (typeof service !== "string" || (service === LOG_DELIVERY_SERVICE && b.logTargetOf.length > 0)) continue;
                        const sourceAccounts = conditionValues(s, "aws:sourceaccount");
                        for (const { access: a, prefix } of access) {
                            const key = `${service}\u0000${name}\u0000${prefix ?? ""}`;
                            const previous = services.get(key);
                            services.set(key, {
                                service, bucket: name, access: previous ? mergeAccess(previous.access, a) : a, ...(prefix !== undefined ? { prefix } : {}),
                                sourceAccounts: [...new Set([...(previous?.sourceAccounts ?? []), ...sourceAccounts])].sort(),
                            });
                        }
                    }
                    if (s.principal.wildcard !== true) continue;
                    for (const organizationId of conditionValues(s, "aws:principalorgid")) {
                        for (const { access: a, prefix } of access) {
                            const key = `${organizationId}\u0000${name}\u0000${prefix ?? ""}`;
                            const previous = organizations.get(key);
                            organizations.set(key, { organizationId, bucket: name, access: previous ? mergeAccess(previous.access, a) : a, ...(prefix !== undefined ? { prefix } : {}) });
                        }
                    }
                }
            }
        }
        return {
            serviceGrants: [...services.values()].sort(byText((g) => `${g.bucket}\u0000${g.service}\u0000${g.prefix ?? ""}`)),
            organizationReads: [...organizations.values()].sort(byText((g) => `${g.bucket}\u0000${g.organizationId}\u0000${g.prefix ?? ""}`)),
        };
    }

    /** One arrow per logging configuration whose source and target are known. */
    accessLogs(): TopologyAccessLogs[] {
        const out: TopologyAccessLogs[] = [];
        for (const logging of this.index.loggings) {
            if (logging.source === undefined) continue;
            const config = logging.inline ? children(logging.resource.props, "logging", "loggings") : [logging.resource.props];
            const first = isUnknown(config) ? undefined : config[0];
            const prefix = known(asString(field(first, "targetPrefix")));
            const targets = logging.targets.length > 0 ? logging.targets.map(bucketName) : typeof logging.targetRef === "string" ? [logging.targetRef] : [];
            for (const to of targets) out.push({ from: bucketName(logging.source), to, ...(prefix !== undefined ? { prefix } : {}) });
        }
        return out.sort(byText((e) => `${e.from}\u0000${e.to}\u0000${e.prefix ?? ""}`));
    }

    /**
     * Buckets the stack replicates or delivers logs to without declaring them, with the account a replication rule
     * names for them (the first rule that names one).
     */
    private externalBuckets(declared: ReadonlySet<string>, accessLogs: readonly TopologyAccessLogs[]): TopologyExternalBucket[] {
        const accounts = new Map<string, string | undefined>();
        for (const replication of this.index.replications) {
            if (isUnknown(replication.rules)) continue;
            for (const rule of replication.rules) {
                if (rule.destinations.length === 0 && typeof rule.destinationRef === "string") {
                    accounts.set(rule.destinationRef, accounts.get(rule.destinationRef) ?? known(rule.account));
                }
            }
        }
        for (const edge of accessLogs) {
            if (!accounts.has(edge.to)) accounts.set(edge.to, undefined);
        }
        return [...accounts].filter(([name]) => !declared.has(name)).map(([name, account]) => ({ name, account })).sort(byText((b) => b.name));
    }

    /** Inline identity policies the stack attaches to a user or role, with the principal's ARN. */
    private identityPolicies(): { principal: string; statements: Statement[] }[] {
        const out: { principal: string; statements: Statement[] }[] = [];
        for (const r of this.resources) {
            const kind = r.type === T.IAM_ROLE_POLICY ? "role" : r.type === IAM_USER_POLICY ? "user" : undefined;
            if (!kind) continue;
            const props = normalize(r.props) as ValueObject;
            const target = known(asString(props[kind]));
            const account = this.index.resourcesByUrn.get(r.urn)?.account ?? providerAccountOf(this.index, r);
            if (!target) continue;
            const principal = target.startsWith("arn:") ? target : typeof account === "string" ? `arn:aws:iam::${account}:${kind}/${target}` : undefined;
            if (!principal) continue;
            let statements: Statement[] = [];
            try {
                const parsed = parsePolicy(props["policy"] as Value);
                statements = Array.isArray(parsed) ? parsed : [];
            } catch {
                statements = [];
            }
            out.push({ principal, statements });
        }
        return out;
    }

    build(): Topology {
        const buckets = [...this.index.buckets].sort(byText(bucketName));
        const topologyBuckets = buckets.map((b) => this.bucket(b));
        const replications = this.replications();
        const grants = this.grants(buckets);
        const accessLogs = this.accessLogs();
        return {
            buckets: topologyBuckets,
            keys: [...this.keys.values()].sort(byText((k) => `${k.label}\u0000${k.ref}`)),
            replications,
            grants,
            ...this.serviceAndOrganizationGrants(buckets),
            accessLogs,
            externalBuckets: this.externalBuckets(new Set(topologyBuckets.map((b) => b.name)), accessLogs),
            accountNames: this.accountNames(),
        };
    }

    private accountNames(): Map<string, string[]> {
        const names = new Map<string, string[]>();
        for (const r of this.index.resourcesByUrn.values()) {
            const account = known(r.account);
            const provider = r.providerUrn ? r.providerUrn.slice(r.providerUrn.lastIndexOf("::") + 2) : undefined;
            if (account && provider && !(names.get(account) ?? []).includes(provider)) {
                names.set(account, [...(names.get(account) ?? []), provider].sort());
            }
        }
        return names;
    }
}

/** UserPolicy is not in the pack's index: its account is that of another resource with the same provider. */
function providerAccountOf(index: StackIndex, r: PolicyResource): string | undefined {
    const providerUrn = r.provider?.urn;
    for (const other of index.resourcesByUrn.values()) {
        if (other.providerUrn === providerUrn && typeof other.account === "string") return other.account;
    }
    return undefined;
}

function ruleOptions(
    r: ValueObject | Unknown | undefined, status: Maybe<string> | undefined, source: BucketModel, destination: BucketModel | undefined, account: Maybe<string> | undefined,
): string[] {
    const options: string[] = [];
    if (typeof status === "string" && status !== "Enabled") options.push(`status ${status}`);
    const destinations = r ? children(r, "destination", "destinations") : [];
    const d = isUnknown(destinations) ? undefined : destinations[0];
    const rtc = d ? children(d, "replicationTime", "replicationTimes") : [];
    if (!isUnknown(rtc) && rtc.some((t) => asString(field(t, "status")) === "Enabled")) options.push("RTC");
    const markers = r ? children(r, "deleteMarkerReplication", "deleteMarkerReplications") : [];
    if (!isUnknown(markers) && markers.some((m) => asString(field(m, "status")) === "Enabled")) options.push("delete markers");
    const storageClass = d ? known(asString(field(d, "storageClass"))) : undefined;
    if (storageClass && storageClass !== "STANDARD") options.push(storageClass);
    const filters = r ? children(r, "filter", "filters") : [];
    const filter = isUnknown(filters) ? undefined : filters[0];
    const prefix = known(asString(field(filter, "prefix"))) ?? known(asString(field(r, "prefix")));
    if (prefix) options.push(`prefix ${prefix}`);
    const tags = filter ? children(filter, "tag", "tags") : [];
    for (const t of isUnknown(tags) ? [] : tags) {
        const k = known(asString(field(t, "key")));
        if (k) options.push(`tag ${k}=${known(asString(field(t, "value"))) ?? ""}`);
    }
    const sourceAccount = placementOf(source.resource).account;
    const destinationAccount = known(account) ?? (destination ? placementOf(destination.resource).account : undefined);
    if (destinationAccount && destinationAccount !== sourceAccount) options.push("cross-account");
    return options;
}

/** The literal values of a condition key (lower-cased, as the model stores keys) in any operator. */
function conditionValues(s: Statement, key: string): string[] {
    if (isUnknown(s.conditions)) return [];
    const values = s.conditions.filter((c) => c.key === key && !c.operator.startsWith("StringNot")).flatMap((c) => (isUnknown(c.values) ? [] : c.values));
    return [...new Set(values.filter((v): v is string => typeof v === "string"))].sort();
}

function mergeAccess(a: Access, b: Access): Access {
    return a === b ? a : "read/write";
}

/** Read/write object access a statement gives on a bucket, per prefix (`arn:aws:s3:::bucket/<prefix>*`). */
function objectAccess(s: Statement, bucket: string): { access: Access; prefix?: string }[] {
    if (!Array.isArray(s.actions) || !Array.isArray(s.resources)) return [];
    const actions = s.actions.filter((a): a is string => typeof a === "string");
    const read = actions.some((a) => globMatch(a, READ_ACTION, true));
    const write = actions.some((a) => globMatch(a, WRITE_ACTION, true));
    if (!read && !write) return [];
    const access: Access = read && write ? "read/write" : read ? "read" : "write";
    const out: { access: Access; prefix?: string }[] = [];
    for (const resource of s.resources) {
        if (typeof resource !== "string") continue;
        const name = bucketNameOf(resource);
        if (typeof name !== "string") continue;
        const slash = name.indexOf("/");
        if (slash < 0 || !globMatch(name.slice(0, slash), bucket, false)) continue;
        const path = name.slice(slash + 1);
        const prefix = path === "*" ? undefined : path.replace(/\*$/, "");
        out.push(prefix === undefined ? { access } : { access, prefix });
    }
    return out;
}

export function topologyOf(resources: readonly PolicyResource[]): Topology {
    return new TopologyBuilder(buildStackIndex(resources), resources).build();
}

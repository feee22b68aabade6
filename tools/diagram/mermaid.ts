// The topology as a Mermaid flowchart (rendered natively by GitHub and GitLab): accounts, then regions,
// as nested subgraphs holding buckets and keys; consumer principals in their account; dotted arrows to
// the key a bucket encrypts with, thick arrows for replication, plain arrows for grants (from principals,
// AWS services and organisations, which stand outside the accounts) and for access logging. Node ids come
// from names, not positions, so adding a bucket changes only the lines about that bucket.
import { Access, Topology, TopologyGrant, UNKNOWN_PLACE } from "./topology";

class NodeIds {
    private readonly used = new Set<string>();
    private readonly ids = new Map<string, string>();

    /** `readable` names the id on first use (e.g. a key's alias rather than its ARN). */
    id(kind: string, name: string, readable = name): string {
        const key = `${kind}\u0000${name}`;
        let id = this.ids.get(key);
        if (id === undefined) {
            const base = `${kind}_${readable.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`;
            id = base;
            for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
            this.used.add(id);
            this.ids.set(key, id);
        }
        return id;
    }
}

function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

function principalLabel(arn: string): string {
    const i = arn.indexOf(":", "arn:aws:iam::".length);
    return arn.startsWith("arn:") && i > 0 ? arn.slice(i + 1) : arn;
}

function grantLabel(g: TopologyGrant): string {
    return [g.access, ...(g.prefix !== undefined ? [`${g.prefix}*`] : []), ...(g.crossAccount ? ["cross-account"] : [])].join(", ");
}

function accessLabel(access: Access, prefix: string | undefined, extra: string[]): string {
    return [access, ...(prefix !== undefined ? [`${prefix}*`] : []), ...extra].join(", ");
}

interface AccountGroup {
    regions: Map<string, string[]>;
    principals: string[];
    /** Buckets of this account that the stack writes to but does not declare (region not known to it). */
    external: string[];
}

export function renderMermaid(t: Topology): string {
    const ids = new NodeIds();
    const accounts = new Map<string, AccountGroup>();
    const group = (account: string): AccountGroup => {
        let g = accounts.get(account);
        if (!g) {
            g = { regions: new Map(), principals: [], external: [] };
            accounts.set(account, g);
        }
        return g;
    };
    const place = (account: string, region: string, line: string) => {
        const regions = group(account).regions;
        regions.set(region, [...(regions.get(region) ?? []), line]);
    };
    for (const b of t.buckets) place(b.account, b.region, `${ids.id("bucket", b.name)}[(${label(b.name)})]`);
    for (const k of t.keys) {
        place(k.account, k.region, `${ids.id("key", k.ref, k.external ? k.ref : k.label)}{{${label(k.external ? `${k.label} (not in this stack)` : k.label)}}}`);
    }
    const principals = [...new Map(t.grants.map((g) => [g.principal, g.principalAccount])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [arn, account] of principals) group(account).principals.push(`${ids.id("principal", arn)}([${label(principalLabel(arn))}])`);

    const lines = ["flowchart LR"];
    const externalNode = (name: string) => `${ids.id("bucket", name)}[(${label(`${name} (not in this stack)`)})]`;
    for (const b of t.externalBuckets) {
        if (b.account !== undefined) group(b.account).external.push(externalNode(b.name));
    }
    // Services and organisations belong to no account of the stack: top-level nodes.
    for (const service of [...new Set(t.serviceGrants.map((g) => g.service))].sort()) lines.push(`    ${ids.id("service", service)}([${label(`service ${service}`)}])`);
    for (const org of [...new Set(t.organizationReads.map((g) => g.organizationId))].sort()) lines.push(`    ${ids.id("org", org)}([${label(`organisation ${org}`)}])`);
    for (const b of t.externalBuckets) {
        if (b.account === undefined) lines.push(`    ${externalNode(b.name)}`);
    }
    for (const account of [...accounts.keys()].sort()) {
        const g = accounts.get(account) as AccountGroup;
        const names = t.accountNames.get(account);
        const title = account === UNKNOWN_PLACE
            ? "account not known until deployed"
            : `account ${account}${names ? ` (${names.join(", ")})` : g.regions.size === 0 ? " (outside this stack)" : ""}`;
        const accountId = ids.id("account", account);
        lines.push(`    subgraph ${accountId}[${label(title)}]`);
        for (const region of [...g.regions.keys()].sort()) {
            lines.push(`        subgraph ${ids.id("region", `${account}_${region}`)}[${label(region === UNKNOWN_PLACE ? "region not known until deployed" : region)}]`);
            for (const node of g.regions.get(region) ?? []) lines.push(`            ${node}`);
            lines.push("        end");
        }
        for (const node of g.external) lines.push(`        ${node}`);
        for (const node of g.principals) lines.push(`        ${node}`);
        lines.push("    end");
    }
    for (const b of t.buckets) {
        const from = ids.id("bucket", b.name);
        if (b.keys.length === 0) continue;
        for (const k of b.keys) lines.push(`    ${from} -.->|${label(`encrypts with (${b.encryption})`)}| ${ids.id("key", k)}`);
    }
    for (const r of t.replications) {
        const text = ["replicates", ...(r.bidirectional ? ["bidirectional"] : []), ...r.options].join(", ");
        lines.push(`    ${ids.id("bucket", r.from)} ${r.bidirectional ? "<==>" : "==>"}|${label(text)}| ${ids.id("bucket", r.to)}`);
    }
    for (const g of t.grants) {
        lines.push(`    ${ids.id("principal", g.principal)} -->|${label(grantLabel(g))}| ${ids.id("bucket", g.bucket)}`);
    }
    for (const g of t.serviceGrants) {
        const pin = g.sourceAccounts.length > 0 ? [`source account ${g.sourceAccounts.join(" or ")}`] : [];
        lines.push(`    ${ids.id("service", g.service)} -->|${label(accessLabel(g.access, g.prefix, pin))}| ${ids.id("bucket", g.bucket)}`);
    }
    for (const g of t.organizationReads) {
        lines.push(`    ${ids.id("org", g.organizationId)} -->|${label(accessLabel(g.access, g.prefix, ["member accounts"]))}| ${ids.id("bucket", g.bucket)}`);
    }
    for (const l of t.accessLogs) {
        lines.push(`    ${ids.id("bucket", l.from)} -->|${label(["access logs", ...(l.prefix !== undefined ? [`to ${l.prefix}`] : [])].join(", "))}| ${ids.id("bucket", l.to)}`);
    }
    return `${lines.join("\n")}\n`;
}

// The topology diagram synth writes (synth/<stack>.md) and `npm run diagram` prints, checked against the
// stack configuration of dev and prod: every bucket in its account and region with the key it uses,
// every replica as an arrow with its options, every grant as an arrow from its principal; plus byte
// determinism, and the README's copy of the dev diagram.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { parseStackConfig, StackConfig } from "../../config";
import { ExportResource } from "../../policypack/harness/exportFile";
import { diagramFileFor, diagramMarkdown, mermaidBlock } from "../../tools/diagram";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { STACK_TYPE } from "../../tools/synth/exportFormat";
import { synthRun } from "../support/synthStack";

const REPO = path.resolve(__dirname, "../..");

interface MermaidNode {
    label: string;
    /** Titles of the subgraphs around the node, outermost first. */
    groups: string[];
}

interface MermaidEdge {
    from: string;
    arrow: string;
    label: string;
    to: string;
}

/** Just enough of Mermaid's flowchart grammar to read back what the renderer writes. */
function parseMermaid(text: string): { nodes: Map<string, MermaidNode>; edges: MermaidEdge[] } {
    const nodes = new Map<string, MermaidNode>();
    const edges: MermaidEdge[] = [];
    const groups: string[] = [];
    for (const raw of text.split("\n").map((l) => l.trim())) {
        let m: RegExpExecArray | null;
        if ((m = /^subgraph (\w+)\["(.*)"\]$/.exec(raw))) {
            groups.push(m[2]);
        } else if (raw === "end") {
            assert.ok(groups.pop() !== undefined, "unbalanced end");
        } else if ((m = /^(\w+) (-\.->|==>|<==>|-->)\|"(.*)"\| (\w+)$/.exec(raw))) {
            edges.push({ from: m[1], arrow: m[2], label: m[3], to: m[4] });
        } else if ((m = /^(\w+)(?:\[\(|\{\{|\(\[)"(.*)"(?:\)\]|\}\}|\]\))$/.exec(raw))) {
            assert.ok(!nodes.has(m[1]), `node ${m[1]} declared twice`);
            nodes.set(m[1], { label: m[2], groups: [...groups] });
        } else {
            assert.ok(raw === "" || raw === "flowchart LR" || raw.startsWith("```"), `unexpected line: ${raw}`);
        }
    }
    assert.deepStrictEqual(groups, [], "unclosed subgraph");
    return { nodes, edges };
}

interface PlacedOutput {
    accountId: string;
    region: string;
    bucketName: string;
    keyAlias: string;
    keyArn: string;
}

function stackConfig(stack: string): StackConfig {
    return parseStackConfig(readStackConfigFile(REPO, stack).projectConfig);
}

for (const stack of ["dev", "prod"]) {
    describe(`diagram: ${stack} stack`, () => {
        let resources: ExportResource[];
        let markdown: string;
        let diagram: ReturnType<typeof parseMermaid>;
        let outputs: Record<string, PlacedOutput & { replicas?: PlacedOutput[] }>;
        const config = stackConfig(stack);

        before(async () => {
            const run = await synthRun(stack);
            resources = run.doc.deployment.resources as ExportResource[];
            markdown = fs.readFileSync(diagramFileFor(run.file), "utf8");
            diagram = parseMermaid(markdown.slice(markdown.indexOf("```mermaid")));
            const stackResource = resources.find((r) => r.type === STACK_TYPE);
            outputs = (stackResource?.outputs?.["buckets"] ?? {}) as typeof outputs;
        });

        const nodeLabelled = (label: string): string => {
            const hits = [...diagram.nodes.entries()].filter(([, n]) => n.label === label).map(([id]) => id);
            assert.strictEqual(hits.length, 1, `one node labelled ${label}, found ${hits.length}`);
            return hits[0];
        };
        const edge = (from: string, to: string): MermaidEdge => {
            const hits = diagram.edges.filter((e) => (e.from === from && e.to === to) || (e.arrow === "<==>" && e.from === to && e.to === from));
            assert.strictEqual(hits.length, 1, `one edge ${from} -> ${to}, found ${hits.length}`);
            return hits[0];
        };
        const accountTitle = (accountId: string) => (title: string) => title.startsWith(`account ${accountId}`);

        it("synth wrote synth/<stack>.md: the diagram of the export it wrote, titled by the stack", () => {
            assert.strictEqual(markdown, diagramMarkdown(resources));
            assert.ok(markdown.startsWith(`# Topology of stack ${stack}\n`));
        });

        it("is the same whatever the order of the export's resources", () => {
            assert.strictEqual(diagramMarkdown([...resources].reverse()), markdown);
        });

        it("places every bucket and replica in its account and region, with an arrow to its key", () => {
            const expected: { output: PlacedOutput; accountId: string; region: string }[] = [];
            for (const b of config.buckets) {
                const out = outputs[b.name];
                expected.push({ output: out, accountId: config.accounts[b.account].accountId, region: b.region });
                b.replicas.forEach((r, i) => expected.push({ output: (out.replicas ?? [])[i], accountId: config.accounts[r.account].accountId, region: r.region }));
            }
            for (const { output, accountId, region } of expected) {
                if (output.bucketName !== undefined) {
                    const bucket = nodeLabelled(output.bucketName);
                    const node = diagram.nodes.get(bucket) as MermaidNode;
                    assert.ok(accountTitle(accountId)(node.groups[0]), `${output.bucketName} in ${node.groups[0]}, expected account ${accountId}`);
                    assert.strictEqual(node.groups[1], region);
                    // An existing key (no alias here) is drawn by its ARN as a key outside the stack.
                    const key = nodeLabelled(output.keyAlias || `${output.keyArn} (not in this stack)`);
                    assert.deepStrictEqual((diagram.nodes.get(key) as MermaidNode).groups, node.groups, `key ${output.keyAlias} beside its bucket`);
                    assert.strictEqual(edge(bucket, key).arrow, "-.->");
                }
            }
            // Server access log buckets are SSE-S3 (no key arrow), placed in their account and region too.
            for (const log of config.logBuckets) {
                const node = diagram.nodes.get(nodeLabelled(log.bucketName ?? "")) as MermaidNode;
                assert.ok(accountTitle(config.accounts[log.account].accountId)(node.groups[0]), `${log.bucketName} in ${node.groups[0]}`);
                assert.strictEqual(node.groups[1], log.region);
            }
            const externalReplicas = new Set(config.buckets.flatMap((b) => b.externalReplicas.map((x) => x.bucketArn)));
            assert.strictEqual([...diagram.nodes.keys()].filter((id) => id.startsWith("bucket_")).length, expected.length + config.logBuckets.length + externalReplicas.size, "no bucket beyond those of the config");
        });

        it("draws every replica as a replication arrow with its options", () => {
            let count = 0;
            for (const b of config.buckets) {
                b.replicas.forEach((r, i) => {
                    const source = nodeLabelled(outputs[b.name].bucketName);
                    const replica = nodeLabelled((outputs[b.name].replicas ?? [])[i].bucketName);
                    const e = edge(source, replica);
                    const options = e.label.split(", ");
                    assert.strictEqual(e.arrow, r.bidirectional ? "<==>" : "==>", e.label);
                    assert.strictEqual(options.includes("bidirectional"), r.bidirectional, e.label);
                    assert.strictEqual(options.includes("RTC"), r.replicationTime, e.label);
                    assert.strictEqual(options.includes("delete markers"), r.deleteMarkerReplication, e.label);
                    assert.strictEqual(options.includes("cross-account"), config.accounts[r.account].accountId !== config.accounts[b.account].accountId, e.label);
                    assert.strictEqual(options.includes(r.storageClass), r.storageClass !== "STANDARD", e.label);
                    if (r.filter?.prefix !== undefined) assert.ok(options.includes(`prefix ${r.filter.prefix}`), e.label);
                    for (const [k, v] of Object.entries(r.filter?.tags ?? {})) assert.ok(options.includes(`tag ${k}=${v}`), e.label);
                    count++;
                });
                // A bucket of another owner (externalReplicas): a node labelled as outside the stack, in the account the
                // rule names, and one replication arrow from the source to it.
                for (const x of b.externalReplicas) {
                    const source = nodeLabelled(outputs[b.name].bucketName);
                    const to = x.bucketArn.replace(/^arn:aws:s3:::/, "");
                    const node = nodeLabelled(`${to} (not in this stack)`);
                    assert.ok(diagram.nodes.get(node)?.groups.some(accountTitle(x.accountId)), `${to} is drawn in account ${x.accountId}`);
                    const hits = diagram.edges.filter((e) => e.from === source && e.arrow === "==>" && e.to === node);
                    assert.strictEqual(hits.length, 1, `one replication arrow ${source} -> ${to}`);
                    count++;
                }
            }
            assert.strictEqual(diagram.edges.filter((e) => e.arrow === "==>" || e.arrow === "<==>").length, count);
        });

        it("draws every grant as an arrow from the principal, in its account, with access, prefix and cross-account", () => {
            let count = 0;
            for (const b of config.buckets) {
                const bucket = nodeLabelled(outputs[b.name].bucketName);
                for (const g of b.grants) {
                    const principal = nodeLabelled(g.principal.slice(g.principal.indexOf(":", "arn:aws:iam::".length) + 1));
                    assert.ok(accountTitle(g.principalAccountId)((diagram.nodes.get(principal) as MermaidNode).groups[0]));
                    const e = edge(principal, bucket);
                    const parts = e.label.split(", ");
                    assert.strictEqual(e.arrow, "-->");
                    assert.strictEqual(parts[0], g.access === "read-write" ? "read/write" : g.access, e.label);
                    assert.strictEqual(parts.includes(`${g.prefix}*`), g.prefix !== undefined, e.label);
                    assert.strictEqual(parts.includes("cross-account"), g.crossAccount, e.label);
                    count++;
                }
            }
            assert.strictEqual(diagram.edges.filter((e) => e.arrow === "-->" && e.from.startsWith("principal_")).length, count, "no grant beyond those of the config (replication roles are not grants)");
        });

        it("draws every service grant from its service, pinned to its source account, and every organisation read from the organisation", () => {
            let count = 0;
            for (const b of config.buckets) {
                const bucket = nodeLabelled(outputs[b.name].bucketName);
                for (const g of b.serviceGrants) {
                    const service = nodeLabelled(`service ${g.service}`);
                    assert.deepStrictEqual((diagram.nodes.get(service) as MermaidNode).groups, [], "a service is in no account");
                    const e = edge(service, bucket);
                    const parts = e.label.split(", ");
                    assert.strictEqual(parts[0], g.access === "read-write" ? "read/write" : g.access, e.label);
                    assert.strictEqual(parts.includes(`${g.prefix}*`), g.prefix !== undefined, e.label);
                    assert.ok(parts.includes(`source account ${g.sourceAccount}`), e.label);
                    count++;
                }
                for (const r of b.organizationReads) {
                    const e = edge(nodeLabelled(`organisation ${r.organizationId}`), bucket);
                    assert.deepStrictEqual(e.label.split(", "), ["read", ...(r.prefix !== undefined ? [`${r.prefix}*`] : []), "member accounts"]);
                    count++;
                }
            }
            assert.strictEqual(diagram.edges.filter((e) => e.from.startsWith("service_") || e.from.startsWith("org_")).length, count, "no service or organisation grant beyond the config's (log delivery is the logging arrow)");
        });

        it("draws every bucket's server access logging as an arrow to its log bucket, with the prefix", () => {
            const logged = config.buckets.filter((b) => b.accessLogs !== undefined);
            for (const b of logged) {
                const logs = b.accessLogs!;
                const target = config.logBuckets.find((l) => l.name === logs.logBucket)!;
                const e = edge(nodeLabelled(outputs[b.name].bucketName), nodeLabelled(target.bucketName ?? ""));
                assert.strictEqual(e.arrow, "-->");
                assert.strictEqual(e.label, `access logs, to ${logs.prefix}`);
            }
            assert.strictEqual(diagram.edges.filter((e) => e.label.startsWith("access logs")).length, logged.length);
        });
    });
}

describe("diagram: README and npm run diagram", () => {
    it("the README shows the dev stack's diagram as synth draws it today", async () => {
        const run = await synthRun("dev");
        const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
        assert.ok(readme.includes(mermaidBlock(run.doc.deployment.resources as ExportResource[])),
            "README's dev diagram is stale: paste the mermaid block of synth/dev.md (npm run synth -- dev)");
    });

    it("prints the same page for the export synth wrote, and exits 2 on a file that is not JSON", async () => {
        const run = await synthRun("dev");
        const cli = (args: string[]) => spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "tools/diagram/cli.ts", ...args], { cwd: REPO, encoding: "utf8" });
        const ok = cli([run.file]);
        assert.strictEqual(ok.status, 0, ok.stderr);
        assert.strictEqual(ok.stdout, fs.readFileSync(diagramFileFor(run.file), "utf8"));
        const bad = cli([path.join(REPO, "README.md")]);
        assert.strictEqual(bad.status, 2);
        assert.match(bad.stderr, /^diagram: .*README\.md: not JSON/);
    });
});

// The short human summary synth prints: resources by type, and where each bucket, its key and its
// replicas ended up.
import { ExportedResource, STACK_TYPE, StackExport } from "./exportFormat";

interface PlacedOutput {
    account?: string;
    accountId?: string;
    region?: string;
    bucketName?: string;
    keyAlias?: string;
    keyArn?: string;
}

interface BucketSummaryOutput extends PlacedOutput {
    replicas?: PlacedOutput[];
    replicationRoleArn?: string;
}

function countByType(resources: ExportedResource[]): string[] {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `  ${String(n).padStart(3)}  ${type}`);
}

function place(p: PlacedOutput): string {
    return `${p.bucketName ?? "?"} (${p.account ?? "?"} ${p.accountId ?? "?"}, ${p.region ?? "?"}) key ${p.keyAlias || (p.keyArn !== undefined ? `${p.keyArn} (existing)` : "?")}`;
}

export function summarize(stack: string, doc: StackExport, outFile: string): string {
    const resources = doc.deployment.resources;
    const stackResource = resources.find((r) => r.type === STACK_TYPE);
    const buckets = (stackResource?.outputs["buckets"] ?? {}) as Record<string, BucketSummaryOutput>;
    const lines = [`synth ${stack}: ${resources.length} resources -> ${outFile}`, ...countByType(resources), "buckets:"];
    for (const [name, b] of Object.entries(buckets)) {
        lines.push(`  ${name}: ${place(b)}`);
        for (const replica of b.replicas ?? []) {
            lines.push(`      replica -> ${place(replica)}`);
        }
    }
    return lines.join("\n");
}

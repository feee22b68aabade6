// The short human summary synth prints: resources by type, and where each bucket, its key, its replicas (owned
// and external) and the log buckets ended up.
import { ExportedResource, STACK_TYPE, StackExport } from "./exportFormat";

/** Where a bucket is: what every bucket output (a bucket's, a replica's, a log bucket's) names. */
interface BucketLocation {
    account?: string;
    accountId?: string;
    region?: string;
    bucketName?: string;
}

interface PlacedOutput extends BucketLocation {
    keyAlias?: string;
    keyArn?: string;
}

interface BucketSummaryOutput extends PlacedOutput {
    replicas?: PlacedOutput[];
    replicationRoleArn?: string;
}

/** `externalReplicaPolicies`, keyed `<bucket>-<external replica name>`. */
interface ExternalReplicaSummaryOutput {
    /** The source bucket's physical name. */
    sourceBucket?: string;
    destinationBucketArn?: string;
    destinationAccountId?: string;
    destinationRegion?: string;
    replicaKeyArn?: string;
}

interface LogBucketSummaryOutput extends BucketLocation {
    sources?: Record<string, string>;
}

function countByType(resources: ExportedResource[]): string[] {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `  ${String(n).padStart(3)}  ${type}`);
}

function location(p: BucketLocation): string {
    return `${p.bucketName ?? "?"} (${p.account ?? "?"} ${p.accountId ?? "?"}, ${p.region ?? "?"})`;
}

function place(p: PlacedOutput): string {
    return `${location(p)} key ${p.keyAlias || (p.keyArn !== undefined ? `${p.keyArn} (existing)` : "?")}`;
}

export function summarize(stack: string, doc: StackExport, outFile: string): string {
    const resources = doc.deployment.resources;
    const stackResource = resources.find((r) => r.type === STACK_TYPE);
    const buckets = (stackResource?.outputs["buckets"] ?? {}) as Record<string, BucketSummaryOutput>;
    const lines = [`synth ${stack}: ${resources.length} resources -> ${outFile}`, ...countByType(resources), "buckets:"];
    const externalReplicas = (stackResource?.outputs["externalReplicaPolicies"] ?? {}) as Record<string, ExternalReplicaSummaryOutput>;
    for (const [name, b] of Object.entries(buckets)) {
        lines.push(`  ${name}: ${place(b)}`);
        for (const replica of b.replicas ?? []) {
            lines.push(`      replica -> ${place(replica)}`);
        }
        for (const [key, external] of Object.entries(externalReplicas)) {
            if (external.sourceBucket !== undefined && external.sourceBucket === b.bucketName) {
                lines.push(`      external replica -> ${external.destinationBucketArn ?? "?"} (${external.destinationAccountId ?? "?"}, ${external.destinationRegion ?? "?"}) key ${external.replicaKeyArn ?? "?"}; its owner adds externalReplicaPolicies.${key}`);
            }
        }
    }
    const logBuckets = (stackResource?.outputs["logBuckets"] ?? {}) as Record<string, LogBucketSummaryOutput>;
    if (Object.keys(logBuckets).length > 0) {
        lines.push("log buckets:");
        for (const [name, l] of Object.entries(logBuckets)) {
            const sources = Object.keys(l.sources ?? {});
            lines.push(`  ${name}: ${location(l)} SSE-S3, logs of ${sources.length > 0 ? sources.join(", ") : "no bucket yet"}`);
        }
    }
    return lines.join("\n");
}


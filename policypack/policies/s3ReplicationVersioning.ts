import { BucketModel, ReplicationConfig } from "../model/stackIndex";
import { isUnknown } from "../model/values";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import * as T from "../model/awsTypes";
import { inlineNextToSeparate } from "./inlineNextToSeparate";
import { dataBucket, duplicated, replicated, replicatedFromExternal, withInputs } from "../fixtures/stacks";
import { DuplicateKind, duplicateFinding } from "./duplicateConfigs";
import { judgedByResourcePart } from "../model/runMemory";
import { activeRules, allReplications, externalSource, judgedDestinations } from "./replicationFacts";

export const S3_REPLICATION_VERSIONING = "s3-replication-versioning-enabled";

const FIX = "add an aws.s3.BucketVersioning with versioningConfiguration.status = \"Enabled\" for the bucket, and make the replication configuration depend on it (dependsOn)";

function checkEnabled(bucket: BucketModel, role: string, replication: ReplicationConfig, report: (f: Finding) => void): void {
    const b = bucket.resource;
    // Built per finding only: this runs for both ends of every replication of a large stack, most of them versioned.
    const of = (): string => `${describe(replication.resource)}${externalSource(replication)}`;
    if (bucket.versioning.length === 0) {
        report(findingOn(b, b, `is the ${role} of replication ${of()} but has no versioning configuration; S3 replication requires versioning Enabled on both buckets`, FIX));
        return;
    }
    for (const v of bucket.versioning) {
        if (v.status !== "Enabled" && !isUnknown(v.status)) {
            const status = v.status === undefined ? "unset" : `"${v.status}"`;
            const problem = v.inline
                ? `(inline versioning) leaves versioning ${status} on this ${role} bucket of replication ${of()}`
                : `leaves versioning ${status} on the ${role} bucket ${describe(b)} of replication ${of()}`;
            report(findingOn(b, v.resource, problem, FIX));
        }
    }
}

// Owned here as the inline-next-to-separate conflict is: whether or not the bucket is replicated yet (versioning
// is what replication needs, and what keeps overwritten and deleted objects recoverable).
const DUPLICATE: DuplicateKind = {
    what: "versioning configurations",
    own: (bucket) => (bucket.type === T.NATIVE_BUCKET ? "its own versioningConfiguration" : "its deprecated inline versioning"),
    onDelete: "removing either one from the program suspends the bucket's versioning (deleting a BucketVersioning suspends it) while the other is still declared",
    fix: "keep exactly one: a single aws.s3.BucketVersioning for the bucket with versioningConfiguration.status = \"Enabled\" (or only an aws-native bucket's versioningConfiguration), and remove the others",
};

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_VERSIONING,
        description: "Both the source and every destination bucket of an S3 replication have versioning Enabled.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            // An inline declaration the resource part already reported next to the separate resource is not reported twice.
            const declared = judgedByResourcePart(S3_REPLICATION_VERSIONING, bucket.resource.urn) ? bucket.versioning.filter((v) => !v.inline) : bucket.versioning;
            const duplicate = duplicateFinding(bucket.resource, declared, DUPLICATE);
            if (duplicate !== undefined) {
                report(duplicate);
            }
        }
        for (const replication of allReplications(index)) {
            // A source the stack does not declare has versioning the policy can't see (and S3 refuses the
            // configuration on an unversioned source: Amazon S3 API Reference, PutBucketReplication); its
            // in-stack destinations are judged all the same.
            if (replication.source) {
                checkEnabled(replication.source, "source", replication, report);
            }
            if (isUnknown(replication.rules)) {
                continue;
            }
            const seen = new Set<BucketModel>();
            for (const rule of activeRules(replication)) {
                for (const dest of judgedDestinations(rule)) {
                    if (!seen.has(dest)) {
                        seen.add(dest);
                        checkEnabled(dest, "destination", replication, report);
                    }
                }
            }
        }
    },
);

const SUSPENDED = { status: "Suspended" };

export const s3ReplicationVersioning = {
    ...stackPart,
    validateResource: inlineNextToSeparate({
        policy: S3_REPLICATION_VERSIONING, block: "versioning", separateTypes: [T.VERSIONING, T.VERSIONING_V2], what: "the versioning",
    }),
};

export const definition = definePolicy({
    policy: s3ReplicationVersioning,
    doc: {
        checks: "The source and every in-stack destination of a replication have versioning `Enabled` (destinations of `Disabled` rules are not judged; the source is, since S3 refuses a replication configuration on an unversioned bucket). For a `BucketReplicationConfig` of a bucket the stack does not declare, its in-stack destinations are judged (that bucket's own versioning can't be seen). Two declarations for one bucket are each judged (AWS keeps whichever is written last): a `BucketVersioningV2` next to a `BucketVersioning`, and, in a fresh preview, a deprecated inline `versioning` the new bucket's inputs set next to a separate resource (the provider writes it over the separate one on the bucket's next update). Two versioning declarations for one bucket (two `BucketVersioning(V2)`, one next to an aws-native bucket's own `versioningConfiguration`, or, in a fresh preview, next to the new bucket's inline `versioning`) are flagged on the bucket whatever they say and whether or not it is replicated: S3 keeps the last one written, and removing either suspends versioning. During `pulumi up` and in a preview (where the bucket's name is known: an existing bucket, or a literal name), an inline `versioning(s)` the bucket's inputs declare next to a `BucketVersioning(V2)` for the same bucket is reported on that separate resource before it is created, whether or not the bucket is replicated yet (they overwrite each other on every update; keep exactly one); the preview `pulumi up` runs first is what stops a change to an existing bucket, which `up` updates before it analyzes the separate resource. A bucket whose inputs don't declare it is not judged from the provider's read-back in its outputs, and `pulumi policy analyze` on a state (where an imported bucket's recorded inputs can hold the read-back) does not report it. Nor is an aws-native bucket's `versioningConfiguration` a second declaration next to a separate resource unless the bucket's inputs declare it: Cloud Control's read puts what the separate resource wrote in its outputs.",
        shapes: "`BucketReplicationConfig`, inline/V2/native replication; `BucketVersioning(V2)`, inline `versioning(s)`, native `versioningConfiguration`",
        config: "—",
    },
    compliant: [
        replicated("a replication between two versioned buckets", true),
        { title: "one versioned bucket, not replicated", resources: dataBucket() },
        replicatedFromExternal("a replication of a bucket not declared in the stack into a versioned destination", true),
    ],
    violating: [
        replicated("a destination with versioning suspended", true, (r) => withInputs(r, "destination-versioning", { versioningConfiguration: SUSPENDED })),
        replicated("a source bucket with a second BucketVersioning that suspends versioning", true, (r) => duplicated(r, "source-versioning", { versioningConfiguration: SUSPENDED })),
        { title: "two BucketVersioning resources for one bucket, both Enabled", resources: dataBucket((r) => duplicated(r, "data-versioning")) },
        replicatedFromExternal("a replication of a bucket not declared in the stack into a destination with versioning suspended", true,
            (r) => withInputs(r, "destination-versioning", { versioningConfiguration: SUSPENDED })),
    ],
});

// Two resources (or a bucket's own block and a resource) declaring one configuration that S3 keeps one of per
// bucket: a public access block, ownership controls, versioning. Each Put replaces the bucket's configuration
// whole ("Amazon S3 API Reference": PutPublicAccessBlock, PutBucketOwnershipControls, PutBucketVersioning), the
// engine writes independent resources in no set order, so the last one written wins: a compliant declaration can
// be silently overridden by the other. And removing either one from the program takes the bucket's setting with
// it (DeletePublicAccessBlock, DeleteBucketOwnershipControls; the Pulumi Registry's `aws.s3.BucketVersioning`:
// deleting the resource suspends versioning), leaving the bucket without its guardrail although the other
// declaration is still in the program. Flagged like two bucket policies (s3-bucket-policy-deny-insecure-transport):
// on the bucket, whatever the declarations say.
import { IndexedResource } from "../model/resources";
import { bucketNameOf } from "../model/s3Shapes";
import { asString } from "../model/values";
import { describe, Finding, findingOn } from "./framework";

export interface DuplicateKind {
    /** Plural for the message ("public access blocks"). */
    what: string;
    /** How a declaration carried by the bucket itself is named (aws-native's block, a deprecated inline block). */
    own: (bucket: IndexedResource) => string;
    /** What deleting one of them does to the bucket, for the message. */
    onDelete: string;
    fix: string;
}

/** A finding on `bucket` when more than one of `configs` declares the configuration of `kind`; undefined otherwise. */
export function duplicateFinding(bucket: IndexedResource, configs: readonly { resource: IndexedResource }[], kind: DuplicateKind): Finding | undefined {
    if (configs.length < 2) {
        return undefined;
    }
    const sources = configs.map((c) => (c.resource.urn === bucket.urn ? kind.own(bucket) : describe(c.resource))).join(", ");
    return findingOn(bucket, bucket, `has ${configs.length} ${kind.what} (${sources}); S3 keeps only the last one written, and ${kind.onDelete}`, kind.fix);
}

/**
 * Configurations for buckets the stack does not declare, grouped by the literal bucket name they give (a name
 * the pack can't read is grouped with nothing: precision first), in groups of two or more.
 */
export function externalDuplicates<C extends { resource: IndexedResource }>(configs: readonly C[]): C[][] {
    const byName = new Map<string, C[]>();
    for (const c of configs) {
        const name = bucketNameOf(asString(c.resource.props["bucket"]));
        if (typeof name === "string") {
            byName.set(name, [...(byName.get(name) ?? []), c]);
        }
    }
    return [...byName.values()].filter((group) => group.length > 1);
}

/** A finding on the last of a group of configurations for one bucket the stack does not declare. */
export function externalDuplicateFinding(group: readonly { resource: IndexedResource }[], kind: DuplicateKind): Finding {
    const last = group[group.length - 1].resource;
    const name = String(bucketNameOf(asString(last.props["bucket"])));
    return findingOn(last, last, `is one of ${group.length} ${kind.what} for bucket "${name}" (${group.map((c) => describe(c.resource)).join(", ")}); S3 keeps only the last one written, and ${kind.onDelete}`, kind.fix);
}

// What the pack's process learns from earlier `analyze` calls of the same run. The engine analyzes each
// resource after its provider's Check and before creating it, in registration order; a BucketPolicy waits on
// its bucket (`bucket: bucket.id`), so the bucket's call comes first. Resource policies that judge a bucket's
// configuration before it exists read the bucket's tags (for exemptions) from here, and record whether they
// judged a document, so the stack part at the end of the run does not report it twice. The engine starts one
// pack process per preview or update; the harness forgets this memory at the start of each evaluation.
import { Maybe } from "./policyDocument";
import { InlineBlock } from "./s3Shapes";

export interface SeenBucket {
    urn: string;
    type: string;
    name: string;
    /** The `bucket` input after the provider's Check (the real provider fills in the auto-name there). */
    bucketName: Maybe<string> | undefined;
    /** Provider default tags, then the bucket's own. */
    tags: ReadonlyMap<string, Maybe<string>>;
    /** False when the tag block (or the provider's default tags) is unknown: an exemption can't be ruled out. */
    tagsKnown: boolean;
    /** False when the tags are known and carry no exemption tag: then only a policy's `exemptTags` config can exempt it. */
    mayCarryExemptionTag: boolean;
    /**
     * The deprecated inline blocks its inputs declare, with the field name used (inputs are declarations, never
     * read-backs): the resource part of a separate configuration resource reports the two fighting.
     */
    inlineBlocks: ReadonlyMap<InlineBlock, string>;
}

/** A configuration an aws-native bucket carries in itself and a separate `aws:s3` resource can also write. */
export type NativeBlock = "sse" | "versioning" | "publicAccessBlock" | "ownership";

const bucketsByUrn = new Map<string, SeenBucket>();
// aws-native buckets by URN: the blocks their inputs declare (Cloud Control's read puts S3's defaults in outputs).
const nativeDeclarations = new Map<string, ReadonlySet<NativeBlock>>();
// Lookups by name and the few buckets that may carry an exemption tag: a BucketPolicy's exemption lookup
// must not scan every bucket of the run (that made the resource part quadratic in the stack's size).
const bucketsByName = new Map<string, Map<string, SeenBucket>>();
const bucketsOfUnknownName = new Map<string, SeenBucket>();
const bucketsMaybeTagged = new Map<string, SeenBucket>();
// Per policy, by URN: no key string is built per lookup, and a run keeps one entry per document and policy.
const verdicts = new Map<string, Map<string, "judged" | "deferred">>();

function unindex(bucket: SeenBucket): void {
    if (typeof bucket.bucketName === "string") {
        bucketsByName.get(bucket.bucketName)?.delete(bucket.urn);
    } else {
        bucketsOfUnknownName.delete(bucket.urn);
    }
    bucketsMaybeTagged.delete(bucket.urn);
}

export function rememberBucket(bucket: SeenBucket): void {
    const old = bucketsByUrn.get(bucket.urn);
    if (old === bucket) {
        return;
    }
    if (old) {
        unindex(old);
    }
    bucketsByUrn.set(bucket.urn, bucket);
    if (typeof bucket.bucketName === "string") {
        let named = bucketsByName.get(bucket.bucketName);
        if (!named) {
            named = new Map();
            bucketsByName.set(bucket.bucketName, named);
        }
        named.set(bucket.urn, bucket);
    } else {
        bucketsOfUnknownName.set(bucket.urn, bucket);
    }
    if (bucket.mayCarryExemptionTag) {
        bucketsMaybeTagged.set(bucket.urn, bucket);
    }
}

export function seenBuckets(): Iterable<SeenBucket> {
    return bucketsByUrn.values();
}

const NONE: ReadonlyMap<string, SeenBucket> = new Map();

/** Buckets of the run whose `bucket` input is `name`, by URN. */
export function seenBucketsNamed(name: string): ReadonlyMap<string, SeenBucket> {
    return bucketsByName.get(name) ?? NONE;
}

/** The bucket of the run whose `bucket` input is `name`, when exactly one is. */
export function onlySeenBucketNamed(name: string): SeenBucket | undefined {
    const named = bucketsByName.get(name);
    return named?.size === 1 ? (named.values().next().value as SeenBucket) : undefined;
}

/** Buckets of the run whose name is not known (yet), by URN. */
export function seenBucketsOfUnknownName(): ReadonlyMap<string, SeenBucket> {
    return bucketsOfUnknownName;
}

/** Buckets with `mayCarryExemptionTag`. */
export function seenBucketsMaybeTagged(): ReadonlyMap<string, SeenBucket> {
    return bucketsMaybeTagged;
}

/** The resource part of `policy` judged `urn`'s own inputs (or left them to the stack part). */
export function recordVerdict(policy: string, urn: string, verdict: "judged" | "deferred"): void {
    let byUrn = verdicts.get(policy);
    if (byUrn === undefined) {
        byUrn = new Map();
        verdicts.set(policy, byUrn);
    }
    byUrn.set(urn, verdict);
}

export function judgedByResourcePart(policy: string, urn: string): boolean {
    return verdicts.get(policy)?.get(urn) === "judged";
}

/** Records the blocks an aws-native bucket's inputs declare (a resource part saw its inputs). */
export function rememberNativeDeclarations(urn: string, blocks: ReadonlySet<NativeBlock>): void {
    nativeDeclarations.set(urn, blocks);
}

/** The blocks an aws-native bucket's inputs declare, when a resource part of this run saw them. */
export function nativeDeclarationsOf(urn: string): ReadonlySet<NativeBlock> | undefined {
    return nativeDeclarations.get(urn);
}

export function forgetRunMemory(): void {
    nativeDeclarations.clear();
    bucketsByUrn.clear();
    bucketsByName.clear();
    bucketsOfUnknownName.clear();
    bucketsMaybeTagged.clear();
    verdicts.clear();
}

// The resource part of the bucket-policy checks: a BucketPolicy's document (or a bucket's deprecated inline
// `policy`) is judged on the resource's own inputs, so `pulumi up` stops before the policy is created and a
// preview reports it whenever the document is known. What needs other resources (no policy at all, two
// policies, the bucket's key) stays in the stack part, which skips the documents judged here.
import { ReportViolation, ResourceValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { Maybe, ParsedPolicy, parsePolicy } from "../model/policyDocument";
import {
    onlySeenBucketNamed, recordVerdict, rememberBucket, SeenBucket, seenBuckets, seenBucketsMaybeTagged, seenBucketsNamed, seenBucketsOfUnknownName,
} from "../model/runMemory";
import { bucketNameOf, declaredInlineField, INLINE_BLOCK_FIELDS, InlineBlock } from "../model/s3Shapes";
import { decodeProviderSettings } from "../model/providerConfig";
import { declareAppliesTo } from "../model/appliesTo";
import { asObject, asString, field, isUnknown, normalize, Value, ValueObject } from "../model/values";
import { EXEMPT_TAG, ExemptionConfig, isExempt } from "./exemptions";
import { configOf, describe, viewOf } from "./framework";

export const DOCUMENT_TYPES: ReadonlySet<string> = new Set([T.BUCKET, T.BUCKET_V2, T.BUCKET_POLICY]);

/** One bucket policy document as its resource's inputs give it. */
export interface DocumentView {
    /** `BucketPolicy "x"` or `Bucket "x"` (inline policy). */
    resource: { type: string; name: string; urn: string };
    /** The bucket's name, when known. */
    bucketName: Maybe<string> | undefined;
    /** `bucket Bucket "data"`, or `bucket "logs" (not declared in this stack)`. */
    bucketLabel: string;
    /**
     * `declared`: analyzed earlier in this run; `external`: no bucket of the run can be it (an existing bucket
     * named by a literal); `unsure`: only buckets whose names are not known yet could be it.
     */
    target: "declared" | "external" | "unsure";
    statements: ParsedPolicy;
    invalid: boolean;
}

/** Returns false to leave the document to the stack part (which joins it to its bucket); anything else: judged. */
export type DocumentCheck<C> = (doc: DocumentView, config: C, report: (message: string) => void) => boolean | void;

type Exemption = "exempt" | "not-exempt" | "undecided";

function tagMap(block: Value | undefined, into: Map<string, Maybe<string>>): boolean {
    const o = asObject(block);
    if (o === undefined) {
        return true;
    }
    if (isUnknown(o)) {
        return false;
    }
    let known = true;
    for (const k of Object.keys(o)) {
        const v = asString(o[k]);
        if (v !== undefined) {
            into.set(k, v);
            known &&= !isUnknown(v);
        }
    }
    return known;
}

// Five resource parts read the same bucket (four document checks and s3-bucket-sse-kms). Where the server shares
// one props object across policies (the pack's single-pass handlers, the harness), the bucket is read once.
const seenByProps = new WeakMap<ValueObject, SeenBucket>();

/** A bucket's inputs as the resource parts remember them for the resources registered after it. */
export function seenBucket(args: ResourceValidationArgs, props: ValueObject): SeenBucket {
    const known = seenByProps.get(props);
    if (known !== undefined && known.urn === args.urn && known.type === args.type) {
        return known;
    }
    const bucket = readBucket(args, props);
    seenByProps.set(props, bucket);
    return bucket;
}

function readBucket(args: ResourceValidationArgs, props: ValueObject): SeenBucket {
    const tags = new Map<string, Maybe<string>>();
    const rawProvider = args.provider ? asObject(normalize(args.provider.props)) : undefined;
    const providerProps = rawProvider && !isUnknown(rawProvider) ? decodeProviderSettings(rawProvider) : rawProvider;
    const defaults = providerProps && !isUnknown(providerProps) ? asObject(providerProps["defaultTags"]) : providerProps;
    let tagsKnown = !isUnknown(defaults);
    if (defaults && !isUnknown(defaults)) {
        tagsKnown &&= tagMap(defaults["tags"], tags);
    }
    tagsKnown &&= tagMap(props["tags"], tags);
    const inlineBlocks = new Map<InlineBlock, string>();
    for (const block of Object.keys(INLINE_BLOCK_FIELDS) as InlineBlock[]) {
        const declared = declaredInlineField(props, block);
        if (declared !== undefined) {
            inlineBlocks.set(block, declared);
        }
    }
    return {
        urn: args.urn, type: args.type, name: args.name, bucketName: asString(props["bucket"]), tags, tagsKnown,
        mayCarryExemptionTag: !tagsKnown || tags.has(EXEMPT_TAG), inlineBlocks,
    };
}

function exemptionOf(policy: string, bucket: SeenBucket, config: ExemptionConfig): Exemption {
    if (isExempt(policy, bucket.tags, config)) {
        return "exempt";
    }
    if (!bucket.tagsKnown || isUnknown(bucket.tags.get(EXEMPT_TAG))) {
        return "undecided";
    }
    const configured = config.exemptTags;
    if (configured !== undefined) {
        for (const k of Object.keys(configured)) {
            if (isUnknown(bucket.tags.get(k))) {
                return "undecided";
            }
        }
    }
    return "not-exempt";
}

/**
 * Whether the bucket a BucketPolicy names is exempt. Found by name among the buckets analyzed earlier in
 * this run; when the name matches none, a bucket whose name is not known yet could still be it, so the
 * answer is "not-exempt" only if no such bucket could be exempt. No candidate at all: the bucket is not
 * declared in the stack, and a configuration resource carries no tags of its own. Without `exemptTags`
 * config only a bucket that may carry the exemption tag can be exempt, so only those are looked at.
 */
function targetOf(policy: string, ref: Maybe<string> | undefined, config: ExemptionConfig): { exemption: Exemption; bucket?: SeenBucket; external: boolean } {
    const byConfig = config.exemptTags !== undefined && Object.keys(config.exemptTags).length > 0;
    const notExempt = (b: SeenBucket): boolean => exemptionOf(policy, b, config) === "not-exempt";
    if (typeof ref !== "string") {
        const candidates = byConfig ? seenBuckets() : seenBucketsMaybeTagged().values();
        return { exemption: every(candidates, notExempt) ? "not-exempt" : "undecided", external: false };
    }
    const only = onlySeenBucketNamed(ref);
    if (only !== undefined) {
        return { exemption: exemptionOf(policy, only, config), bucket: only, external: false };
    }
    const named = seenBucketsNamed(ref);
    const unnamed = seenBucketsOfUnknownName();
    const unnamedCandidates = byConfig
        ? unnamed.values()
        : [...seenBucketsMaybeTagged().values()].filter((b) => unnamed.has(b.urn));
    return {
        exemption: every(named.values(), notExempt) && every(unnamedCandidates, notExempt) ? "not-exempt" : "undecided",
        external: named.size === 0 && unnamed.size === 0,
    };
}

function every<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
    for (const item of items) {
        if (!test(item)) {
            return false;
        }
    }
    return true;
}

function parse(raw: Value | undefined): { statements: ParsedPolicy; invalid: boolean } {
    try {
        return { statements: parsePolicy(raw), invalid: false };
    } catch {
        return { statements: [], invalid: true };
    }
}

/**
 * Adds the resource part to a bucket-policy stack policy: `check` runs on each document before its resource
 * is created. Buckets are remembered for the exemption lookup of the policies registered after them.
 */
export function withDocumentCheck<C extends ExemptionConfig>(
    stackPolicy: StackValidationPolicy, defaults: C, check: DocumentCheck<C>,
): StackValidationPolicy & { validateResource: (args: ResourceValidationArgs, report: ReportViolation) => void } {
    const name = stackPolicy.name;
    return {
        ...stackPolicy,
        validateResource: declareAppliesTo((args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            // A placeholder (model/placeholders.ts) is neither judged nor remembered as a bucket of the stack.
            if (!DOCUMENT_TYPES.has(args.type)) {
                return;
            }
            const view = viewOf(args);
            if (view.placeholder) {
                return;
            }
            const config: C = configOf(args.getConfig, defaults);
            let exemption: Exemption;
            let bucketName: Maybe<string> | undefined;
            let bucketLabel: string;
            let target: DocumentView["target"] = "declared";
            if (args.type === T.BUCKET_POLICY) {
                bucketName = bucketNameOf(asString(view.props["bucket"]));
                const found = targetOf(name, bucketName, config);
                exemption = found.exemption;
                target = found.bucket ? "declared" : found.external ? "external" : "unsure";
                bucketLabel = found.bucket ? `bucket ${describe(found.bucket)}`
                    : found.external ? `bucket "${String(bucketName)}" (not declared in this stack)`
                    : typeof bucketName === "string" ? `bucket "${bucketName}"` : "its bucket";
            } else {
                const bucket = seenBucket(args, view.props);
                rememberBucket(bucket);
                if (view.props["policy"] === undefined || view.props["policy"] === null) {
                    return;
                }
                exemption = exemptionOf(name, bucket, config);
                bucketName = bucket.bucketName;
                bucketLabel = `bucket ${describe(view)}`;
            }
            const { statements, invalid } = parse(view.props["policy"]);
            if (exemption === "undecided" || isUnknown(statements)) {
                // The stack part sees the same resource with its bucket joined, and judges it there.
                recordVerdict(name, args.urn, "deferred");
                return;
            }
            if (exemption === "exempt") {
                recordVerdict(name, args.urn, "judged");
                return;
            }
            const judged = check({ resource: view, bucketName, bucketLabel, target, statements, invalid }, config, (m) => reportViolation(m));
            recordVerdict(name, args.urn, judged === false ? "deferred" : "judged");
        }, DOCUMENT_TYPES),
    };
}

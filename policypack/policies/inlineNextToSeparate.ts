// A bucket's deprecated inline block next to the separate resource for the same configuration: the provider
// writes the inline value on every update of the bucket, and the separate resource writes its own in turn, so
// AWS keeps whichever was written last. The stack part sees outputs, where the provider's read-back of the
// inline block looks like a declaration; only the bucket's inputs (which the engine sends before the bucket's
// dependants, in registration order, to the resource part) tell a declaration from an echo.
import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { declareAppliesTo } from "../model/appliesTo";
import { onlySeenBucketNamed, recordVerdict, rememberBucket, SeenBucket } from "../model/runMemory";
import { runMode } from "../model/runMode";
import { bucketNameOf, InlineBlock } from "../model/s3Shapes";
import { asString } from "../model/values";
import { seenBucket } from "./bucketPolicyDocuments";
import { rememberNativeBucketInputs } from "./nativeBucketInputs";
import { ExemptionConfig, isExempt } from "./exemptions";
import { describe, ResourceView, viewOf } from "./framework";

export interface InlineNextToSeparate {
    /** The policy that owns the configuration and reports the conflict. */
    policy: string;
    block: InlineBlock;
    /** The separate resource types for the same configuration; each names its bucket in `bucket`. */
    separateTypes: readonly string[];
    /** What both configure, for the message ("the versioning"). */
    what: string;
}

/**
 * The step every inline-next-to-separate resource part shares: a bucket is remembered, with the inline blocks its
 * inputs declare, for the configurations the engine analyzes after it; a separate configuration gets the one
 * remembered bucket it names (by name from the run's index: scanning every bucket seen so far, per configuration,
 * is quadratic in the stack). Undefined for a placeholder (model/placeholders.ts: neither judged nor remembered),
 * for a bucket, and for a configuration whose bucket was not seen.
 */
export function rememberedBucketOf(args: ResourceValidationArgs): { view: ResourceView; bucket: SeenBucket } | undefined {
    const view = viewOf(args);
    if (view.placeholder) {
        return undefined;
    }
    if (args.type === T.BUCKET || args.type === T.BUCKET_V2) {
        rememberBucket(seenBucket(args, view.props));
        return undefined;
    }
    const ref = bucketNameOf(asString(view.props["bucket"]));
    const bucket = typeof ref === "string" ? onlySeenBucketNamed(ref) : undefined;
    return bucket === undefined ? undefined : { view, bucket };
}

/**
 * The resource part: a separate configuration resource for a bucket whose own inputs declare the same inline
 * block is reported before it is created, during `pulumi up` and in a preview, where the bucket's inputs are the
 * program's after the provider's Check. The preview matters most for an existing bucket: during `up` the engine
 * updates the bucket (writing the inline value, e.g. versioning suspended) before it analyzes the separate resource
 * that depends on it, so only the preview `pulumi up` runs first stops the change before it is made. In a fresh
 * preview the separate resource names the new bucket by an output not known yet (unless by its literal name), and
 * the stack part judges the inline block's content on the new bucket. Not on a state (`pulumi policy analyze`): an
 * imported bucket's recorded inputs can be taken from its outputs, read-back included. Never from the read-back
 * alone: a bucket whose inputs do not declare the block is not judged.
 */
export function inlineNextToSeparate(c: InlineNextToSeparate): (args: ResourceValidationArgs, reportViolation: ReportViolation) => void {
    const types: ReadonlySet<string> = new Set([T.BUCKET, T.BUCKET_V2, T.NATIVE_BUCKET, ...c.separateTypes]);
    return declareAppliesTo((args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.has(args.type)) {
            return;
        }
        rememberNativeBucketInputs(args);
        const found = rememberedBucketOf(args);
        if (found === undefined || runMode() === "state") {
            return;
        }
        const { view, bucket } = found;
        const inline = bucket.inlineBlocks.get(c.block);
        if (inline === undefined) {
            return;
        }
        // The stack part then leaves the inline declaration of this bucket to this report (s3-replication-versioning-enabled's two declarations).
        recordVerdict(c.policy, bucket.urn, "judged");
        // Tags not known: an exemption can't be ruled out, and precision comes first.
        if (!bucket.tagsKnown || isExempt(c.policy, bucket.tags, args.getConfig<ExemptionConfig>())) {
            return;
        }
        // Keep the separate resource the program wrote (v7's BucketVersioning, not its deprecated V2 alias, and the reverse).
        const keep = describe(view).split(" ")[0];
        reportViolation(`${describe(view)} configures ${c.what} of bucket ${describe(bucket)}, whose own inputs also declare the deprecated inline ${inline}; they overwrite each other on every update. `
            + `Fix: keep exactly one: a single ${keep}, and remove the deprecated inline ${inline}`);
    }, types);
}

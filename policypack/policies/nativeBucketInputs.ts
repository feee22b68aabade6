// The resource part every policy that judges an aws-native bucket's own configuration next to a separate `aws:s3`
// resource shares: it records which blocks the bucket's inputs declare. The stack part sees outputs, where Cloud
// Control's read of a new bucket holds S3's defaults ("Amazon S3 User Guide": "Setting default server-side
// encryption behavior for Amazon S3 buckets", "Blocking public access to your Amazon S3 storage", "Controlling
// ownership of objects and disabling ACLs for your bucket": SSE-S3, all four settings on, BucketOwnerEnforced for
// every bucket created since 2023) although the program never declared them; only inputs tell the two apart.
import { ResourceValidationArgs } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { runMode } from "../model/runMode";
import { rememberNativeDeclarations } from "../model/runMemory";
import { declaredNativeBlocks } from "../model/s3Shapes";
import { viewOf } from "./framework";

const NOTHING_DECLARED: ReadonlySet<never> = new Set();

/**
 * Records the blocks an aws-native bucket's inputs declare (no-op for any other type and for a placeholder). On a
 * state (`pulumi policy analyze`) nothing counts as declared: the inputs recorded for an imported bucket are Cloud
 * Control's read, the same read-back as its outputs, so a compliant imported stack configured by separate resources
 * would be blocked. As for the classic inline blocks, the conflict is reported during `up` and in previews, where the
 * inputs are the program's.
 */
export function rememberNativeBucketInputs(args: ResourceValidationArgs): void {
    if (args.type !== T.NATIVE_BUCKET) {
        return;
    }
    const view = viewOf(args);
    if (!view.placeholder) {
        rememberNativeDeclarations(args.urn, runMode() === "state" ? NOTHING_DECLARED : declaredNativeBlocks(view.props));
    }
}

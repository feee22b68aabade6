// The resource part every policy that judges an aws-native bucket's own configuration next to a separate `aws:s3`
// resource shares: it records which blocks the bucket's inputs declare. The stack part sees outputs, where Cloud
// Control's read of a new bucket holds S3's defaults ("Amazon S3 User Guide": "Setting default server-side
// encryption behavior for Amazon S3 buckets", "Blocking public access to your Amazon S3 storage", "Controlling
// ownership of objects and disabling ACLs for your bucket": SSE-S3, all four settings on, BucketOwnerEnforced for
// every bucket created since 2023) although the program never declared them; only inputs tell the two apart.
import { ResourceValidationArgs } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { rememberNativeDeclarations } from "../model/runMemory";
import { declaredNativeBlocks } from "../model/s3Shapes";
import { viewOf } from "./framework";

/** Records the blocks an aws-native bucket's inputs declare (no-op for any other type and for a placeholder). */
export function rememberNativeBucketInputs(args: ResourceValidationArgs): void {
    if (args.type !== T.NATIVE_BUCKET) {
        return;
    }
    const view = viewOf(args);
    if (!view.placeholder) {
        rememberNativeDeclarations(args.urn, declaredNativeBlocks(view.props));
    }
}

// Naming the bucket of a configuration resource whose bucket the stack does not declare (an existing
// bucket, or one created elsewhere): checks judge what the stack writes for it, and say whose it is.
import { IndexedResource } from "../model/resources";
import { asString } from "../model/values";
import { bucketNameOf } from "../model/s3Shapes";
import { Maybe } from "../model/policyDocument";

/** The bucket name a configuration resource's `bucket` input gives (an ARN is reduced to the name). */
export function externalBucketName(config: IndexedResource): Maybe<string> | undefined {
    return bucketNameOf(asString(config.props["bucket"]));
}

/** `bucket "logs" (not declared in this stack)`, or `a bucket not declared in this stack` when the name is not known yet. */
export function externalBucketLabel(config: IndexedResource): string {
    const name = externalBucketName(config);
    return typeof name === "string" && name !== "" ? `bucket "${name}" (not declared in this stack)` : "a bucket not declared in this stack";
}

// Directory bucket names end in `--x-s3` (`<base-name>--<zone-id>--x-s3`), a suffix general purpose bucket names may
// not use (Amazon S3 User Guide, "General purpose bucket naming rules" and "Directory bucket naming rules").
const DIRECTORY_BUCKET_SUFFIX = "--x-s3";

/** Is `name` the name of a directory bucket (S3 Express One Zone)? False while the name can't be read. */
export function isDirectoryBucketName(name: Maybe<string> | undefined): boolean {
    return typeof name === "string" && name.endsWith(DIRECTORY_BUCKET_SUFFIX);
}

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

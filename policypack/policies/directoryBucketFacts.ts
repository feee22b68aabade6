// Directory buckets (S3 Express One Zone, `aws.s3.DirectoryBucket`) encrypt new objects with SSE-S3 unless their
// default encryption configuration names SSE-KMS with a customer managed key (Amazon S3 User Guide, "Setting and
// monitoring default encryption for directory buckets"). The stack index doesn't model them as buckets, so a
// BucketServerSideEncryptionConfiguration naming one is among the configurations of undeclared buckets
// (`index.external.sse`, whose rules s3-bucket-sse-kms judges); this joins the two.
import * as T from "../model/awsTypes";
import { IndexedResource } from "../model/resources";
import { bucketNameOf } from "../model/s3Shapes";
import { StackIndex } from "../model/stackIndex";
import { asString, isUnknown } from "../model/values";

type Verdict = "names" | "other" | "unknown";

/** Does the configuration name the directory bucket: through its `bucket` input's dependency, or by literal name? */
function namesBucket(config: IndexedResource, bucket: IndexedResource): Verdict {
    const dependencies = config.propertyDependencies.get("bucket") ?? [];
    if (dependencies.length > 0) {
        return dependencies.includes(bucket.urn) ? "names" : "other";
    }
    const ref = bucketNameOf(asString(config.props["bucket"]));
    const name = asString(bucket.props["bucket"]);
    if (isUnknown(ref) || isUnknown(name)) {
        return "unknown";
    }
    return ref !== undefined && ref === name ? "names" : "other";
}

export interface UnencryptedDirectoryBucket {
    resource: IndexedResource;
    /** A configuration might name it but the pack can't read which bucket it names (or this bucket's name). */
    unreadable: boolean;
}

/**
 * The stack's directory buckets that no default encryption configuration names, so S3 keeps them on SSE-S3;
 * `unreadable` when a configuration whose bucket can't be told might be the one (a maybe, never a pass).
 */
export function directoryBucketsWithoutEncryption(index: StackIndex): UnencryptedDirectoryBucket[] {
    const configs = index.external.sse.map((c) => c.resource);
    const out: UnencryptedDirectoryBucket[] = [];
    for (const bucket of index.resourcesOfType(T.DIRECTORY_BUCKET)) {
        const verdicts = configs.map((config) => namesBucket(config, bucket));
        if (!verdicts.includes("names")) {
            out.push({ resource: bucket, unreadable: verdicts.includes("unknown") });
        }
    }
    return out;
}

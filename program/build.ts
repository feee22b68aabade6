// Declares the whole stack from a validated configuration. Everything is declared synchronously so
// the key and bucket policies (which grants and replications extend) seal themselves afterwards.
import { StackConfig } from "../config";
import { createEncryptedBucket } from "./buckets";
import { createGrants } from "./grants";
import { createSharedKeys } from "./keys";
import { BuiltBucket, stackOutputs, StackOutputs } from "./outputs";
import { createAccountProviders } from "./providers";
import { createReplication } from "./replications";

export function buildStack(config: StackConfig, stack: string): StackOutputs {
    const providers = createAccountProviders(config, `encrypted-buckets-${stack}`.slice(0, 64));
    const keys = createSharedKeys(config, providers);
    const built: BuiltBucket[] = config.buckets.map((bucketConfig) => {
        const bucket = createEncryptedBucket(bucketConfig.name, bucketConfig, bucketConfig, config, providers, keys);
        return { name: bucketConfig.name, account: bucketConfig.account, bucket, grants: createGrants(bucketConfig, bucket, providers) };
    });
    // Replicas after all buckets and grants: a replica bucket may share a key with a source bucket.
    built.forEach((b, i) => {
        const replication = createReplication(config.buckets[i], b.bucket, stack, config, providers, keys);
        if (replication !== undefined) {
            b.replication = replication;
        }
    });
    return stackOutputs(config, keys, built);
}

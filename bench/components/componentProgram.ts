// Benchmark 2, components side: each replicated bucket is a source EncryptedBucket, a destination
// EncryptedBucket in another account and region, and a BucketReplication between them.
import { BucketReplication } from "../../components/bucketReplication";
import { EncryptedBucket } from "../../components/encryptedBucket";
import { declareProviders } from "./providers";
import { DESTINATION, SOURCE } from "./variants";

export function declareReplicatedBuckets(count: number): void {
    const { source: sourceProvider, destination: destinationProvider } = declareProviders();
    for (let i = 0; i < count; i++) {
        const source = new EncryptedBucket(`source-${i}`, { ...SOURCE, bucketName: `eb-source-${i}` }, { provider: sourceProvider });
        const destination = new EncryptedBucket(`destination-${i}`, { ...DESTINATION, bucketName: `eb-destination-${i}` }, { provider: destinationProvider });
        new BucketReplication(`replication-${i}`, { source, destinations: [{ name: "backup", bucket: destination }] });
    }
}

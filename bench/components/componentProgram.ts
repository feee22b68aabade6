// Benchmark 2, components side: each replicated bucket is a source EncryptedBucket, a destination
// EncryptedBucket in another account and region, and a BucketReplication between them.
import * as aws from "@pulumi/aws";
import { BucketReplication } from "../../components/bucketReplication";
import { EncryptedBucket } from "../../components/encryptedBucket";
import { DESTINATION, SOURCE } from "./variants";

export function declareReplicatedBuckets(count: number): void {
    const sourceProvider = new aws.Provider("source", { region: SOURCE.region, assumeRoles: [{ roleArn: `arn:aws:iam::${SOURCE.accountId}:role/deployer` }] });
    const destinationProvider = new aws.Provider("destination", {
        region: DESTINATION.region,
        assumeRoles: [{ roleArn: `arn:aws:iam::${DESTINATION.accountId}:role/deployer` }],
    });
    for (let i = 0; i < count; i++) {
        const source = new EncryptedBucket(`source-${i}`, { ...SOURCE, bucketName: `eb-source-${i}` }, { provider: sourceProvider });
        const destination = new EncryptedBucket(`destination-${i}`, { ...DESTINATION, bucketName: `eb-destination-${i}` }, { provider: destinationProvider });
        new BucketReplication(`replication-${i}`, { source, destinations: [{ name: "backup", bucket: destination }] });
    }
}

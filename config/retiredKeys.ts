// The keys a bucket still needs for the objects written before a key move: the ARNs its `acknowledge.retireKey`
// names in the bucket's own Region (or in a replica's, for that replica's objects). Default encryption applies to new objects only (Amazon S3 API Reference,
// "ServerSideEncryptionRule"); a key of another Region holds none of this bucket's objects (a replica's key).
import { parseKmsKeyArn } from "../components/policy/arns";
import { BucketConfig } from "./types";

/** @param region the Region of the bucket that holds the objects: the entry's own by default, or one of its replicas' */
export function retiredKeyArnsInRegion(bucket: BucketConfig, region: string = bucket.region): string[] {
    return bucket.acknowledge.retireKey.filter((arn) => parseKmsKeyArn(arn)?.region === region);
}

// The keys a bucket, or one of its replicas, still holds objects under after a key move, while the bucket entry's
// `acknowledge.retireKey` names them. Default encryption applies to new objects only (Amazon S3 API Reference,
// "ServerSideEncryptionRule"), so whoever reads that bucket (its reading grants and organisation reads, the role that
// replicates it: the forward role for a source, the return role for a bidirectional replica) keeps kms:Decrypt on them.
import type { RetiredKey } from "../components/retiredKeys";
import { BucketConfig, KeyChoice, retiredKeyArnsInRegion } from "../config";
import { SourceContinuity } from "./continuity";
import { SharedKeys } from "./keys";

/** The bucket that holds the objects: the source entry itself or one of its replicas. */
export interface KeyHolder {
    region: string;
    /** The key it encrypts with now: no retired key, whatever the acknowledgement lists. */
    key: KeyChoice;
}

/**
 * A shared key this stack still manages (its policy gets the reader's statements), else the ARN (a retained or
 * existing key, whose policy this stack no longer writes). Keys of another Region hold none of the holder's objects:
 * a source's and its replica's retirements, listed in one entry, are told apart by Region.
 */
export function retiredKeysAt(config: BucketConfig, holder: KeyHolder, keys: SharedKeys, continuity: Pick<SourceContinuity, "retiredSharedKeys">): RetiredKey[] {
    const managed = continuity.retiredSharedKeys ?? [];
    const managedArns = new Set(managed.map((key) => key.arn));
    const current = holder.key.kind === "shared" ? holder.key.name : undefined;
    const managedHere = managed.filter((key) => key.name !== current && keys[key.name].region === holder.region).map((key) => keys[key.name]);
    const others = retiredKeyArnsInRegion(config, holder.region).filter((arn) => !managedArns.has(arn));
    return [...managedHere, ...others];
}

/** The bucket entry's own retired keys: its reading grants, organisation reads and forward replication role keep Decrypt on them. */
export function retiredKeysOf(config: BucketConfig, keys: SharedKeys, continuity: Pick<SourceContinuity, "retiredSharedKeys">): RetiredKey[] {
    return retiredKeysAt(config, config, keys, continuity);
}

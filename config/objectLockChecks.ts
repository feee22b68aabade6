// Object Lock across a replication: a locked bucket replicates only to locked buckets (S3 fails the
// replication of every object otherwise), in both directions of a bidirectional replica. The rule is
// awsrules' objectLockReplicationViolation, the one the BucketReplication component applies too.
import { objectLockReplicationViolation } from "../awsrules";
import { ConfigProblem, configPath } from "./errors";
import { ParsedStackConfig } from "./schema";

export function checkObjectLockReplication(config: ParsedStackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    config.buckets.forEach((bucket, i) => {
        const sourceLocked = bucket.objectLock !== undefined;
        bucket.replicas.forEach((replica, j) => {
            const replicaLocked = replica.objectLock !== undefined;
            const forward = objectLockReplicationViolation(`bucket ${bucket.name}`, sourceLocked, `replica ${j}`, replicaLocked);
            if (forward !== undefined) {
                problems.push({
                    path: configPath(["buckets", i, "replicas", j, "objectLock"]),
                    message: `is required: ${forward.rule} (${forward.source}); give this replica objectLock too (e.g. the source's mode with a retention at least as long)`,
                });
            }
            const back = replica.bidirectional ? objectLockReplicationViolation(`replica ${j}`, replicaLocked, `bucket ${bucket.name}`, sourceLocked) : undefined;
            if (back !== undefined) {
                problems.push({
                    path: configPath(["buckets", i, "objectLock"]),
                    message: `is required: ${back.rule} (the way back of the bidirectional replica ${j}; ${back.source}); give this bucket objectLock too, or set bidirectional: false`,
                });
            }
        });
    });
    return problems;
}

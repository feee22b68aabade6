// S3 replication configuration rules. Amazon S3 User Guide, "Requirements and considerations for
// replication" (versioning Enabled on the source and every destination; the role must exist),
// "Replication configuration file elements" (each rule's Priority is unique when rules use
// Filter) and "Replicating delete markers between buckets" (no delete-marker replication for a
// rule with a tag filter).
import { AwsRuleViolation, violation } from "./violation";

const REQUIREMENTS = "Amazon S3 User Guide, \"Requirements and considerations for replication\"";

/** The parts of one replication rule these checks read (the @pulumi/aws v7 input shape). */
export interface ReplicationRuleFacts {
    id?: string;
    priority?: number;
    /** True when the rule's filter names at least one tag. */
    tagFiltered: boolean;
    deleteMarkerReplication: boolean;
    /** Destination bucket ARN. */
    destinationBucket?: string;
    /** `sourceSelectionCriteria.sseKmsEncryptedObjects` is Enabled: the rule replicates SSE-KMS objects. */
    sseKmsEncryptedObjects?: boolean;
    /** `destination.encryptionConfiguration.replicaKmsKeyId`: the key S3 encrypts the replicas with. */
    replicaKmsKeyId?: string;
    /** `destination.replicationTime` is Enabled (S3 Replication Time Control). */
    replicationTime?: boolean;
    /** `destination.metrics` is Enabled. */
    metrics?: boolean;
    /** `destination.metrics.eventThreshold` is given. */
    metricsEventThreshold?: boolean;
}

export function replicationRulesViolation(rules: readonly ReplicationRuleFacts[]): AwsRuleViolation | undefined {
    const seen = new Map<number, string>();
    for (const [index, rule] of rules.entries()) {
        const name = rule.id ?? `#${index + 1}`;
        if (rule.deleteMarkerReplication && rule.tagFiltered) {
            return violation(
                "InvalidRequest",
                "DeleteMarkerReplication is not supported if any Tag filter is specified.",
                `rule ${name} replicates delete markers but filters by tag`,
                "Amazon S3 User Guide, \"Replicating delete markers between buckets\"",
            );
        }
        if (rule.priority !== undefined) {
            const first = seen.get(rule.priority);
            if (first !== undefined) {
                return violation(
                    "InvalidArgument",
                    "Found overlapping priorities. Priorities must be unique.",
                    `rules ${first} and ${name} have the same priority ${rule.priority}`,
                    "Amazon S3 User Guide, \"Replication configuration file elements\"",
                );
            }
            seen.set(rule.priority, name);
        }
    }
    return undefined;
}

export function sourceVersioningViolation(status: string | undefined): AwsRuleViolation | undefined {
    return status === "Enabled"
        ? undefined
        : violation(
              "InvalidRequest",
              "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
              `the source bucket's versioning is ${status ?? "not configured"}, not Enabled`,
              REQUIREMENTS,
          );
}

export function destinationViolation(bucket: string, exists: boolean, versioning: string | undefined): AwsRuleViolation | undefined {
    if (!exists) {
        return violation("InvalidRequest", "Destination bucket must exist.", `destination bucket ${bucket} does not exist`, REQUIREMENTS);
    }
    return versioning === "Enabled"
        ? undefined
        : violation(
              "InvalidRequest",
              "Destination bucket must have versioning enabled.",
              `destination bucket ${bucket} has versioning ${versioning ?? "not configured"}, not Enabled`,
              REQUIREMENTS,
          );
}

export function replicationRoleViolation(roleArn: string): AwsRuleViolation {
    return violation("InvalidArgument", "Invalid ReplicationConfiguration role.", `role ${roleArn} does not exist`, REQUIREMENTS);
}

const DESTINATION = "Amazon S3 API Reference, \"Destination\"";

/**
 * Each rule's destination settings, as PutBucketReplication checks them (Amazon S3 API Reference, "Destination"):
 * EncryptionConfiguration "If SourceSelectionCriteria is specified, you must specify this element", so a rule that
 * replicates SSE-KMS objects names the replicas' key (ReplicaKmsKeyID) or S3 refuses it; ReplicationTime "Must be
 * specified together with a Metrics block", and an event threshold on Metrics is the RTC threshold, so it needs RTC
 * on ("Metrics": EventThreshold is the time threshold of the s3:Replication:OperationMissedThreshold event).
 * The documents state the requirements, not the wording of each error: the messages are those S3 is reported to
 * answer (the event-threshold one verbatim), the codes S3's codes for a malformed replication configuration.
 */
export function replicationDestinationViolation(rules: readonly ReplicationRuleFacts[]): AwsRuleViolation | undefined {
    for (const [index, rule] of rules.entries()) {
        const name = rule.id ?? `#${index + 1}`;
        if (rule.sseKmsEncryptedObjects === true && (rule.replicaKmsKeyId ?? "") === "") {
            return violation(
                "InvalidRequest",
                "ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present.",
                `rule ${name} replicates SSE-KMS encrypted objects (sourceSelectionCriteria.sseKmsEncryptedObjects) without destination.encryptionConfiguration.replicaKmsKeyId`,
                `${DESTINATION} (EncryptionConfiguration); Amazon S3 User Guide, "Replicating encrypted objects"`,
            );
        }
        if (rule.replicationTime === true && rule.metrics !== true) {
            return violation(
                "InvalidRequest",
                "ReplicationTime must be specified together with a Metrics block.",
                `rule ${name} turns on S3 Replication Time Control (destination.replicationTime) without destination.metrics Enabled`,
                `${DESTINATION} (ReplicationTime)`,
            );
        }
        if (rule.metricsEventThreshold === true && rule.replicationTime !== true) {
            return violation(
                "InvalidArgument",
                "Metrics cannot contain an event threshold when ReplicationTime is not specified or Disabled",
                `rule ${name} gives destination.metrics an eventThreshold without S3 Replication Time Control (destination.replicationTime) Enabled`,
                `${DESTINATION} (ReplicationTime, Metrics); Amazon S3 API Reference, "Metrics" (EventThreshold)`,
            );
        }
    }
    return undefined;
}

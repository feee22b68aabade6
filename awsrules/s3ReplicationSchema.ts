// The shape of a replication configuration as PutBucketReplication validates it, beyond versioning, priorities and
// destinations (s3Replication.ts). Amazon S3 API Reference, "ReplicationConfiguration" (at least one rule, at most
// 1,000), "ReplicationRule" (a rule with a Filter, the V2 schema, must include DeleteMarkerReplication) and
// "Destination" (AccessControlTranslation names the destination owner's Account). The documents state the
// requirements, not always the wording of S3's error: where S3's message is not documented, the message says what
// is wrong in S3's terms. A replica key without `sseKmsEncryptedObjects` is not refused here: no AWS document says
// S3 refuses it (only the converse, s3Replication.ts).
import { AwsRuleViolation, violation } from "./violation";

/** Amazon S3 API Reference, "ReplicationConfiguration" (Rules: "can contain a maximum of 1,000 rules"). */
export const MAX_REPLICATION_RULES = 1000;

/** The parts of one rule the schema checks read (the @pulumi/aws v7 `BucketReplicationConfig` rule shape). */
export interface ReplicationSchemaFacts {
    id?: string;
    /** The rule has a `filter` (even an empty one): S3's V2 rule schema. Without one the rule is V1 (`prefix`). */
    filtered: boolean;
    /** A `deleteMarkerReplication` element is sent, Enabled or Disabled. */
    deleteMarkerReplicationGiven: boolean;
    /** `destination.accessControlTranslation` is given (owner override). */
    accessControlTranslation: boolean;
    /** `destination.account`: the destination bucket owner's account id. */
    account?: string;
}

export function replicationSchemaViolation(rules: readonly ReplicationSchemaFacts[]): AwsRuleViolation | undefined {
    if (rules.length === 0 || rules.length > MAX_REPLICATION_RULES) {
        return violation(
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema",
            `has ${rules.length} rules; a replication configuration has 1 to ${MAX_REPLICATION_RULES}`,
            "Amazon S3 API Reference, \"ReplicationConfiguration\" (Rules)",
        );
    }
    for (const [index, rule] of rules.entries()) {
        const name = rule.id ?? `#${index + 1}`;
        if (rule.filtered && !rule.deleteMarkerReplicationGiven) {
            // Reported verbatim by users of the V2 schema; the requirement is the API Reference's.
            return violation(
                "InvalidRequest",
                "DeleteMarkerReplication must be specified for this version of Cross Region Replication configuration schema.",
                `rule ${name} has a filter (S3's V2 replication schema) but no deleteMarkerReplication; set deleteMarkerReplication: { status: "Enabled" } or { status: "Disabled" }`,
                "Amazon S3 API Reference, \"ReplicationRule\" (DeleteMarkerReplication) and \"DeleteMarkerReplication\"",
            );
        }
        if (rule.accessControlTranslation && (rule.account ?? "") === "") {
            return violation(
                "InvalidRequest",
                "Account is required when AccessControlTranslation is specified.",
                `rule ${name} changes replica ownership (destination.accessControlTranslation) without destination.account, the destination bucket owner's account id`,
                "Amazon S3 API Reference, \"Destination\" (Account, AccessControlTranslation); Amazon S3 User Guide, \"Changing the replica owner\"",
            );
        }
    }
    return undefined;
}

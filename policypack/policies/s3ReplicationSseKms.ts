import { isKmsKeyArn, parseArn } from "../model/arn";
import { isUnknown } from "../model/values";
import { findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { replicationRules, ruleName } from "./replicationFacts";
import { definePolicy } from "./definition";
import * as T from "../model/awsTypes";
import { inlineNextToSeparate } from "./inlineNextToSeparate";
import { replicated, replicatedFromExternal, withInputs, withReplicaDestination } from "../fixtures/stacks";
import { ref } from "../fixtures/format";

export const S3_REPLICATION_SSE_KMS = "s3-replication-sse-kms";

const FIX_SELECT = "set sourceSelectionCriteria.sseKmsEncryptedObjects.status = \"Enabled\" on the rule";
const FIX_KEY = "set destination.encryptionConfiguration.replicaKmsKeyId to the ARN of a customer managed key in the destination's region";

/**
 * The alias ARN of an alias the stack creates for one of its keys (`replicaKmsKeyId: alias.arn`). S3 takes a key ARN
 * or an alias ARN for the replica key (Amazon S3 API Reference, "EncryptionConfiguration": "Key ARN or Alias ARN");
 * it recommends the key ARN because an alias is resolved in the requester's account and can be repointed. An alias
 * ARN names its account and Region, and an alias of the stack shows which key it points to (the index resolves it),
 * as s3-bucket-sse-key-arn accepts for default encryption. An alias name, a bare key id, or the alias ARN of a key
 * outside the stack stays flagged.
 */
function isStackAliasArn(ref: string, resolvesToStackKey: boolean): boolean {
    const arn = parseArn(ref);
    return resolvesToStackKey && arn !== undefined && arn.service === "kms" && arn.region !== "" && arn.account !== "" && arn.resource.startsWith("alias/");
}

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_REPLICATION_SSE_KMS,
        description: "Replication rules replicate SSE-KMS objects (sseKmsEncryptedObjects Enabled) and encrypt replicas with a customer managed key given by its key ARN (replicaKmsKeyId).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: `${FIX_SELECT}; ${FIX_KEY}`,
    },
    {},
    (index, _config, report) => {
        for (const { replication, rule, subject } of replicationRules(index)) {
            const name = ruleName(rule, replication);
            if (rule.sseKmsEncryptedObjects !== true && !isUnknown(rule.sseKmsEncryptedObjects)) {
                report(findingOn(subject, replication.resource, `${name} doesn't select SSE-KMS encrypted objects, so S3 skips every object encrypted with the bucket's KMS key`, FIX_SELECT));
            }
            const key = rule.replicaKmsKeyId;
            if (key === undefined || key === "") {
                report(findingOn(subject, replication.resource, `${name} sets no replicaKmsKeyId, so SSE-KMS objects can't be replicated`, FIX_KEY));
            } else if (typeof key === "string" && !isKmsKeyArn(key) && !isStackAliasArn(key, rule.replicaKeys.length > 0)) {
                report(findingOn(subject, replication.resource, `${name} sets replicaKmsKeyId to "${key}", which is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)`, FIX_KEY));
            }
        }
    },
);

export const s3ReplicationSseKms = {
    ...stackPart,
    validateResource: inlineNextToSeparate({
        policy: S3_REPLICATION_SSE_KMS, block: "replication", separateTypes: [T.REPLICATION_CONFIG], what: "the replication",
    }),
};

export const definition = definePolicy({
    policy: s3ReplicationSseKms,
    doc: {
        checks: "Each rule has `sourceSelectionCriteria.sseKmsEncryptedObjects` Enabled (legacy `enabled: true`) and `replicaKmsKeyId` set to a key ARN (not an alias name or key id; an alias ARN only when it is an alias of the stack's own key, `alias.arn`, which S3 accepts and the stack shows the key of); also the rules of a `BucketReplicationConfig` for a bucket the stack does not declare. In a fresh preview, a new bucket's deprecated inline `replicationConfiguration(s)` next to a `BucketReplicationConfig` is judged too (each overwrites the other on update). During `pulumi up` and in a preview (where the bucket's name is known: an existing bucket, or a literal name), an inline `replicationConfiguration(s)` the bucket's inputs declare next to a `BucketReplicationConfig` for the same bucket is reported on that separate resource before it is created (keep exactly one); the preview `pulumi up` runs first is what stops a change to an existing bucket, which `up` updates before it analyzes the separate resource. A bucket whose inputs don't declare it is not judged from the provider's read-back in its outputs, and `pulumi policy analyze` on a state (where an imported bucket's recorded inputs can hold the read-back) does not report it.",
        shapes: "`BucketReplicationConfig`, inline `replicationConfiguration`, V2 `replicationConfigurations`",
        config: "—",
    },
    compliant: [
        replicated("a rule selecting SSE-KMS objects, with the replica key's ARN", true),
        replicatedFromExternal("a replication of a bucket not declared in the stack, selecting SSE-KMS objects with the replica key's ARN", true),
        replicated("a rule naming the replica key by the ARN of the stack's alias for it (alias.arn)", true,
            (r) => withReplicaDestination(r, { encryptionConfiguration: { replicaKmsKeyId: ref("destination-alias", "arn") } })),
    ],
    violating: [
        replicated("a rule that doesn't select SSE-KMS objects", true, (r) => withInputs(r, "replication", { rules: [{
            id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" },
            destination: { bucket: ref("destination", "arn"), storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: ref("destination-key", "arn") } },
        }] })),
        replicatedFromExternal("a replication of a bucket not declared in the stack whose rule sets no replicaKmsKeyId", true,
            (r) => withReplicaDestination(r, { encryptionConfiguration: undefined })),
        replicated("a rule naming the replica key by the name of the stack's alias (alias/destination), which S3 doesn't take for a replica key", true,
            (r) => withReplicaDestination(r, { encryptionConfiguration: { replicaKmsKeyId: "alias/destination" } })),
        // Not at preview in the harness: its fresh-stack preview blanks any literal that contains a computed output of
        // the rule's dependencies, here the destination key's Region.
        replicated("a rule naming the replica key by the alias ARN of a key outside the stack", false,
            (r) => withReplicaDestination(r, { encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:eu-central-1:333333333333:alias/team-replicas" } })),
    ],
});

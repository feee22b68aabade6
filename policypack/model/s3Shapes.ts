// Reading S3 configuration blocks in every shape users write: v7 singular objects (`rule`,
// `destination`), the V2 lists (`rules`, `destinations`, `...Configurations`), and the legacy inline
// field names (`replicaKmsKeyId` on the destination, `accountId`, `sseKmsEncryptedObjects.enabled`).
// Pure: no references to other resources are resolved here.
import { Maybe } from "./policyDocument";
import { asBool, asString, children, field, isUnknown, Unknown, UNKNOWN, ValueObject } from "./values";

const S3_ARN_PREFIX = "arn:aws:s3:::";

/** A bucket name from a bucket reference that may be its ARN. */
export function bucketNameOf(ref: Maybe<string> | undefined): Maybe<string> | undefined {
    if (typeof ref === "string" && ref.startsWith(S3_ARN_PREFIX)) {
        return ref.slice(S3_ARN_PREFIX.length);
    }
    return ref;
}

export function bucketArnOf(name: string): string {
    return S3_ARN_PREFIX + name;
}

export interface SseRuleFields {
    algorithm: Maybe<string> | undefined;
    keyRef: Maybe<string> | undefined;
    bucketKeyEnabled: Maybe<boolean> | undefined;
}

/** The rules of an SSE configuration block (`rule` / `rules`), UNKNOWN when the list itself is. */
export function sseRuleFields(config: ValueObject | Unknown): SseRuleFields[] | Unknown {
    const rules = children(config, "rule", "rules");
    if (isUnknown(rules)) {
        return UNKNOWN;
    }
    return rules.map((rule) => {
        const defaults = children(rule, "applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults");
        const d = isUnknown(defaults) ? UNKNOWN : defaults[0];
        return {
            algorithm: d === undefined ? undefined : asString(field(d, "sseAlgorithm")),
            keyRef: d === undefined ? undefined : asString(field(d, "kmsMasterKeyId")),
            bucketKeyEnabled: asBool(field(rule, "bucketKeyEnabled")),
        };
    });
}

export interface ReplicationRuleFields {
    id: Maybe<string> | undefined;
    status: Maybe<string> | undefined;
    /** `sourceSelectionCriteria.sseKmsEncryptedObjects` is Enabled (status, or legacy `enabled`). */
    sseKmsEncryptedObjects: Maybe<boolean> | undefined;
    /** The destination bucket's name (an ARN is reduced to the name). */
    destinationRef: Maybe<string> | undefined;
    replicaKmsKeyId: Maybe<string> | undefined;
    account: Maybe<string> | undefined;
    owner: Maybe<string> | undefined;
}

export function replicationRuleFields(rule: ValueObject | Unknown): ReplicationRuleFields {
    const destinations = children(rule, "destination", "destinations");
    const dest = isUnknown(destinations) ? UNKNOWN : destinations[0];
    const encryption = dest === undefined ? [] : children(dest, "encryptionConfiguration", "encryptionConfigurations");
    const enc = isUnknown(encryption) ? UNKNOWN : encryption[0];
    const translation = dest === undefined ? [] : children(dest, "accessControlTranslation", "accessControlTranslations");
    return {
        id: asString(field(rule, "id")),
        status: asString(field(rule, "status")),
        sseKmsEncryptedObjects: sseKmsSelected(rule),
        destinationRef: dest === undefined ? undefined : bucketNameOf(asString(field(dest, "bucket"))),
        replicaKmsKeyId: enc !== undefined
            ? asString(field(enc, "replicaKmsKeyId"))
            : dest === undefined ? undefined : asString(field(dest, "replicaKmsKeyId")),
        account: dest === undefined ? undefined : asString(field(dest, "account", "accountId")),
        owner: isUnknown(translation) ? UNKNOWN : translation[0] === undefined ? undefined : asString(field(translation[0], "owner")),
    };
}

function sseKmsSelected(rule: ValueObject | Unknown): Maybe<boolean> | undefined {
    const criteria = children(rule, "sourceSelectionCriteria", "sourceSelectionCriterias");
    if (isUnknown(criteria)) {
        return UNKNOWN;
    }
    if (criteria.length === 0) {
        return undefined;
    }
    const objects = children(criteria[0], "sseKmsEncryptedObjects");
    if (isUnknown(objects)) {
        return UNKNOWN;
    }
    if (objects.length === 0) {
        return undefined;
    }
    const status = asString(field(objects[0], "status"));
    if (status !== undefined) {
        return isUnknown(status) ? UNKNOWN : status === "Enabled";
    }
    return asBool(field(objects[0], "enabled"));
}

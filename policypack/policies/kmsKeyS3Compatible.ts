import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { keyIncompatibility, keysS3MustUse, specCarrier } from "./keysUsedByS3";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_S3_COMPATIBLE = "kms-key-s3-compatible";

const FIX_ENABLE = "enable the key (isEnabled: true on aws.kms.Key, enabled: true on ReplicaKey, ExternalKey, ReplicaExternalKey and aws-native's Key, or leave it unset): a disabled key keeps every object encrypted under it unreadable";
const FIX = "use a key with customerMasterKeySpec (keySpec) SYMMETRIC_DEFAULT and keyUsage ENCRYPT_DECRYPT (the defaults); S3 supports only symmetric encryption keys";

export const kmsKeyS3Compatible = stackPolicy<ExemptionConfig>(
    {
        name: KMS_KEY_S3_COMPATIBLE,
        description: "KMS keys used by S3 (default encryption, replica keys) are enabled, symmetric (SYMMETRIC_DEFAULT) encryption keys (ENCRYPT_DECRYPT).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: `${FIX}; ${FIX_ENABLE}`,
    },
    {},
    (index, _config, report) => {
        // The text naming each use is built only for a violation (most keys are fine).
        for (const [used, { kind, user }] of keysS3MustUse(index)) {
            const bad = keyIncompatibility(used);
            if (bad === undefined) {
                continue;
            }
            if (bad.disabledBy !== undefined) {
                // "AWS KMS Developer Guide: Enabling and disabling keys": a disabled key can't be used in any cryptographic operation.
                report(findingOn(used.resource, used.resource, `is used for ${kind === "default" ? "default encryption of" : "replica encryption of"} ${describe(user)} but is disabled (${bad.disabledBy}: false), so S3 can neither encrypt new objects nor decrypt the existing ones with it`, FIX_ENABLE));
            }
            const key = specCarrier(used);
            if (key && (bad.spec !== undefined || bad.usage !== undefined)) {
                const what = [bad.spec !== undefined ? `key spec ${bad.spec}` : "", bad.usage !== undefined ? `key usage ${bad.usage}` : ""].filter((s) => s).join(" and ");
                report(findingOn(key.resource, key.resource, `is used for ${kind === "default" ? "default encryption of" : "replica encryption of"} ${describe(user)} but has ${what}`, FIX));
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyS3Compatible,
    doc: {
        checks: "Keys used by S3 (default encryption, also of a bucket the stack does not declare or of a `DirectoryBucket`, replica keys; a `ReplicaKey` through its primary) are `SYMMETRIC_DEFAULT` and `ENCRYPT_DECRYPT`, and not disabled (`isEnabled: false` on `Key`, `enabled: false` on `ReplicaKey`, `ExternalKey`, `ReplicaExternalKey` and native `Key`).",
        shapes: "keys, v7, V2, inline",
        config: "—",
    },
    compliant: [{ title: "a symmetric encryption key", resources: dataBucket() }],
    violating: [
        { title: "an RSA key as the bucket's default encryption key", resources: dataBucket((r) => withInputs(r, "data-key", { customerMasterKeySpec: "RSA_2048" })) },
        { title: "a disabled key as the bucket's default encryption key", resources: dataBucket((r) => withInputs(r, "data-key", { isEnabled: false })) },
    ],
});

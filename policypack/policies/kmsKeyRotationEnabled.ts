import * as T from "../model/awsTypes";
import { asBool, asString, isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isSymmetricEncryptionKey } from "./keyFacts";
import { definePolicy } from "./definition";
import { runMode } from "../model/runMode";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_ROTATION_ENABLED = "kms-key-rotation-enabled";

const FIX = "set enableKeyRotation: true on the aws.kms.Key (a replica key follows its primary's rotation)";

export const kmsKeyRotationEnabled = resourcePolicy<ExemptionConfig>(
    {
        name: KMS_KEY_ROTATION_ENABLED,
        description: "Symmetric KMS encryption keys (aws.kms.Key, aws-native:kms:Key) have automatic key rotation enabled.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: FIX,
    },
    new Set([T.KMS_KEY, T.NATIVE_KMS_KEY]),
    {},
    (key, _config, report) => {
        // Rotation is unsupported for asymmetric/HMAC keys and keys in custom key stores.
        const customKeyStore = asString(key.props["customKeyStoreId"] ?? null);
        if (!isSymmetricEncryptionKey(key.props) || typeof customKeyStore === "string") {
            return;
        }
        const enabled = asBool(key.props["enableKeyRotation"]);
        // In a preview, a spec, usage or custom key store still to be computed (`customKeyStoreId: store.id` of a
        // store the stack creates) may turn out to be one where rotation doesn't apply ("AWS KMS Developer Guide:
        // Rotate AWS KMS keys"): no false alarm. Outside one such an unreadable input leaves the finding standing.
        if (runMode() === "preview" && (isUnknown(customKeyStore) || !isSymmetricEncryptionKey(key.props, false))) {
            return;
        }
        if (enabled !== true && !isUnknown(enabled)) {
            report(`${describe(key)} has automatic key rotation ${enabled === false ? "disabled" : "unset (off by default)"}. Fix: ${FIX}`);
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyRotationEnabled,
    doc: {
        checks: "`aws.kms.Key` has `enableKeyRotation: true` (asymmetric, HMAC and custom-key-store keys are skipped: rotation is unsupported). In a preview, a key whose spec, usage or `customKeyStoreId` is still unknown is not judged: it may be one of those.",
        shapes: "`aws.kms.Key`, native `Key`",
        config: "—",
    },
    compliant: [{ title: "a rotating key", resources: dataBucket() }],
    violating: [{ title: "a key with rotation off", resources: dataBucket((r) => withInputs(r, "data-key", { enableKeyRotation: false })) }],
});

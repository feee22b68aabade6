import * as T from "../model/awsTypes";
import { asBool, asString, isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isSymmetricEncryptionKey } from "./keyFacts";
import { definePolicy } from "./definition";
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
        if (!isSymmetricEncryptionKey(key.props) || typeof asString(key.props["customKeyStoreId"] ?? null) === "string") {
            return;
        }
        const enabled = asBool(key.props["enableKeyRotation"]);
        if (enabled !== true && !isUnknown(enabled)) {
            report(`${describe(key)} has automatic key rotation ${enabled === false ? "disabled" : "unset (off by default)"}. Fix: ${FIX}`);
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyRotationEnabled,
    doc: {
        checks: "`aws.kms.Key` has `enableKeyRotation: true` (asymmetric, HMAC and custom-key-store keys are skipped: rotation is unsupported).",
        shapes: "`aws.kms.Key`, native `Key`",
        config: "—",
    },
    compliant: [{ title: "a rotating key", resources: dataBucket() }],
    violating: [{ title: "a key with rotation off", resources: dataBucket((r) => withInputs(r, "data-key", { enableKeyRotation: false })) }],
});

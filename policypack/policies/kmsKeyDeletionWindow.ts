import * as T from "../model/awsTypes";
import { asNumber, isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_DELETION_WINDOW = "kms-key-deletion-window";

export interface DeletionWindowConfig extends ExemptionConfig {
    minimumDays: number;
}

export const kmsKeyDeletionWindow = resourcePolicy<DeletionWindowConfig>(
    {
        name: KMS_KEY_DELETION_WINDOW,
        description: "KMS keys keep a deletion waiting period of at least the configured minimum (default 7 days), so a deletion can be cancelled before data becomes unreadable.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "set deletionWindowInDays to at least the minimum (AWS allows 7-30; unset means 30)",
        configProperties: {
            minimumDays: { type: "integer", minimum: 7, maximum: 30, default: 7, description: "Smallest accepted deletionWindowInDays." },
        },
    },
    new Set([T.KMS_KEY, T.KMS_REPLICA_KEY, T.KMS_EXTERNAL_KEY, T.KMS_REPLICA_EXTERNAL_KEY, T.NATIVE_KMS_KEY]),
    { minimumDays: 7 },
    (key, config, report) => {
        const property = key.type === T.NATIVE_KMS_KEY ? "pendingWindowInDays" : "deletionWindowInDays";
        const days = asNumber(key.props[property]);
        if (typeof days === "number" && !isUnknown(days) && days < config.minimumDays) {
            report(`${describe(key)} has ${property} ${days}, below the minimum of ${config.minimumDays}. Fix: set ${property} to ${config.minimumDays} or more (up to 30), or leave it unset for 30`);
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyDeletionWindow,
    doc: {
        checks: "`deletionWindowInDays` (aws-native: `pendingWindowInDays`) is at least the minimum (unset = 30).",
        shapes: "`aws.kms.Key`, `aws.kms.ReplicaKey`, `aws.kms.ExternalKey`, `aws.kms.ReplicaExternalKey`, native `Key`",
        config: "`minimumDays` (7–30, default 7)",
    },
    compliant: [{ title: "a 30-day deletion window", resources: dataBucket() }],
    violating: [{
        title: "a 7-day window where the organisation requires 14",
        resources: dataBucket((r) => withInputs(r, "data-key", { deletionWindowInDays: 7 })),
        config: { [KMS_KEY_DELETION_WINDOW]: { minimumDays: 14 } },
    }],
});

import { KeyUse, keysUsedByS3 } from "./keysUsedByS3";
import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { externalSource } from "./replicationFacts";
import { definePolicy } from "./definition";
import { dataBucket, replicated, withProtect } from "../fixtures/stacks";
import { ref } from "../fixtures/format";
import * as T from "../model/awsTypes";

export const KMS_KEY_PROTECTED = "kms-key-protected";

const FIX = "create the key with the resource option { protect: true } (and retainOnDelete: true, which the engine does not show to policy packs), so `pulumi destroy` or a removed line can't schedule its deletion";

function useOf(use: KeyUse): string {
    return use.kind === "default"
        ? `the default encryption of ${describe(use.user)}`
        : `the replicas of ${describe(use.user)}${externalSource(use.replication)}`;
}

/**
 * Deleting a key makes every object encrypted under it unreadable ("AWS KMS Developer Guide: Deleting AWS KMS
 * keys"). The engine sends policy packs the `protect` option but not `retainOnDelete` (pulumi's
 * AnalyzerResourceOptions), so `protect` is what this policy can judge.
 */
export const kmsKeyProtected = stackPolicy<ExemptionConfig>(
    {
        name: KMS_KEY_PROTECTED,
        description: "KMS keys that encrypt a bucket (default encryption or replicas) or that the stack exports for other stacks are created with protect: true, so a destroy or a deleted line can't schedule their deletion.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        const used = keysUsedByS3(index);
        for (const [key, use] of used) {
            if (!key.resource.protect) {
                report(findingOn(key.resource, key.resource, `encrypts ${useOf(use)} but is not protected: unless it is also retainOnDelete (an option the engine does not pass to policy packs), deleting it from the stack schedules the key's deletion and the data becomes unreadable`, FIX));
            }
        }
        // A key stack (keys only, read by bucket stacks through a StackReference) is where deleting a key takes down
        // the most data: every bucket of every stack that reads it. Its exports are what shows that.
        for (const [key, output] of index.exportedKeys) {
            if (!used.has(key) && !key.resource.protect && !key.replica && key.resource.type !== T.KMS_EXTERNAL_KEY) {
                report(findingOn(key.resource, key.resource, `is exported by the stack (output ${output}) for other stacks to encrypt with, but is not protected: unless it is also retainOnDelete (an option the engine does not pass to policy packs), a destroy of this stack or a deleted line schedules the key's deletion and their data becomes unreadable`, FIX));
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyProtected,
    doc: {
        checks: "A key used by a bucket's default encryption or as a replica key, or named by a stack output (key ARN, key id, alias name or ARN: a key stack that bucket stacks read through a `StackReference`), is created with `protect: true`. The engine sends policy packs the `protect` option but not `retainOnDelete` (`AnalyzerResourceOptions` in Pulumi 3.276), so a key kept only by `retainOnDelete` is reported too; set the level to `mandatory` to require protection.",
        shapes: "keys, v7, V2, inline, native, replication",
        config: "—",
    },
    compliant: [{ title: "a protected bucket key", resources: dataBucket() }, replicated("protected source and replica keys", true)],
    violating: [
        { title: "an unprotected bucket key", resources: dataBucket((r) => withProtect(r, "data-key", false)) },
        replicated("an unprotected replica key", true, (r) => withProtect(r, "destination-key", false)),
        {
            title: "an unprotected key a key stack exports for bucket stacks (its ARN, the output, is known once the key exists)",
            firesAtPreview: false,
            resources: [
                { type: T.KMS_KEY, name: "shared-key", inputs: { enableKeyRotation: true, deletionWindowInDays: 30 } },
                { type: T.STACK, name: "keys-dev", inputs: { keyArn: ref("shared-key", "arn") } },
            ],
        },
    ],
});

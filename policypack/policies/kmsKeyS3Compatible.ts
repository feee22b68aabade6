import { IndexedResource } from "../model/resources";
import { KeyModel } from "../model/stackIndex";
import { asString } from "../model/values";
import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { defaultKeys } from "./sseFacts";
import { replicationRules } from "./replicationFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const KMS_KEY_S3_COMPATIBLE = "kms-key-s3-compatible";

const FIX = "use a key with customerMasterKeySpec (keySpec) SYMMETRIC_DEFAULT and keyUsage ENCRYPT_DECRYPT (the defaults); S3 supports only symmetric encryption keys";

/** The key that carries spec and usage: a replica key inherits them from its primary. */
function specCarrier(key: KeyModel): KeyModel | undefined {
    return key.replica ? key.primary : key;
}

export const kmsKeyS3Compatible = stackPolicy<ExemptionConfig>(
    {
        name: KMS_KEY_S3_COMPATIBLE,
        description: "KMS keys used by S3 (default encryption, replica keys) are symmetric (SYMMETRIC_DEFAULT) encryption keys (ENCRYPT_DECRYPT).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        // Who uses each key, as [what, resource]; the text is built only for a violation (most keys are fine).
        const users = new Map<KeyModel, [string, IndexedResource]>();
        for (const bucket of index.buckets) {
            for (const key of defaultKeys(bucket)) {
                users.set(key, ["default encryption of", bucket.resource]);
            }
        }
        for (const { replication, rule } of replicationRules(index)) {
            for (const key of rule.replicaKeys) {
                users.set(key, ["replica encryption of", replication.resource]);
            }
        }
        for (const [used, [use, user]] of users) {
            const key = specCarrier(used);
            if (!key) {
                continue;
            }
            const spec = asString(key.resource.props["customerMasterKeySpec"] ?? key.resource.props["keySpec"] ?? null);
            const usage = asString(key.resource.props["keyUsage"] ?? null);
            const badSpec = typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT";
            const badUsage = typeof usage === "string" && usage !== "ENCRYPT_DECRYPT";
            if (badSpec || badUsage) {
                const what = [badSpec ? `key spec ${String(spec)}` : "", badUsage ? `key usage ${String(usage)}` : ""].filter((s) => s).join(" and ");
                report(findingOn(key.resource, key.resource, `is used for ${use} ${describe(user)} but has ${what}`, FIX));
            }
        }
    },
);

export const definition = definePolicy({
    policy: kmsKeyS3Compatible,
    doc: {
        checks: "Keys used by S3 (default encryption, replica keys; a `ReplicaKey` through its primary) are `SYMMETRIC_DEFAULT` and `ENCRYPT_DECRYPT`.",
        shapes: "keys, v7, V2, inline",
        config: "—",
    },
    compliant: [{ title: "a symmetric encryption key", resources: dataBucket() }],
    violating: [{ title: "an RSA key as the bucket's default encryption key", resources: dataBucket((r) => withInputs(r, "data-key", { customerMasterKeySpec: "RSA_2048" })) }],
});

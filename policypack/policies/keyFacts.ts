// Single-resource facts about KMS keys (inputs as users write them).
import { asString, isUnknown, ValueObject } from "../model/values";

/**
 * True unless the key is known to be asymmetric, HMAC, or not an encryption key (rotation doesn't apply); with
 * `unknownIsSymmetric` false, an unknown spec or usage counts as possibly not symmetric.
 */
export function isSymmetricEncryptionKey(props: ValueObject, unknownIsSymmetric = true): boolean {
    const spec = asString(props["customerMasterKeySpec"] ?? props["keySpec"] ?? null); // aws-native: keySpec
    const usage = asString(props["keyUsage"] ?? null);
    const specOk = spec === undefined || (isUnknown(spec) && unknownIsSymmetric) || spec === "SYMMETRIC_DEFAULT";
    const usageOk = usage === undefined || (isUnknown(usage) && unknownIsSymmetric) || usage === "ENCRYPT_DECRYPT";
    return specOk && usageOk;
}

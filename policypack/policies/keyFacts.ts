// Single-resource facts about KMS keys (inputs as users write them).
import { Maybe } from "../model/policyDocument";
import { asString, isUnknown, ValueObject } from "../model/values";

/** The key spec as written: `customerMasterKeySpec` (aws.kms.Key), `keySpec` (ExternalKey, aws-native Key). */
export function keySpecOf(props: ValueObject): Maybe<string> | undefined {
    return asString(props["customerMasterKeySpec"] ?? props["keySpec"] ?? null);
}

export function keyUsageOf(props: ValueObject): Maybe<string> | undefined {
    return asString(props["keyUsage"] ?? null);
}

/**
 * True unless the key is known to be asymmetric, HMAC, or not an encryption key (rotation doesn't apply); with
 * `unknownIsSymmetric` false, an unknown spec or usage counts as possibly not symmetric.
 */
export function isSymmetricEncryptionKey(props: ValueObject, unknownIsSymmetric = true): boolean {
    const spec = keySpecOf(props);
    const usage = keyUsageOf(props);
    const specOk = spec === undefined || (isUnknown(spec) && unknownIsSymmetric) || spec === "SYMMETRIC_DEFAULT";
    const usageOk = usage === undefined || (isUnknown(usage) && unknownIsSymmetric) || usage === "ENCRYPT_DECRYPT";
    return specOk && usageOk;
}

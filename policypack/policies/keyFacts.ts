// Single-resource facts about KMS keys (inputs as users write them).
import { parsePolicyLenient, Statement } from "../model/policyDocument";
import { asString, isUnknown, ValueObject } from "../model/values";

/** The statements of a key's own `policy` input (Key, ReplicaKey or KeyPolicy); none while it is absent, unreadable or unknown. */
export function keyPolicyStatements(props: ValueObject): Statement[] {
    const statements = parsePolicyLenient(props["policy"]);
    return statements === undefined || isUnknown(statements) ? [] : statements;
}

/** True unless the key is known to be asymmetric, HMAC, or not an encryption key (rotation doesn't apply). */
export function isSymmetricEncryptionKey(props: ValueObject): boolean {
    const spec = asString(props["customerMasterKeySpec"] ?? props["keySpec"] ?? null);
    const usage = asString(props["keyUsage"] ?? null);
    const specOk = spec === undefined || isUnknown(spec) || spec === "SYMMETRIC_DEFAULT";
    const usageOk = usage === undefined || isUnknown(usage) || usage === "ENCRYPT_DECRYPT";
    return specOk && usageOk;
}

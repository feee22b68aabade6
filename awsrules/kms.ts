// KMS rules that need no policy evaluation. AWS KMS API Reference, "ScheduleKeyDeletion", section
// "Request Parameters" (PendingWindowInDays 7-30); Amazon S3 User Guide, "Using server-side
// encryption with AWS KMS keys (SSE-KMS)": S3 supports only symmetric encryption KMS keys.
import { AwsRuleViolation, violation } from "./violation";

/** AWS KMS API Reference, "CreateKey", section "Request Parameters" (Description: 0-8192 characters). */
export const MAX_KEY_DESCRIPTION_LENGTH = 8192;

export const MIN_DELETION_WINDOW_DAYS = 7;
export const MAX_DELETION_WINDOW_DAYS = 30;

export function deletionWindowViolation(days: number): AwsRuleViolation | undefined {
    if (Number.isInteger(days) && days >= MIN_DELETION_WINDOW_DAYS && days <= MAX_DELETION_WINDOW_DAYS) {
        return undefined;
    }
    return violation(
        "ValidationException",
        `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value between 7 and 30`,
        `is ${days}; KMS waits 7-30 days before deleting a key`,
        "AWS KMS API Reference, \"ScheduleKeyDeletion\", section \"Request Parameters\" (PendingWindowInDays)",
    );
}

/** A key S3 may use as a bucket's default key: symmetric encryption only. */
export function s3DefaultKeyViolation(keySpec: string, keyUsage: string): AwsRuleViolation | undefined {
    if (keySpec === "SYMMETRIC_DEFAULT" && keyUsage === "ENCRYPT_DECRYPT") {
        return undefined;
    }
    return violation(
        "InvalidArgument",
        "The specified KMS key is not a symmetric encryption key; Amazon S3 supports only symmetric encryption KMS keys.",
        `is a ${keySpec} ${keyUsage} key; S3 default encryption needs a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key`,
        "Amazon S3 User Guide, \"Using server-side encryption with AWS KMS keys (SSE-KMS)\"",
    );
}

const CREATE_ALIAS = "AWS KMS API Reference, \"CreateAlias\", section \"Request Parameters\" (AliasName)";

/** An alias name this stack may create: `alias/` + letters, digits, / _ -, at most 256 characters, not the reserved `alias/aws/`. */
export function kmsAliasNameViolation(alias: string): AwsRuleViolation | undefined {
    if (alias.startsWith("alias/aws/")) {
        return violation("NotAuthorizedException", "Cannot create alias with prefix 'alias/aws/'", "starts with alias/aws/, which is reserved for AWS managed keys", CREATE_ALIAS);
    }
    if (/^alias\/[A-Za-z0-9/_-]+$/.test(alias) && alias.length <= 256) {
        return undefined;
    }
    return violation(
        "ValidationException",
        `1 validation error detected: Value '${alias}' at 'aliasName' failed to satisfy constraint`,
        "is not alias/<name> of letters, digits, /, _ and -, at most 256 characters",
        CREATE_ALIAS,
    );
}

const REPLICATE_KEY = "AWS KMS API Reference, \"ReplicateKey\"";

/**
 * ReplicateKey copies a multi-Region primary key (key id `mrk-…`) into another Region of the same partition: "You can
 * create multiple replicas of a primary key, but each must be in a different Region", and never the primary's own.
 */
export function replicaKeyViolation(primaryKeyArn: string, replicaRegion: string): AwsRuleViolation | undefined {
    const match = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/.exec(primaryKeyArn);
    if (match === null) {
        return violation("InvalidArnException", "The request was rejected because a specified ARN, or an ARN in a key policy, is not valid.", `primaryKeyArn ${primaryKeyArn} is not a KMS key ARN`, REPLICATE_KEY);
    }
    const [, primaryRegion, , keyId] = match;
    if (!keyId.startsWith("mrk-")) {
        return violation(
            "UnsupportedOperationException",
            `${primaryKeyArn} is not a multi-Region primary key.`,
            `primaryKeyArn names a single-Region key (its id is not mrk-…); only a key created with multiRegion: true can be replicated`,
            REPLICATE_KEY,
        );
    }
    if (primaryRegion === replicaRegion) {
        return violation(
            "UnsupportedOperationException",
            `Replica Region ${replicaRegion} is the Region of the primary key.`,
            `the replica would be in ${replicaRegion}, the primary key's own Region; a replica must be in another Region`,
            REPLICATE_KEY,
        );
    }
    return undefined;
}

/** ReplicateKey into a Region that already holds a replica of the primary (each replica "must be in a different Region"). */
export function replicaKeyExists(replicaArn: string, region: string): AwsRuleViolation {
    return violation(
        "AlreadyExistsException",
        `${replicaArn} already exists.`,
        `the primary key already has a replica in ${region}; a primary key has at most one replica per Region`,
        REPLICATE_KEY,
    );
}

/** The operations CreateGrant accepts (AWS KMS API Reference, "CreateGrant", parameter Operations). */
export const KMS_GRANT_OPERATIONS: ReadonlySet<string> = new Set([
    "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "Sign", "Verify",
    "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
    "GenerateMac", "VerifyMac", "DeriveSharedSecret",
]);

/** A grant names at least one operation, each one CreateGrant accepts. */
export function grantOperationsViolation(operations: readonly string[]): AwsRuleViolation | undefined {
    const unknown = operations.find((o) => !KMS_GRANT_OPERATIONS.has(o));
    if (operations.length > 0 && unknown === undefined) {
        return undefined;
    }
    return violation(
        "ValidationException",
        "1 validation error detected: Value at 'operations' failed to satisfy constraint",
        operations.length === 0 ? "names no operation" : `names ${unknown}, which is not a grant operation`,
        "AWS KMS API Reference, \"CreateGrant\" (Operations)",
    );
}

export const MIN_ROTATION_PERIOD_DAYS = 90;
export const MAX_ROTATION_PERIOD_DAYS = 2560;
const ENABLE_KEY_ROTATION = "AWS KMS API Reference, \"EnableKeyRotation\"";

/** What EnableKeyRotation needs to know of a key. */
export interface RotatedKeyFacts {
    keySpec: string;
    keyUsage: string;
    /** True for a key in a custom key store (CloudHSM or external), whose key material KMS cannot rotate. */
    customKeyStore: boolean;
}

/**
 * EnableKeyRotation: "Automatic key rotation is supported only on symmetric encryption KMS keys. You cannot enable
 * automatic rotation of asymmetric KMS keys, HMAC KMS keys, KMS keys with imported key material, or KMS keys in a
 * custom key store"; RotationPeriodInDays is 90-2560 (section "Request Parameters"). A rotation period alone, without
 * rotation enabled, is judged the same way: the provider sends it only with EnableKeyRotation.
 */
export function keyRotationViolation(key: RotatedKeyFacts, rotationPeriodInDays: number | undefined): AwsRuleViolation | undefined {
    if (key.keySpec !== "SYMMETRIC_DEFAULT" || key.keyUsage !== "ENCRYPT_DECRYPT" || key.customKeyStore) {
        const what = key.customKeyStore ? "a key in a custom key store" : `a ${key.keySpec} ${key.keyUsage} key`;
        return violation(
            "UnsupportedOperationException",
            "Automatic key rotation is supported only on symmetric encryption KMS keys.",
            `enables automatic rotation of ${what}; KMS rotates only symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) whose key material it generated`,
            ENABLE_KEY_ROTATION,
        );
    }
    if (rotationPeriodInDays === undefined) {
        return undefined;
    }
    if (Number.isInteger(rotationPeriodInDays) && rotationPeriodInDays >= MIN_ROTATION_PERIOD_DAYS && rotationPeriodInDays <= MAX_ROTATION_PERIOD_DAYS) {
        return undefined;
    }
    return violation(
        "ValidationException",
        `1 validation error detected: Value '${rotationPeriodInDays}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value between 90 and 2560`,
        `is ${rotationPeriodInDays}; a key's rotation period is 90-2560 days`,
        `${ENABLE_KEY_ROTATION}, section "Request Parameters" (RotationPeriodInDays)`,
    );
}

/**
 * CreateAlias/UpdateAlias: "The KMS key must be in the same AWS account and Region as the alias" (TargetKeyId). KMS looks
 * the key up in the alias's account and Region, so a key elsewhere is one it does not find.
 */
export function aliasTargetViolation(aliasArn: string, keyArn: string): AwsRuleViolation | undefined {
    const [aliasRegion, aliasAccount] = aliasArn.split(":").slice(3, 5);
    const [keyRegion, keyAccount] = keyArn.split(":").slice(3, 5);
    if (aliasRegion === keyRegion && aliasAccount === keyAccount) {
        return undefined;
    }
    return violation(
        "NotFoundException",
        `Key '${keyArn}' does not exist`,
        `targets ${keyArn}, a key of account ${keyAccount} in ${keyRegion}; an alias of account ${aliasAccount} in ${aliasRegion} may only name a key of its own account and Region`,
        "AWS KMS API Reference, \"CreateAlias\" and \"UpdateAlias\" (TargetKeyId)",
    );
}

/**
 * CreateKey's KeyUsage for each KeySpec (AWS KMS API Reference, "CreateKey", parameter KeyUsage): symmetric encryption
 * keys ENCRYPT_DECRYPT; HMAC keys GENERATE_VERIFY_MAC; RSA key pairs ENCRYPT_DECRYPT or SIGN_VERIFY; NIST elliptic
 * curves SIGN_VERIFY or KEY_AGREEMENT; ECC_SECG_P256K1, Edwards curve and ML-DSA key pairs SIGN_VERIFY; SM2 (China
 * Regions) ENCRYPT_DECRYPT, SIGN_VERIFY or KEY_AGREEMENT. A spec this table does not know is not judged. KMS refuses
 * other pairs with a ValidationException; its wording is not documented, the message states the requirement.
 */
const KEY_USAGES: Readonly<Record<string, readonly string[]>> = {
    SYMMETRIC_DEFAULT: ["ENCRYPT_DECRYPT"],
    HMAC_224: ["GENERATE_VERIFY_MAC"],
    HMAC_256: ["GENERATE_VERIFY_MAC"],
    HMAC_384: ["GENERATE_VERIFY_MAC"],
    HMAC_512: ["GENERATE_VERIFY_MAC"],
    RSA_2048: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
    RSA_3072: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
    RSA_4096: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
    ECC_NIST_P256: ["SIGN_VERIFY", "KEY_AGREEMENT"],
    ECC_NIST_P384: ["SIGN_VERIFY", "KEY_AGREEMENT"],
    ECC_NIST_P521: ["SIGN_VERIFY", "KEY_AGREEMENT"],
    ECC_SECG_P256K1: ["SIGN_VERIFY"],
    ECC_NIST_EDWARDS25519: ["SIGN_VERIFY"],
    ML_DSA_44: ["SIGN_VERIFY"],
    ML_DSA_65: ["SIGN_VERIFY"],
    ML_DSA_87: ["SIGN_VERIFY"],
    SM2: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"],
};

export function keySpecUsageViolation(keySpec: string, keyUsage: string): AwsRuleViolation | undefined {
    const allowed = KEY_USAGES[keySpec];
    if (allowed === undefined || allowed.includes(keyUsage)) return undefined;
    return violation(
        "ValidationException",
        `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`,
        `is a ${keySpec} key with keyUsage ${keyUsage}; a ${keySpec} key is used for ${allowed.join(" or ")}`,
        "AWS KMS API Reference, \"CreateKey\", section \"Request Parameters\" (KeySpec, KeyUsage)",
    );
}

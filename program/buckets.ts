// An EncryptedBucket per configured bucket (and per replica destination), with its key choice and
// guardrails translated from config to the component's arguments.
import { EncryptedBucket, EncryptedBucketArgs } from "../components";
import { BucketConfig, GuardrailsConfig, KeyChoice, StackConfig } from "../config";
import { keyArgsOf, SharedKeys } from "./keys";
import { AccountProviders } from "./providers";

type ComponentGuardrails = NonNullable<EncryptedBucketArgs["guardrails"]>;

/** Config names the modes as the docs do; the component calls strict-key "strict-with-key". */
export function guardrailArgs(g: GuardrailsConfig): ComponentGuardrails {
    return {
        denyInsecureTransport: g.requireTls,
        minimumTlsVersion: g.minimumTlsVersion,
        denySignatureV2: g.denySigV2,
        denyWrongEncryptionHeaders: g.denyWrongEncryptionHeaders,
        denyKmsHeaderWithoutKeyId: g.denyKmsHeaderWithoutKeyId,
        encryptionHeaderMode: g.encryptionHeader === "strict-key" ? "strict-with-key" : g.encryptionHeader,
        denySseC: g.denySseC,
    };
}

function keyOf(choice: KeyChoice, keys: SharedKeys, tags: Record<string, string>, deployRoleArn: string): Pick<EncryptedBucketArgs, "key" | "keyArgs"> {
    return choice.kind === "shared" ? { key: keys[choice.name] } : { keyArgs: { ...keyArgsOf(choice.spec, deployRoleArn), tags } };
}

export interface BucketPlacement {
    account: string;
    region: string;
    bucketName?: string;
    key: KeyChoice;
}

export function createEncryptedBucket(
    name: string,
    placement: BucketPlacement,
    settings: Pick<BucketConfig, "bucketKeyEnabled" | "guardrails" | "forceDestroy" | "tags">,
    config: StackConfig,
    providers: AccountProviders,
    keys: SharedKeys,
): EncryptedBucket {
    const tags = { ...(config.tags ?? {}), ...(settings.tags ?? {}) };
    return new EncryptedBucket(
        name,
        {
            accountId: config.accounts[placement.account].accountId,
            region: placement.region,
            ...(placement.bucketName !== undefined ? { bucketName: placement.bucketName } : {}),
            ...keyOf(placement.key, keys, tags, config.accounts[placement.account].roleArn),
            bucketKeyEnabled: settings.bucketKeyEnabled,
            guardrails: guardrailArgs(settings.guardrails),
            forceDestroy: settings.forceDestroy,
            tags,
        },
        { provider: providers[placement.account] },
    );
}

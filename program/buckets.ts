// An EncryptedBucket per configured bucket (and per replica destination), with its key choice and
// guardrails (config and component share one vocabulary, so they pass through).
import { EncryptedBucket, EncryptedBucketArgs } from "../components";
import { BucketConfig, KeyChoice, StackConfig } from "../config";
import { aliasOptions } from "./aliases";
import { BucketContinuity } from "./continuity";
import { keyArgsOf, SharedKeys } from "./keys";
import { AccountProviders } from "./providers";

function keyOf(
    choice: KeyChoice,
    keys: SharedKeys,
    tags: Record<string, string>,
    deployRoleArn: string,
    deployedAlias: string | undefined,
): Pick<EncryptedBucketArgs, "key" | "keyArgs"> {
    if (choice.kind === "shared") {
        return { key: keys[choice.name] };
    }
    return { keyArgs: { ...keyArgsOf(choice.spec, deployRoleArn), ...(deployedAlias !== undefined ? { alias: deployedAlias } : {}), tags } };
}

export interface BucketPlacement {
    account: string;
    region: string;
    bucketName?: string;
    key: KeyChoice;
}

export interface BucketSettings extends Pick<BucketConfig, "bucketKeyEnabled" | "guardrails" | "tags" | "protect"> {
    /** The bucket's own setting: a replica never takes its source's. */
    forceDestroy: boolean;
    /** The bucket's own rules: a replica never takes its source's. */
    lifecycleRules: BucketConfig["lifecycleRules"];
    /** The bucket's own Object Lock: a replica never takes its source's. */
    objectLock?: BucketConfig["objectLock"];
}

export function createEncryptedBucket(
    name: string,
    placement: BucketPlacement,
    settings: BucketSettings,
    config: StackConfig,
    providers: AccountProviders,
    keys: SharedKeys,
    continuity: BucketContinuity = { aliases: [] },
): EncryptedBucket {
    const tags = { ...(config.tags ?? {}), ...(settings.tags ?? {}) };
    return new EncryptedBucket(
        name,
        {
            accountId: config.accounts[placement.account].accountId,
            region: placement.region,
            ...(placement.bucketName !== undefined ? { bucketName: placement.bucketName } : {}),
            ...keyOf(placement.key, keys, tags, config.accounts[placement.account].roleArn, continuity.keyAlias),
            bucketKeyEnabled: settings.bucketKeyEnabled,
            guardrails: settings.guardrails,
            forceDestroy: settings.forceDestroy,
            protect: settings.protect,
            tags,
            ...(settings.lifecycleRules.length > 0 ? { lifecycleRules: settings.lifecycleRules } : {}),
            ...(settings.objectLock !== undefined ? { objectLock: settings.objectLock } : {}),
        },
        { provider: providers[placement.account], ...aliasOptions(continuity.aliases) },
    );
}

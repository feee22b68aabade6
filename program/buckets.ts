// An EncryptedBucket per configured bucket (and per replica destination), with its key choice and
// guardrails (config and component share one vocabulary, so they pass through).
import { EncryptedBucket, EncryptedBucketArgs, ExternalKey } from "../components";
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
    existingKey: (arn: string, verify: boolean) => ExternalKey,
): Pick<EncryptedBucketArgs, "key" | "keyArgs"> {
    if (choice.kind === "shared") {
        return { key: keys[choice.name] };
    }
    if (choice.kind === "external") {
        return { key: existingKey(choice.arn, choice.verify) };
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
    const deployRoleArn = config.accounts[placement.account].roleArn;
    // A deployed bucket whose entry leaves bucketName unset keeps its name (program/continuity.ts).
    const bucketName = placement.bucketName ?? continuity.bucketName;
    // Described with the bucket's provider: the role that will use the key is the one that must be able to read it.
    const existingKey = (arn: string, verify: boolean) =>
        new ExternalKey(`${name}-existing-key`, { arn, verify, region: placement.region, deployRoleArn }, { provider: providers[placement.account] });
    return new EncryptedBucket(
        name,
        {
            accountId: config.accounts[placement.account].accountId,
            region: placement.region,
            ...(bucketName !== undefined ? { bucketName } : {}),
            ...keyOf(placement.key, keys, tags, deployRoleArn, continuity.keyAlias, existingKey),
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

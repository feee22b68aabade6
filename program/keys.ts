// The shared keys of `encrypted-buckets:keys`, and the key arguments for a bucket's own key.
import { CustomerManagedKey, CustomerManagedKeyArgs } from "../components";
import { KeySpec, StackConfig } from "../config";
import { aliasOptions } from "./aliases";
import { AccountProviders } from "./providers";

export type SharedKeys = Readonly<Record<string, CustomerManagedKey>>;

/**
 * The CustomerManagedKey settings of a config key spec (without account and region). `deployRoleArn`
 * is the role of the account's provider: the component names it as a key administrator when the key
 * policy has no root delegation, so KMS's lockout safety check passes and that role can manage the key.
 */
export function keyArgsOf(spec: KeySpec, deployRoleArn: string): Omit<CustomerManagedKeyArgs, "accountId" | "region"> {
    return {
        alias: spec.alias,
        deployRoleArn,
        ...(spec.description !== undefined ? { description: spec.description } : {}),
        deletionWindowInDays: spec.deletionWindowInDays,
        rootDelegation: spec.rootDelegation,
        administrators: spec.administrators,
        administratorsMayDeleteKey: spec.administratorsMayDeleteKey,
        users: spec.users,
        serviceUsers: spec.serviceUsers,
    };
}

export function sharedKeyResourceName(name: string): string {
    return `key-${name}`;
}

/** @param aliases shared key name → earlier names (a renamed entry keeps its key) */
export function createSharedKeys(config: StackConfig, providers: AccountProviders, aliases: Readonly<Record<string, string[]>> = {}): SharedKeys {
    const keys: Record<string, CustomerManagedKey> = {};
    for (const shared of Object.values(config.keys)) {
        keys[shared.name] = new CustomerManagedKey(
            sharedKeyResourceName(shared.name),
            {
                ...keyArgsOf(shared, config.accounts[shared.account].roleArn),
                accountId: config.accounts[shared.account].accountId,
                region: shared.region,
                protect: shared.protect,
                ...(config.tags !== undefined ? { tags: config.tags } : {}),
            },
            { provider: providers[shared.account], ...aliasOptions(aliases[shared.name]) },
        );
    }
    return keys;
}

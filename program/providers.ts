// One explicit aws.Provider per configured account entry. The stack disables the default provider,
// so every resource must name one of these; `allowedAccountIds` makes the provider refuse to run
// if the assumed role lands in another account than the config says.
import * as aws from "@pulumi/aws";
import { AccountConfig, StackConfig } from "../config";
import { aliasOptions } from "./aliases";

export type AccountProviders = Readonly<Record<string, aws.Provider>>;

export function providerName(alias: string): string {
    return `aws-${alias}`;
}

/** @param aliases account alias → earlier aliases of the same account (a renamed alias keeps its provider) */
export function createAccountProviders(config: StackConfig, sessionName: string, aliases: Readonly<Record<string, string[]>> = {}): AccountProviders {
    const providers: Record<string, aws.Provider> = {};
    for (const account of Object.values(config.accounts)) {
        providers[account.alias] = createAccountProvider(account, sessionName, config.tags, aliases[account.alias] ?? []);
    }
    return providers;
}

function createAccountProvider(account: AccountConfig, sessionName: string, tags: Record<string, string> | undefined, aliases: string[]): aws.Provider {
    return new aws.Provider(providerName(account.alias), {
        region: account.region as aws.Region,
        assumeRoles: [
            {
                roleArn: account.roleArn,
                sessionName: account.sessionName ?? sessionName,
                ...(account.externalId !== undefined ? { externalId: account.externalId } : {}),
            },
        ],
        allowedAccountIds: [account.accountId],
        ...(tags !== undefined ? { defaultTags: { tags } } : {}),
    }, aliasOptions(aliases));
}

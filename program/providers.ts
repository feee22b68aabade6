// One explicit aws.Provider per configured account entry. The stack disables the default provider,
// so every resource must name one of these; `allowedAccountIds` makes the provider refuse to run
// if the assumed role lands in another account than the config says.
import * as aws from "@pulumi/aws";
import { AccountConfig, StackConfig } from "../config";

export type AccountProviders = Readonly<Record<string, aws.Provider>>;

export function providerName(alias: string): string {
    return `aws-${alias}`;
}

export function createAccountProviders(config: StackConfig, sessionName: string): AccountProviders {
    const providers: Record<string, aws.Provider> = {};
    for (const account of Object.values(config.accounts)) {
        providers[account.alias] = createAccountProvider(account, sessionName, config.tags);
    }
    return providers;
}

function createAccountProvider(account: AccountConfig, sessionName: string, tags: Record<string, string> | undefined): aws.Provider {
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
    });
}

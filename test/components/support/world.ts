// Providers for the component specs: one per account, as index.ts builds them.
import * as aws from "@pulumi/aws";
import { CONSUMER_ACCOUNT, DATA_ACCOUNT, REGION } from "../fixtures";

let counter = 0;

export function accountProvider(accountId: string, region: string = REGION): aws.Provider {
    counter += 1;
    return new aws.Provider(`acct-${accountId}-${region}-${counter}`, {
        region: region as aws.Region,
        assumeRoles: [{ roleArn: `arn:aws:iam::${accountId}:role/deploy` }],
    });
}

export const dataProvider = (region?: string): aws.Provider => accountProvider(DATA_ACCOUNT, region);
export const consumerProvider = (region?: string): aws.Provider => accountProvider(CONSUMER_ACCOUNT, region);

/** Resolves after the accumulators' setImmediate auto-seal has run. */
export function afterAutoSeal(): Promise<void> {
    return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

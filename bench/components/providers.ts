// The two providers both benchmark-2 programs declare, so the components and the raw resources are
// placed by identical providers (same URNs, same inputs).
import * as aws from "@pulumi/aws";
import { DESTINATION, SOURCE } from "./variants";

export interface BenchProviders {
    source: aws.Provider;
    destination: aws.Provider;
}

export function declareProviders(): BenchProviders {
    return {
        source: new aws.Provider("source", { region: SOURCE.region, assumeRoles: [{ roleArn: `arn:aws:iam::${SOURCE.accountId}:role/deployer` }] }),
        destination: new aws.Provider("destination", {
            region: DESTINATION.region,
            assumeRoles: [{ roleArn: `arn:aws:iam::${DESTINATION.accountId}:role/deployer` }],
        }),
    };
}

import { accountOfPrincipal, parseArn } from "../model/arn";
import * as T from "../model/awsTypes";
import { asString, isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";

export const KMS_GRANT_IN_ACCOUNT = "kms-grant-in-account";

export interface GrantConfig extends ExemptionConfig {
    allowedAccountIds: string[];
}

const FIX = "grant to a principal of the key's own account, or list the other account in this policy's allowedAccountIds after review";

/** The key's account: from a key ARN in keyId, else the grant's provider. */
function keyAccount(keyId: unknown, providerAccount: unknown): string | undefined {
    if (typeof keyId === "string") {
        const arn = parseArn(keyId);
        if (arn && arn.account !== "") {
            return arn.account;
        }
    }
    return typeof providerAccount === "string" ? providerAccount : undefined;
}

// A grant lets its grantee use the key for the listed operations without any key policy statement
// ("AWS KMS Developer Guide: Grants in AWS KMS"), so a grant to another account bypasses the key policy review.
export const kmsGrantInAccount = resourcePolicy<GrantConfig>(
    {
        name: KMS_GRANT_IN_ACCOUNT,
        description: "KMS grants (aws.kms.Grant) name grantee and retiring principals of the key's own account (or an allowed account).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
        configProperties: {
            allowedAccountIds: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [], description: "Other accounts grants may name." },
        },
    },
    new Set([T.KMS_GRANT]),
    { allowedAccountIds: [] },
    (grant, config, report) => {
        const keyId = asString(grant.props["keyId"]);
        const own = keyAccount(keyId, grant.provider.account);
        if (own === undefined || isUnknown(keyId)) {
            return;
        }
        for (const property of ["granteePrincipal", "retiringPrincipal"]) {
            const principal = asString(grant.props[property]);
            if (typeof principal !== "string") {
                continue;
            }
            const account = accountOfPrincipal(principal);
            if (account !== undefined && account !== own && !config.allowedAccountIds.includes(account)) {
                report(`${describe(grant)} names ${property} ${principal} of account ${account}, outside the key's account ${own}, which can then use the key without any key policy statement. Fix: ${FIX}`);
            }
        }
    },
);

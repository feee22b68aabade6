import { accountOfPrincipal, parseArn } from "../model/arn";
import * as T from "../model/awsTypes";
import { asString, isUnknown } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { definePolicy } from "./definition";
import { cannotVerifyProviderSetting } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { ref } from "../fixtures/format";
import { dataBucket } from "../fixtures/stacks";

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
            // The key's account from a provider setting the pack can't read (a secret assumeRoles) is no pass outside a preview.
            const unreadable = typeof keyId === "string" ? cannotVerifyProviderSetting(runMode(), grant, "its key's account (from its provider's assumed role)", grant.provider.account) : undefined;
            if (unreadable !== undefined) {
                report(unreadable);
            }
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

export const definition = definePolicy({
    policy: kmsGrantInAccount,
    doc: {
        checks: "An `aws.kms.Grant`'s `granteePrincipal` and `retiringPrincipal` are in the key's account (from a key ARN in `keyId`, else the grant's provider), or in an allowed account. Silent while `keyId` is unknown (preview of a new key). Outside a preview, a key account the pack can't read (a secret provider `assumeRoles`, the key named by id) is a \"cannot verify\", not a pass.",
        shapes: "`aws.kms.Grant`",
        config: "`allowedAccountIds` (default `[]`)",
    },
    compliant: [{
        title: "a grant to a role of the key's account",
        resources: dataBucket((r) => [...r, { type: T.KMS_GRANT, name: "app-grant", inputs: { keyId: ref("data-key", "keyId"), granteePrincipal: "arn:aws:iam::111111111111:role/app", operations: ["Decrypt"] } }]),
    }],
    violating: [
        {
            title: "a grant to another account's role, on a key of the stack (its key id is unknown before the key exists)",
            firesAtPreview: false,
            resources: dataBucket((r) => [...r, { type: T.KMS_GRANT, name: "partner-grant", inputs: { keyId: ref("data-key", "keyId"), granteePrincipal: "arn:aws:iam::999999999999:role/partner", operations: ["Decrypt"] } }]),
        },
        {
            title: "a grant on an existing key (by ARN) retired by another account",
            resources: [{ type: T.KMS_GRANT, name: "partner-grant", inputs: { keyId: "arn:aws:kms:eu-west-1:111111111111:key/existing", granteePrincipal: "arn:aws:iam::111111111111:role/app", retiringPrincipal: "arn:aws:iam::999999999999:root", operations: ["Decrypt"] } }],
        },
    ],
});

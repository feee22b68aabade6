// `aws.organizations.getOrganization` (Organizations DescribeOrganization) for the caller's account: every account of
// fake AWS is a member of one organization whose management account is the documentation's example account, so a
// program that reads its organization id for an `aws:PrincipalOrgID` condition gets one, as it would in AWS.
import { AwsContext, DEFAULT_ACCOUNT_ID } from "./context";
import { hashHex } from "./deterministic";

/** "AWS Organizations API Reference, Organization": Id matches ^o-[a-z0-9]{10,32}$, a root ^r-[0-9a-z]{4,32}$. */
const FAKE_ORGANIZATION_ID = `o-${hashHex("fakeaws-organization").slice(0, 10)}`;
const ROOT_ID = `r-${hashHex("fakeaws-organization-root").slice(0, 4)}`;

export function describeOrganization(_args: Record<string, unknown>, ctx: AwsContext): Record<string, unknown> {
    const management = DEFAULT_ACCOUNT_ID;
    const arn = `arn:aws:organizations::${management}:organization/${FAKE_ORGANIZATION_ID}`;
    return {
        id: FAKE_ORGANIZATION_ID,
        arn,
        featureSet: "ALL",
        masterAccountId: management,
        masterAccountArn: `arn:aws:organizations::${management}:account/${FAKE_ORGANIZATION_ID}/${management}`,
        masterAccountEmail: "management@example.com",
        masterAccountName: "management",
        // Only the management account may list accounts and roots (DescribeOrganization is open to every member).
        accounts: [],
        nonMasterAccounts: [],
        roots: ctx.accountId === management ? [{ id: ROOT_ID, arn: `arn:aws:organizations::${management}:root/${FAKE_ORGANIZATION_ID}/${ROOT_ID}`, name: "Root", policyTypes: [] }] : [],
        awsServiceAccessPrincipals: [],
        enabledPolicyTypes: [],
    };
}

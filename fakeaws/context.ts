// Which AWS account and region a fake resource lives in, derived from the provider that created it,
// the same way the real provider would learn it (from the role it assumes, or its allow-list).

export interface AwsContext {
    accountId: string;
    region: string;
    partition: "aws";
}

/** The account used when a provider names none: the AWS documentation's example account. */
export const DEFAULT_ACCOUNT_ID = "123456789012";
/** The region used when a provider names none (the real provider would read AWS_REGION). */
export const DEFAULT_REGION = "us-east-1";

const ACCOUNT_IN_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

/**
 * Provider inputs arrive as the engine sees them: `@pulumi/aws` JSON-encodes every non-string provider
 * input (`assumeRoles`, `allowedAccountIds`, ...), so a value may be a JSON string or already an object.
 */
function decoded(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value) as unknown;
    } catch {
        return value;
    }
}

function firstElement(value: unknown): unknown {
    const list = decoded(value);
    return Array.isArray(list) && list.length > 0 ? list[0] : undefined;
}

/**
 * The last `assumeRoles` entry that names a role: with several entries the provider chains them in order, each
 * assumed with the credentials of the one before (@pulumi/aws v7 role chaining, as the Terraform AWS provider's
 * `assume_role` blocks), so the last role is the one that deploys.
 */
function lastRoleOfChain(value: unknown): unknown {
    const list = decoded(value);
    if (!Array.isArray(list)) {
        return undefined;
    }
    for (let i = list.length - 1; i >= 0; i--) {
        const entry: unknown = list[i];
        if (entry !== null && typeof entry === "object" && typeof (entry as Record<string, unknown>)["roleArn"] === "string") {
            return entry;
        }
    }
    return undefined;
}

/** The role the provider acts as: the last of its `assumeRoles` chain, or the older single `assumeRole`. */
export function assumedRoleOf(providerInputs: Record<string, unknown>): { roleArn: string; sessionName?: string } | undefined {
    const acting = lastRoleOfChain(providerInputs["assumeRoles"]) ?? decoded(providerInputs["assumeRole"]);
    if (acting === null || typeof acting !== "object") {
        return undefined;
    }
    const { roleArn, sessionName } = acting as Record<string, unknown>;
    if (typeof roleArn !== "string") {
        return undefined;
    }
    return { roleArn, ...(typeof sessionName === "string" && sessionName !== "" ? { sessionName } : {}) };
}

function accountFromAssumedRole(providerInputs: Record<string, unknown>): string | undefined {
    const role = assumedRoleOf(providerInputs);
    return role === undefined ? undefined : ACCOUNT_IN_ARN.exec(role.roleArn)?.[1];
}

function accountFromAllowList(providerInputs: Record<string, unknown>): string | undefined {
    const first = firstElement(providerInputs["allowedAccountIds"]);
    return typeof first === "string" && /^\d{12}$/.test(first) ? first : undefined;
}

/** Account from the acting role (the last of an `assumeRoles` chain), else `allowedAccountIds[0]`, else the default; region from `region`. */
export function contextFromProvider(providerInputs: Record<string, unknown>): AwsContext {
    const region = providerInputs["region"];
    return {
        accountId: accountFromAssumedRole(providerInputs) ?? accountFromAllowList(providerInputs) ?? DEFAULT_ACCOUNT_ID,
        region: typeof region === "string" && region !== "" ? region : DEFAULT_REGION,
        partition: "aws",
    };
}

/** The context of a provider-less resource or call (default provider; our stacks disable it). */
export function defaultContext(): AwsContext {
    return { accountId: DEFAULT_ACCOUNT_ID, region: DEFAULT_REGION, partition: "aws" };
}

/** A resource's region: its own `region` input (v7 enhanced region support) wins over the provider's. */
export function regionOf(inputs: Record<string, unknown>, ctx: AwsContext): string {
    const region = inputs["region"];
    return typeof region === "string" && region !== "" ? region : ctx.region;
}

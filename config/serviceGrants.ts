// Stack configuration of service-principal grants and organisation reads: the components' own
// argument schemas (components/serviceGrants/args.ts) plus what only config knows, account aliases.
import { z } from "zod";
import { organizationReadFields, serviceGrantFields, sourceArnAccountProblem, sourceArnServiceProblem } from "../components/serviceGrants/args";
import { configPath, ConfigProblem } from "./errors";
import type { ParsedStackConfig } from "./schema";
import type { AccountConfig, OrganizationReadConfig, ServiceGrantConfig } from "./types";

export const serviceGrantConfigSchema = z.strictObject({
    ...serviceGrantFields,
    /** An alias of `accounts` or a 12-digit account id; default: the bucket's account. */
    sourceAccount: z.string({ error: "must be an alias of accounts or a 12-digit account id in quotes" }).min(1, { error: "must be an alias of accounts or a 12-digit account id in quotes" }).optional(),
});

export const organizationReadConfigSchema = z.strictObject(organizationReadFields);

/** The two lists a bucket entry takes (spread into the bucket schema). */
export const serviceGrantBucketFields = {
    serviceGrants: z.array(serviceGrantConfigSchema, { error: "must be a list of service grants ({ service, sourceAccount?, sourceArn?, access?, prefix? })" }).default([]),
    organizationReads: z.array(organizationReadConfigSchema, { error: "must be a list of { organizationId, prefix? }" }).default([]),
};

type ParsedBucket = ParsedStackConfig["buckets"][number];

function resolveAccount(config: Pick<ParsedStackConfig, "accounts">, value: string): string | undefined {
    if (/^\d{12}$/.test(value)) {
        return value;
    }
    return Object.prototype.hasOwnProperty.call(config.accounts, value) ? config.accounts[value].accountId : undefined;
}

/** sourceAccount names an account, sourceArn agrees with it and names a resource of the service, and no grant is listed twice. */
export function checkServiceGrants(config: ParsedStackConfig, i: number): ConfigProblem[] {
    const bucket = config.buckets[i];
    const problems: ConfigProblem[] = [];
    const bucketAccountId = config.accounts[bucket.account]?.accountId;
    const seen = new Map<string, number>();
    bucket.serviceGrants.forEach((grant, j) => {
        const path = ["buckets", i, "serviceGrants", j];
        const sourceAccount = grant.sourceAccount === undefined ? bucketAccountId : resolveAccount(config, grant.sourceAccount);
        if (sourceAccount === undefined && grant.sourceAccount !== undefined) {
            problems.push({
                path: configPath([...path, "sourceAccount"]),
                message: `"${grant.sourceAccount}" is neither an alias of accounts (${Object.keys(config.accounts).join(", ")}) nor a 12-digit account id; name the account whose resources the service acts for`,
            });
        }
        const arnProblem = sourceAccount === undefined ? undefined : sourceArnAccountProblem(sourceAccount, grant.sourceArn);
        if (arnProblem !== undefined) {
            problems.push({ path: configPath([...path, "sourceArn"]), message: arnProblem });
        }
        const serviceProblem = sourceArnServiceProblem(grant.service, grant.sourceArn);
        if (serviceProblem !== undefined) {
            problems.push({ path: configPath([...path, "sourceArn"]), message: serviceProblem });
        }
        if (grant.access !== "read" && bucket.guardrails.encryptionHeader !== "compatible") {
            problems.push({
                path: configPath([...path, "access"]),
                message: `is ${grant.access} but the bucket's guardrails.encryptionHeader is ${bucket.guardrails.encryptionHeader}, which denies uploads that don't send the aws:kms header; AWS services deliver without it and rely on the bucket's default encryption, so set encryptionHeader: compatible (wrong headers are still denied) or make this grant read`,
            });
        }
        const identity = `${grant.service}|${sourceAccount ?? grant.sourceAccount}|${grant.sourceArn ?? ""}|${grant.prefix ?? ""}`;
        const first = seen.get(identity);
        if (first !== undefined) {
            problems.push({ path: configPath([...path, "service"]), message: `repeats serviceGrants[${first}] (same service, source and prefix); merge them into one (access: read-write)` });
        }
        seen.set(identity, j);
    });
    const orgs = new Map<string, number>();
    bucket.organizationReads.forEach((read, j) => {
        const identity = `${read.organizationId}|${read.prefix ?? ""}`;
        const first = orgs.get(identity);
        if (first !== undefined) {
            problems.push({ path: configPath(["buckets", i, "organizationReads", j, "organizationId"]), message: `repeats organizationReads[${first}]; remove one` });
        }
        orgs.set(identity, j);
    });
    return problems;
}

export function normalizeServiceGrants(bucket: ParsedBucket, accounts: Record<string, AccountConfig>): { serviceGrants: ServiceGrantConfig[]; organizationReads: OrganizationReadConfig[] } {
    const bucketAccountId = accounts[bucket.account].accountId;
    return {
        serviceGrants: bucket.serviceGrants.map((grant) => ({
            service: grant.service,
            access: grant.access,
            ...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),
            sourceAccount: grant.sourceAccount === undefined ? bucketAccountId : (resolveAccount({ accounts }, grant.sourceAccount) as string),
            ...(grant.sourceArn !== undefined ? { sourceArn: grant.sourceArn } : {}),
        })),
        organizationReads: bucket.organizationReads.map((read) => ({ organizationId: read.organizationId, ...(read.prefix !== undefined ? { prefix: read.prefix } : {}) })),
    };
}

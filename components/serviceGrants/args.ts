// The arguments of BucketServiceGrant and BucketOrganizationRead, declared once as zod schemas in
// the documentation's vocabulary. The components parse with them (every problem at once); config/
// composes them for stack configuration, adding only account aliases.
import { z } from "zod";
import { accountIdField, grantAccessField, keyPrefixField } from "../args/fields";
import { foreignSourceArnServices, isAwsRegion } from "../../awsrules";
import { retiredKeysField } from "../retiredKeys";
import { ORGANIZATION_ID, SERVER_ACCESS_LOGGING_SERVICE, SERVICE_PRINCIPAL } from "../policy/serviceGrants";

/** An ARN of the aws partition whose resource part may carry IAM wildcards (aws:SourceArn takes ArnLike). */
const SOURCE_ARN = /^arn:aws:[a-z0-9-]+:[a-z0-9-*]*:(\d{12}|\*)?:.+$/;

/** The Region part of a source ARN: empty (global resources), a wildcard pattern, or a Region that exists. */
function sourceArnRegionOk(region: string): boolean {
    return region === "" || region.includes("*") || isAwsRegion(region);
}

// The bucket grants' vocabulary: the same kinds of access and the same prefix rules (a prefix becomes part of an IAM Resource ARN).
export const grantAccessSchema = grantAccessField;
export const grantPrefixSchema = keyPrefixField;

export const servicePrincipalSchema = z
    .string({ error: "must be an AWS service principal such as cloudtrail.amazonaws.com" })
    .regex(SERVICE_PRINCIPAL, { error: "is not an AWS service principal. Fix: use <service>.amazonaws.com, e.g. cloudtrail.amazonaws.com or delivery.logs.amazonaws.com" })
    .refine((s) => s !== SERVER_ACCESS_LOGGING_SERVICE, {
        error:
            "S3 server access logging delivers only to a bucket encrypted with SSE-S3, never to an SSE-KMS bucket (Amazon S3 User Guide, \"Enabling Amazon S3 server access logging\"); " +
            "send access logs to a log bucket (docs/configuration.md), or record S3 data events with CloudTrail (cloudtrail.amazonaws.com) into this bucket",
    });

export const sourceAccountIdSchema = accountIdField;

export const sourceArnSchema = z
    .string({ error: "must be the ARN of the resource the service acts for" })
    .regex(SOURCE_ARN, { error: "is not an ARN. Fix: use the resource the service acts for, e.g. arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail or arn:aws:logs:eu-west-1:111111111111:*" })
    // A mistyped Region (eu-wst-1) would leave a condition no request ever matches: the service is refused with no hint.
    .refine((arn) => sourceArnRegionOk(arn.split(":")[3]), {
        error: (issue) =>
            `names the Region "${String(issue.input).split(":")[3]}", which is not an AWS Region of the aws partition. Fix: use the Region of the resource the service acts for ` +
            "(e.g. arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail), leave it empty for a global resource, or use * for any Region",
    })
    .refine((arn) => arn.split(":").slice(5).join(":") !== "*", { error: "must name a resource, not every resource (\"*\"); aws:SourceAccount alone already allows every resource of the account, so omit sourceArn instead" });

export const organizationIdSchema = z
    .string({ error: "must be an AWS Organization id such as o-a1b2c3d4e5" })
    .regex(ORGANIZATION_ID, { error: "is not an AWS Organization id. Fix: use o- followed by 10-32 lower-case letters or digits, e.g. o-a1b2c3d4e5 (aws organizations describe-organization)" });

/** The service-grant fields every layer shares; `sourceAccount` is an account id here (config also takes an alias). */
export const serviceGrantFields = {
    service: servicePrincipalSchema,
    access: grantAccessSchema.default("write"),
    prefix: grantPrefixSchema.optional(),
    sourceArn: sourceArnSchema.optional(),
};

/** sourceArn, when it names an account, must name sourceAccount: both conditions must hold at once. */
export function sourceArnAccountProblem(sourceAccount: string, sourceArn: string | undefined): string | undefined {
    const arnAccount = sourceArn?.split(":")[4];
    if (arnAccount === undefined || arnAccount === "" || arnAccount === "*" || arnAccount === sourceAccount) {
        return undefined;
    }
    return `names account ${arnAccount} but sourceAccount is ${sourceAccount}; the service must act for a resource of sourceAccount, so no request would match both. Use a resource of account ${sourceAccount}`;
}

/**
 * sourceArn must name a resource of the service itself: a service sends its own resource's ARN as aws:SourceArn
 * ("IAM User Guide: AWS global condition context keys"), so an ARN of another service (cloudtrail.amazonaws.com
 * pinned to arn:aws:config:…) matches no request and the grant never applies. Services the shared declaration
 * doesn't list are not judged.
 */
export function sourceArnServiceProblem(service: string, sourceArn: string | undefined): string | undefined {
    const foreign = sourceArn === undefined ? undefined : foreignSourceArnServices(service, [sourceArn]);
    if (foreign === undefined) {
        return undefined;
    }
    const own = foreign.expected[0];
    return `names a resource of ${foreign.found.join(", ")}, but ${service} acts for resources of ${foreign.expected.join(" or ")} and sends their ARN as aws:SourceArn, so no request of the service would match and the grant would never apply. ` +
        `Fix: use the ARN of the ${own} resource the service acts for (arn:aws:${own}:<region>:<account>:…), or omit sourceArn (sourceAccount still pins the account)`;
}

export const bucketServiceGrantArgsSchema = z
    .strictObject({
        ...serviceGrantFields,
        /** Default: the bucket's account. */
        sourceAccount: sourceAccountIdSchema.optional(),
    })
    .superRefine((args, ctx) => {
        const serviceProblem = sourceArnServiceProblem(args.service, args.sourceArn);
        if (serviceProblem !== undefined) {
            ctx.addIssue({ code: "custom", path: ["sourceArn"], message: serviceProblem });
        }
        if (args.sourceAccount !== undefined) {
            const problem = sourceArnAccountProblem(args.sourceAccount, args.sourceArn);
            if (problem !== undefined) {
                ctx.addIssue({ code: "custom", path: ["sourceArn"], message: problem });
            }
        }
    });

export const organizationReadFields = {
    organizationId: organizationIdSchema,
    prefix: grantPrefixSchema.optional(),
};

/** The component also takes the bucket's retired keys (the configuration passes its acknowledge.retireKey). */
export const bucketOrganizationReadArgsSchema = z.strictObject({ ...organizationReadFields, retiredKeys: retiredKeysField });

export type BucketServiceGrantFields = z.input<typeof bucketServiceGrantArgsSchema>;
export type BucketOrganizationReadFields = z.input<typeof bucketOrganizationReadArgsSchema>;


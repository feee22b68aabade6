// Grants beyond IAM users and roles: an AWS service principal pinned to its source (confused-deputy
// safe), and read for every other account of an AWS Organization.
import type { OracleRequest } from "../support/oracle";
import { callerFromArn, serviceKmsDirectContext, serviceKmsViaS3Context, serviceS3Context, type Caller, type ServiceCaller } from "../support/requestContext";
import { ALLOWED, defineScenario, notGranted, type Scenario } from "../support/scenario";
import type { OrganizationReadFacts, ServiceGrantFacts, World } from "../world/types";
import { encryptionContextFor, kmsRequest, objectArn, s3BucketRequest, s3ObjectRequest } from "./requests";

/** An account no stack of this repository uses: the neighbour whose trail tries to write here. */
const OTHER_ACCOUNT = "999999999999";
/** A member account of the organisation that is not the bucket's. */
const MEMBER_ACCOUNT = "555555555555";
const OUTSIDE_ORGANIZATION = "o-zzzzzzzzzz";

interface ServiceFixture {
    grant: ServiceGrantFacts;
    caller: ServiceCaller;
}

/** A concrete source ARN the grant's (possibly wildcarded) sourceArn matches, in `account`. */
function sourceArnIn(grant: ServiceGrantFacts, account: string): string {
    const pattern = grant.sourceArn ?? `arn:aws:cloudtrail:${grant.bucket.region}:${grant.sourceAccount}:trail/any`;
    const parts = pattern.split(":");
    parts[4] = account;
    return parts.join(":").replace(/\*/g, "x");
}

function serviceFixtures(world: World, who: (g: ServiceGrantFacts) => ServiceCaller | undefined): Array<{ label: string; fixture: ServiceFixture }> {
    return world.serviceGrants.flatMap((grant) => {
        const caller = who(grant);
        return caller === undefined ? [] : [{ label: `${grant.service} on ${grant.bucket.name}`, fixture: { grant, caller } }];
    });
}

const writers = (g: ServiceGrantFacts): boolean => g.access !== "read";

/**
 * The writing services whose AWS documentation puts kms:DescribeKey in the key policy: CloudTrail (AWS CloudTrail
 * User Guide, "Configure AWS KMS key policies for CloudTrail", "Enable CloudTrail to describe KMS key properties";
 * without it, with an S3 Bucket Key, "you cannot create or update a trail") and vended-log delivery (Amazon
 * CloudWatch Logs User Guide, "Enable logging from AWS services", "Amazon S3 bucket server-side encryption").
 */
const DESCRIBE_KEY_PER_AWS_DOCS: ReadonlySet<string> = new Set(["cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com"]);
const describers = (g: ServiceGrantFacts): boolean => writers(g) && DESCRIBE_KEY_PER_AWS_DOCS.has(g.service);

function servicePut(f: ServiceFixture): OracleRequest {
    const bucket = f.grant.bucket;
    return {
        principal: f.caller.service,
        action: "s3:PutObject",
        resource: objectArn(bucket, f.grant.prefix),
        resourceAccount: bucket.accountId,
        context: serviceS3Context(f.caller, bucket.accountId, bucket.region),
        identityPolicies: [],
        resourcePolicy: bucket.policy,
    };
}

function serviceBucketAcl(f: ServiceFixture): OracleRequest {
    const bucket = f.grant.bucket;
    return { ...servicePut(f), action: "s3:GetBucketAcl", resource: bucket.arn };
}

function serviceGenerateDataKey(f: ServiceFixture): OracleRequest {
    const bucket = f.grant.bucket;
    return {
        principal: f.caller.service,
        action: "kms:GenerateDataKey",
        resource: bucket.key.arn,
        resourceAccount: bucket.key.accountId,
        context: serviceKmsViaS3Context(f.caller, bucket.key.accountId, bucket.region, encryptionContextFor(bucket, f.grant.prefix)),
        identityPolicies: [],
        resourcePolicy: bucket.key.policy,
    };
}

/** DescribeKey as the service calls it: on the key directly, not through S3, so with no encryption context. */
function serviceDescribeKey(f: ServiceFixture): OracleRequest {
    const key = f.grant.bucket.key;
    return {
        principal: f.caller.service,
        action: "kms:DescribeKey",
        resource: key.arn,
        resourceAccount: key.accountId,
        context: serviceKmsDirectContext(f.caller, key.accountId, f.grant.bucket.region),
        identityPolicies: [],
        resourcePolicy: key.policy,
    };
}

const DESCRIBE_KEY_STEP = "kms:DescribeKey, called by the service itself (not through S3, so no encryption context)";

function serviceLegs(expect: typeof ALLOWED) {
    return [
        { step: "s3:GetBucketAcl (the service checks the bucket before delivering)", expect, request: serviceBucketAcl },
        { step: "s3:PutObject under the grant's prefix, no encryption headers", expect, request: servicePut },
        { step: "kms:GenerateDataKey via S3", expect, request: serviceGenerateDataKey },
    ];
}

/** For a source the grant does not name, DescribeKey is refused like every other leg. */
function foreignSourceLegs() {
    return [...serviceLegs(notGranted("resource")), { step: DESCRIBE_KEY_STEP, expect: notGranted("resource"), request: serviceDescribeKey }];
}

interface MemberFixture {
    read: OrganizationReadFacts;
    caller: Caller;
    /** aws:PrincipalOrgID of the caller's account, absent for an account in no organisation. */
    organizationId: string;
}

function withOrganization(request: OracleRequest, organizationId: string): OracleRequest {
    return { ...request, context: { ...request.context, "aws:PrincipalOrgID": organizationId } };
}

function memberFixtures(world: World, account: (r: OrganizationReadFacts) => string, organizationId: (r: OrganizationReadFacts) => string, withPolicy: boolean) {
    return world.organizationReads.map((read) => ({
        label: `${read.organizationId} on ${read.bucket.name}`,
        fixture: {
            read,
            organizationId: organizationId(read),
            caller: callerFromArn("organisation reader", `arn:aws:iam::${account(read)}:role/org-reader`, withPolicy ? [read.memberPolicy] : []),
        },
    }));
}

function memberLegs(expect: typeof ALLOWED) {
    return [
        {
            step: "s3:GetObject under the read's prefix",
            expect,
            request: (f: MemberFixture) => withOrganization(s3ObjectRequest(f.caller, f.read.bucket, "s3:GetObject", { prefix: f.read.prefix }), f.organizationId),
        },
        {
            step: "s3:ListBucket of the prefix",
            expect,
            request: (f: MemberFixture) => withOrganization(s3BucketRequest(f.caller, f.read.bucket, "s3:ListBucket", undefined, f.read.prefix), f.organizationId),
        },
        {
            step: "kms:Decrypt via S3",
            expect,
            request: (f: MemberFixture) =>
                withOrganization(kmsRequest(f.caller, f.read.bucket.key, "kms:Decrypt", { via: "s3", encryptionContext: encryptionContextFor(f.read.bucket, f.read.prefix) }), f.organizationId),
        },
    ];
}

export const serviceGrantScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "service-principal-for-its-source",
        category: "AWS service principals",
        title: "The granted service delivers for the resource the grant names (its source account and ARN)",
        select: (world: World) => serviceFixtures(world, (g) => (writers(g) ? { service: g.service, sourceAccount: g.sourceAccount, sourceArn: sourceArnIn(g, g.sourceAccount) } : undefined)),
        legs: serviceLegs(ALLOWED),
    }),
    defineScenario({
        id: "service-principal-describes-key",
        category: "AWS service principals",
        title: "CloudTrail and log delivery may describe the key while they act for the grant's source",
        note: "DescribeKey carries no encryption context, so it has its own key-policy statement, pinned by the same aws:SourceAccount / aws:SourceArn. Services whose documentation does not ask for it (AWS Config) do not get it.",
        select: (world: World) => serviceFixtures(world, (g) => (describers(g) ? { service: g.service, sourceAccount: g.sourceAccount, sourceArn: sourceArnIn(g, g.sourceAccount) } : undefined)),
        legs: [{ step: DESCRIBE_KEY_STEP, expect: ALLOWED, request: serviceDescribeKey }],
    }),
    defineScenario({
        id: "service-principal-for-another-account",
        category: "AWS service principals",
        title: "The same service acting for another account's resource (a confused deputy)",
        note: "Without the aws:SourceAccount condition anyone could point their own trail or log delivery at this bucket and the service would write here with its own permission.",
        select: (world: World) => serviceFixtures(world, (g) => ({ service: g.service, sourceAccount: OTHER_ACCOUNT, sourceArn: sourceArnIn(g, OTHER_ACCOUNT) })),
        legs: foreignSourceLegs(),
    }),
    defineScenario({
        id: "service-principal-for-another-resource",
        category: "AWS service principals",
        title: "The same service acting for another resource of the source account (grants with sourceArn)",
        select: (world: World) =>
            serviceFixtures(world, (g) => (g.sourceArn === undefined ? undefined : { service: g.service, sourceAccount: g.sourceAccount, sourceArn: `arn:aws:cloudtrail:${g.bucket.region}:${g.sourceAccount}:trail/someone-elses-trail` })),
        legs: foreignSourceLegs(),
    }),
    defineScenario({
        id: "organization-member-reads",
        category: "AWS Organizations",
        title: "A principal of a member account, with the exported member policy, reads under the prefix",
        select: (world: World) => memberFixtures(world, () => MEMBER_ACCOUNT, (r) => r.organizationId, true),
        legs: memberLegs(ALLOWED),
    }),
    defineScenario({
        id: "organization-outsider",
        category: "AWS Organizations",
        title: "The same principal and policy in an account outside the organisation",
        select: (world: World) => memberFixtures(world, () => MEMBER_ACCOUNT, () => OUTSIDE_ORGANIZATION, true),
        legs: memberLegs(notGranted("resource")),
    }),
    defineScenario({
        id: "organization-read-not-for-owner-account",
        category: "AWS Organizations",
        title: "A principal of the bucket's own account (in the organisation) with no IAM policy",
        note: "In one account a resource policy alone grants access (IAM User Guide, \"Policy evaluation logic\"), so the organisation statements exclude the bucket's account: its principals are granted by ARN (grants) or by their IAM policies.",
        select: (world: World) => memberFixtures(world, (r) => r.bucket.accountId, (r) => r.organizationId, false),
        legs: memberLegs(notGranted("identity")),
    }),
];

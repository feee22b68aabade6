// Server access log buckets accept log delivery only: logging.s3.amazonaws.com may write a source bucket's
// logs under that source's prefix when aws:SourceArn / aws:SourceAccount name that source ("Permissions for
// log delivery"); the same service acting for another account's bucket is not granted; and an IAM principal
// of the log bucket's own account, even one whose IAM policy allows s3:*, is denied.
import type { OracleRequest } from "../support/oracle";
import { callerFromArn, s3ByServiceContext, s3Context } from "../support/requestContext";
import { ALLOWED, defineScenario, deniedBy, notGranted, type Scenario } from "../support/scenario";
import type { LogBucketFacts, World } from "../world/types";

const CATEGORY = "Access logging" as const;
const LOG_DELIVERY = "logging.s3.amazonaws.com";

interface LogSourceFixture {
    log: LogBucketFacts;
    source: LogBucketFacts["sources"][number];
}

function sourcesOf(world: World): Array<{ label: string; fixture: LogSourceFixture }> {
    return world.logBuckets.flatMap((log) =>
        log.sources.map((source) => ({ label: `log bucket ${log.name}, source ${source.bucketArn}`, fixture: { log, source } })),
    );
}

function delivery(source: (f: LogSourceFixture) => { arn: string; accountId: string }, key: (f: LogSourceFixture) => string) {
    return (f: LogSourceFixture): OracleRequest => ({
        principal: LOG_DELIVERY,
        action: "s3:PutObject",
        resource: `${f.log.arn}/${key(f)}`,
        resourceAccount: f.log.accountId,
        context: s3ByServiceContext(LOG_DELIVERY, source(f), f.log.accountId, f.log.region),
        identityPolicies: [],
        resourcePolicy: f.log.policy,
    });
}

const LOG_OBJECT = "2026-12-03-14-00-00-0123456789ABCDEF";
const otherAccount = (account: string): string => (account === "999999999999" ? "999999999998" : "999999999999");

function adminWrite(f: LogSourceFixture): OracleRequest {
    const admin = callerFromArn("administrator", `arn:aws:iam::${f.log.accountId}:role/Administrator`, [
        { name: "AdministratorAccess", document: { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
    ]);
    return {
        principal: admin.arn,
        action: "s3:PutObject",
        resource: `${f.log.arn}/${f.source.prefix}${LOG_OBJECT}`,
        resourceAccount: f.log.accountId,
        context: s3Context(admin, f.log.accountId, f.log.region),
        identityPolicies: admin.identityPolicies,
        resourcePolicy: f.log.policy,
    };
}

export const accessLogScenarios: ReadonlyArray<Scenario<World>> = [
    defineScenario({
        id: "access-log-bucket-log-delivery-only",
        category: CATEGORY,
        title: "A log bucket accepts only log delivery",
        note: "S3 sets aws:SourceArn to the logged bucket and aws:SourceAccount to its owner; both must match a statement. Every PutObject by a caller that is not an AWS service principal is denied outright (DenyWritesOtherThanLogDelivery), so even an administrator of the log bucket's account cannot add objects that would sit outside the customer managed keys.",
        select: sourcesOf,
        legs: [
            {
                step: "s3:PutObject by logging.s3.amazonaws.com for the named source bucket, under its prefix",
                expect: ALLOWED,
                request: delivery((f) => ({ arn: f.source.bucketArn, accountId: f.source.accountId }), (f) => `${f.source.prefix}${LOG_OBJECT}`),
            },
            {
                step: "s3:PutObject by logging.s3.amazonaws.com for a bucket of another account",
                expect: notGranted("resource"),
                request: delivery((f) => ({ arn: "arn:aws:s3:::someone-elses-bucket", accountId: otherAccount(f.source.accountId) }), (f) => `${f.source.prefix}${LOG_OBJECT}`),
            },
            {
                step: "s3:PutObject by logging.s3.amazonaws.com for the named source, outside its prefix",
                expect: notGranted("resource"),
                request: delivery((f) => ({ arn: f.source.bucketArn, accountId: f.source.accountId }), () => `elsewhere/${LOG_OBJECT}`),
            },
            {
                step: "s3:PutObject by an administrator of the log bucket's account (IAM allows s3:*)",
                expect: deniedBy("DenyWritesOtherThanLogDelivery"),
                request: adminWrite,
            },
        ],
    }),
];

// The target of S3 server access logging, judged from the logging configuration that names it (Amazon S3 User
// Guide, "Enabling Amazon S3 server access logging"; "Permissions for log delivery"): S3 delivers logs only to
// a bucket of the source's own account and Region whose default encryption is SSE-S3, never SSE-KMS; and since
// such a bucket holds data outside the customer managed keys' reach, it must take log delivery and nothing else.
import { coversAction, isDeny } from "../model/iam";
import { ConditionClause, Maybe, Statement } from "../model/policyDocument";
import { IndexedResource } from "../model/resources";
import { BucketModel, LoggingModel } from "../model/stackIndex";
import { andTri, Tri } from "../model/tri";
import { isUnknown, UNKNOWN } from "../model/values";
import { LOG_DELIVERY_SERVICE, SSE_S3_ALGORITHM } from "./accessLogFacts";
import { bucketStatements, coversEveryResource, objectArn } from "./bucketPolicyFacts";
import { BOOL_OPERATORS, boolClauseHolds, clauseHolds, UploadHeaders } from "./uploadHeaderConditions";
import { definePolicy } from "./definition";
import * as T from "../model/awsTypes";
import { inlineNextToSeparate } from "./inlineNextToSeparate";
import { cannotVerifyProviderSetting, PROVIDER_ACCOUNT_SETTING } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { ExemptionConfig } from "./exemptions";
import { describe, Finding, findingOn, stackPolicy } from "./framework";
import { isKmsAlgorithm, sseRules } from "./sseFacts";
import { loggedData, logBucketStatements } from "../fixtures/accessLogs";
import { bucketPolicyOf, withInputs } from "../fixtures/stacks";

export const S3_ACCESS_LOG_TARGET = "s3-access-log-target";

const DENY_OTHER_WRITERS = `{"Sid":"DenyWritesOtherThanLogDelivery","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"<log bucket ARN>/*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"}}}`;

function known(v: Maybe<string> | undefined): v is string {
    return typeof v === "string" && v !== "";
}

// The two callers the writers' deny is about, by the context keys IAM sets for them ("AWS global condition context
// keys": aws:PrincipalIsAWSService is in every request, aws:PrincipalServiceName only in a service principal's).
const OTHER_WRITER: UploadHeaders = new Map([["aws:principalisawsservice", "false"], ["aws:principalservicename", undefined]]);
const LOG_DELIVERY: UploadHeaders = new Map([["aws:principalisawsservice", "true"], ["aws:principalservicename", LOG_DELIVERY_SERVICE]]);

/** One clause for one caller; undefined: a key or operator this reading doesn't model (it may spare any caller). */
function clauseHoldsFor(c: ConditionClause, caller: UploadHeaders): Tri | undefined {
    if (!caller.has(c.key)) {
        return undefined;
    }
    return BOOL_OPERATORS.has(c.operator) ? boolClauseHolds(c, caller) : clauseHolds(c, caller);
}

/** Do all of the statement's conditions hold for the caller (they are ANDed)? False when one is not modelled. */
function conditionsHoldFor(conditions: readonly ConditionClause[], caller: UploadHeaders): Tri {
    let verdict: Tri = true;
    for (const c of conditions) {
        const holds = clauseHoldsFor(c, caller);
        if (holds === undefined || holds === false) {
            return false;
        }
        verdict = andTri(verdict, holds);
    }
    return verdict;
}

/**
 * A Deny of s3:PutObject on every object of the bucket for every caller that is not an AWS service principal, which
 * leaves log delivery alone: AWS's `Bool aws:PrincipalIsAWSService = false`, or the same meaning spelt otherwise
 * (`BoolIfExists`, a string operator on "false", `StringNotEquals aws:PrincipalServiceName logging.s3.amazonaws.com`,
 * which denies the other AWS services too), as IAM evaluates them.
 */
function deniesNonServiceWriters(s: Statement, objects: Maybe<string>): Tri {
    if (isDeny(s) === false || isUnknown(s.conditions)) {
        return isUnknown(s.conditions) ? UNKNOWN : false;
    }
    const everyone = s.principal !== undefined && s.principal.wildcard === true;
    if (!everyone || coversAction(s, "s3:PutObject") === false || coversEveryResource(s, objects) === false || s.conditions.length === 0) {
        return false;
    }
    const sparesLogDelivery = conditionsHoldFor(s.conditions, LOG_DELIVERY);
    if (sparesLogDelivery !== false) {
        // A deny that may stop log delivery itself is no "log delivery only" rule (and S3 would deliver nothing).
        return isUnknown(sparesLogDelivery) ? UNKNOWN : false;
    }
    return conditionsHoldFor(s.conditions, OTHER_WRITER);
}

function checkWriters(target: BucketModel, report: (f: Finding) => void): void {
    const b = target.resource;
    const statements = bucketStatements(target);
    if (isUnknown(statements)) {
        return;
    }
    const objects = objectArn(target);
    const verdicts = statements.map((s) => deniesNonServiceWriters(s, objects));
    if (verdicts.includes(true) || verdicts.some(isUnknown)) {
        return;
    }
    const at = target.policies.length > 0 ? target.policies[target.policies.length - 1].resource : b;
    report(findingOn(b, at,
        `${target.policies.length === 0 ? "has no bucket policy, so" : "does not deny s3:PutObject to callers other than AWS services, so"} anyone with IAM access can write into the server access log bucket ${describe(b)}, whose SSE-S3 encryption is outside the customer managed keys' control`,
        `add to the log bucket's aws.s3.BucketPolicy ${DENY_OTHER_WRITERS} next to the Allow for ${LOG_DELIVERY_SERVICE} (with aws:SourceArn and aws:SourceAccount)`));
}

function checkEncryption(target: BucketModel, logging: IndexedResource, report: (f: Finding) => void): void {
    for (const { config, rule } of sseRules(target)) {
        if (isKmsAlgorithm(rule.algorithm)) {
            report(findingOn(target.resource, config.resource,
                `encrypts server access log target ${describe(target.resource)} (named by ${describe(logging)}) with ${rule.algorithm}; S3 does not deliver server access logs to a bucket with SSE-KMS default encryption, so no log would arrive`,
                `give the log bucket applyServerSideEncryptionByDefault = { sseAlgorithm: "${SSE_S3_ALGORITHM}" }, or record requests with CloudTrail S3 data events into an SSE-KMS bucket instead`));
        }
    }
}

function checkPlacement(logging: LoggingModel, target: BucketModel, report: (f: Finding) => void): void {
    const source = logging.source;
    if (source === undefined) {
        return;
    }
    if (source === target) {
        report(findingOn(target.resource, logging.resource, `makes ${describe(target.resource)} the target of its own access logs; every delivery is itself a logged request, so the logs feed themselves`, "deliver into a separate log bucket"));
        return;
    }
    const s = source.resource;
    const t = target.resource;
    // Outside a preview, an account or Region the pack can't read (a secret provider setting) is no pass.
    const mode = runMode();
    const unreadable = [
        cannotVerifyProviderSetting(mode, s, PROVIDER_ACCOUNT_SETTING, s.account),
        cannotVerifyProviderSetting(mode, t, PROVIDER_ACCOUNT_SETTING, t.account),
        cannotVerifyProviderSetting(mode, s, "its region", s.region),
        cannotVerifyProviderSetting(mode, t, "its region", t.region),
    ].find((reason) => reason !== undefined);
    if (unreadable !== undefined) {
        report({ subject: t, urn: logging.resource.urn, message: unreadable });
    }
    if (known(s.account) && known(t.account) && s.account !== t.account) {
        report(findingOn(t, logging.resource, `logs ${describe(s)} of account ${s.account} into ${describe(t)} of account ${t.account}; S3 delivers server access logs only to a bucket owned by the source bucket's account`, `use a log bucket in account ${s.account}`));
    }
    if (known(s.region) && known(t.region) && s.region !== t.region) {
        report(findingOn(t, logging.resource, `logs ${describe(s)} in ${s.region} into ${describe(t)} in ${t.region}; S3 delivers server access logs only to a bucket in the source bucket's Region`, `use a log bucket in ${s.region}`));
    }
}

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_ACCESS_LOG_TARGET,
        description: "A server access log target is in the source bucket's account and Region, uses SSE-S3 (S3 does not deliver access logs to SSE-KMS buckets), and denies every writer other than log delivery.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: `log into a bucket of the same account and Region with SSE-S3 default encryption and a bucket policy that allows ${LOG_DELIVERY_SERVICE} (aws:SourceArn, aws:SourceAccount) and denies other writers`,
    },
    {},
    (index, _config, report) => {
        const judged = new Set<BucketModel>();
        for (const logging of index.loggings) {
            for (const target of logging.targets) {
                checkPlacement(logging, target, report);
                if (!judged.has(target)) {
                    judged.add(target);
                    checkEncryption(target, logging.resource, report);
                    checkWriters(target, report);
                }
            }
        }
    },
);

const withoutWriterDeny = (r: Parameters<typeof withInputs>[0]) =>
    withInputs(r, "logs-policy", bucketPolicyOf(logBucketStatements("logs", "data").filter((_, i) => i !== 1)));

export const s3AccessLogTarget = {
    ...stackPart,
    validateResource: inlineNextToSeparate({
        policy: S3_ACCESS_LOG_TARGET, block: "logging", separateTypes: [T.BUCKET_LOGGING, T.BUCKET_LOGGING_V2], what: "the server access logging",
    }),
};

export const definition = definePolicy({
    policy: s3AccessLogTarget,
    doc: {
        checks: "For each bucket a logging configuration targets (`BucketLogging(V2)`, inline `logging`/`loggings`, aws-native `loggingConfiguration.destinationBucketName`, which without a destination logs into the bucket itself): SSE-S3, not SSE-KMS (S3 would deliver nothing); the source's account and Region; not the source itself; a bucket policy that denies `s3:PutObject` to every caller that is not an AWS service (`aws:PrincipalIsAWSService = false`), so only log delivery writes there. Outside a preview, a source or target account or Region the pack can't read (a secret provider setting) is a \"cannot verify\", not a pass. In a fresh preview, a new bucket's inline `logging` next to a `BucketLogging` is judged too (each overwrites the other on update). During `pulumi up` and in a preview (where the bucket's name is known: an existing bucket, or a literal name), an inline `logging(s)` the bucket's inputs declare next to a `BucketLogging(V2)` for the same bucket is reported on that separate resource before it is created (keep exactly one); the preview `pulumi up` runs first is what stops a change to an existing bucket, which `up` updates before it analyzes the separate resource. A bucket whose inputs don't declare it is not judged from the provider's read-back in its outputs, and `pulumi policy analyze` on a state (where an imported bucket's recorded inputs can hold the read-back) does not report it.",
        shapes: "`BucketLogging`, `BucketLoggingV2`, inline `logging`/`loggings`, native `loggingConfiguration`",
        config: "—",
    },
    compliant: [
        { title: "an SSE-S3 log bucket that admits log delivery only", resources: loggedData() },
        { title: "the same, targeted by a BucketLoggingV2", resources: loggedData({ shape: "v2-resource" }) },
    ],
    violating: [
        { title: "a log target with SSE-KMS default encryption (S3 delivers nothing)", resources: loggedData({ sse: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000009" } }) },
        { title: "a log target in another Region than its source", resources: loggedData({ provider: "elsewhere" }), providers: [{ name: "elsewhere", region: "eu-central-1", account: "111111111111" }] },
        { title: "a log bucket whose policy lets other writers in (its JSON embeds the bucket ARN: unknown in preview)", firesAtPreview: false, resources: withoutWriterDeny(loggedData()) },
    ],
});

import { rememberNativeBucketInputs } from "./nativeBucketInputs";
import { IndexedResource } from "../model/resources";
import { BucketModel, SseConfig, SseRule } from "../model/stackIndex";
import { declareAppliesTo } from "../model/appliesTo";
import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import * as T from "../model/awsTypes";
import { judgedByResourcePart, recordVerdict } from "../model/runMemory";
import { rememberedBucketOf } from "./inlineNextToSeparate";
import { isUnknown, UNKNOWN } from "../model/values";
import { bucketLabel, describe, Finding, findingOn, stackPolicy } from "./framework";
import { exemptedPolicies, ExemptionConfig, isExempt } from "./exemptions";
import { externalBucketLabel } from "./externalBuckets";
import { isKmsAlgorithm } from "./sseFacts";
import { SSE_S3_ALGORITHM, takesSseS3OnlyLogs } from "./accessLogFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs, without } from "../fixtures/stacks";
import { FixtureResource, ref } from "../fixtures/format";
import { loggedData } from "../fixtures/accessLogs";
import { albLogged, CENTRAL_ALB_LOG_PROVIDERS, centralAlbLogged, LOG_ARCHIVE_ACCOUNT } from "../fixtures/albLogs";
import { redshiftLogged } from "../fixtures/redshiftLogs";
import { directoryBucketsWithoutEncryption } from "./directoryBucketFacts";
import { cannotVerifyProviderSetting } from "./cannotVerify";
import { runMode } from "../model/runMode";
import { isAwsManagedS3Key, isKmsKeyArn } from "../model/arn";
import { Maybe } from "../model/policyDocument";
import { S3_BUCKET_SSE_CUSTOMER_MANAGED_KEY } from "./s3BucketSseCustomerManagedKey";
import { KMS_KEY_S3_COMPATIBLE } from "./kmsKeyS3Compatible";
import { keyReferenceKind, S3_BUCKET_SSE_KEY_ARN } from "./s3BucketSseKeyArn";
import { keyIncompatibility, specCarrier } from "./keysUsedByS3";

export const S3_BUCKET_SSE_KMS = "s3-bucket-sse-kms";

const FIX_ADD = "add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <customer managed key ARN> }";

function checkBucket(bucket: BucketModel, report: (f: Finding) => void): void {
    const b = bucket.resource;
    if (bucket.sse.length === 0) {
        report(findingOn(b, b, "has no default server-side encryption configuration, so S3 encrypts new objects with SSE-S3 (AES256), not SSE-KMS", FIX_ADD));
        return;
    }
    if (bucket.sse.length > 1 && !judgedByResourcePart(S3_BUCKET_SSE_KMS, b.urn)) {
        const sources = bucket.sse.map((c) => (c.inline ? `inline property of ${describe(c.resource)}` : describe(c.resource))).join(", ");
        report(findingOn(b, b, `has ${bucket.sse.length} default encryption configurations (${sources}); they overwrite each other on every update`,
            "keep exactly one: a single BucketServerSideEncryptionConfiguration, and remove the deprecated inline serverSideEncryptionConfiguration"));
    }
    // S3 server access logs, ALB and Classic Load Balancer logs and Redshift audit logs are delivered only to an SSE-S3
    // bucket: such a log target may (and must) use AES256.
    const sseS3Allowed = takesSseS3OnlyLogs(bucket);
    for (const config of bucket.sse) {
        checkRules(b, config, bucketLabel(config.resource, b, "its default encryption"), report, sseS3Allowed);
    }
}

/**
 * A rule's key that is no customer managed key whatever else the rule says: none (S3 then uses aws/s3 for SSE-KMS,
 * Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)"), or aws/s3 by alias or ARN.
 */
function namesNoCustomerManagedKey(keyRef: Maybe<string> | undefined): boolean {
    return keyRef === undefined || keyRef === "" || (typeof keyRef === "string" && isAwsManagedS3Key(keyRef));
}

/**
 * Why a rule with an unknown sseAlgorithm fails the pack whatever that algorithm is, when it does: a non-KMS value
 * fails this policy, and a KMS one fails the policy that judges its key. That is s3-bucket-sse-customer-managed-key
 * when the rule names no customer managed key, s3-bucket-sse-key-arn when it names a key outside the stack by alias
 * or key id, kms-key-s3-compatible when every key of the stack it names is known unusable by S3. Undefined when a KMS value could pass, or when the bucket (or key) is tagged exempt from that
 * other policy.
 */
function unknownAlgorithmProblem(subject: IndexedResource, rule: SseRule): { key: string; kms: string } | undefined {
    if (namesNoCustomerManagedKey(rule.keyRef)) {
        if (exemptedPolicies(subject.tags).includes(S3_BUCKET_SSE_CUSTOMER_MANAGED_KEY)) {
            return undefined;
        }
        return {
            key: rule.keyRef === undefined || rule.keyRef === "" ? "names no kmsMasterKeyId" : `names the AWS managed key "${String(rule.keyRef)}"`,
            kms: "without a customer managed key uses the AWS managed key aws/s3",
        };
    }
    if (rule.keys.length === 0) {
        // A key outside the stack named by alias or key id: s3-bucket-sse-key-arn's finding for a KMS value.
        const ref = rule.keyRef;
        if (typeof ref !== "string" || isKmsKeyArn(ref) || exemptedPolicies(subject.tags).includes(S3_BUCKET_SSE_KEY_ARN)) {
            return undefined;
        }
        const what = keyReferenceKind(ref);
        return { key: `names "${ref}", ${what} of a key outside this stack,`, kms: "with a key named so is not fixed to one key: S3 resolves it in the requester's account and an alias can be repointed" };
    }
    const reasons: string[] = [];
    for (const key of rule.keys) {
        const bad = keyIncompatibility(key);
        // kms-key-s3-compatible reports a disabled key on itself, a wrong spec or usage on the key that carries them.
        const judged = bad?.disabledBy !== undefined ? key : specCarrier(key);
        if (bad === undefined || judged === undefined || exemptedPolicies(judged.resource.tags).includes(KMS_KEY_S3_COMPATIBLE)) {
            return undefined;
        }
        const what = [bad.disabledBy !== undefined ? `disabled (${bad.disabledBy}: false)` : "", bad.spec !== undefined ? `key spec ${bad.spec}` : "", bad.usage !== undefined ? `key usage ${bad.usage}` : ""].filter((w) => w !== "");
        reasons.push(`${describe(key.resource)} (${what.join(", ")})`);
    }
    return { key: `names ${reasons.join(" or ")}`, kms: "needs an enabled symmetric encryption key, which it is not" };
}

/**
 * The configuration's own rules: each must encrypt with KMS. A rule whose sseAlgorithm is unknown in a preview is
 * still reported when every value it can take fails the pack (`unknownAlgorithmProblem`), so the preview stops the
 * configuration before it is created instead of leaving it to the end of `up`. Not on a log target, where AES256
 * is compliant.
 */
function checkRules(subject: IndexedResource, config: SseConfig, bucketLabel: string, report: (f: Finding) => void, sseS3Allowed = false): void {
    if (isUnknown(config.rules)) {
        return;
    }
    if (config.rules.length === 0) {
        report(findingOn(subject, config.resource, "has an empty rule list, so S3 keeps encrypting with SSE-S3 (AES256)",
            "add a rule with applyServerSideEncryptionByDefault = { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <customer managed key ARN> }"));
    }
    for (const rule of config.rules) {
        if (isUnknown(rule.algorithm)) {
            const problem = sseS3Allowed ? undefined : unknownAlgorithmProblem(subject, rule);
            if (problem !== undefined) {
                report(findingOn(subject, config.resource, `${problem.key} for ${bucketLabel}, so whatever value its unknown sseAlgorithm takes, S3 does not encrypt with a usable customer managed key: AES256 is SSE-S3, and "aws:kms" or "aws:kms:dsse" ${problem.kms}`,
                    "set applyServerSideEncryptionByDefault.sseAlgorithm to \"aws:kms\" (or \"aws:kms:dsse\") with kmsMasterKeyId set to the ARN of the bucket's customer managed key (enabled, SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT)"));
            }
            continue;
        }
        if (isKmsAlgorithm(rule.algorithm) || (sseS3Allowed && rule.algorithm === SSE_S3_ALGORITHM)) {
            continue;
        }
        const what = rule.algorithm === undefined ? "sets no sseAlgorithm" : `uses sseAlgorithm "${rule.algorithm}"`;
        report(findingOn(subject, config.resource, `${what} for ${bucketLabel}; only "aws:kms" or "aws:kms:dsse" encrypt with a KMS key`,
            "set applyServerSideEncryptionByDefault.sseAlgorithm to \"aws:kms\" (or \"aws:kms:dsse\") with kmsMasterKeyId set to the bucket's customer managed key ARN"));
    }
}

const stackPart = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_SSE_KMS,
        description: "Every S3 bucket has exactly one default server-side encryption configuration, using SSE-KMS (aws:kms or aws:kms:dsse).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX_ADD,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            checkBucket(bucket, report);
        }
        for (const config of index.external.sse) {
            checkRules(config.resource, config, externalBucketLabel(config.resource), report);
        }
        const mode = runMode();
        for (const { resource: directory, unreadable } of directoryBucketsWithoutEncryption(index)) {
            if (unreadable) {
                // In a preview the name is still to come; outside one it is a secret: a finding, never a pass.
                const reason = cannotVerifyProviderSetting(mode, directory, "its name, or the bucket a default encryption configuration names,", UNKNOWN);
                if (reason !== undefined) {
                    report({ subject: directory, urn: directory.urn, message: reason });
                }
                continue;
            }
            report(findingOn(directory, directory, "is a directory bucket (S3 Express One Zone) with no default encryption configuration, so S3 encrypts its objects with SSE-S3 (AES256), not SSE-KMS",
                "add an aws.s3.BucketServerSideEncryptionConfiguration with bucket = the directory bucket and rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <customer managed key ARN> } (directory buckets don't support aws/s3)"));
        }
    },
);

const SSE_INPUT_TYPES: ReadonlySet<string> = new Set([T.BUCKET, T.BUCKET_V2, T.NATIVE_BUCKET, T.SSE_CONFIG, T.SSE_CONFIG_V2]);

/**
 * The resource part: a separate encryption configuration for a bucket whose own inputs declare the inline one
 * (the engine analyzes the bucket first) is reported before the configuration is created, and in any preview
 * where the bucket's name is known. Inputs are declarations there (the program's, after the provider's Check),
 * so an existing bucket is judged too; the stack part, which sees outputs (where the provider's read-back looks
 * like a declaration), then skips the bucket. Not on a state (`pulumi policy analyze`): the inputs recorded for an
 * imported bucket are the provider's read-back (a bridged provider's import takes the inputs from what it reads,
 * so a bucket with default encryption records the inline block even though no program declares it), and a
 * compliant imported stack must not be blocked. The stack part then judges the outputs as it does any state.
 */
function validateInlineNextToSeparate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
    if (!SSE_INPUT_TYPES.has(args.type)) {
        return;
    }
    rememberNativeBucketInputs(args);
    const found = rememberedBucketOf(args);
    const inline = found?.bucket.inlineBlocks.get("sse");
    if (found === undefined || inline === undefined || runMode() === "state") {
        return;
    }
    const { view, bucket } = found;
    recordVerdict(S3_BUCKET_SSE_KMS, bucket.urn, "judged");
    if (isExempt(S3_BUCKET_SSE_KMS, bucket.tags, args.getConfig<ExemptionConfig>())) {
        return;
    }
    reportViolation(`${describe(view)} configures the default encryption of bucket ${describe(bucket)}, whose own inputs also declare the deprecated inline ${inline}; they overwrite each other on every update. `
        + `Fix: keep exactly one: a single BucketServerSideEncryptionConfiguration, and remove the deprecated inline ${inline}`);
}

export const s3BucketSseKms = { ...stackPart, validateResource: declareAppliesTo(validateInlineNextToSeparate, SSE_INPUT_TYPES) };

const EXPRESS_BUCKET: FixtureResource = {
    type: T.DIRECTORY_BUCKET, name: "express", inputs: { bucket: "fast-data--euw1-az1--x-s3", location: { name: "euw1-az1", type: "AvailabilityZone" } },
};

/** A directory bucket next to the data bucket, encrypted with the data bucket's key when `encrypted`. */
function withDirectoryBucket(encrypted: boolean): FixtureResource[] {
    return [...dataBucket(), EXPRESS_BUCKET, ...(encrypted ? [{
        type: T.SSE_CONFIG, name: "express-sse", inputs: {
            bucket: ref("express", "bucket"),
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ref("data-key", "arn") }, bucketKeyEnabled: true }],
        },
    }] : [])];
}

export const definition = definePolicy({
    policy: s3BucketSseKms,
    doc: {
        checks: "Every bucket has exactly one default encryption configuration and every rule uses `aws:kms` or `aws:kms:dsse` (flags missing SSE, AES256, an empty rule list, an inline configuration next to a separate one). The exceptions are log buckets whose delivery accepts only SSE-S3, recognised from the stack, never from a tag or a name: a server access log bucket, which a logging configuration of the stack targets (`BucketLogging(V2)`, inline `logging`/`loggings`, aws-native `loggingConfiguration`; `s3-access-log-target` judges the log bucket itself), a bucket an Application Load Balancer of the stack delivers access or connection logs to (`aws.lb.LoadBalancer`/`aws.alb.LoadBalancer` `accessLogs`/`connectionLogs` with `enabled: true`, or aws-native's `access_logs.s3.*`/`connection_logs.s3.*` attributes), a bucket a Classic Load Balancer of the stack delivers access logs to (`aws.elb.LoadBalancer` `accessLogs`, on unless `enabled: false`), and a bucket Redshift audit logging of the stack delivers to (`aws.redshift.Logging` `bucketName` with `logDestinationType` `s3` or unset, or an older major's inline `aws.redshift.Cluster` `logging` with `enable: true`); in the bucket's Region, the bucket of the load balancer's or cluster's account or another. AES256 is compliant there and nowhere else: not for a Network or Gateway Load Balancer (NLB logs accept SSE-KMS), nor for logs left disabled (ELBv2's default), nor for Redshift logs sent to CloudWatch. A load balancer's type, switch or bucket name (or a Redshift logging's destination type, switch or bucket name) still unknown counts in a preview only; the end of `pulumi up` judges it known. An `aws.s3.DirectoryBucket` (S3 Express One Zone) needs a `BucketServerSideEncryptionConfiguration` naming it (through its output or its literal name), else S3 keeps it on SSE-S3. An inline configuration next to a separate one is judged on the bucket's inputs (declarations, never the provider's read-back): reported on the separate configuration before it is created, during `pulumi up` and in any preview where the bucket's name is known; in a fresh preview (name unknown) at the end, on the bucket. In the outputs the stack part sees, an existing bucket's read-back looks like a declaration and is not judged; nor is the conflict reported by `pulumi policy analyze` on a state, where an imported bucket's recorded inputs hold the provider's read-back. An aws-native bucket's own `bucketEncryption` next to a separate resource is a second declaration only when the bucket's inputs declare it: its outputs hold Cloud Control's read, with S3's default for new buckets (SSE-S3) whether or not the program declared it. On a state (`pulumi policy analyze`) it never is: an imported bucket's recorded inputs are that same read. Alone, the read-back is the bucket's setting and is judged: a bucket left on SSE-S3 is reported. A rule whose `sseAlgorithm` is unknown (a preview: the output of a resource not yet created) is reported too when every value fails the pack: AES256 fails this policy, and KMS fails `s3-bucket-sse-customer-managed-key` when the rule names no customer managed key (no `kmsMasterKeyId`, or `aws/s3`), `s3-bucket-sse-key-arn` when it names a key outside the stack by alias or key id, or `kms-key-s3-compatible` when every key of the stack it names is known disabled, asymmetric or HMAC; not on a log bucket, nor where the exempt tag (of the bucket, or of the key) names that other policy. A policy sees only its own config: where the pack's config disables that other policy or exempts by another tag, give the algorithm as a literal (the usual way) or tag the bucket exempt from this one.",
        shapes: "v7, V2, inline, native; `DirectoryBucket` (its default encryption only)",
        config: "—",
    },
    compliant: [
        { title: "a bucket with SSE-KMS under its own key", resources: dataBucket() },
        { title: "an SSE-S3 bucket that an aws.s3.BucketLogging targets (a server access log bucket)", resources: loggedData() },
        { title: "an SSE-S3 bucket that a bucket's inline logging targets", resources: loggedData({ shape: "inline" }) },
        { title: "an SSE-S3 bucket an application load balancer (aws.lb.LoadBalancer) delivers its access logs to", resources: albLogged() },
        { title: "an SSE-S3 log-archive bucket an application load balancer of another account, same Region, delivers its access logs to", providers: [...CENTRAL_ALB_LOG_PROVIDERS], resources: centralAlbLogged() },
        { title: "an SSE-S3 bucket an aws.alb.LoadBalancer delivers its connection logs to", resources: albLogged({ shape: "alb", log: "connection" }) },
        { title: "an SSE-S3 bucket a Classic Load Balancer (aws.elb.LoadBalancer) delivers its access logs to", resources: albLogged({ shape: "classic" }) },
        { title: "an SSE-S3 bucket Redshift audit logging (aws.redshift.Logging, logDestinationType \"s3\") delivers to", resources: redshiftLogged() },
        { title: "a directory bucket (S3 Express One Zone) with an SSE-KMS configuration naming it", resources: withDirectoryBucket(true) },
    ],
    violating: [
        { title: "a bucket encrypted with SSE-S3 (AES256)", resources: dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })) },
        { title: "a bucket without a default encryption configuration", resources: dataBucket((r) => without(r, "data-sse")) },
        { title: "a directory bucket (S3 Express One Zone) left on its SSE-S3 default", resources: withDirectoryBucket(false) },
        { title: "a log bucket's SSE-S3 with no logging configuration targeting it (a tag or a name does not make a log bucket)", resources: loggedData({ shape: "none" }) },
        { title: "an SSE-S3 bucket a network load balancer delivers its access logs to (NLB logs accept SSE-KMS)", resources: albLogged({ loadBalancerType: "network" }) },
        { title: "an SSE-S3 bucket an application load balancer names with access logs left disabled", resources: albLogged({ enabled: false }) },
        { title: "an SSE-S3 bucket a Classic Load Balancer names with access logs disabled", resources: albLogged({ shape: "classic", enabled: false }) },
        { title: "an SSE-S3 bucket an aws.redshift.Logging names with its audit logs sent to CloudWatch", resources: redshiftLogged({ destination: "cloudwatch" }) },
        {
            title: "an SSE-S3 log-archive bucket an application load balancer of another account delivers to from another Region (ELB delivers only into its Region)",
            providers: [CENTRAL_ALB_LOG_PROVIDERS[0], { name: "archive", region: "eu-central-1", account: LOG_ARCHIVE_ACCOUNT }],
            resources: centralAlbLogged(),
        },
    ],
});

// A key outside the stack, named in a bucket's default encryption by alias or key id instead of its key ARN.
// The other policies cover the rest of what an outside key's reference shows: its region (kms-key-region-
// matches-bucket, from the ARN), the AWS managed key (s3-bucket-sse-customer-managed-key, by name or ARN), an
// allow-list (s3-bucket-sse-key-allowlist). Its key spec and usage can't be read from a stack: see
// docs/policies.md, "Keys outside the stack".
import { isAwsManagedS3Key, isKmsKeyArn } from "../model/arn";
import { Finding, findingOn } from "./framework";
import { isKmsAlgorithm, sseRulePolicy, StackRuleAt } from "./sseFacts";
import { definePolicy } from "./definition";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const S3_BUCKET_SSE_KEY_ARN = "s3-bucket-sse-key-arn";

const FIX = "name the key by its key ARN, arn:aws:kms:<region>:<account>:key/<key-id> (`aws kms describe-key --key-id <alias or id>` prints it as KeyMetadata.Arn)";

export const s3BucketSseKeyArn = sseRulePolicy(
    {
        name: S3_BUCKET_SSE_KEY_ARN,
        description: "SSE-KMS default encryption names a key outside the stack by its key ARN, not by an alias or key id (S3 resolves those in the requester's account, and an alias can be repointed).",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    checkRule,
);

/**
 * Only a known reference that names no key of the stack: a key of the stack named by its alias or id is the
 * stack's own key (the index resolves it, in the bucket's account and Region, where KMS resolves the name), an unknown reference is judged once known (outside a preview the
 * framework reports it as unverifiable), and no key / `aws/s3` is s3-bucket-sse-customer-managed-key's finding.
 */
/** How a reference that is not a key ARN names its key, for messages: an alias (name or ARN), else a key id or name. */
export function keyReferenceKind(ref: string): string {
    return /^alias\/|:alias\//.test(ref) ? "the alias" : "the key id or name";
}

function checkRule({ subject, config, rule, label }: StackRuleAt, report: (f: Finding) => void): void {
    const ref = rule.keyRef;
    if (!isKmsAlgorithm(rule.algorithm) || typeof ref !== "string" || ref === "" || rule.keys.length > 0 || isKmsKeyArn(ref) || isAwsManagedS3Key(ref)) {
        return;
    }
    const what = keyReferenceKind(ref);
    report(findingOn(subject, config.resource,
        `encrypts ${label} with ${what} "${ref}" of a key that is not in this stack: for cross-account requests and AWS services S3 resolves an alias or key id ` +
        "in the requester's account, not the bucket owner's (Amazon S3 API Reference, \"PutBucketEncryption\"), and an alias can be pointed at another key, " +
        "so which key encrypts new objects is not fixed by this configuration", FIX));
}

const EXTERNAL_KEY = "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444";
const withKeyRef = (kmsMasterKeyId: string) => dataBucket((r) => withInputs(r, "data-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId }, bucketKeyEnabled: true }] }));

export const definition = definePolicy({
    policy: s3BucketSseKeyArn,
    doc: {
        checks: "SSE-KMS default encryption that names a key **outside the stack** names it by key ARN: an alias (`alias/…`, alias ARN) or a bare key id is flagged, since S3 resolves them in the requester's account for cross-account and AWS service requests (Amazon S3 API Reference, \"PutBucketEncryption\") and an alias can be repointed. A key of the stack named by its alias or id in the bucket's own account and Region is not flagged (the stack shows which key it is); the stack's alias name used by a bucket of another account is flagged, since there it names that account's alias. No key and `aws/s3` are `s3-bucket-sse-customer-managed-key`'s.",
        shapes: "v7, V2, inline",
        config: "—",
    },
    compliant: [
        { title: "SSE-KMS with the ARN of a key the stack creates", resources: dataBucket() },
        { title: "SSE-KMS with the ARN of a key outside the stack", resources: withKeyRef(EXTERNAL_KEY) },
    ],
    violating: [
        { title: "SSE-KMS with the alias of a key outside the stack", resources: withKeyRef("alias/team-data") },
        { title: "SSE-KMS with an alias ARN", resources: withKeyRef("arn:aws:kms:eu-west-1:333333333333:alias/team-data") },
        { title: "SSE-KMS with a bare key id", resources: withKeyRef("0e0e0e0e-1111-4222-8333-444444444444") },
    ],
});

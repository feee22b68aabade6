// An object the program uploads (`aws.s3.BucketObject(v2)`) is a PutObject with the provider's credentials, and S3
// authorizes it like any other request: the bucket policy's explicit denies (a missing or wrong encryption header,
// another key), then, for SSE-KMS, the KMS key policy for the kms:GenerateDataKey call S3 makes on the caller's
// behalf (Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)": "the requester must have
// kms:GenerateDataKey permission"). Both are evaluated with the IAM policy engine the tests use. The caller's own IAM
// policies are not in the stack: they are taken to allow everything in its account, as for the lockout check, so
// only what the bucket and key policies decide can refuse the upload.
import type { AwsRuleViolation } from "../../awsrules";
import { HTTPS, kmsViaS3Context, s3Context } from "../../test/iam/support/requestContext";
import { CALLER_IS_ADMINISTRATOR, keyPolicyOf, policyDecision, requestCaller } from "./iamDecision";
import type { Caller } from "../../fakeaws";
import type { BucketRecord, DefaultEncryption, KeyRecord } from "./world";

type Props = Record<string, unknown>;

const UPLOAD_SOURCE = "Amazon S3 API Reference, \"PutObject\" (AccessDenied); Amazon S3 User Guide, \"Using server-side encryption with AWS KMS keys (SSE-KMS)\" (kms:GenerateDataKey for the requester)";

/** The headers of the PutObject the provider sends for an object's inputs. */
export interface UploadHeaders {
    /** x-amz-server-side-encryption, when sent. */
    algorithm?: string;
    /** x-amz-server-side-encryption-aws-kms-key-id, when sent. */
    kmsKeyId?: string;
    bucketKeyEnabled?: boolean;
}

function text(props: Props, key: string): string | undefined {
    const value = props[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * @pulumi/aws sends `serverSideEncryption` as the algorithm header and `kmsKeyId` as the key header; a `kmsKeyId` alone
 * is sent with the algorithm `aws:kms` (the provider's `kms_key_id`: "If the S3 Bucket has server-side encryption
 * enabled, that value will automatically be used").
 */
export function uploadHeaders(inputs: Props): UploadHeaders {
    const kmsKeyId = text(inputs, "kmsKeyId");
    const algorithm = text(inputs, "serverSideEncryption") ?? (kmsKeyId !== undefined ? "aws:kms" : undefined);
    const bucketKey = inputs["bucketKeyEnabled"];
    return {
        ...(algorithm !== undefined ? { algorithm } : {}),
        ...(kmsKeyId !== undefined && algorithm !== "AES256" ? { kmsKeyId } : {}),
        ...(typeof bucketKey === "boolean" ? { bucketKeyEnabled: bucketKey } : {}),
    };
}

/** The KMS key S3 encrypts the object with, if any: the header's, else the bucket default's (`undefined`: SSE-S3 or aws/s3). */
export function encryptingKey(headers: UploadHeaders, defaults: DefaultEncryption | undefined): { keyRef: string; bucketKey: boolean } | undefined {
    const algorithm = headers.algorithm ?? defaults?.sseAlgorithm ?? "AES256";
    if (!algorithm.startsWith("aws:kms")) return undefined;
    const fromHeader = headers.algorithm !== undefined;
    const keyRef = fromHeader ? headers.kmsKeyId : defaults?.kmsMasterKeyId;
    if (keyRef === undefined) return undefined; // the AWS managed key aws/s3: every principal of the account may use it through S3
    // S3 Bucket Keys don't apply to DSSE-KMS (Amazon S3 User Guide, "Using dual-layer server-side encryption").
    const bucketKey = algorithm === "aws:kms" && (headers.bucketKeyEnabled ?? defaults?.bucketKeyEnabled ?? false);
    return { keyRef, bucketKey };
}

/** S3's answer to the PutObject itself: the bucket policy, with the caller's headers as condition keys. */
export async function bucketPolicyRefusesUpload(bucket: BucketRecord, objectKey: string, headers: UploadHeaders, caller: Caller): Promise<AwsRuleViolation | undefined> {
    const answer = await policyDecision({
        principal: caller.principal,
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket.name}/${objectKey}`,
        resourceAccount: bucket.accountId,
        context: s3Context(requestCaller(caller), bucket.accountId, bucket.region, HTTPS, { serverSideEncryption: headers.algorithm, kmsKeyId: headers.kmsKeyId }),
        identityPolicies: [CALLER_IS_ADMINISTRATOR],
        ...(bucket.policy !== undefined ? { resourcePolicy: { name: `bucket policy of ${bucket.name}`, document: JSON.parse(bucket.policy) as never } } : {}),
    });
    if (answer === undefined || answer === "Allowed") return undefined;
    const sent = headers.algorithm === undefined ? "no encryption header" : `x-amz-server-side-encryption ${headers.algorithm}${headers.kmsKeyId !== undefined ? ` and key ${headers.kmsKeyId}` : ""}`;
    return {
        code: "AccessDenied",
        message: "Access Denied",
        rule: `the bucket policy of ${bucket.name} does not let ${caller.arn} put ${objectKey} with ${sent} (${answer}); set the object's serverSideEncryption and kmsKeyId to what the policy requires`,
        source: UPLOAD_SOURCE,
    };
}

/** The kms:GenerateDataKey S3 calls for the upload, with the caller's credentials, under the key's policy. */
export async function keyPolicyRefusesUpload(bucket: BucketRecord, objectKey: string, key: KeyRecord, bucketKey: boolean, caller: Caller): Promise<AwsRuleViolation | undefined> {
    const keyAccount = key.arn.split(":")[4];
    const answer = await policyDecision({
        principal: caller.principal,
        action: "kms:GenerateDataKey",
        resource: key.arn,
        resourceAccount: keyAccount,
        // With an S3 Bucket Key, S3 asks for the bucket's data key under the bucket's ARN, else the object's.
        context: kmsViaS3Context(requestCaller(caller), keyAccount, bucket.region, bucketKey ? `arn:aws:s3:::${bucket.name}` : `arn:aws:s3:::${bucket.name}/${objectKey}`),
        identityPolicies: [CALLER_IS_ADMINISTRATOR],
        resourcePolicy: keyPolicyOf(key),
    });
    if (answer === undefined || answer === "Allowed") return undefined;
    return {
        code: "AccessDenied",
        message: `User: ${caller.principal} is not authorized to perform: kms:GenerateDataKey on resource: ${key.arn}`,
        rule: `S3 encrypts ${objectKey} under ${key.arn} on the uploader's behalf, and its key policy does not let ${caller.arn} call kms:GenerateDataKey through S3 (${answer}); name the deploying role among the key's users, or upload from a principal that is one`,
        source: UPLOAD_SOURCE,
    };
}

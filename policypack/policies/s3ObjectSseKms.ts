import { isAwsManagedS3Key } from "../model/arn";
import * as T from "../model/awsTypes";
import { asString } from "../model/values";
import { describe, resourcePolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isKmsAlgorithm } from "./sseFacts";
import { definePolicy } from "./definition";
import { ref } from "../fixtures/format";
import { dataBucket } from "../fixtures/stacks";

export const S3_OBJECT_SSE_KMS = "s3-object-sse-kms";

const FIX = "leave serverSideEncryption and kmsKeyId unset so the bucket's default SSE-KMS configuration applies, or set serverSideEncryption: \"aws:kms\" with kmsKeyId = the bucket's customer managed key ARN";

/**
 * An object's own encryption headers override the bucket default. "Amazon S3 API Reference: PutObject":
 * with x-amz-server-side-encryption aws:kms (or aws:kms:dsse) and no key id, S3 uses the AWS managed key aws/s3.
 * A copy is written the same way ("Amazon S3 API Reference: CopyObject": the encryption setting in the request
 * takes precedence over the destination bucket's default encryption), so an `aws.s3.ObjectCopy` is judged like an
 * upload; it may also ask for SSE-C (`customerAlgorithm`), a key S3 never sees again and no KMS key at all.
 */
export const s3ObjectSseKms = resourcePolicy<ExemptionConfig>(
    {
        name: S3_OBJECT_SSE_KMS,
        description: "Objects the stack uploads or copies (BucketObject, BucketObjectv2, ObjectCopy) that set their own encryption use SSE-KMS with a customer managed key.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: FIX,
    },
    T.BUCKET_OBJECT_TYPES,
    {},
    (object, _config, report) => {
        const algorithm = asString(object.props["serverSideEncryption"]);
        const keyId = asString(object.props["kmsKeyId"]);
        // Only ObjectCopy has this input (BucketObject(v2) has no SSE-C); a copy's source may be SSE-C
        // (`sourceCustomerAlgorithm`), which says nothing of how the new object is stored.
        const customerAlgorithm = asString(object.props["customerAlgorithm"]);
        if (typeof customerAlgorithm === "string" && customerAlgorithm !== "") {
            report(`${describe(object)} is encrypted with a customer-provided key (SSE-C, customerAlgorithm "${customerAlgorithm}"), not SSE-KMS with a customer managed key. Fix: ${FIX}`);
            return;
        }
        // Each finding below holds whatever the unknowns (preview) among the other inputs resolve to: an unknown
        // customerAlgorithm is either none or SSE-C, itself a finding, and a known non-KMS algorithm or aws/s3 key
        // fails whatever key id comes with it. So a preview stops the object before it is uploaded.
        if (typeof algorithm === "string" && algorithm !== "" && !isKmsAlgorithm(algorithm)) {
            report(`${describe(object)} is uploaded with serverSideEncryption "${algorithm}", not SSE-KMS. Fix: ${FIX}`);
        } else if (isKmsAlgorithm(algorithm) && (keyId === undefined || keyId === "")) {
            report(`${describe(object)} sets serverSideEncryption "${String(algorithm)}" without kmsKeyId, so S3 encrypts it with the AWS managed key aws/s3. Fix: ${FIX}`);
        } else if (typeof keyId === "string" && isAwsManagedS3Key(keyId)) {
            report(`${describe(object)} is encrypted with the AWS managed key ${keyId}, not a customer managed key. Fix: ${FIX}`);
        }
    },
);

export const definition = definePolicy({
    policy: s3ObjectSseKms,
    doc: {
        checks: "An object the stack uploads or copies that sets its own `serverSideEncryption` uses `aws:kms`/`aws:kms:dsse` with a `kmsKeyId` that is not `alias/aws/s3` (without a key id S3 uses `aws/s3`), and a copy asks for no SSE-C (`customerAlgorithm`). Unset means the bucket's default applies. A known AES256 or `aws/s3` key is reported whatever the unknown inputs next to it (a preview) resolve to.",
        shapes: "`BucketObject`, `BucketObjectv2`, `ObjectCopy`",
        config: "—",
    },
    compliant: [
        { title: "an object that leaves encryption to the bucket default", resources: dataBucket((r) => [...r, { type: T.BUCKET_OBJECT, name: "readme", inputs: { bucket: ref("data", "id"), key: "README", content: "hello" } }]) },
        { title: "an object copied with the bucket's key", resources: dataBucket((r) => [...r, { type: T.OBJECT_COPY, name: "readme-copy", inputs: { bucket: ref("data", "id"), key: "README.copy", source: "seed-bucket/README", serverSideEncryption: "aws:kms", kmsKeyId: ref("data-key", "arn") } }]) },
        { title: "an object encrypted with the bucket's key", resources: dataBucket((r) => [...r, { type: T.BUCKET_OBJECT_V2, name: "readme", inputs: { bucket: ref("data", "id"), key: "README", content: "hello", serverSideEncryption: "aws:kms", kmsKeyId: ref("data-key", "arn") } }]) },
    ],
    violating: [
        { title: "an object uploaded with AES256", resources: dataBucket((r) => [...r, { type: T.BUCKET_OBJECT, name: "readme", inputs: { bucket: ref("data", "id"), key: "README", content: "hello", serverSideEncryption: "AES256" } }]) },
        { title: "an object copied with AES256 (the copy's setting overrides the bucket default)", resources: dataBucket((r) => [...r, { type: T.OBJECT_COPY, name: "readme-copy", inputs: { bucket: ref("data", "id"), key: "README.copy", source: "seed-bucket/README", serverSideEncryption: "AES256" } }]) },
        { title: "an object with aws:kms and no key id (aws/s3)", resources: dataBucket((r) => [...r, { type: T.BUCKET_OBJECT_V2, name: "readme", inputs: { bucket: ref("data", "id"), key: "README", content: "hello", serverSideEncryption: "aws:kms" } }]) },
    ],
});

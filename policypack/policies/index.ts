// The pack's policy list. `policypack/index.ts` serves it; tests, the offline checker and the
// benchmarks import it from here (constructing a PolicyPack starts a server, so nothing else may).
import { Policies } from "@pulumi/policy";
import { encryptedBucketsExemptions } from "./exemptionsReport";
import { kmsKeyDeletionWindow } from "./kmsKeyDeletionWindow";
import { kmsKeyPolicyAdminSeparation } from "./kmsKeyPolicyAdminSeparation";
import { kmsKeyPolicyNoPublicPrincipal } from "./kmsKeyPolicyNoPublicPrincipal";
import { kmsKeyRegionMatchesBucket } from "./kmsKeyRegionMatchesBucket";
import { kmsKeyRotationEnabled } from "./kmsKeyRotationEnabled";
import { kmsKeyS3Compatible } from "./kmsKeyS3Compatible";
import { s3BucketKeyEnabled } from "./s3BucketKeyEnabled";
import { s3BucketPolicyDenyInsecureTransport } from "./s3BucketPolicyDenyInsecureTransport";
import { s3BucketPolicyNoPublicAllow } from "./s3BucketPolicyNoPublicAllow";
import { s3BucketPolicyRequireSseKms } from "./s3BucketPolicyRequireSseKms";
import { s3BucketPublicAccessBlock } from "./s3BucketPublicAccessBlock";
import { s3BucketSseCustomerManagedKey } from "./s3BucketSseCustomerManagedKey";
import { s3BucketSseKeyAllowlist } from "./s3BucketSseKeyAllowlist";
import { s3BucketSseKms } from "./s3BucketSseKms";
import { s3ReplicationCrossAccount } from "./s3ReplicationCrossAccount";
import { s3ReplicationRoleKmsAccess } from "./s3ReplicationRoleKmsAccess";
import { s3ReplicationRoleKmsLeastPrivilege } from "./s3ReplicationRoleKmsLeastPrivilege";
import { s3ReplicationSseKms } from "./s3ReplicationSseKms";
import { s3ReplicationVersioning } from "./s3ReplicationVersioning";

export const PACK_NAME = "encrypted-buckets-guardrails";

export const policies: Policies = [
    s3BucketSseKms,
    s3BucketSseCustomerManagedKey,
    s3BucketKeyEnabled,
    s3BucketPolicyDenyInsecureTransport,
    s3BucketPolicyRequireSseKms,
    s3BucketPolicyNoPublicAllow,
    kmsKeyS3Compatible,
    kmsKeyRotationEnabled,
    kmsKeyRegionMatchesBucket,
    kmsKeyPolicyNoPublicPrincipal,
    kmsKeyPolicyAdminSeparation,
    kmsKeyDeletionWindow,
    s3BucketPublicAccessBlock,
    s3ReplicationVersioning,
    s3ReplicationSseKms,
    s3ReplicationRoleKmsAccess,
    s3ReplicationRoleKmsLeastPrivilege,
    s3ReplicationCrossAccount,
    s3BucketSseKeyAllowlist,
    encryptedBucketsExemptions,
];

export * from "./exemptions";

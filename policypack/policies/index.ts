// The pack's policy registry. `policypack/index.ts` serves `policies`; tests, the offline checker, the docs
// table and the benchmarks import from here (constructing a PolicyPack starts a server, so nothing else may).
// Adding a policy: one module exporting `definition` (see definition.ts and the README), one line below.
import { Policies } from "@pulumi/policy";
import { PolicyDefinition } from "./definition";
import * as encryptedBucketsExemptions from "./exemptionsReport";
import * as kmsGrantInAccount from "./kmsGrantInAccount";
import * as kmsKeyDeletionWindow from "./kmsKeyDeletionWindow";
import * as kmsKeyPolicyAdminSeparation from "./kmsKeyPolicyAdminSeparation";
import * as kmsKeyPolicyDeployerAccess from "./kmsKeyPolicyDeployerAccess";
import * as kmsKeyPolicyLockoutSafetyCheck from "./kmsKeyPolicyLockoutSafetyCheck";
import * as kmsKeyPolicyNoPublicPrincipal from "./kmsKeyPolicyNoPublicPrincipal";
import * as kmsKeyProtected from "./kmsKeyProtected";
import * as kmsKeyRegionMatchesBucket from "./kmsKeyRegionMatchesBucket";
import * as kmsKeyRotationEnabled from "./kmsKeyRotationEnabled";
import * as kmsKeyS3Compatible from "./kmsKeyS3Compatible";
import * as policyNoNotActionAllow from "./policyNoNotActionAllow";
import * as policyServicePrincipalSource from "./policyServicePrincipalSource";
import * as s3AccessLogTarget from "./s3AccessLogTarget";
import * as s3BucketKeyEnabled from "./s3BucketKeyEnabled";
import * as s3BucketNoPublicAcl from "./s3BucketNoPublicAcl";
import * as s3BucketOwnershipControls from "./s3BucketOwnershipControls";
import * as s3BucketPolicyDenyInsecureTransport from "./s3BucketPolicyDenyInsecureTransport";
import * as s3BucketPolicyNoPublicAllow from "./s3BucketPolicyNoPublicAllow";
import * as s3BucketPolicyRequireSseKms from "./s3BucketPolicyRequireSseKms";
import * as s3BucketPublicAccessBlock from "./s3BucketPublicAccessBlock";
import * as s3BucketSseCustomerManagedKey from "./s3BucketSseCustomerManagedKey";
import * as s3BucketSseKeyAllowlist from "./s3BucketSseKeyAllowlist";
import * as s3BucketSseKeyArn from "./s3BucketSseKeyArn";
import * as s3BucketSseKms from "./s3BucketSseKms";
import * as s3ObjectSseKms from "./s3ObjectSseKms";
import * as s3ServiceDeliverySseKms from "./s3ServiceDeliverySseKms";
import * as s3ReplicationCrossAccount from "./s3ReplicationCrossAccount";
import * as s3ReplicationRoleKmsAccess from "./s3ReplicationRoleKmsAccess";
import * as s3ReplicationRoleKmsLeastPrivilege from "./s3ReplicationRoleKmsLeastPrivilege";
import * as s3ReplicationRoleTrust from "./s3ReplicationRoleTrust";
import * as s3ReplicationSseKms from "./s3ReplicationSseKms";
import * as s3ReplicationVersioning from "./s3ReplicationVersioning";
import * as s3ReplicationObjectLock from "./s3ReplicationObjectLock";
import * as s3LifecycleNoncurrentRetention from "./s3LifecycleNoncurrentRetention";

export const PACK_NAME = "encrypted-buckets-guardrails";

/** Every policy of the pack, in the order of docs/policies.md; names are unique. */
export const registry: readonly PolicyDefinition[] = [
    s3BucketSseKms.definition,
    s3BucketSseCustomerManagedKey.definition,
    s3BucketSseKeyArn.definition,
    s3BucketKeyEnabled.definition,
    s3BucketPolicyDenyInsecureTransport.definition,
    s3BucketPolicyRequireSseKms.definition,
    s3BucketPolicyNoPublicAllow.definition,
    kmsKeyS3Compatible.definition,
    kmsKeyRotationEnabled.definition,
    kmsKeyRegionMatchesBucket.definition,
    kmsKeyPolicyNoPublicPrincipal.definition,
    kmsKeyPolicyAdminSeparation.definition,
    kmsKeyDeletionWindow.definition,
    kmsKeyPolicyLockoutSafetyCheck.definition,
    kmsKeyPolicyDeployerAccess.definition,
    kmsGrantInAccount.definition,
    kmsKeyProtected.definition,
    policyNoNotActionAllow.definition,
    policyServicePrincipalSource.definition,
    s3BucketPublicAccessBlock.definition,
    s3BucketNoPublicAcl.definition,
    s3BucketOwnershipControls.definition,
    s3ObjectSseKms.definition,
    s3ServiceDeliverySseKms.definition,
    s3AccessLogTarget.definition,
    s3ReplicationVersioning.definition,
    s3ReplicationSseKms.definition,
    s3ReplicationRoleKmsAccess.definition,
    s3ReplicationRoleKmsLeastPrivilege.definition,
    s3ReplicationRoleTrust.definition,
    s3ReplicationCrossAccount.definition,
    s3ReplicationObjectLock.definition,
    s3LifecycleNoncurrentRetention.definition,
    s3BucketSseKeyAllowlist.definition,
    encryptedBucketsExemptions.definition,
];

export const policies: Policies = registry.map((d) => d.policy);

export * from "./exemptions";

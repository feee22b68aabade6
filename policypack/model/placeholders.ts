// The engine's placeholder for a resource an update does not create, and the one rule for it.
//
// `pulumi up --target` (pkg/v3 resource/deploy, step_generator.go, generateResourceSteps) stubs the provider's Check
// of an untargeted resource with the resource's old inputs. A resource not in the state yet has none, so its checked
// inputs are an empty map; analyzeAll still sends that map to the resource part (Analyze), and the resource gets a
// "skipped create" step (NewSkippedCreateStep) whose state, with no outputs, the stack part (AnalyzeStack) sees too.
// Read as a declaration, that empty map says "every setting at its insecure default" (no key rotation, no encryption
// rule, public access block flags off) about a resource this update leaves uncreated: the pack would block a
// compliant stack.
//
// Every resource a program registers reaches the analyzers with its provider's checked inputs, and the bridged
// @pulumi/aws provider's Check "computes checked inputs that fill out default values" (pulumi-terraform-bridge,
// provider Check) and fills the auto-name. Every `aws:` type the pack judges has a required input, an auto-name or a
// schema default (checked type by type against the @pulumi/aws 7.48.0 `.d.ts`: constructor `args` optional or not,
// required `Args` fields, "Defaults to" in the input docs; the table is in docs/policies.md, "Resources an update
// does not create"):
//
// - required input (`args` is required): the S3 configuration resources (SSE, versioning, replication, bucket policy,
//   public access block, ownership controls, logging, object lock, lifecycle, ACL, and their V2 names), objects
//   (BucketObject, BucketObjectv2, ObjectCopy), DirectoryBucket, ReplicaKey, ReplicaExternalKey, KeyPolicy, Alias,
//   Grant, IAM Role, RolePolicy, Policy, RolePolicyAttachment, PolicyAttachment (`policyArn`), and the Classic load
//   balancer (`listeners`);
// - auto-name (`args` optional): Bucket and BucketV2 (`bucket`), the ELBv2 load balancers of `aws.lb`/`aws.alb`
//   (`name`);
// - schema default (`args` optional, no auto-name): kms Key (`enableKeyRotation`, `isEnabled`, `keyUsage`,
//   `customerMasterKeySpec`, `bypassPolicyLockoutSafetyCheck`), ExternalKey (`bypassPolicyLockoutSafetyCheck`,
//   `deletionWindowInDays`), AccountPublicAccessBlock (its four flags, "Defaults to `false`").
//
// So an `aws:` resource with no property at all is never a declaration: it is the placeholder, judged by neither part
// and left out of the stack index (as if the stack did not declare it; AWS holds nothing of it after this update).
// aws-native (Cloud Control) gives no such guarantee, so its resources are judged whatever they carry.
import { unwrapProxy } from "./values";

const AWS_TYPE_PREFIX = "aws:";

function hasNoProperty(props: unknown): boolean {
    const value = unwrapProxy(props);
    if (value === null || value === undefined) {
        return true;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        return false;
    }
    for (const key in value) {
        if (Object.prototype.hasOwnProperty.call(value, key)) {
            return false;
        }
    }
    return true;
}

/** Whether `r` is the engine's stand-in for an `aws:` resource this update does not create (see above). */
export function isEnginePlaceholder(r: { type: string; props: unknown }): boolean {
    return r.type.startsWith(AWS_TYPE_PREFIX) && hasNoProperty(r.props);
}

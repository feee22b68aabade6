import { isUnknown } from "../model/values";
import { bucketLabel, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { aclsNeutralised, externalAclNeutralised } from "./publicAccessFacts";
import { externalBucketLabel } from "./externalBuckets";
import { AclConfig } from "../model/stackIndex";
import { definePolicy } from "./definition";
import * as T from "../model/awsTypes";
import { ref } from "../fixtures/format";
import { dataBucket, withInputs } from "../fixtures/stacks";

export const S3_BUCKET_NO_PUBLIC_ACL = "s3-bucket-no-public-acl";

const FIX = "remove the public ACL (acl \"private\", no AllUsers/AuthenticatedUsers grant); or disable ACLs with aws.s3.BucketOwnershipControls objectOwnership \"BucketOwnerEnforced\", or set ignorePublicAcls on the bucket's public access block";

export const s3BucketNoPublicAcl = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_NO_PUBLIC_ACL,
        description: "No bucket or object ACL of the stack grants public access (AllUsers, AuthenticatedUsers) unless ACLs are disabled (BucketOwnerEnforced) or ignored (ignorePublicAcls) for the bucket.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            const publicAcls = bucket.acls.filter((a) => !isUnknown(a.publicGrants) && a.publicGrants.length > 0);
            if (publicAcls.length === 0 || aclsNeutralised(index, bucket) !== false) {
                continue;
            }
            for (const acl of publicAcls) {
                const grants = acl.publicGrants as string[];
                report(findingOn(bucket.resource, acl.resource,
                    `makes ${bucketLabel(acl.resource, bucket.resource, "the bucket")}${objectSuffix(acl)} public through ${grants.join(" and ")}, and neither BucketOwnerEnforced nor ignorePublicAcls neutralises it`, FIX));
            }
        }
        // An ACL the stack writes for a bucket it does not declare takes effect unless that bucket disables or ignores
        // ACLs, which the stack can't see: like a bucket policy written for such a bucket, it is judged by what it grants.
        for (const acl of index.external.acls) {
            if (isUnknown(acl.publicGrants) || acl.publicGrants.length === 0 || externalAclNeutralised(index, acl) !== false) {
                continue;
            }
            report(findingOn(acl.resource, acl.resource,
                `makes ${externalBucketLabel(acl.resource)}${objectSuffix(acl)} public through ${acl.publicGrants.join(" and ")}, and nothing in the stack disables (BucketOwnerEnforced) or ignores (ignorePublicAcls) that bucket's ACLs`, FIX));
        }
    },
);

function objectSuffix(acl: AclConfig): string {
    return T.BUCKET_OBJECT_TYPES.has(acl.resource.type) ? "'s object" : "";
}

export const definition = definePolicy({
    policy: s3BucketNoPublicAcl,
    doc: {
        checks: "No ACL the stack writes grants `AllUsers` or `AuthenticatedUsers` (canned `public-read`, `public-read-write`, `authenticated-read`, or a grant to those groups) unless the bucket's ACLs are disabled (`BucketOwnerEnforced`) or ignored (`ignorePublicAcls`, bucket or account level). An ACL written for a bucket the stack does not declare is judged too, neutralised only by what the stack writes for that bucket name (ownership controls, public access block) or its account-level block.",
        shapes: "`Bucket.acl`/`grants`, `BucketAcl`, `BucketAclV2`, `BucketObject(v2).acl`, `ObjectCopy.acl`/`grants`, native `accessControl`",
        config: "—",
    },
    compliant: [{
        title: "a public-read BucketAcl on a bucket whose ACLs are disabled (BucketOwnerEnforced)",
        resources: dataBucket((r) => [...r, { type: T.BUCKET_ACL, name: "data-acl", inputs: { bucket: ref("data", "id"), acl: "public-read" } }]),
    }],
    violating: [{
        title: "a public-read BucketAcl with ACLs enabled and public ACLs not ignored",
        resources: dataBucket((r) => [
            ...withInputs(withInputs(r, "data-ownership", { rule: { objectOwnership: "ObjectWriter" } }), "data-pab", { ignorePublicAcls: false }),
            { type: T.BUCKET_ACL, name: "data-acl", inputs: { bucket: ref("data", "id"), acl: "public-read" } },
        ]),
    }],
});

import { isAllow } from "../model/iam";
import { isUnknown } from "../model/values";
import { bucketStatements } from "./bucketPolicyFacts";
import { describe, findingOn, stackPolicy } from "./framework";
import { ExemptionConfig } from "./exemptions";
import { isPublicGrant } from "./kmsKeyPolicyNoPublicPrincipal";

export const S3_BUCKET_POLICY_NO_PUBLIC_ALLOW = "s3-bucket-policy-no-public-allow";

const FIX = "name the principals (role/user ARNs or account roots) in the Allow, or pin the caller with aws:PrincipalOrgID / aws:PrincipalAccount";

export const s3BucketPolicyNoPublicAllow = stackPolicy<ExemptionConfig>(
    {
        name: S3_BUCKET_POLICY_NO_PUBLIC_ALLOW,
        description: "Bucket policies don't Allow Principal \"*\" unless a condition pins the caller's account or organization.",
        enforcementLevel: "mandatory",
        severity: "critical",
        remediationSteps: FIX,
    },
    {},
    (index, _config, report) => {
        for (const bucket of index.buckets) {
            const statements = bucketStatements(bucket);
            if (isUnknown(statements)) {
                continue;
            }
            for (const s of statements) {
                if (isAllow(s) === true && isPublicGrant(s) === true) {
                    const at = bucket.policies[bucket.policies.length - 1].resource;
                    report(findingOn(bucket.resource, at, `allows Principal "*"${s.sid ? ` in statement "${s.sid}"` : ""} on bucket ${describe(bucket.resource)} without a condition pinning the caller, so anyone can use the allowed actions`, FIX));
                }
            }
        }
    },
);


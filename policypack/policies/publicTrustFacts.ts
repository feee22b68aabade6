// A role trust policy that lets everyone assume the role. IAM accepts `"Principal": "*"` (or `{"AWS": "*"}`) in a
// trust policy and, without a condition, any principal of any AWS account may then call sts:AssumeRole on it
// (IAM User Guide, "IAM JSON policy elements: Principal": "Do not leave your role accessible to everyone!").
// A replication role holds kms:Decrypt on the source key and reads of the source bucket, so a public trust
// hands the bucket's plaintext to anyone, however tight the bucket and key policies are.
import { coversAction } from "../model/iam";
import { Statement } from "../model/policyDocument";
import { andTri, Tri } from "../model/tri";
import { isPublicGrant } from "./publicGrantFacts";

/**
 * Keys whose fixed value confines who may assume: the caller's account, organization or ARN, the source a
 * service principal acts for (absent from a request an IAM principal signs, so it admits services only), or a
 * network range (the guide's own example). Lower-cased, as the parser keeps condition keys.
 */
const TRUST_PINNING_KEYS: ReadonlySet<string> = new Set(
    [
        "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalArn", "aws:userid",
        "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce",
    ].map((k) => k.toLowerCase()),
);

const ASSUME_ROLE = "sts:AssumeRole";

/** Does the statement let everyone (`"*"`, `{"AWS": "*"}`, or all but a NotPrincipal) assume the role with no pinning condition? */
export function trustsEveryone(s: Statement): Tri {
    return andTri(isPublicGrant(s, TRUST_PINNING_KEYS), coversAction(s, ASSUME_ROLE));
}

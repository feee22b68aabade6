// The form of AWS principals (awsrules/policyPrincipals.ts): what IAM's Principal element allows passes, groups,
// wildcards inside ARNs and names that are no principal are refused with the storing service's error.
import { strict as assert } from "node:assert";
import { awsPrincipalProblem, principalFormatViolation } from "../../awsrules";

const policy = (element: string, AWS: unknown) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", [element]: { AWS }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });

describe("AWS rules (awsrules/): AWS principals of a policy", function () {
    it("accepts every form the Principal element allows", function () {
        for (const ok of [
            "*",
            "111111111111",
            "arn:aws:iam::111111111111:root",
            "arn:aws:iam::111111111111:role/app",
            "arn:aws:iam::111111111111:role/platform/team/app",
            "arn:aws:iam::111111111111:user/ana",
            "arn:aws:sts::111111111111:assumed-role/app/session-1",
            "arn:aws:sts::111111111111:federated-user/ana",
            "arn:aws-us-gov:iam::111111111111:role/app",
            "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL",
            "AROAEXAMPLEID1234567",
        ]) {
            assert.equal(awsPrincipalProblem(ok), undefined, ok);
        }
        assert.equal(principalFormatViolation(policy("Principal", ["111111111111", "arn:aws:iam::222222222222:role/r"]), "s3"), undefined);
        assert.equal(principalFormatViolation({ Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" }] }, "kms"), undefined);
    });

    it("refuses a user group, a wildcard inside an ARN, a bad account id and a bare name", function () {
        assert.match(awsPrincipalProblem("arn:aws:iam::111111111111:group/admins") ?? "", /user group/);
        assert.match(awsPrincipalProblem("arn:aws:iam::111111111111:role/app-*") ?? "", /wildcard/);
        assert.ok(awsPrincipalProblem("arn:aws:iam::11111111111:root"));
        assert.ok(awsPrincipalProblem("ana"));
        assert.ok(awsPrincipalProblem("arn:aws:s3:::bucket"));
    });

    it("answers with the storing service's error, for Principal and NotPrincipal", function () {
        const group = "arn:aws:iam::111111111111:group/admins";
        assert.equal(principalFormatViolation(policy("Principal", group), "s3")?.message, "Invalid principal in policy");
        assert.equal(principalFormatViolation(policy("NotPrincipal", [group]), "kms")?.code, "MalformedPolicyDocumentException");
        assert.equal(principalFormatViolation(policy("Principal", group), "iam")?.code, "MalformedPolicyDocument");
    });
});

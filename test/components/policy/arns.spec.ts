import * as assert from "assert";
import { bucketArn, objectsArn, parseIamPrincipalArn, parseKmsKeyArn, s3ViaService } from "../../../components/policy/arns";
import { sidFragment } from "../../../components/policy/sids";
import { KEY_ARN } from "../fixtures";

describe("policy/arns", () => {
    it("parses role ARNs with paths into the name IAM policies attach to", () => {
        assert.deepStrictEqual(parseIamPrincipalArn("arn:aws:iam::444455556666:role/service-role/replication"), {
            arn: "arn:aws:iam::444455556666:role/service-role/replication",
            accountId: "444455556666",
            kind: "role",
            path: "/service-role/",
            name: "replication",
        });
        assert.deepStrictEqual(parseIamPrincipalArn("arn:aws:iam::111122223333:user/Jane"), {
            arn: "arn:aws:iam::111122223333:user/Jane",
            accountId: "111122223333",
            kind: "user",
            path: "/",
            name: "Jane",
        });
        assert.equal(parseIamPrincipalArn("arn:aws:iam::111122223333:user/a/b/c/Jane")?.path, "/a/b/c/");
    });

    it("rejects what is not an IAM user or role ARN", () => {
        for (const arn of [
            "arn:aws:iam::111122223333:root",
            "arn:aws:iam::111122223333:rolex",
            "arn:aws:iam::111122223333:group/devs",
            "arn:aws:sts::111122223333:assumed-role/app/session",
            "arn:aws:iam::11112222333:role/app",
            "arn:aws-cn:iam::111122223333:role/app",
            "arn:aws:iam::111122223333:role/",
        ]) {
            assert.equal(parseIamPrincipalArn(arn), undefined, arn);
        }
    });

    it("tells key ARNs from alias ARNs and key ids", () => {
        assert.deepStrictEqual(parseKmsKeyArn(KEY_ARN), { region: "eu-west-1", accountId: "111122223333", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
        assert.equal(parseKmsKeyArn("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")?.keyId, "mrk-1234abcd12ab34cd56ef1234567890ab");
        assert.equal(parseKmsKeyArn("arn:aws:kms:eu-west-1:111122223333:alias/data"), undefined);
        assert.equal(parseKmsKeyArn("1234abcd-12ab-34cd-56ef-1234567890ab"), undefined);
    });

    it("builds bucket, object and ViaService strings", () => {
        assert.equal(bucketArn("b"), "arn:aws:s3:::b");
        assert.equal(objectsArn("b"), "arn:aws:s3:::b/*");
        assert.equal(objectsArn("b", "reports/"), "arn:aws:s3:::b/reports/*");
        assert.equal(s3ViaService("eu-west-1"), "s3.eu-west-1.amazonaws.com");
    });

    it("derives alphanumeric Sid fragments from resource names", () => {
        assert.equal(sidFragment("analytics-read"), "AnalyticsRead");
        assert.equal(sidFragment("team_a.upload-2"), "TeamAUpload2");
        assert.throws(() => sidFragment("--"), /letters or digits/);
    });
});

// Each shared AWS rule fires on what AWS refuses and stays silent on what it accepts.
import { strict as assert } from "node:assert";
import {
    aclsDisabledViolation,
    aliasTargetViolation,
    autoNamedBucketViolation,
    bucketNameViolation,
    bucketPolicyJsonViolation,
    deletionWindowViolation,
    destinationViolation,
    isAwsRegion,
    logTargetGrantsViolation,
    keyRotationViolation,
    keySpecUsageViolation,
    policySize,
    policySizeViolation,
    publicPolicyBlockedViolation,
    publicStatements,
    regionViolation,
    replicationDestinationViolation,
    replicationRulesViolation,
    replicationSchemaViolation,
    rolePathViolation,
    roleNameViolation,
    s3DefaultKeyViolation,
    sourceVersioningViolation,
    tagsViolation,
    trustPolicyViolation,
} from "../../awsrules";

describe("AWS rules (awsrules/)", function () {
    describe("regions", function () {
        it("accepts the Regions of the aws partition the SDK lists, new ones included", function () {
            for (const region of ["eu-west-1", "us-east-1", "ap-southeast-7", "mx-central-1", "il-central-1"]) {
                assert.equal(regionViolation(region), undefined, region);
            }
        });
        it("refuses names that only look like Regions, other partitions, zones and pseudo-regions", function () {
            for (const region of ["eu-west-9", "ap-southeast-10", "us-gov-west-1", "cn-north-1", "eu-west-1a", "aws-global", "EU-WEST-1", ""]) {
                assert.equal(isAwsRegion(region), false, region);
            }
            assert.deepEqual(
                [regionViolation("eu-west-9")?.code, regionViolation("eu-west-9")?.message],
                ["InvalidRegion", "invalid AWS Region: eu-west-9"],
            );
            assert.match(regionViolation("us-gov-west-1")?.rule ?? "", /aws-us-gov partition/);
        });
    });

    describe("S3 bucket names", function () {
        it("accepts valid names", function () {
            for (const name of ["abc", "acme-prod-data-raw", "a.b-c.d", "x".repeat(63)]) {
                assert.equal(bucketNameViolation(name), undefined, name);
            }
        });
        it("refuses each broken rule with InvalidBucketName", function () {
            const cases: Record<string, RegExp> = {
                ab: /3-63/,
                ["x".repeat(64)]: /64 characters/,
                "Upper-case": /lower-case/,
                "under_score": /lower-case/,
                "-start": /begin and end/,
                "end.": /begin and end/,
                "a..b": /two adjacent dots/,
                "abc.-def": /hyphen next to a dot/,
                "abc-.def": /hyphen next to a dot/,
                "192.168.5.4": /IP address/,
                "xn--bucket": /reserved prefix xn--/,
                "sthree-bucket": /reserved prefix sthree-/,
                "amzn-s3-demo-bucket": /reserved prefix amzn-s3-demo-/,
                "bucket-s3alias": /reserved suffix -s3alias/,
                "bucket--ol-s3": /reserved suffix --ol-s3/,
                "bucket.mrap": /reserved suffix \.mrap/,
                "bucket--x-s3": /reserved suffix --x-s3/,
                "bucket--table-s3": /reserved suffix --table-s3/,
            };
            for (const [name, rule] of Object.entries(cases)) {
                const v = bucketNameViolation(name);
                assert.equal(v?.code, "InvalidBucketName", name);
                assert.equal(v?.message, "The specified bucket is not valid.");
                assert.match(v?.rule ?? "", rule, name);
            }
        });
        it("measures Pulumi's generated names: logical name + 8 characters", function () {
            assert.equal(autoNamedBucketViolation("a".repeat(55)), undefined);
            assert.match(autoNamedBucketViolation("a".repeat(56))?.rule ?? "", /would be 64 characters long/);
        });
    });

    describe("tags", function () {
        const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
        it("accepts 50 tags of legal keys and values", function () {
            assert.equal(tagsViolation(fifty, "s3"), undefined);
            assert.equal(tagsViolation({ "team name": "data/lake+ops@x", "k": "" }, "kms"), undefined);
        });
        it("refuses 51 tags, aws: keys, long keys and values, with each service's error code", function () {
            assert.deepEqual(tagsViolation({ ...fifty, extra: "v" }, "s3")?.code, "InvalidTag");
            assert.deepEqual(tagsViolation({ ...fifty, extra: "v" }, "iam")?.code, "LimitExceeded");
            assert.match(tagsViolation({ "aws:team": "x" }, "kms")?.rule ?? "", /reserved/);
            assert.equal(tagsViolation({ "AWS:team": "x" }, "kms")?.code, "TagException");
            assert.match(tagsViolation({ ["k".repeat(129)]: "x" }, "iam")?.rule ?? "", /1-128/);
            assert.match(tagsViolation({ k: "v".repeat(257) }, "s3")?.rule ?? "", /256/);
            assert.match(tagsViolation({ "k#": "v" }, "s3")?.rule ?? "", /may contain only/);
        });
    });

    describe("policy sizes", function () {
        const doc = (bytes: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x".repeat(bytes) }] });
        const padding = doc(0).length;
        it("bucket policies: 20 KB", function () {
            assert.equal(policySizeViolation("bucket", doc(20480 - padding)), undefined);
            assert.equal(policySizeViolation("bucket", doc(20481 - padding))?.code, "PolicyTooLarge");
        });
        it("key policies: 32 KB", function () {
            assert.equal(policySizeViolation("key", doc(32768 - padding)), undefined);
            assert.equal(policySizeViolation("key", doc(32769 - padding))?.code, "LimitExceededException");
        });
        it("IAM counts characters without white space: 10,240 inline role, 6,144 managed", function () {
            const spaced = JSON.stringify(JSON.parse(doc(6144 - padding)), null, 4);
            assert.ok(spaced.length > 6144);
            assert.equal(policySize("managed", spaced), 6144);
            assert.equal(policySizeViolation("managed", spaced), undefined);
            assert.equal(policySizeViolation("managed", doc(6145 - padding))?.code, "LimitExceeded");
            assert.equal(policySizeViolation("inlineRole", doc(10240 - padding)), undefined);
            assert.match(policySizeViolation("inlineRole", doc(10241 - padding))?.rule ?? "", /10241 characters without white space/);
        });
    });

    describe("IAM", function () {
        it("role names and paths", function () {
            assert.equal(roleNameViolation("acme-prod-raw-replication"), undefined);
            assert.match(roleNameViolation("r".repeat(65))?.rule ?? "", /65 characters/);
            assert.equal(roleNameViolation("bad name")?.code, "ValidationError");
            assert.equal(rolePathViolation("/"), undefined);
            assert.equal(rolePathViolation("/service/replication/"), undefined);
            assert.ok(rolePathViolation("service/"));
            assert.ok(rolePathViolation(`/${"p".repeat(511)}/`));
        });
        it("trust policies", function () {
            const ok = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] };
            assert.equal(trustPolicyViolation(JSON.stringify(ok)), undefined);
            assert.equal(trustPolicyViolation("{not json")?.code, "MalformedPolicyDocument");
            assert.match(trustPolicyViolation(JSON.stringify({ Statement: [{ ...ok.Statement[0], Resource: "*" }] }))?.message ?? "", /prohibited field Resource/);
            assert.match(trustPolicyViolation(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }))?.rule ?? "", /without a Principal/);
            assert.ok(trustPolicyViolation(JSON.stringify({ Version: "2012-10-17", Statement: [] })));
        });
    });

    describe("KMS", function () {
        it("deletion window 7-30", function () {
            assert.equal(deletionWindowViolation(7), undefined);
            assert.equal(deletionWindowViolation(30), undefined);
            assert.equal(deletionWindowViolation(6)?.code, "ValidationException");
            assert.ok(deletionWindowViolation(31));
            assert.ok(deletionWindowViolation(7.5));
        });
        it("automatic rotation: symmetric encryption keys KMS generated, every 90-2560 days", function () {
            const symmetric = { keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", customKeyStore: false };
            assert.equal(keyRotationViolation(symmetric, undefined), undefined);
            assert.equal(keyRotationViolation(symmetric, 90), undefined);
            assert.equal(keyRotationViolation(symmetric, 2560), undefined);
            assert.equal(keyRotationViolation(symmetric, 89)?.code, "ValidationException");
            assert.ok(keyRotationViolation(symmetric, 2561));
            assert.ok(keyRotationViolation(symmetric, 365.5));
            assert.equal(keyRotationViolation({ ...symmetric, keySpec: "RSA_2048" }, undefined)?.code, "UnsupportedOperationException");
            assert.ok(keyRotationViolation({ keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", customKeyStore: false }, undefined));
            assert.match(keyRotationViolation({ ...symmetric, customKeyStore: true }, undefined)?.rule ?? "", /custom key store/);
        });
        it("an alias names a key of its own account and Region", function () {
            const alias = "arn:aws:kms:eu-west-1:111111111111:alias/team";
            assert.equal(aliasTargetViolation(alias, "arn:aws:kms:eu-west-1:111111111111:key/k"), undefined);
            assert.equal(aliasTargetViolation(alias, "arn:aws:kms:eu-central-1:111111111111:key/k")?.code, "NotFoundException");
            assert.ok(aliasTargetViolation(alias, "arn:aws:kms:eu-west-1:222222222222:key/k"));
        });
        it("S3 default encryption takes symmetric encryption keys only", function () {
            assert.equal(s3DefaultKeyViolation("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"), undefined);
            assert.match(s3DefaultKeyViolation("RSA_2048", "ENCRYPT_DECRYPT")?.rule ?? "", /RSA_2048/);
            assert.ok(s3DefaultKeyViolation("HMAC_256", "GENERATE_VERIFY_MAC"));
        });
    });

    describe("S3 bucket policies", function () {
        const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...statement }] });
        it("must be a JSON object", function () {
            assert.equal(bucketPolicyJsonViolation(policy({})), undefined);
            assert.equal(bucketPolicyJsonViolation("not json")?.code, "MalformedPolicy");
            assert.ok(bucketPolicyJsonViolation("[]"));
        });
        it("public: a wildcard principal without a fixed-value restricting condition", function () {
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*" }))), ["S"]);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: { AWS: ["*"] } }))), ["S"]);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { StringLike: { "aws:SourceArn": "arn:aws:*" } } }))), ["S"]);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }))), ["S"]);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }))), ["S"]);
            // A set operator that holds on an absent key, and a value that is not a CIDR, confine nothing.
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { "ForAllValues:StringEquals": { "aws:SourceVpce": "vpce-1" } } }))), ["S"]);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { StringLike: { "aws:SourceIp": "*" } } }))), ["S"]);
        });
        it("not public: fixed principals, fixed restricting values, denies", function () {
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: { AWS: "arn:aws:iam::111111111111:role/r" } }))), []);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } } }))), []);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }))), []);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }))), []);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Condition: { StringEquals: { "s3:DataAccessPointAccount": "111111111111" } } }))), []);
            assert.deepEqual(publicStatements(JSON.parse(policy({ Principal: "*", Effect: "Deny" }))), []);
        });
        it("BlockPublicPolicy refuses a public policy with AccessDenied", function () {
            assert.equal(publicPolicyBlockedViolation(policy({ Principal: { AWS: "arn:aws:iam::111111111111:root" } }), "b"), undefined);
            const v = publicPolicyBlockedViolation(policy({ Principal: "*" }), "b");
            assert.equal(v?.code, "AccessDenied");
            assert.match(v?.message ?? "", /BlockPublicPolicy/);
        });
        it("ACLs on an ACL-disabled bucket", function () {
            assert.equal(aclsDisabledViolation().code, "AccessControlListNotSupported");
        });
    });

    describe("S3 replication", function () {
        it("rules: unique priorities, no delete markers with a tag filter", function () {
            const rule = { tagFiltered: false, deleteMarkerReplication: true };
            assert.equal(replicationRulesViolation([{ ...rule, id: "a", priority: 0 }, { ...rule, id: "b", priority: 1 }]), undefined);
            assert.match(replicationRulesViolation([{ ...rule, id: "a", priority: 1 }, { ...rule, id: "b", priority: 1 }])?.rule ?? "", /a and b/);
            assert.equal(replicationRulesViolation([{ id: "t", priority: 0, tagFiltered: true, deleteMarkerReplication: true }])?.code, "InvalidRequest");
            assert.equal(replicationRulesViolation([{ id: "t", priority: 0, tagFiltered: true, deleteMarkerReplication: false }]), undefined);
        });
        it("destinations: a replica key for SSE-KMS objects, RTC with metrics, a metrics event threshold only with RTC", function () {
            const rule = { id: "r", tagFiltered: false, deleteMarkerReplication: false };
            const key = "arn:aws:kms:eu-central-1:222222222222:key/k";
            assert.equal(replicationDestinationViolation([{ ...rule, sseKmsEncryptedObjects: true, replicaKmsKeyId: key }]), undefined);
            assert.equal(replicationDestinationViolation([{ ...rule, sseKmsEncryptedObjects: false }]), undefined);
            assert.match(replicationDestinationViolation([{ ...rule, sseKmsEncryptedObjects: true }])?.message ?? "", /ReplicaKmsKeyID must be specified/);
            assert.equal(replicationDestinationViolation([{ ...rule, replicationTime: true, metrics: true, metricsEventThreshold: true }]), undefined);
            assert.equal(replicationDestinationViolation([{ ...rule, metrics: true }]), undefined);
            assert.equal(replicationDestinationViolation([{ ...rule, replicationTime: true }])?.code, "InvalidRequest");
            assert.equal(replicationDestinationViolation([{ ...rule, metrics: true, metricsEventThreshold: true }])?.code, "InvalidArgument");
        });
        it("schema: 1-1,000 rules, a filtered rule says whether delete markers replicate, an owner override names the account", function () {
            const rule = { id: "r", filtered: true, deleteMarkerReplicationGiven: true, accessControlTranslation: false };
            assert.equal(replicationSchemaViolation([rule]), undefined);
            assert.equal(replicationSchemaViolation([])?.code, "MalformedXML");
            assert.equal(replicationSchemaViolation(Array.from({ length: 1000 }, (_, i) => ({ ...rule, id: `r${i}` }))), undefined);
            assert.match(replicationSchemaViolation(Array.from({ length: 1001 }, (_, i) => ({ ...rule, id: `r${i}` })))?.rule ?? "", /1001 rules/);
            assert.match(replicationSchemaViolation([{ ...rule, deleteMarkerReplicationGiven: false }])?.message ?? "", /DeleteMarkerReplication must be specified/);
            assert.equal(replicationSchemaViolation([{ ...rule, filtered: false, deleteMarkerReplicationGiven: false }]), undefined);
            assert.match(replicationSchemaViolation([{ ...rule, accessControlTranslation: true }])?.rule ?? "", /without destination\.account/);
            assert.equal(replicationSchemaViolation([{ ...rule, accessControlTranslation: true, account: "222222222222" }]), undefined);
        });
        it("versioning Enabled on the source and on an existing destination", function () {
            assert.equal(sourceVersioningViolation("Enabled"), undefined);
            assert.match(sourceVersioningViolation("Suspended")?.message ?? "", /Versioning must be 'Enabled'/);
            assert.ok(sourceVersioningViolation(undefined));
            assert.equal(destinationViolation("d", true, "Enabled"), undefined);
            assert.equal(destinationViolation("d", false, undefined)?.message, "Destination bucket must exist.");
            assert.equal(destinationViolation("d", true, "Suspended")?.message, "Destination bucket must have versioning enabled.");
        });
    });
    describe("KMS key spec and usage", function () {
        it("each key spec with the usages CreateKey allows it", function () {
            for (const [spec, usage] of [["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"], ["HMAC_256", "GENERATE_VERIFY_MAC"], ["RSA_2048", "ENCRYPT_DECRYPT"], ["RSA_4096", "SIGN_VERIFY"], ["ECC_NIST_P256", "KEY_AGREEMENT"], ["ECC_SECG_P256K1", "SIGN_VERIFY"], ["SOMETHING_NEW", "ANYTHING"]]) {
                assert.equal(keySpecUsageViolation(spec, usage), undefined, `${spec} ${usage}`);
            }
            assert.equal(keySpecUsageViolation("SYMMETRIC_DEFAULT", "SIGN_VERIFY")?.code, "ValidationException");
            assert.match(keySpecUsageViolation("HMAC_256", "ENCRYPT_DECRYPT")?.rule ?? "", /GENERATE_VERIFY_MAC/);
            assert.ok(keySpecUsageViolation("ECC_NIST_P384", "ENCRYPT_DECRYPT"));
            assert.ok(keySpecUsageViolation("ECC_SECG_P256K1", "KEY_AGREEMENT"));
        });
    });
    describe("S3 server access logging", function () {
        it("target grants only into a target whose ACLs are enabled", function () {
            assert.equal(logTargetGrantsViolation("logs", undefined, 0), undefined);
            assert.equal(logTargetGrantsViolation("logs", "BucketOwnerPreferred", 2), undefined);
            assert.equal(logTargetGrantsViolation("logs", "ObjectWriter", 1), undefined);
            assert.equal(logTargetGrantsViolation("logs", undefined, 1)?.code, "AccessControlListNotSupported");
            assert.match(logTargetGrantsViolation("logs", "BucketOwnerEnforced", 1)?.rule ?? "", /drop targetGrants/);
        });
    });
});

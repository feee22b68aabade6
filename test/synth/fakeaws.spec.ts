import * as assert from "assert";
import { AwsContext, callerOf, contextFromProvider, fakeInvoke, fakeResource } from "../../fakeaws";

const dataAccount: AwsContext = { accountId: "111111111111", region: "eu-west-1", partition: "aws" };
const backupAccount: AwsContext = { accountId: "222222222222", region: "eu-central-1", partition: "aws" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("fakeaws", () => {
    describe("contextFromProvider", () => {
        it("takes the account from the last role of an assumeRoles chain (JSON-encoded, as @pulumi/aws sends it)", () => {
            const ctx = contextFromProvider({
                region: "eu-west-1",
                assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::999999999999:role/ci-hub" }, { roleArn: "arn:aws:iam::111111111111:role/deploy" }, { sessionName: "no-role" }]),
                allowedAccountIds: JSON.stringify(["222222222222"]),
            });
            assert.deepStrictEqual(ctx, dataAccount);
        });
        it("calls the last role of a chain the caller", () => {
            const caller = callerOf({ assumeRoles: [{ roleArn: "arn:aws:iam::999999999999:role/ci-hub" }, { roleArn: "arn:aws:iam::111111111111:role/deploy" }] }, dataAccount);
            const identity = fakeInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, dataAccount, caller);
            assert.equal(identity["arn"], "arn:aws:sts::111111111111:assumed-role/deploy/pulumi");
        });
        it("accepts assumeRoles as a plain array", () => {
            assert.equal(contextFromProvider({ assumeRoles: [{ roleArn: "arn:aws:iam::444444444444:role/d" }] }).accountId, "444444444444");
        });
        it("falls back to allowedAccountIds[0], then to 123456789012 and us-east-1", () => {
            assert.equal(contextFromProvider({ allowedAccountIds: ["333333333333"] }).accountId, "333333333333");
            assert.deepStrictEqual(contextFromProvider({}), { accountId: "123456789012", region: "us-east-1", partition: "aws" });
        });
    });

    describe("fakeResource", () => {
        it("gives a KMS key a UUID key id and an ARN in the provider's account and region", () => {
            const { id, outputs } = fakeResource("aws:kms/key:Key", "data-key", { enableKeyRotation: true }, dataAccount);
            assert.match(id, UUID);
            assert.equal(outputs["keyId"], id);
            assert.equal(outputs["arn"], `arn:aws:kms:eu-west-1:111111111111:key/${id}`);
            assert.equal(outputs["keyUsage"], "ENCRYPT_DECRYPT");
            assert.equal(outputs["customerMasterKeySpec"], "SYMMETRIC_DEFAULT");
            assert.equal(outputs["enableKeyRotation"], true);
        });
        it("puts a resource in its own region input over the provider's", () => {
            const { outputs } = fakeResource("aws:kms/key:Key", "k", { region: "us-west-2" }, dataAccount);
            assert.match(String(outputs["arn"]), /^arn:aws:kms:us-west-2:111111111111:key\//);
        });
        it("is deterministic in (type, name, account, region) and differs when any changes", () => {
            const a = fakeResource("aws:kms/key:Key", "k", {}, dataAccount).id;
            assert.equal(fakeResource("aws:kms/key:Key", "k", {}, dataAccount).id, a);
            assert.notEqual(fakeResource("aws:kms/key:Key", "k2", {}, dataAccount).id, a);
            assert.notEqual(fakeResource("aws:kms/key:Key", "k", {}, backupAccount).id, a);
            assert.notEqual(fakeResource("aws:kms/key:Key", "k", { region: "us-east-2" }, dataAccount).id, a);
        });
        it("gives an alias its alias ARN and the target key ARN", () => {
            const key = fakeResource("aws:kms/key:Key", "k", {}, dataAccount);
            const { id, outputs } = fakeResource("aws:kms/alias:Alias", "a", { name: "alias/data", targetKeyId: key.id }, dataAccount);
            assert.equal(id, "alias/data");
            assert.equal(outputs["arn"], "arn:aws:kms:eu-west-1:111111111111:alias/data");
            assert.equal(outputs["targetKeyArn"], key.outputs["arn"]);
        });
        it("uses an explicit bucket name, else a deterministic <name>-<8 hex>", () => {
            const named = fakeResource("aws:s3/bucket:Bucket", "raw", { bucket: "acme-raw" }, dataAccount);
            assert.equal(named.id, "acme-raw");
            assert.equal(named.outputs["arn"], "arn:aws:s3:::acme-raw");
            assert.equal(named.outputs["bucketRegionalDomainName"], "acme-raw.s3.eu-west-1.amazonaws.com");
            assert.equal(named.outputs["region"], "eu-west-1");
            const auto = fakeResource("aws:s3/bucket:Bucket", "raw", {}, dataAccount);
            assert.match(auto.id, /^raw-[0-9a-f]{8}$/);
            assert.equal(auto.outputs["bucket"], auto.id);
        });
        it("reads S3's defaults for a new bucket back into its deprecated inline outputs (v7 singular, V2 lists); declared inputs win", () => {
            const v7 = fakeResource("aws:s3/bucket:Bucket", "raw", { bucket: "acme-raw" }, dataAccount).outputs;
            assert.deepStrictEqual(v7["serverSideEncryptionConfiguration"], { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "" }, bucketKeyEnabled: false } });
            assert.deepStrictEqual(v7["versioning"], { enabled: false, mfaDelete: false });
            assert.deepStrictEqual((v7["grants"] as { permissions: string[] }[]).map((g) => g.permissions), [["FULL_CONTROL"]]);
            assert.equal(v7["serverSideEncryptionConfigurations"], undefined);
            const v2 = fakeResource("aws:s3/bucketV2:BucketV2", "raw", { bucket: "acme-raw" }, dataAccount).outputs;
            assert.deepStrictEqual(v2["versionings"], [{ enabled: false, mfaDelete: false }]);
            assert.equal((v2["serverSideEncryptionConfigurations"] as { rules: { applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[] }[])[0].rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
            assert.equal(v2["versioning"], undefined);
            const declared = fakeResource("aws:s3/bucket:Bucket", "raw", { bucket: "acme-raw", versioning: { enabled: true } }, dataAccount).outputs;
            assert.deepStrictEqual(declared["versioning"], { enabled: true });
        });
        it("ids bucket configuration resources by their bucket", () => {
            for (const type of [
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "aws:s3/bucketVersioning:BucketVersioning",
                "aws:s3/bucketPolicy:BucketPolicy",
                "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            ]) {
                assert.equal(fakeResource(type, "x", { bucket: "acme-raw" }, dataAccount).id, "acme-raw", type);
            }
        });
        it("gives a role its ARN with path, name and an AROA unique id", () => {
            const { id, outputs } = fakeResource("aws:iam/role:Role", "repl", { name: "replication", path: "/service-role/" }, backupAccount);
            assert.equal(id, "replication");
            assert.equal(outputs["arn"], "arn:aws:iam::222222222222:role/service-role/replication");
            assert.match(String(outputs["uniqueId"]), /^AROA[A-Z2-7]{17}$/);
        });
        it("ids inline policies by owner:name and managed policies by ARN", () => {
            assert.equal(fakeResource("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", name: "n" }, dataAccount).id, "r:n");
            assert.equal(fakeResource("aws:iam/userPolicy:UserPolicy", "p", { user: "u", name: "n" }, dataAccount).id, "u:n");
            const managed = fakeResource("aws:iam/policy:Policy", "p", { name: "consumer" }, dataAccount);
            assert.equal(managed.id, "arn:aws:iam::111111111111:policy/consumer");
            assert.equal(managed.outputs["arn"], managed.id);
        });
        it("keeps inputs in the outputs", () => {
            const { outputs } = fakeResource("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "b", policy: "{}" }, dataAccount);
            assert.equal(outputs["policy"], "{}");
        });
    });

    describe("fakeInvoke", () => {
        it("answers getCallerIdentity with the context's account", () => {
            assert.equal(fakeInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, backupAccount)["accountId"], "222222222222");
        });
        it("answers getCallerIdentity as the provider's caller: its assumed role's session, else the ambient credentials' user", () => {
            const providerInputs = { assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::111111111111:role/deploy" }]) };
            const identity = fakeInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, dataAccount, callerOf(providerInputs, dataAccount));
            assert.equal(identity["arn"], "arn:aws:sts::111111111111:assumed-role/deploy/pulumi");
            assert.match(String(identity["userId"]), /^AROA[A-Z2-7]{17}:pulumi$/);
            const ambient = fakeInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, backupAccount);
            assert.equal(ambient["arn"], "arn:aws:iam::222222222222:user/standin-ambient-credentials");
            assert.match(String(ambient["userId"]), /^AIDA[A-Z2-7]{17}$/);
        });
        it("answers getSessionContext: the role behind a session (with the provider's own role's path), a non-session ARN as itself", () => {
            const caller = callerOf({ assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/ops/deploy", sessionName: "ci" }] }, dataAccount);
            const call = (arn: string) => fakeInvoke("aws:iam/getSessionContext:getSessionContext", { arn }, dataAccount, caller);
            assert.equal(call("arn:aws:sts::111111111111:assumed-role/deploy/ci")["issuerArn"], "arn:aws:iam::111111111111:role/ops/deploy");
            assert.equal(call("arn:aws:sts::111111111111:assumed-role/other/s")["issuerArn"], "arn:aws:iam::111111111111:role/other");
            assert.equal(call("arn:aws:iam::111111111111:user/jane")["issuerArn"], "arn:aws:iam::111111111111:user/jane");
            assert.throws(() => fakeInvoke("aws:iam/getSessionContext:getSessionContext", {}, dataAccount, caller), /arn is required/);
        });
        it("answers getOrganization with one organization for every account (its id fits AWS's pattern, for aws:PrincipalOrgID)", () => {
            const here = fakeInvoke("aws:organizations/getOrganization:getOrganization", {}, dataAccount);
            assert.match(String(here["id"]), /^o-[a-z0-9]{10,32}$/);
            assert.equal(fakeInvoke("aws:organizations/getOrganization:getOrganization", {}, backupAccount)["id"], here["id"]);
        });
        it("answers getAlias in the caller's account and Region: an existing key's alias, aws/s3 (an AWS managed key), else NotFoundException", () => {
            const analytics: AwsContext = { accountId: "333333333333", region: "eu-west-1", partition: "aws" };
            const alias = fakeInvoke("aws:kms/getAlias:getAlias", { name: "alias/analytics-data" }, analytics);
            assert.equal(alias["targetKeyArn"], "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444");
            assert.equal(alias["arn"], "arn:aws:kms:eu-west-1:333333333333:alias/analytics-data");
            assert.throws(() => fakeInvoke("aws:kms/getAlias:getAlias", { name: "alias/analytics-data" }, dataAccount), /NotFoundException: Alias arn:aws:kms:eu-west-1:111111111111:alias\/analytics-data is not found/);
            const managed = fakeInvoke("aws:kms/getAlias:getAlias", { name: "alias/aws/s3" }, dataAccount);
            assert.match(String(managed["targetKeyArn"]), /^arn:aws:kms:eu-west-1:111111111111:key\/[0-9a-f-]{36}$/);
            assert.equal(fakeInvoke("aws:kms/getKey:getKey", { keyId: managed["targetKeyArn"] }, dataAccount)["keyManager"], "AWS");
        });
        it("answers getRegion and getPartition", () => {
            assert.equal(fakeInvoke("aws:index/getRegion:getRegion", {}, backupAccount)["name"], "eu-central-1");
            assert.equal(fakeInvoke("aws:index/getPartition:getPartition", {}, backupAccount)["partition"], "aws");
        });
        it("synthesizes getPolicyDocument json the way the provider shapes it", () => {
            const result = fakeInvoke(
                "aws:iam/getPolicyDocument:getPolicyDocument",
                {
                    statements: [
                        {
                            sid: "DenyUnEncryptedObjectUploads",
                            effect: "Deny",
                            actions: ["s3:PutObject"],
                            resources: ["arn:aws:s3:::b/*"],
                            principals: [{ type: "*", identifiers: ["*"] }],
                            conditions: [{ test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
                        },
                        { actions: ["kms:Decrypt", "kms:GenerateDataKey"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:user/Jane"] }] },
                    ],
                },
                dataAccount,
            );
            assert.deepStrictEqual(JSON.parse(String(result["json"])), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyUnEncryptedObjectUploads",
                        Effect: "Deny",
                        Action: "s3:PutObject",
                        Resource: "arn:aws:s3:::b/*",
                        Principal: "*",
                        Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
                    },
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Principal: { AWS: "arn:aws:iam::111122223333:user/Jane" } },
                ],
            });
        });
        describe("getPolicyDocument's layering (source documents, statements, override documents)", () => {
            const statement = (sid: string, action: string) => ({ Sid: sid, Effect: "Allow", Action: action, Resource: "*" });
            const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
            const layered = (args: Record<string, unknown>) =>
                (JSON.parse(String(fakeInvoke("aws:iam/getPolicyDocument:getPolicyDocument", args, dataAccount)["json"])) as { Statement: object[] }).Statement;

            it("a statement replaces the source statement of the same sid where it stands; others are added at the end", () => {
                assert.deepStrictEqual(
                    layered({
                        sourcePolicyDocuments: [doc(statement("Tls", "s3:GetObject"), statement("Keep", "s3:ListBucket"))],
                        statements: [{ sid: "Tls", actions: ["s3:PutObject"], resources: ["*"] }, { actions: ["s3:GetBucketLocation"], resources: ["*"] }],
                    }),
                    [statement("Tls", "s3:PutObject"), statement("Keep", "s3:ListBucket"), { Effect: "Allow", Action: "s3:GetBucketLocation", Resource: "*" }],
                );
            });
            it("override documents replace statements of the same sid, the later override winning, and add the rest", () => {
                assert.deepStrictEqual(
                    layered({
                        statements: [{ sid: "A", actions: ["s3:GetObject"], resources: ["*"] }],
                        overridePolicyDocuments: [doc(statement("A", "s3:PutObject"), statement("B", "s3:ListBucket")), doc(statement("A", "s3:DeleteObject"))],
                    }),
                    [statement("A", "s3:DeleteObject"), statement("B", "s3:ListBucket")],
                );
            });
            it("refuses a sid repeated across the source documents or among the statements, as the provider does", () => {
                assert.throws(() => layered({ sourcePolicyDocuments: [doc(statement("A", "s3:GetObject")), doc(statement("A", "s3:PutObject"))] }), /duplicate sid \(A\) in sourcePolicyDocuments/);
                assert.throws(() => layered({ statements: [{ sid: "A", actions: ["s3:GetObject"] }, { sid: "A", actions: ["s3:PutObject"] }] }), /duplicate sid \(A\) in statements/);
            });
            it("refuses an effect other than Allow or Deny, as the provider validates it", () => {
                assert.throws(() => layered({ statements: [{ effect: "Alow", actions: ["s3:GetObject"], resources: ["*"] }] }), /expected statements\.effect to be one of \["Allow" "Deny"\], got Alow/);
            });
            it("refuses a source document that is not JSON", () => {
                assert.throws(() => layered({ sourcePolicyDocuments: ["{not json"] }), /sourcePolicyDocuments holds a document that is not valid JSON/);
            });
        });
    });
});

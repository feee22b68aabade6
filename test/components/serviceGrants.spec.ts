import * as assert from "assert";
import { PolicyDocument, PolicyStatement } from "../../components/policy/types";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";
import { assertPolicyLintClean } from "../support/policyLint";
import { CONSUMER_ACCOUNT, DATA_ACCOUNT, REGION } from "./fixtures";
import { afterAutoSeal, dataProvider } from "./support/world";
type Components = typeof import("../../components");

let counter = 0;
const unique = (base: string): string => `${base}${++counter}`;

function bySid(doc: PolicyDocument, sid: string): PolicyStatement {
    const found = doc.Statement.find((s) => s.Sid === sid);
    assert.ok(found, `no statement ${sid} in ${doc.Statement.map((s) => s.Sid).join(", ")}`);
    return found;
}

describe("BucketServiceGrant and BucketOrganizationRead (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "service-grants" });
        c = await import("../../components");
    });
    beforeEach(() => mocks.reset());

    function newBucket() {
        const bucketName = unique("service-bucket-");
        return { bucketName, bucket: new c.EncryptedBucket(bucketName, { accountId: DATA_ACCOUNT, region: REGION, bucketName }, { provider: dataProvider() }) };
    }

    it("a service grant adds a bucket and a key statement pinned to the source (defaulting to the bucket's account)", async () => {
        const { bucket, bucketName } = newBucket();
        const grant = new c.BucketServiceGrant(unique("trail-"), { bucket, service: "cloudtrail.amazonaws.com", prefix: "AWSLogs/", sourceArn: `arn:aws:cloudtrail:${REGION}:${DATA_ACCOUNT}:trail/org` });
        await afterAutoSeal();
        const bucketDoc = await promiseOf(bucket.policyDocument);
        const keyDoc = await promiseOf(bucket.key.policyDocument);
        const sids = c.serviceGrantSids(grant.sidBase);
        const objects = bySid(bucketDoc, sids.objects);
        assert.deepStrictEqual(objects.Principal, { Service: "cloudtrail.amazonaws.com" });
        assert.equal(objects.Resource, `arn:aws:s3:::${bucketName}/AWSLogs/*`);
        assert.deepStrictEqual(objects.Condition, { StringEquals: { "aws:SourceAccount": DATA_ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:${REGION}:${DATA_ACCOUNT}:trail/org` } });
        assert.deepStrictEqual(bySid(bucketDoc, sids.bucket).Action, ["s3:GetBucketAcl"]);
        const key = bySid(keyDoc, sids.keyUse);
        assert.deepStrictEqual(key.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
        assert.equal(key.Condition?.StringEquals?.["aws:SourceAccount"], DATA_ACCOUNT);
        await assertPolicyLintClean(bucketDoc, "resource", "bucket policy");
        await assertPolicyLintClean(keyDoc, "resource", "key policy");
    });

    it("a writing CloudTrail grant also gets kms:DescribeKey, in its own statement pinned to the same source (CloudTrail needs it to create or update a trail)", async () => {
        const { bucket } = newBucket();
        const trail = `arn:aws:cloudtrail:${REGION}:${DATA_ACCOUNT}:trail/org`;
        const grant = new c.BucketServiceGrant(unique("trail-"), { bucket, service: "cloudtrail.amazonaws.com", prefix: "AWSLogs/", sourceArn: trail });
        await afterAutoSeal();
        const keyDoc = await promiseOf(bucket.key.policyDocument);
        const describe = bySid(keyDoc, c.serviceGrantSids(grant.sidBase).describeKey);
        assert.deepStrictEqual(describe, {
            Sid: `${grant.sidBase}DescribeKey`,
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: ["kms:DescribeKey"],
            Resource: "*",
            // No encryption-context condition: DescribeKey carries none, so such a condition would never match.
            Condition: { StringEquals: { "aws:SourceAccount": DATA_ACCOUNT }, ArnLike: { "aws:SourceArn": trail } },
        });
        assert.ok(!(bySid(keyDoc, c.serviceGrantSids(grant.sidBase).keyUse).Action as string[]).includes("kms:DescribeKey"));
        await assertPolicyLintClean(keyDoc, "resource", "key policy");
    });

    it("no DescribeKey for a service whose docs do not ask for it (AWS Config), nor for a reading grant", async () => {
        const { bucket } = newBucket();
        const config = new c.BucketServiceGrant(unique("config-"), { bucket, service: "config.amazonaws.com", prefix: "config/" });
        const reader = new c.BucketServiceGrant(unique("reader-"), { bucket, service: "delivery.logs.amazonaws.com", access: "read", prefix: "in/" });
        await afterAutoSeal();
        const sids = (await promiseOf(bucket.key.policyDocument)).Statement.map((s) => s.Sid);
        assert.ok(sids.includes(c.serviceGrantSids(config.sidBase).keyUse) && sids.includes(c.serviceGrantSids(reader.sidBase).keyUse), sids.join(", "));
        assert.deepStrictEqual(sids.filter((sid) => sid?.endsWith("DescribeKey") && sid.startsWith("Service")), []);
    });

    it("reports every argument problem at once, naming the field and the fix", () => {
        const { bucket } = newBucket();
        assert.throws(
            () => new c.BucketServiceGrant(unique("bad-"), { bucket, service: "logging.s3.amazonaws.com", access: "admin" as never, sourceAccount: "123", prefix: "/logs" }),
            (error: Error) =>
                /service S3 server access logging delivers only to a bucket encrypted with SSE-S3/.test(error.message) &&
                /access is "admin"\. Fix: use one of "read", "write", "read-write"/.test(error.message) &&
                /sourceAccount is "123", not an AWS account id\. Fix: use exactly 12 digits/.test(error.message) &&
                /prefix is "\/logs", which starts with \//.test(error.message) &&
                /4 problems/.test(error.message),
        );
    });

    it("refuses a prefix with ${ (an IAM policy variable in the Resource ARN), as a bucket grant's", () => {
        const { bucket } = newBucket();
        assert.throws(
            () => new c.BucketServiceGrant(unique("bad-"), { bucket, service: "cloudtrail.amazonaws.com", sourceAccount: DATA_ACCOUNT, prefix: "AWSLogs/${aws:SourceAccount}/" }),
            /prefix is "AWSLogs\/\$\{aws:SourceAccount\}\/", which contains \$\{, the start of an IAM policy variable/,
        );
    });

    it("refuses a sourceArn in another account than sourceAccount", () => {
        const { bucket } = newBucket();
        assert.throws(
            () => new c.BucketServiceGrant(unique("bad-"), { bucket, service: "delivery.logs.amazonaws.com", sourceAccount: DATA_ACCOUNT, sourceArn: `arn:aws:logs:${REGION}:${CONSUMER_ACCOUNT}:*` }),
            /sourceArn names account 444455556666 but sourceAccount is 111122223333/,
        );
    });

    it("refuses a sourceArn of another service than the grant's, naming the field and the fix", () => {
        const { bucket } = newBucket();
        assert.throws(
            () => new c.BucketServiceGrant(unique("bad-"), { bucket, service: "cloudtrail.amazonaws.com", sourceArn: `arn:aws:config:${REGION}:${DATA_ACCOUNT}:config-rule/x` }),
            /sourceArn names a resource of config, but cloudtrail\.amazonaws\.com acts for resources of cloudtrail.*Fix: use the ARN of the cloudtrail resource/,
        );
    });

    it("an organisation read adds Principal \"*\" statements pinned to the organisation, minus the bucket's account, and exports the member policy", async () => {
        const { bucket, bucketName } = newBucket();
        const read = new c.BucketOrganizationRead(unique("org-"), { bucket, organizationId: "o-a1b2c3d4e5", prefix: "exports/" });
        await afterAutoSeal();
        const bucketDoc = await promiseOf(bucket.policyDocument);
        const sids = c.organizationReadSids(read.sidBase);
        const objects = bySid(bucketDoc, sids.objects);
        assert.equal(objects.Principal, "*");
        assert.deepStrictEqual(objects.Action, ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"]);
        assert.deepStrictEqual(bySid(bucketDoc, sids.list).Action, ["s3:ListBucket", "s3:ListBucketVersions"]);
        assert.deepStrictEqual(objects.Condition, { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" }, StringNotEquals: { "aws:PrincipalAccount": DATA_ACCOUNT } });
        assert.deepStrictEqual(bySid(bucketDoc, sids.list).Condition?.StringLike, { "s3:prefix": "exports/*" });
        const key = bySid(await promiseOf(bucket.key.policyDocument), sids.keyUse);
        assert.deepStrictEqual(key.Action, ["kms:Decrypt"]);
        assert.equal(key.Condition?.StringEquals?.["kms:ViaService"], `s3.${REGION}.amazonaws.com`);
        const member = JSON.parse(await promiseOf(read.memberPolicyJson)) as PolicyDocument;
        assert.deepStrictEqual(member.Statement.map((s) => s.Resource), [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/exports/*`, await promiseOf(bucket.key.arn)]);
        await assertPolicyLintClean(member, "identity", "member policy");
    });

    it("an organisation read keeps Decrypt on the bucket's retired keys: in the member policy, and in the policy of a retired key of the program", async () => {
        const provider = dataProvider();
        const old = new c.CustomerManagedKey(unique("org-retired-"), { accountId: DATA_ACCOUNT, region: REGION, alias: `alias/${unique("org-retired-")}` }, { provider });
        const { bucket, bucketName } = newBucket();
        const elsewhere = `arn:aws:kms:${REGION}:${DATA_ACCOUNT}:key/00000000-1111-4222-8333-444444444444`;
        const read = new c.BucketOrganizationRead(unique("org-"), { bucket, organizationId: "o-a1b2c3d4e5", retiredKeys: [old, elsewhere] });
        await afterAutoSeal();
        const retiredSid = `${read.sidBase}DecryptRetiredKeys`;
        const onOld = bySid(await promiseOf(old.policyDocument), retiredSid);
        assert.deepStrictEqual([onOld.Principal, onOld.Action], ["*", ["kms:Decrypt"]]);
        assert.deepStrictEqual(onOld.Condition?.StringLike, { "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`] });
        assert.equal(onOld.Condition?.StringEquals?.["aws:PrincipalOrgID"], "o-a1b2c3d4e5");
        const member = JSON.parse(await promiseOf(read.memberPolicyJson)) as PolicyDocument;
        assert.deepStrictEqual(bySid(member, retiredSid).Resource, [await promiseOf(old.arn), elsewhere]);
        await assertPolicyLintClean(member, "identity", "member policy");
    });

    it("refuses an organisation id that is not one, and write access (there is no such argument)", () => {
        const { bucket } = newBucket();
        assert.throws(() => new c.BucketOrganizationRead(unique("bad-"), { bucket, organizationId: "r-abcd" }), /organizationId is not an AWS Organization id/);
        assert.throws(() => new c.BucketOrganizationRead(unique("bad-"), { bucket, organizationId: "o-a1b2c3d4e5", access: "write" } as never), /unknown setting "access"/);
    });

    it("refuses missing arguments or a bucket that is not an EncryptedBucket as an InvalidArgumentError naming bucket", () => {
        const bucketProblem = (e: unknown) => e instanceof c.InvalidArgumentError && e.field === "bucket" && /bucket is not an EncryptedBucket\. Fix: pass the EncryptedBucket/.test(e.message);
        assert.throws(() => new c.BucketOrganizationRead(unique("bad-"), undefined as never), bucketProblem);
        assert.throws(() => new c.BucketServiceGrant(unique("bad-"), undefined as never), bucketProblem);
        assert.throws(() => new c.BucketServiceGrant(unique("bad-"), { bucket: "my-bucket", service: "logging.s3.amazonaws.com", access: "write" } as never), bucketProblem);
    });
});

// The stand-in provider's own logic, without the CLI.
import { strict as assert } from "node:assert";
import { diffInputs } from "./diff";
import { encodeJsonDocuments } from "./jsonDocuments";
import { parseUrn } from "./urn";

describe("e2e stand-in aws provider", function () {
    it("reads the type and name from a URN, parents included", function () {
        const urn = "urn:pulumi:dev::encrypted-buckets::encrypted-buckets:s3:EncryptedBucket$aws:s3/bucket:Bucket::logs::x";
        assert.deepEqual(parseUrn(urn), { type: "aws:s3/bucket:Bucket", name: "logs::x" });
        assert.throws(() => parseUrn("not-a-urn"), /not a Pulumi URN/);
    });

    it("ignores computed outputs that are not inputs, so a re-run is a no-op", function () {
        const olds = { bucket: "b", region: "eu-west-1", arn: "arn:aws:s3:::b", tagsAll: {} };
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", olds, { bucket: "b", region: "eu-west-1" }), { changed: [], replaces: [], deleteBeforeReplace: false });
    });

    it("reports changed inputs, and replacement for the ones AWS cannot update", function () {
        const olds = { bucket: "b", region: "eu-west-1", tags: { a: "1" } };
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", olds, { bucket: "b", region: "eu-west-1", tags: { a: "2" } }), {
            changed: ["tags"],
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", olds, { bucket: "c", region: "us-east-1", tags: { a: "1" } }), {
            changed: ["bucket", "region"],
            replaces: ["bucket", "region"],
            deleteBeforeReplace: false,
        });
    });

    it("replaces a configuration resource moved to another bucket, a renamed topic, alarm or inline policy, as the provider does", function () {
        const moved = (type: string, key: string, from: string, to: string) => diffInputs(type, { [key]: from, other: 1 }, { [key]: to, other: 1 }).replaces;
        assert.deepEqual(moved("aws:s3/bucketPolicy:BucketPolicy", "bucket", "a", "b"), ["bucket"]);
        assert.deepEqual(moved("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "bucket", "a", "b"), ["bucket"]);
        assert.deepEqual(moved("aws:s3/bucketVersioningV2:BucketVersioningV2", "expectedBucketOwner", "111111111111", "222222222222"), ["expectedBucketOwner"]);
        assert.deepEqual(moved("aws:sns/topic:Topic", "name", "alerts", "alerts-v2"), ["name"]);
        assert.deepEqual(moved("aws:cloudwatch/metricAlarm:MetricAlarm", "name", "a", "b"), ["name"]);
        assert.deepEqual(moved("aws:iam/rolePolicy:RolePolicy", "role", "r1", "r2"), ["role"]);
        assert.deepEqual(moved("aws:s3/bucketObjectv2:BucketObjectv2", "key", "a.txt", "b.txt"), ["key"]);
        assert.deepEqual(moved("aws:kms/grant:Grant", "granteePrincipal", "arn:aws:iam::111111111111:role/a", "arn:aws:iam::111111111111:role/b"), ["granteePrincipal"]);
        assert.deepEqual(moved("aws:iam/user:User", "name", "alice", "alice2"), []);
    });

    it("updates in place what the provider updates in place: a key policy's key, a topic policy's document", function () {
        assert.deepEqual(diffInputs("aws:kms/keyPolicy:KeyPolicy", { keyId: "k1", policy: "{}" }, { keyId: "k2", policy: "{}" }), { changed: ["keyId"], replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(diffInputs("aws:sns/topicPolicy:TopicPolicy", { arn: "t", policy: "{}" }, { arn: "t", policy: "{\"a\":1}" }), { changed: ["policy"], replaces: [], deleteBeforeReplace: false });
    });

    it("replaces a role that keeps its name delete-first, as the provider does for a name the user wrote; a renamed role create-first", function () {
        const role = "aws:iam/role:Role";
        const olds = { name: "copier", path: "/", assumeRolePolicy: "{}" };
        assert.deepEqual(diffInputs(role, olds, { name: "copier", path: "/service-role/", assumeRolePolicy: "{}" }), { changed: ["path"], replaces: ["path"], deleteBeforeReplace: true });
        assert.deepEqual(diffInputs(role, olds, { name: "copier-v2", path: "/", assumeRolePolicy: "{}" }), { changed: ["name"], replaces: ["name"], deleteBeforeReplace: false });
        assert.deepEqual(diffInputs(role, olds, { name: "copier", path: "/", assumeRolePolicy: "{\"a\":1}" }), { changed: ["assumeRolePolicy"], replaces: [], deleteBeforeReplace: false });
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", { bucket: "b", region: "eu-west-1" }, { bucket: "b", region: "us-east-1" }).deleteBeforeReplace, false);
    });
    it("encodes a policy document given as an object as JSON where the provider does, and nowhere else", function () {
        const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] };
        assert.deepEqual(encodeJsonDocuments("aws:s3/bucketPolicy:BucketPolicy", { bucket: "b", policy: doc }), { bucket: "b", policy: JSON.stringify(doc) });
        assert.deepEqual(encodeJsonDocuments("aws:iam/role:Role", { name: "r", assumeRolePolicy: doc }), { name: "r", assumeRolePolicy: JSON.stringify(doc) });
        const text = { bucket: "b", policy: JSON.stringify(doc) };
        assert.equal(encodeJsonDocuments("aws:s3/bucketPolicy:BucketPolicy", text), text);
        // KMS key policies are typed as strings only: an object there is the program's mistake, and AWS's to refuse.
        const key = { policy: doc };
        assert.equal(encodeJsonDocuments("aws:kms/key:Key", key), key);
    });
});

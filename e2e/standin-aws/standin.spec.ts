// The stand-in provider's own logic, without the CLI.
import { strict as assert } from "node:assert";
import { diffInputs } from "./diff";
import { parseUrn } from "./urn";

describe("e2e stand-in aws provider", function () {
    it("reads the type and name from a URN, parents included", function () {
        const urn = "urn:pulumi:dev::encrypted-buckets::encrypted-buckets:s3:EncryptedBucket$aws:s3/bucket:Bucket::logs::x";
        assert.deepEqual(parseUrn(urn), { type: "aws:s3/bucket:Bucket", name: "logs::x" });
        assert.throws(() => parseUrn("not-a-urn"), /not a Pulumi URN/);
    });

    it("ignores computed outputs that are not inputs, so a re-run is a no-op", function () {
        const olds = { bucket: "b", region: "eu-west-1", arn: "arn:aws:s3:::b", tagsAll: {} };
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", olds, { bucket: "b", region: "eu-west-1" }), { changed: [], replaces: [] });
    });

    it("reports changed inputs, and replacement for the ones AWS cannot update", function () {
        const olds = { bucket: "b", region: "eu-west-1", tags: { a: "1" } };
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", olds, { bucket: "b", region: "eu-west-1", tags: { a: "2" } }), {
            changed: ["tags"],
            replaces: [],
        });
        assert.deepEqual(diffInputs("aws:s3/bucket:Bucket", olds, { bucket: "c", region: "us-east-1", tags: { a: "1" } }), {
            changed: ["bucket", "region"],
            replaces: ["bucket", "region"],
        });
    });
});

import * as assert from "assert";
import { assertNone, assertOnly, run } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { StackBuilder } from "./support/stackBuilder";

describe("policy pack: exemptions", () => {
    function unprotectedBucket(tags?: Record<string, string>): { b: StackBuilder; bucket: string } {
        const b = new StackBuilder();
        const s = secureBucket(b, "site");
        b.remove(s.pab);
        if (tags) {
            b.patch(s.bucket, (p) => { p["tags"] = tags; });
        }
        return { b, bucket: s.bucket };
    }

    it("a resource tag exempts it from the named policy only, and the exemption is reported (advisory)", async () => {
        const { b, bucket } = unprotectedBucket({ "encrypted-buckets:exempt": "s3-bucket-public-access-block" });
        const vs = await run(b.build());
        assertOnly(vs, "encrypted-buckets-exemptions", bucket, "exempt from: s3-bucket-public-access-block");
        assert.ok(vs.every((v) => v.enforcementLevel === "advisory"));
    });

    it("a tag naming another policy exempts nothing", async () => {
        const { b, bucket } = unprotectedBucket({ "encrypted-buckets:exempt": "kms-key-rotation-enabled" });
        const vs = (await run(b.build())).filter((v) => v.policyName !== "encrypted-buckets-exemptions");
        assertOnly(vs, "s3-bucket-public-access-block", bucket);
    });

    it("configured exemptTags skip matching resources", async () => {
        const { b } = unprotectedBucket({ "data-class": "public-website" });
        assertNone(await run(b.build(), { config: { "s3-bucket-public-access-block": { exemptTags: { "data-class": "public-website" } } } }));
        const { b: other } = unprotectedBucket({ "data-class": "internal" });
        assertOnly(await run(other.build(), { config: { "s3-bucket-public-access-block": { exemptTags: { "data-class": "public-website" } } } }), "s3-bucket-public-access-block");
    });
});

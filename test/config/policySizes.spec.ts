// Issue 13 item 3: rendered policy sizes are refused from configuration alone, before anything is registered,
// with the same builders and size rules the components use.
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig } from "../../config";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { rejection, validConfig } from "./fixtures";

const PROJECT_DIR = path.resolve(__dirname, "../..");

/** `count` read grants on bucket "curated" (own key) to roles of the analytics account (cross-account: bucket and key policy statements). */
function withGrants(count: number) {
    const raw = validConfig();
    raw.buckets[1]["grants"] = Array.from({ length: count }, (_, n) => ({
        principal: `arn:aws:iam::333333333333:role/consumer-${String(n).padStart(3, "0")}`,
        access: "read",
        prefix: `team-${n}/`,
    }));
    return raw;
}

describe("config: rendered policy sizes (before anything is registered)", () => {
    it("100 grants on one bucket: its bucket policy (20 KB) and its key policy (32 KB) are refused, each naming the bucket or key and the fix", () => {
        const error = rejection(withGrants(100));
        const byPath = new Map(error.problems.map((p) => [p.path, p.message]));
        const bucket = byPath.get("encrypted-buckets:buckets[1]");
        const key = byPath.get("encrypted-buckets:buckets[1].key");
        assert.ok(bucket, error.message);
        assert.ok(key, error.message);
        assert.match(bucket, /bucket "curated" bucket policy renders to \d+ bytes; an S3 bucket policy may have at most 20480 .*Fix: grant fewer principals on this bucket .*shared role/);
        assert.match(key, /bucket "curated"'s own key \(alias\/curated\) key policy renders to \d+ bytes; a KMS key policy may have at most 32768 .*Fix: grant fewer principals on this key/);
        assert.match(error.message, /before anything is registered/);
    });

    it("a few grants pass", () => {
        assert.doesNotThrow(() => parseStackConfig(withGrants(10)));
    });

    it("a shared key collects the statements of every bucket that uses it", () => {
        const raw = validConfig();
        // "raw" already uses the shared key; 40 same-account grants on each of two more buckets on it.
        for (const name of ["a", "b"]) {
            raw.buckets.push({ name, account: "data", key: "shared", grants: Array.from({ length: 40 }, (_, n) => ({ principal: `arn:aws:iam::111111111111:role/${name}-reader-${n}`, access: "read" })) });
        }
        const error = rejection(raw);
        assert.deepStrictEqual(error.problems.map((p) => p.path), ["encrypted-buckets:keys.shared"], error.message);
        assert.match(error.problems[0].message, /key "shared" key policy renders to/);
    });

    it("service grants and organisation reads count towards the bucket policy", () => {
        const raw = validConfig();
        raw.buckets[1]["serviceGrants"] = Array.from({ length: 60 }, (_, n) => ({
            service: "cloudtrail.amazonaws.com",
            sourceArn: `arn:aws:cloudtrail:eu-west-1:111111111111:trail/trail-${n}`,
            prefix: `trails/${n}/`,
        }));
        const error = rejection(raw);
        assert.ok(error.problems.some((p) => p.path === "encrypted-buckets:buckets[1]" && /bucket "curated" bucket policy renders to \d+ bytes/.test(p.message)), error.message);
        raw.buckets[1]["serviceGrants"] = (raw.buckets[1]["serviceGrants"] as unknown[]).slice(0, 3);
        raw.buckets[1]["organizationReads"] = [{ organizationId: "o-a1b2c3d4e5", prefix: "exports/" }];
        assert.doesNotThrow(() => parseStackConfig(raw));
    });

    it("a CloudTrail grant's DescribeKey statement counts towards the key policy", () => {
        // 40 CloudTrail grants on buckets sharing a key: each adds its data statement and its DescribeKey statement
        // (~300 bytes) to the shared key's policy. Without the DescribeKey statements the policy renders to ~25 KB.
        const raw = validConfig();
        for (let b = 0; b < 10; b++) {
            raw.buckets.push({
                name: `trail-${b}`, account: "data", key: "shared",
                serviceGrants: Array.from({ length: 4 }, (_, n) => ({ service: "cloudtrail.amazonaws.com", sourceArn: `arn:aws:cloudtrail:eu-west-1:111111111111:trail/t-${b}-${n}`, prefix: `trails/${n}/` })),
            });
        }
        const error = rejection(raw);
        assert.deepStrictEqual(error.problems.map((p) => p.path), ["encrypted-buckets:keys.shared"], error.message);
        assert.match(error.problems[0].message, /key "shared" key policy renders to \d+ bytes; a KMS key policy may have at most 32768/);
    });

    for (const stack of ["dev", "prod"]) {
        it(`Pulumi.${stack}.yaml passes`, () => {
            assert.doesNotThrow(() => parseStackConfig(readStackConfigFile(PROJECT_DIR, stack).projectConfig));
        });
    }
});

// key: naming an existing key by ARN.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, validConfig } from "./fixtures";

const KEY = "arn:aws:kms:eu-west-1:333333333333:key/0e0e0e0e-1111-4222-8333-444444444444";

describe("config: an existing key by ARN", () => {
    it("accepts a key ARN, verified by default, or { arn, verify: false }", () => {
        const c = validConfig();
        c.buckets[1].key = KEY;
        (c.buckets[0].replicas as Record<string, unknown>[])[0].key = { arn: "arn:aws:kms:eu-central-1:222222222222:key/0e0e0e0e-1111-4222-8333-666666666666", verify: false };
        const config = parseStackConfig(c);
        assert.deepStrictEqual(config.buckets[1].key, { kind: "external", arn: KEY, verify: true });
        assert.deepStrictEqual(config.buckets[0].replicas[0].key, { kind: "external", arn: "arn:aws:kms:eu-central-1:222222222222:key/0e0e0e0e-1111-4222-8333-666666666666", verify: false });
    });
    it("rejects an alias (name or ARN), saying how to find the key ARN", () => {
        const c = validConfig();
        c.buckets[1].key = "alias/team-key";
        assertRejected(c, "buckets[1].key", /is a KMS alias.*describe-key --key-id alias\/team-key/);
        c.buckets[1].key = "arn:aws:kms:eu-west-1:111111111111:alias/team-key";
        assertRejected(c, "buckets[1].key", /is a KMS alias\. Fix: give the key ARN/);
    });
    it("rejects an ARN that is not a key ARN, and unknown settings next to arn", () => {
        const c = validConfig();
        c.buckets[1].key = "arn:aws:kms:eu-west-1:111111111111:key/not-a-key-id";
        assertRejected(c, "buckets[1].key", /not a KMS key ARN/);
        c.buckets[1].key = { arn: KEY, alias: "alias/x" };
        assertRejected(c, "buckets[1].key", /unknown setting "alias" for an existing key; it takes arn and verify/);
    });
});

// Lifecycle rules and Object Lock in the stack configuration: the components' schemas composed into a
// bucket and a replica entry (each its own), and the cross-check that locked buckets replicate only to
// locked buckets, both ways.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, rejection, validConfig } from "./fixtures";

type Entry = Record<string, unknown> & { replicas?: Record<string, unknown>[] };
const entry = (c: ReturnType<typeof validConfig>, i: number) => c.buckets[i] as Entry;

describe("config: lifecycleRules and objectLock", () => {
    it("keeps a bucket's and its replica's settings apart: a replica never inherits the source's", () => {
        const c = validConfig();
        entry(c, 0).lifecycleRules = [{ id: "tmp", prefix: "tmp/", expiration: { days: 3 } }];
        entry(c, 0).objectLock = { mode: "governance", days: 5 };
        entry(c, 0).replicas![0].objectLock = { mode: "governance", days: 30 };
        const parsed = parseStackConfig(c);
        assert.deepStrictEqual(parsed.buckets[0].lifecycleRules.map((r) => [r.id, r.prefix, r.expiration]), [["tmp", "tmp/", { days: 3 }]]);
        assert.deepStrictEqual(parsed.buckets[0].replicas[0].lifecycleRules, []);
        assert.deepStrictEqual([parsed.buckets[0].objectLock?.days, parsed.buckets[0].replicas[0].objectLock?.days], [5, 30]);
        assert.equal(parsed.buckets[1].objectLock, undefined);
        assert.deepStrictEqual(parsed.buckets[1].lifecycleRules, []);
    });

    it("rejects a transition S3 refuses, naming the rule's path and the AWS section", () => {
        const c = validConfig();
        entry(c, 1).lifecycleRules = [{ id: "cold", transitions: [{ days: 7, storageClass: "ONEZONE_IA" }] }];
        assertRejected(c, "buckets[1].lifecycleRules[0]", /rule cold: transition to ONEZONE_IA after 7 days; it needs a whole number of at least 30 days.*Transitioning objects using Amazon S3 Lifecycle/);
    });

    it("rejects a replica's own bad rule at the replica's path", () => {
        const c = validConfig();
        entry(c, 0).replicas![0].lifecycleRules = [{ id: "x", noncurrentVersionExpiration: { days: 0 } }];
        assertRejected(c, "buckets[0].replicas[0].lifecycleRules[0].noncurrentVersionExpiration.days", /must be at least 7/);
    });

    it("rejects compliance mode without acknowledgeCompliance, and both days and years", () => {
        const c = validConfig();
        entry(c, 1).objectLock = { mode: "compliance", years: 1 };
        assertRejected(c, "buckets[1].objectLock.acknowledgeCompliance", /must be true with mode: compliance/);
        const d = validConfig();
        entry(d, 1).objectLock = { mode: "governance", days: 1, years: 1 };
        assertRejected(d, "buckets[1].objectLock", /exactly one of days or years/);
    });

    it("rejects a locked bucket whose replica is not locked, and a locked bidirectional replica of an unlocked bucket", () => {
        const c = validConfig();
        entry(c, 0).objectLock = { mode: "governance", days: 5 };
        assertRejected(c, "buckets[0].replicas[0].objectLock", /is required: bucket raw has Object Lock but its replication destination replica 0 does not.*Using Object Lock with S3 Replication/);
        const d = validConfig();
        entry(d, 0).replicas![0].objectLock = {};
        assert.doesNotThrow(() => parseStackConfig(d), "one-way to a locked replica is fine");
        entry(d, 0).replicas![0].bidirectional = true;
        assertRejected(d, "buckets[0].objectLock", /the way back of the bidirectional replica 0.*set bidirectional: false/);
        assert.equal(rejection(d).problems.length, 1);
    });
});

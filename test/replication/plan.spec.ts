import * as assert from "assert";
import { planBucketReplication, ReplicationBucketFacts, ReplicationOptions } from "../../components/bucketReplicationPlan";

// The plan is generic over the bucket type, so these specs use plain tokens as buckets and a
// facts table: every rejection is checked without Pulumi.

const providerA = { account: "A" };
const providerB = { account: "B" };

const FACTS: Record<string, ReplicationBucketFacts> = {
    src: { accountId: "111111111111", region: "eu-west-1", bucketKeyEnabled: true, versioningEnabled: true, provider: providerA },
    dr: { accountId: "222222222222", region: "eu-central-1", bucketKeyEnabled: false, versioningEnabled: true, provider: providerB },
    us: { accountId: "111111111111", region: "us-east-1", bucketKeyEnabled: true, versioningEnabled: true, provider: undefined },
    sibling: { accountId: "111111111111", region: "eu-west-1", bucketKeyEnabled: true, versioningEnabled: true, provider: providerA },
    unversioned: { accountId: "111111111111", region: "us-east-1", bucketKeyEnabled: true, versioningEnabled: false, provider: undefined },
};

function plan(options: ReplicationOptions<string>, name = "orders") {
    return planBucketReplication<string>(name, options, (bucket) => FACTS[bucket]);
}

describe("replication plan (pure)", () => {
    it("plans one forward side with defaults: role name, priorities by index, owner override only across accounts", () => {
        const result = plan({ source: "src", destinations: [{ name: "dr", bucket: "dr" }, { name: "us", bucket: "us" }] });
        assert.equal(result.forward.roleName, "orders-replication");
        assert.equal(result.forward.rolePath, "/");
        assert.equal(result.forward.roleSidToken, "OrdersReplication");
        assert.deepStrictEqual(
            result.forward.rules.map((r) => [r.ruleId, r.priority, r.crossAccount, r.ownerOverride, r.deleteMarkerReplication, r.sidToken]),
            [
                ["orders-to-dr", 0, true, true, true, "Dr"],
                ["orders-to-us", 1, false, false, true, "Us"],
            ],
        );
        assert.deepStrictEqual(result.returns, []);
    });

    it("plans a return side per bidirectional destination, in the destination's account", () => {
        const result = plan({ source: "src", destinations: [{ name: "dr", bucket: "dr", bidirectional: true }] });
        assert.equal(result.returns.length, 1);
        const { destinationName, side } = result.returns[0];
        assert.equal(destinationName, "dr");
        assert.equal(side.source, "dr");
        assert.equal(side.sourceFacts.accountId, "222222222222");
        assert.equal(side.roleName, "orders-dr-replication");
        assert.equal(side.rules[0].destination, "src");
        assert.equal(side.rules[0].replicaModifications, true);
        assert.equal(result.forward.rules[0].replicaModifications, true);
    });

    it("defaults delete-marker replication off for tag filters", () => {
        const result = plan({ source: "src", destinations: [{ name: "us", bucket: "us", filter: { tags: { a: "b" } } }] });
        assert.equal(result.forward.rules[0].deleteMarkerReplication, false);
    });

    const rejections: [string, ReplicationOptions<string>, RegExp][] = [
        ["no destinations", { source: "src", destinations: [] }, /destinations is empty\. Fix: pass at least one destination/],
        ["an unversioned source", { source: "unversioned", destinations: [{ name: "dr", bucket: "dr" }] }, /source has versioning disabled\. Fix: enable versioning/],
        ["an unversioned destination", { source: "src", destinations: [{ name: "u", bucket: "unversioned" }] }, /destinations\[0\]\.bucket has versioning disabled/],
        ["same region without opt-in", { source: "src", destinations: [{ name: "s", bucket: "sibling" }] }, /destinations\[0\]\.bucket is in eu-west-1, the source's own region/],
        ["the source as its own destination", { source: "src", allowSameRegion: true, destinations: [{ name: "s", bucket: "src" }] }, /destinations\[0\]\.bucket is the source bucket itself/],
        [
            "the same destination twice",
            { source: "src", destinations: [{ name: "a", bucket: "dr" }, { name: "b", bucket: "dr" }] },
            /destinations\[1\]\.bucket is already a destination of this replication/,
        ],
        [
            "two destinations with one name",
            { source: "src", destinations: [{ name: "a", bucket: "dr" }, { name: "a", bucket: "us" }] },
            /destinations\[1\]\.name "a" is used by another destination/,
        ],
        ["a name that is not a short name", { source: "src", destinations: [{ name: "dr eu", bucket: "dr" }] }, /destinations\[0\]\.name is "dr eu"/],
        ["owner override in one account", { source: "src", destinations: [{ name: "us", bucket: "us", ownerOverride: true }] }, /destinations\[0\]\.ownerOverride is true but the destination is in the source's account/],
        [
            "delete-marker replication with a tag filter",
            { source: "src", destinations: [{ name: "us", bucket: "us", filter: { tags: { a: "b" } }, deleteMarkerReplication: true }] },
            /destinations\[0\]\.deleteMarkerReplication is true for a rule filtered by tags\. Fix: set deleteMarkerReplication: false/,
        ],
        [
            "duplicate priorities (explicit against default)",
            { source: "src", destinations: [{ name: "dr", bucket: "dr" }, { name: "us", bucket: "us", priority: 0 }] },
            /destinations\[1\]\.priority is 0, the same as destinations\[0\]\.priority/,
        ],
        ["a negative priority", { source: "src", destinations: [{ name: "dr", bucket: "dr", priority: -1 }] }, /destinations\[0\]\.priority is -1\. Fix: pass a whole number/],
        [
            "an unknown storage class",
            { source: "src", destinations: [{ name: "dr", bucket: "dr", storageClass: "COLD" as unknown as "GLACIER" }] },
            /destinations\[0\]\.storageClass is "COLD"\. Fix: use one of "STANDARD"/,
        ],
        ["a wildcard prefix", { source: "src", destinations: [{ name: "dr", bucket: "dr", filter: { prefix: "logs/*" } }] }, /destinations\[0\]\.filter\.prefix is "logs\/\*", which contains \* or \?/],
        ["an unknown filter field", { source: "src", destinations: [{ name: "dr", bucket: "dr", filter: { suffix: ".csv" } as unknown as { prefix: string } }] }, /destinations\[0\]\.filter has unknown setting "suffix"/],
        ["a role name over 64 characters", { source: "src", roleName: "r".repeat(65), destinations: [{ name: "dr", bucket: "dr" }] }, /roleName is "r+", not a valid IAM role name/],
        ["a role path without slashes", { source: "src", rolePath: "service-role", destinations: [{ name: "dr", bucket: "dr" }] }, /rolePath is "service-role", not an IAM path/],
        ["returnRoleName without bidirectional", { source: "src", destinations: [{ name: "dr", bucket: "dr", returnRoleName: "back" }] }, /destinations\[0\]\.returnRoleName is set but bidirectional is not/],
        [
            "a return role named like the forward role in the same account",
            { source: "src", roleName: "shared", destinations: [{ name: "us", bucket: "us", bidirectional: true, returnRoleName: "shared" }] },
            /"shared" is also the role name of orders in account 111111111111/,
        ],
        [
            "a return role named like the forward side's Batch Operations role in the same account",
            { source: "src", roleName: "shared", destinations: [{ name: "us", bucket: "us", bidirectional: true, returnRoleName: "shared-batch" }] },
            /"shared-batch" is also the role name of orders \(its S3 Batch Replication role\) in account 111111111111/,
        ],
        ["allowSameRegion that is not a boolean", { source: "src", allowSameRegion: "yes" as unknown as boolean, destinations: [{ name: "dr", bucket: "dr" }] }, /allowSameRegion is "yes"\. Fix: pass true or false/],
    ];
    for (const [what, options, message] of rejections) {
        it(`rejects ${what}`, () => {
            assert.throws(() => plan(options), (error: Error) => {
                assert.equal(error.name, "InvalidArgumentError");
                assert.match(error.message, /^BucketReplication "orders": /);
                assert.match(error.message, message);
                return true;
            });
        });
    }

    it("accepts same-region replication with allowSameRegion", () => {
        const result = plan({ source: "src", allowSameRegion: true, destinations: [{ name: "s", bucket: "sibling" }] });
        assert.equal(result.forward.rules[0].crossAccount, false);
    });
});

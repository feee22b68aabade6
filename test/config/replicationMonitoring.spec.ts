// replicas[].monitoring: opt-in, and only with Replication Time Control (which turns on the metrics it alarms on).
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { assertRejected, validConfig } from "./fixtures";

type Replica = Record<string, unknown>;
const replicaOf = (c: ReturnType<typeof validConfig>): Replica => (c.buckets[0].replicas as Replica[])[0];

describe("config: replication monitoring", () => {
    it("is off unless asked for, and accepted with replicationTime", () => {
        assert.strictEqual(parseStackConfig(validConfig()).buckets[0].replicas[0].monitoring, false);
        const c = validConfig();
        Object.assign(replicaOf(c), { replicationTime: true, monitoring: true });
        assert.strictEqual(parseStackConfig(c).buckets[0].replicas[0].monitoring, true);
    });

    it("refuses monitoring without replicationTime, saying why and what to set", () => {
        const c = validConfig();
        replicaOf(c).monitoring = true;
        assertRejected(c, "buckets[0].replicas[0].monitoring", /needs replicationTime: true: S3 publishes the OperationsFailedReplication and ReplicationLatency metrics .* set replicationTime: true or remove monitoring/);
    });

    it("refuses a monitoring value that is not a boolean", () => {
        const c = validConfig();
        Object.assign(replicaOf(c), { replicationTime: true, monitoring: "yes" });
        assertRejected(c, "buckets[0].replicas[0].monitoring", /must be true or false/);
    });
});

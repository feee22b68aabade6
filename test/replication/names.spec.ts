import * as assert from "assert";
import { defaultReplicationRoleName, replicationRoleArn, sidToken } from "../../components/policy/replicationNames";

describe("replication names (pure)", () => {
    it("default role name is <logical name>-replication", () => {
        assert.equal(defaultReplicationRoleName("orders"), "orders-replication");
    });

    it("replaces characters IAM rejects", () => {
        assert.equal(defaultReplicationRoleName("orders/eu west"), "orders-eu-west-replication");
    });

    it("keeps long names within 64 characters, deterministic and distinct", () => {
        const a = defaultReplicationRoleName("a".repeat(70) + "-one");
        const b = defaultReplicationRoleName("a".repeat(70) + "-two");
        assert.equal(a.length, 64);
        assert.equal(b.length, 64);
        assert.notEqual(a, b);
        assert.equal(a, defaultReplicationRoleName("a".repeat(70) + "-one"));
        assert.match(a, /^a+-[0-9a-f]{8}$/);
    });

    it("builds the role ARN with and without a path", () => {
        assert.equal(replicationRoleArn("111111111111", "orders-replication"), "arn:aws:iam::111111111111:role/orders-replication");
        assert.equal(
            replicationRoleArn("111111111111", "orders-replication", "/service-role/"),
            "arn:aws:iam::111111111111:role/service-role/orders-replication",
        );
    });

    it("rejects a bad account id, role name or path, naming the argument", () => {
        assert.throws(() => replicationRoleArn("1111", "r"), /replicationRoleArn: accountId "1111" is not a 12-digit/);
        assert.throws(() => replicationRoleArn("111111111111", "a".repeat(65)), /replicationRoleArn: roleName: .* not a valid IAM role name/);
        assert.throws(() => replicationRoleArn("111111111111", "r", "service-role"), /replicationRoleArn: path: "service-role" is not an IAM path/);
    });

    it("turns free text into alphanumeric Sid tokens", () => {
        assert.equal(sidToken("orders-dr.eu_2"), "OrdersDrEu2");
        assert.throws(() => sidToken("--"), /"--": give the resource a name with letters or digits/);
    });
});

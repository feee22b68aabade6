// Replication role names across the stack's buckets: IAM refuses a second role of the same name (whatever its
// case) in an account, so the program refuses the configuration before anything is registered.
import * as assert from "assert";
import { parseStackConfig } from "../../config";
import { batchRoleName, defaultReturnRoleName } from "../../components/policy/replicationNames";
import { NO_CONTINUITY } from "../../program/continuity";
import { duplicateReplicationRoleNames } from "../../program/replicationRoleNames";
import { validConfig } from "../config/fixtures";

type Replica = Record<string, unknown>;
const replicasOf = (c: ReturnType<typeof validConfig>, i: number): Replica[] => (c.buckets[i]["replicas"] ??= []) as Replica[];

function problemsOf(raw: ReturnType<typeof validConfig>, stack = "dev"): { path: string; message: string }[] {
    const config = parseStackConfig(raw);
    return duplicateReplicationRoleNames(config, stack, NO_CONTINUITY(config).buckets);
}

describe("program: replication role names are unique per account", () => {
    it("accepts the fixture: one replicated bucket, its role and its Batch Operations role", () => {
        assert.deepStrictEqual(problemsOf(validConfig()), []);
    });

    it("refuses two buckets of one account configured with the same roleName, naming the second's field", () => {
        const c = validConfig();
        replicasOf(c, 0)[0]["roleName"] = "copier";
        replicasOf(c, 1).push({ account: "backup", roleName: "copier" });
        assert.deepStrictEqual(problemsOf(c).map((p) => p.path), ["encrypted-buckets:buckets[1].replicas[0].roleName"]);
        assert.match(problemsOf(c)[0].message, /the replication role of bucket curated would be named "copier" in account 111111111111, like the replication role of bucket raw \("copier".*Fix: give one of them another roleName/);
    });

    it("compares names without case, as IAM does", () => {
        const c = validConfig();
        replicasOf(c, 0)[0]["roleName"] = "Copier";
        replicasOf(c, 1).push({ account: "backup", roleName: "copier" });
        assert.equal(problemsOf(c).length, 1);
    });

    it("refuses a roleName that another bucket's default name or Batch Operations role already has", () => {
        const c = validConfig();
        replicasOf(c, 1).push({ account: "backup", roleName: "dev-raw-replication" });
        assert.match(problemsOf(c)[0]?.message ?? "", /bucket curated would be named "dev-raw-replication".*like the replication role of bucket raw/);
        const d = validConfig();
        replicasOf(d, 1).push({ account: "backup", roleName: batchRoleName("dev-raw-replication") });
        assert.match(problemsOf(d)[0]?.message ?? "", /like the S3 Batch Operations role of bucket raw \("dev-raw-replication-batch"/);
    });

    it("refuses a created role named like a role another bucket brings, on the created role's field (the brought one exists already)", () => {
        const c = validConfig();
        c.buckets[1]["replicationRoleArn"] = "arn:aws:iam::111111111111:role/dev-raw-replication";
        replicasOf(c, 1).push({ account: "backup" });
        const problems = problemsOf(c);
        assert.deepStrictEqual(problems.map((p) => p.path), ["encrypted-buckets:buckets[0].replicas[0].roleName"]);
        assert.match(problems[0].message, /the replication role of bucket raw would be named "dev-raw-replication".*like the replication role bucket curated brings \(replicationRoleArn\)/);
    });

    it("refuses a roleName that is the deploying role of the bucket's account (that role exists already: CreateRole fails)", () => {
        const c = validConfig();
        replicasOf(c, 0)[0]["roleName"] = "Deploy";
        const problems = problemsOf(c);
        assert.deepStrictEqual(problems.map((p) => p.path), ["encrypted-buckets:buckets[0].replicas[0].roleName"]);
        assert.match(problems[0].message, /the replication role of bucket raw would be named "Deploy" in account 111111111111, like the role accounts\.data deploys with \(roleArn\).*Fix: give one of them another roleName/);
        const batch = validConfig();
        batch.accounts.data.roleArn = "arn:aws:iam::111111111111:role/ci/dev-raw-replication-batch";
        assert.match(problemsOf(batch)[0]?.message ?? "", /the S3 Batch Operations role of bucket raw would be named "dev-raw-replication-batch".*like the role accounts\.data deploys with/);
    });

    it("accepts the same roleName in different accounts, and the same bucket layout in another stack", () => {
        const c = validConfig();
        replicasOf(c, 0)[0]["roleName"] = "copier";
        c.buckets[1]["account"] = "analytics";
        replicasOf(c, 1).push({ account: "backup", roleName: "copier" });
        assert.deepStrictEqual(problemsOf(c), []);
    });

    it("reports a clash with a return role (no field names it) on the configured role", () => {
        const c = validConfig();
        replicasOf(c, 0)[0]["bidirectional"] = true;
        const returnRole = defaultReturnRoleName("raw-replication", "backup-eu-central-1");
        c.buckets.push({ name: "archive", account: "backup", region: "eu-central-1", key: { alias: "alias/archive" }, replicas: [{ account: "data", roleName: returnRole }] });
        const problems = problemsOf(c);
        assert.deepStrictEqual(problems.map((p) => p.path), ["encrypted-buckets:buckets[2].replicas[0].roleName"]);
        assert.match(problems[0].message, /like the return role of bucket raw's replica in backup\/eu-central-1/);
    });
});

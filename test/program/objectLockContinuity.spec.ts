// Object Lock is chosen when a bucket is created: turning it on or off for a deployed bucket (a
// replacement in @pulumi/aws; S3 never turns it off) is refused like any other replacement, unless
// acknowledge.replaceBucket names the bucket. The dev stack's configuration against its synth outputs.
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig } from "../../config";
import { planContinuity } from "../../program/continuity";
import { parsePreviousOutputs, PreviousDeployment } from "../../program/previousDeployment";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { synthStack } from "../support/synthStack";

type RawBucket = Record<string, unknown> & { replicas?: Record<string, unknown>[]; acknowledge?: Record<string, unknown> };
interface RawConfig {
    buckets: RawBucket[];
    [key: string]: unknown;
}

describe("program continuity: Object Lock of deployed buckets (dev stack)", function () {
    let previous: PreviousDeployment;
    const plan = (edit: (c: RawConfig) => void) => {
        const c = JSON.parse(JSON.stringify(readStackConfigFile(path.resolve(__dirname, "../.."), "dev").projectConfig)) as RawConfig;
        edit(c);
        return planContinuity(parseStackConfig(c), previous);
    };

    before(async function () {
        const exported = await synthStack("dev");
        previous = parsePreviousOutputs(exported.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs);
    });

    it("reads objectLockEnabled from the outputs; outputs written before the setting existed read as false", function () {
        const raw = previous.buckets.find((b) => b.configName === "raw")!;
        assert.deepStrictEqual([raw.objectLockEnabled, raw.replicas[0].objectLockEnabled], [true, true]);
        assert.equal(previous.buckets.find((b) => b.configName === "curated")!.objectLockEnabled, false);
        const old = parsePreviousOutputs({ buckets: { b: { account: "a", accountId: "111111111111", region: "eu-west-1", bucketName: "b", keyArn: "k", keyAlias: "alias/k" } } });
        assert.equal(old.buckets[0].objectLockEnabled, false);
    });

    it("refuses turning Object Lock on for a deployed bucket, naming the field, the bucket and the acknowledgement", function () {
        // curated's external replica (and its brought role) is dropped: a locked bucket never replicates outside the program.
        const continuity = plan((c) => {
            c.buckets[1].objectLock = { mode: "governance", days: 1 };
            delete c.buckets[1].externalReplicas;
            delete c.buckets[1].replicationRoleArn;
        });
        assert.deepStrictEqual(continuity.problems.map((p) => p.path), ["encrypted-buckets:buckets[1].objectLock"]);
        assert.match(continuity.problems[0].message, /turns Object Lock on for the deployed bucket acme-dev-data-curated.*replace the bucket.*acknowledge: \{ replaceBucket: \[acme-dev-data-curated\] \}/);
    });

    it("refuses removing Object Lock from a deployed replica (S3 cannot turn it off), at the replica's path", function () {
        const continuity = plan((c) => {
            delete c.buckets[0].objectLock;
            delete c.buckets[0].replicas![0].objectLock;
        });
        assert.deepStrictEqual(continuity.problems.map((p) => p.path), ["encrypted-buckets:buckets[0].objectLock", "encrypted-buckets:buckets[0].replicas[0].objectLock"]);
        assert.match(continuity.problems[1].message, /removes Object Lock from the deployed bucket acme-dev-backup-raw: S3 cannot turn Object Lock off/);
    });

    it("goes ahead when acknowledge.replaceBucket names the deployed bucket, and for retention changes that keep Object Lock on", function () {
        const acknowledged = plan((c) => {
            c.buckets[1].objectLock = {};
            delete c.buckets[1].externalReplicas;
            delete c.buckets[1].replicationRoleArn;
            c.buckets[1].acknowledge = { replaceBucket: ["acme-dev-data-curated"] };
        });
        assert.deepStrictEqual(acknowledged.problems, []);
        assert.deepStrictEqual(plan((c) => (c.buckets[0].objectLock = { mode: "governance", days: 60 })).problems, []);
    });
});

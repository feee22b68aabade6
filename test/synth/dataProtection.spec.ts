// The dev stack's lifecycle and Object Lock configurations as the engine records them: each deleted only
// with its bucket (like the other guardrails), in the bucket's region, the locked buckets created with
// objectLockEnabled and the replica's settings its own.
import * as assert from "assert";
import { ExportedResource, synthStack } from "../support/synthStack";

const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

describe("synth dev: lifecycle and Object Lock", function () {
    let resources: ExportedResource[];
    const named = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`))!;

    before(async function () {
        resources = (await synthStack("dev")).deployment.resources;
    });

    it("deletes each configuration only with its bucket, in the bucket's region", function () {
        const configs = resources.filter((r) => r.type === LIFECYCLE || r.type === LOCK);
        assert.deepStrictEqual(configs.map((r) => r.urn.split("::").pop()).sort(), [
            "analytics-scratch-lifecycle",
            "raw-lifecycle",
            "raw-object-lock",
            "raw-replica-backup-eu-central-1-lifecycle",
            "raw-replica-backup-eu-central-1-object-lock",
        ]);
        for (const config of configs) {
            const bucket = resources.find((r) => r.urn === config.deletedWith);
            assert.equal(bucket?.type, BUCKET, `${config.urn} is deleted with its bucket`);
            assert.equal(bucket?.parent, config.parent);
            assert.equal(config.inputs["region"], bucket?.inputs["region"]);
        }
    });

    it("creates the locked buckets with Object Lock and gives the replica its own retention and rules", function () {
        assert.deepStrictEqual(resources.filter((r) => r.type === BUCKET && r.inputs["objectLockEnabled"] === true).map((r) => r.urn.split("::").pop()).sort(), [
            "raw-bucket",
            "raw-replica-backup-eu-central-1-bucket",
        ]);
        assert.deepStrictEqual(named("raw-object-lock").inputs["rule"], { defaultRetention: { mode: "GOVERNANCE", days: 7 } });
        assert.deepStrictEqual(named("raw-replica-backup-eu-central-1-object-lock").inputs["rule"], { defaultRetention: { mode: "GOVERNANCE", days: 30 } });
        const ids = (name: string) => (named(name).inputs["rules"] as { id: string }[]).map((r) => r.id);
        assert.deepStrictEqual(ids("raw-lifecycle"), ["abort-incomplete-uploads", "expire-incoming-scratch", "noncurrent-versions"]);
        assert.deepStrictEqual(ids("raw-replica-backup-eu-central-1-lifecycle"), ["archive-noncurrent"]);
    });
});

// The resource options that keep data safe, as the engine records them (synth export = `pulumi stack
// export`): keys retained on delete and protected where the stack says so, their alias and policy
// deleted with them, each bucket's guardrails and replication configuration deleted with the bucket.
import * as assert from "assert";
import { ExportedResource, synthStack } from "../support/synthStack";
import { nameOfUrn, typeOfUrn } from "../../tools/synth/exportFormat";

const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const GUARDRAILS = [
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
];

function byUrn(resources: ExportedResource[]): Map<string, ExportedResource> {
    return new Map(resources.map((r) => [r.urn, r]));
}

for (const [stack, protectedStack] of [["dev", false], ["prod", true]] as const) {
    describe(`synth ${stack}: data-safety resource options`, function () {
        let resources: ExportedResource[];

        before(async function () {
            resources = (await synthStack(stack)).deployment.resources;
        });

        it(`retains every KMS key on delete${protectedStack ? " and protects it" : ", unprotected (protect: false)"}`, function () {
            const keys = resources.filter((r) => r.type === KEY);
            assert.ok(keys.length > 0);
            for (const key of keys) {
                assert.equal(key.retainOnDelete, true, key.urn);
                assert.equal(key.protect, protectedStack ? true : undefined, key.urn);
            }
        });

        it("deletes a key's alias and policy only with the key", function () {
            const urns = byUrn(resources);
            for (const r of resources.filter((x) => x.type === "aws:kms/alias:Alias" || x.type === "aws:kms/keyPolicy:KeyPolicy")) {
                assert.ok(r.deletedWith !== undefined, `${r.urn} has no deletedWith`);
                assert.equal(typeOfUrn(r.deletedWith), KEY);
                assert.equal(urns.get(r.deletedWith)?.type, KEY, `${r.urn} is deleted with a resource of the stack`);
                assert.equal(r.retainOnDelete, undefined);
            }
        });

        it(`${protectedStack ? "protects" : "does not protect"} every bucket, and deletes its guardrails only with it`, function () {
            const buckets = resources.filter((r) => r.type === BUCKET);
            for (const bucket of buckets) {
                assert.equal(bucket.protect, protectedStack ? true : undefined, bucket.urn);
                assert.equal(bucket.retainOnDelete, undefined, "a bucket is deleted (when empty), never silently dropped");
                const prefix = nameOfUrn(bucket.urn).replace(/-bucket$/, "");
                for (const type of GUARDRAILS) {
                    const guardrail = resources.find((r) => r.type === type && r.parent === bucket.parent);
                    assert.ok(guardrail, `${type} of ${prefix}`);
                    assert.equal(guardrail.deletedWith, bucket.urn, `${guardrail.urn} is deleted with its bucket`);
                }
            }
        });

        it("deletes a replication configuration only with its source bucket", function () {
            const configs = resources.filter((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
            assert.ok(configs.length > 0);
            const urns = byUrn(resources);
            for (const config of configs) {
                const source = urns.get(config.deletedWith ?? "");
                assert.equal(source?.type, BUCKET, config.urn);
                assert.deepStrictEqual(config.propertyDependencies["bucket"], [source!.urn]);
            }
        });
    });
}

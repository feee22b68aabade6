// A bucket's deprecated inline versioning / replicationConfiguration / logging declared in its inputs next to the
// separate resource for the same configuration: the provider writes the inline value on every update of the bucket,
// over the separate one. Reported during `pulumi up` on the separate resource, before it is created, by the policy
// that owns the configuration; never from the provider's read-back alone (outputs of a bucket whose inputs don't
// declare the block).
import * as assert from "assert";
import { ExportResource, Violation } from "../../policypack/harness";
import { describeAll, run } from "./support/run";
import { replicatedPair, secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

const BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";
const BUCKET_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
const VERSIONING = "s3-replication-versioning-enabled";
const REPLICATION = "s3-replication-sse-kms";
const LOGGING = "s3-access-log-target";

type Shape = "v7" | "V2";
type Props = Record<string, unknown>;

interface Case {
    concern: string;
    policy: string;
    /** The stack, the bucket's URN, the separate resource's URN and the inline block in the shape's form. */
    build: (shape: Shape) => { resources: ExportResource[]; bucket: string; separate: string; inline: Props };
}

const REPLICATION_BLOCK = {
    role: "arn:aws:iam::111111111111:role/replication-role",
    rules: [{
        id: "inline", status: "Enabled", sseKmsEncryptedObjects: { enabled: true } as unknown,
        destination: { bucket: "arn:aws:s3:::elsewhere-bucket", storageClass: "STANDARD", replicaKmsKeyId: "arn:aws:kms:eu-central-1:111111111111:key/0a0a0a0a-0000-4000-8000-000000000001" },
    }],
};

const CASES: readonly Case[] = [
    {
        concern: "versioning", policy: VERSIONING, build: (shape) => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape: shape === "V2" ? "v2" : "v7" });
            return { resources: b.build(), bucket: s.bucket, separate: s.versioning, inline: shape === "V2" ? { versionings: [{ enabled: true }] } : { versioning: { enabled: true } } };
        },
    },
    {
        concern: "replicationConfiguration", policy: REPLICATION, build: (shape) => {
            const p = replicatedPair({ shape: shape === "V2" ? "v2" : "v7" });
            return {
                resources: p.b.build(), bucket: p.source.bucket, separate: p.replication,
                inline: shape === "V2" ? { replicationConfigurations: [REPLICATION_BLOCK] } : { replicationConfiguration: REPLICATION_BLOCK },
            };
        },
    },
    {
        concern: "logging", policy: LOGGING, build: (shape) => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape: shape === "V2" ? "v2" : "v7" });
            const logs = b.add(shape === "V2" ? T.bucketV2 : T.bucket, "logs", {});
            const separate = b.add(shape === "V2" ? BUCKET_LOGGING_V2 : BUCKET_LOGGING, "data-logging", { bucket: out(s.bucket, "id"), targetBucket: out(logs, "id"), targetPrefix: "data/" });
            const block = { targetBucket: "some-other-log-bucket", targetPrefix: "inline/" };
            return { resources: b.build(), bucket: s.bucket, separate, inline: shape === "V2" ? { loggings: [block] } : { logging: block } };
        },
    },
];

/** The bucket's inputs as the engine sends them after the provider's Check: with its (auto-)name, plus `extra`. */
function withBucketInputs(resources: ExportResource[], bucket: string, extra: Props): ExportResource[] {
    return resources.map((r) => (r.urn === bucket ? { ...r, inputs: { ...r.inputs, bucket: r.id, ...extra } } : r));
}

/** The provider's read-back of the inline block in the bucket's outputs; its inputs only carry its name. */
function withReadBack(resources: ExportResource[], bucket: string, extra: Props): ExportResource[] {
    return resources.map((r) => (r.urn === bucket ? { ...r, inputs: { ...r.inputs, bucket: r.id }, outputs: { ...r.outputs, ...extra } } : r));
}

function conflicts(vs: Violation[]): Violation[] {
    return vs.filter((v) => /overwrite each other on every update/.test(v.message));
}

describe("a bucket's inline versioning / replicationConfiguration / logging declared next to the separate resource", () => {
    for (const c of CASES) {
        for (const shape of ["v7", "V2"] as const) {
            it(`${c.concern} (${shape}): fires ${c.policy} on the separate resource during up, once`, async () => {
                const { resources, bucket, separate, inline } = c.build(shape);
                const vs = await run(withBucketInputs(resources, bucket, inline), { runMode: "update" });
                const found = conflicts(vs);
                assert.deepStrictEqual(found.map((v) => `${v.policyName} ${v.urn}`), [`${c.policy} ${separate}`], describeAll(vs));
                const field = Object.keys(inline)[0];
                assert.match(found[0].message, new RegExp(`whose own inputs also declare the deprecated inline ${field};`), describeAll(vs));
                assert.match(found[0].message, /Fix: keep exactly one: a single Bucket\w+, and remove the deprecated inline/, describeAll(vs));
                assert.equal(found[0].enforcementLevel, "mandatory");
                // Not on a state (`pulumi policy analyze`): an imported bucket's recorded inputs can hold the read-back.
                const state = await run(withBucketInputs(resources, bucket, inline), { runMode: "state" });
                assert.deepStrictEqual(conflicts(state).map((v) => `${v.policyName} ${v.urn}`), [], describeAll(state));
            });

            it(`${c.concern} (${shape}): silent on the provider's read-back alone (outputs), with the separate resource`, async () => {
                const { resources, bucket, inline } = c.build(shape);
                // The same stack without the inline declaration: the fixture itself raises no conflict.
                assert.deepStrictEqual(conflicts(await run(withBucketInputs(resources, bucket, {}), { runMode: "update" })).map((v) => v.urn), []);
                const vs = await run(withReadBack(resources, bucket, inline), { runMode: "update" });
                assert.deepStrictEqual(conflicts(vs).map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
            });

            it(`${c.concern} (${shape}): silent for the inline block alone (no separate resource)`, async () => {
                const { resources, bucket, separate, inline } = c.build(shape);
                const alone = withBucketInputs(resources.filter((r) => r.urn !== separate), bucket, inline);
                const vs = await run(alone, { runMode: "update" });
                assert.deepStrictEqual(conflicts(vs).map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
            });

            it(`${c.concern} (${shape}): the preview of an update to an existing bucket fires on the separate resource, once, before \`up\` changes the bucket`, async () => {
                // During `up` the engine updates the bucket (writing the inline value) before it analyzes the separate
                // resource that depends on it: only the preview `pulumi up` runs first stops the change in time.
                const { resources, bucket, separate, inline } = c.build(shape);
                const vs = await run(withBucketInputs(resources, bucket, inline), { runMode: "preview" });
                assert.deepStrictEqual(conflicts(vs).map((v) => `${v.policyName} ${v.urn}`), [`${c.policy} ${separate}`], describeAll(vs));
                // Not reported again as two declarations on the bucket (s3-replication-versioning-enabled's stack part).
                assert.deepStrictEqual(vs.filter((v) => /S3 keeps only the last one written/.test(v.message)).map((v) => v.urn), [], describeAll(vs));
            });

            it(`${c.concern} (${shape}): a fresh preview reports the conflict on the separate resource when the new bucket's name is known (a literal name), not when it is still to come`, async () => {
                const { resources, bucket, separate, inline } = c.build(shape);
                const literal = await run(withBucketInputs(resources, bucket, inline), { preview: true });
                assert.deepStrictEqual(conflicts(literal).map((v) => `${v.policyName} ${v.urn}`), [`${c.policy} ${separate}`], describeAll(literal));
                const autonamed = resources.map((r) => (r.urn === bucket ? { ...r, inputs: { ...r.inputs, ...inline } } : r));
                const vs = await run(autonamed, { preview: true });
                assert.deepStrictEqual(conflicts(vs).filter((v) => v.urn === separate).map((v) => v.policyName), [], describeAll(vs));
            });

            it(`${c.concern} (${shape}): silent when the bucket is tagged exempt from ${c.policy}`, async () => {
                const { resources, bucket, inline } = c.build(shape);
                const vs = await run(withBucketInputs(resources, bucket, { ...inline, tags: { "encrypted-buckets:exempt": c.policy } }), { runMode: "update" });
                assert.deepStrictEqual(conflicts(vs).filter((v) => v.policyName === c.policy).map((v) => v.urn), [], describeAll(vs));
            });
        }
    }
});

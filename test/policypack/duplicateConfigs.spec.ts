// Two declarations of one bucket's public access block, ownership controls or versioning: S3 keeps one of each per
// bucket and the last write wins, so a compliant declaration can be silently overridden by the other, and
// removing either from the program deletes (or, for versioning, suspends) the bucket's setting. Flagged on the
// bucket by the policy that owns the concern, like two bucket policies or two encryption configurations, in every
// shape users write: v7 names, V2 names, an aws-native bucket's own block next to a separate resource, and two for
// a bucket the stack does not declare (by its literal name).
import * as assert from "assert";
import { Violation } from "../../policypack/harness";
import { describeAll, run } from "./support/run";
import { nativeBucket, replicatedPair, secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

type Props = Record<string, unknown>;

interface Concern {
    policy: string;
    level: "mandatory" | "advisory";
    /** The message's plural ("public access blocks"). */
    what: string;
    /** The separate resource type, by bucket shape; its compliant inputs besides `bucket`. */
    type: (shape: "v7" | "v2") => string;
    compliant: Props;
    /** Inputs that break the second declaration (the one that may win). */
    bad: Props;
    /** How the message names an aws-native bucket's own block. */
    nativeOwn: string;
}

const PAB_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

const CONCERNS: readonly Concern[] = [
    {
        policy: "s3-bucket-public-access-block", level: "mandatory", what: "public access blocks", type: () => T.pab,
        compliant: PAB_ON, bad: { ...PAB_ON, restrictPublicBuckets: false }, nativeOwn: "its own publicAccessBlockConfiguration",
    },
    {
        policy: "s3-bucket-ownership-controls", level: "advisory", what: "ownership controls", type: () => T.ownership,
        compliant: { rule: { objectOwnership: "BucketOwnerEnforced" } }, bad: { rule: { objectOwnership: "ObjectWriter" } }, nativeOwn: "its own ownershipControls",
    },
    {
        policy: "s3-replication-versioning-enabled", level: "mandatory", what: "versioning configurations",
        type: (shape) => (shape === "v2" ? T.versioningV2 : T.versioning),
        compliant: { versioningConfiguration: { status: "Enabled" } }, bad: { versioningConfiguration: { status: "Suspended" } }, nativeOwn: "its own versioningConfiguration",
    },
];

function duplicatesOf(vs: Violation[], policy: string): Violation[] {
    return vs.filter((v) => v.policyName === policy && /S3 keeps only the last one written, and removing either one/.test(v.message));
}

describe("two declarations of one bucket's public access block / ownership controls / versioning", () => {
    for (const c of CONCERNS) {
        describe(c.policy, () => {
            for (const shape of ["v7", "v2"] as const) {
                it(`${shape}: a second compliant ${c.type(shape).split(":").pop()} for the bucket fires ${c.policy} on the bucket, at its level, after deployment and in a fresh preview`, async () => {
                    const b = new StackBuilder();
                    const s = secureBucket(b, "data", { shape });
                    // The scenario is compliant with exactly one of each: the duplicate is all that changes.
                    assert.deepStrictEqual(duplicatesOf(await run(b.build()), c.policy).map((v) => v.urn), []);
                    b.add(c.type(shape), "data-second", { bucket: out(s.bucket, "id"), ...c.compliant });
                    for (const preview of [false, true]) {
                        const vs = await run(b.build(), { preview });
                        const found = duplicatesOf(vs, c.policy);
                        assert.deepStrictEqual(found.map((v) => v.urn), [s.bucket], describeAll(vs));
                        assert.match(found[0].message, new RegExp(`has 2 ${c.what} \\(.*"data-second"\\); S3 keeps only the last one written`));
                        assert.match(found[0].message, /Fix: keep exactly one/);
                        assert.equal(found[0].enforcementLevel, c.level);
                    }
                });
            }

            it("a second declaration that breaks the setting is flagged as a duplicate too (the last write may be the bad one)", async () => {
                const b = new StackBuilder();
                const s = secureBucket(b, "data");
                b.add(c.type("v7"), "data-second", { bucket: out(s.bucket, "id"), ...c.bad });
                const vs = await run(b.build());
                assert.deepStrictEqual(duplicatesOf(vs, c.policy).map((v) => v.urn), [s.bucket], describeAll(vs));
            });

            it("an aws-native bucket's own block next to a separate resource naming the bucket fires on the bucket during up; not on a state, where an imported bucket's inputs are the read-back", async () => {
                const b = new StackBuilder();
                const n = nativeBucket(b, "data");
                assert.deepStrictEqual(duplicatesOf(await run(b.build(), { runMode: "update" }), c.policy).map((v) => v.urn), []);
                b.add(c.type("v7"), "data-second", { bucket: out(n.bucket, "id"), ...c.compliant });
                const vs = await run(b.build(), { runMode: "update" });
                const found = duplicatesOf(vs, c.policy);
                assert.deepStrictEqual(found.map((v) => v.urn), [n.bucket], describeAll(vs));
                assert.match(found[0].message, new RegExp(`has 2 ${c.what} \\((${c.nativeOwn}, [^)]*"data-second"|[^)]*"data-second", ${c.nativeOwn})\\)`));
                const onState = await run(b.build(), { runMode: "state" });
                assert.deepStrictEqual(duplicatesOf(onState, c.policy).map((v) => v.urn), [], describeAll(onState));
            });

            it("one declaration per bucket, for several buckets, is silent; the bucket's exemption tag silences it", async () => {
                const b = new StackBuilder();
                secureBucket(b, "data");
                secureBucket(b, "other");
                assert.deepStrictEqual(duplicatesOf(await run(b.build()), c.policy).map((v) => v.urn), []);
                const e = new StackBuilder();
                const s = secureBucket(e, "data");
                e.patch(s.bucket, (p) => { p["tags"] = { app: "data", "encrypted-buckets:exempt": c.policy }; });
                e.add(c.type("v7"), "data-second", { bucket: out(s.bucket, "id"), ...c.compliant });
                const vs = await run(e.build());
                assert.deepStrictEqual(duplicatesOf(vs, c.policy).map((v) => v.urn), [], describeAll(vs));
            });
        });
    }

    it("a replicated source whose second BucketVersioning suspends versioning is reported as a duplicate and as unversioned", async () => {
        const p = replicatedPair();
        p.b.add(T.versioning, "source-versioning-2", { bucket: out(p.source.bucket, "id"), versioningConfiguration: { status: "Suspended" } });
        const vs = (await run(p.b.build())).filter((v) => v.policyName === "s3-replication-versioning-enabled");
        assert.deepStrictEqual(duplicatesOf(vs, "s3-replication-versioning-enabled").map((v) => v.urn), [p.source.bucket], describeAll(vs));
        assert.ok(vs.some((v) => /leaves versioning "Suspended" on the source bucket/.test(v.message)), describeAll(vs));
    });

    for (const c of CONCERNS.filter((x) => x.policy !== "s3-replication-versioning-enabled")) {
        it(`${c.policy}: two for one bucket the stack does not declare (its literal name) fire on the last; two different buckets do not`, async () => {
            const b = new StackBuilder();
            b.add(c.type("v7"), "legacy-a", { bucket: "legacy-bucket", ...c.compliant });
            const second = b.add(c.type("v7"), "legacy-b", { bucket: "legacy-bucket", ...c.compliant });
            b.add(c.type("v7"), "other", { bucket: "other-legacy-bucket", ...c.compliant });
            const vs = await run(b.build());
            const found = duplicatesOf(vs, c.policy);
            assert.deepStrictEqual(found.map((v) => v.urn), [second], describeAll(vs));
            assert.match(found[0].message, new RegExp(`is one of 2 ${c.what} for bucket "legacy-bucket"`));
        });
    }
});

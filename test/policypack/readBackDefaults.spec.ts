// Compliant stacks as the state holds them after `pulumi up`: each resource's inputs are the program's, its outputs
// the inputs plus the provider's read-back. Since 2023 S3 applies to every new bucket default encryption SSE-S3
// ("Amazon S3 User Guide": "Setting default server-side encryption behavior for Amazon S3 buckets"), Block Public
// Access with all four settings on ("Blocking public access to your Amazon S3 storage") and Object Ownership
// BucketOwnerEnforced ("Controlling ownership of objects and disabling ACLs for your bucket"); versioning is off.
// The bridged provider reads the bucket's encryption, versioning and ACL grants back into its deprecated inline
// outputs; aws-native's outputs are Cloud Control's read, which includes `bucketEncryption`,
// `publicAccessBlockConfiguration` and `ownershipControls`. Judged in any run mode, a compliant stack must get no
// finding from that read-back, and a bucket truly left on S3's defaults must still be caught.
import * as assert from "assert";
import { ExportResource } from "../../policypack/harness";
import { RunMode } from "../../policypack/model/runMode";
import { describeAll, run, RunOptions } from "./support/run";
import { nativeBucket, secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

type Props = Record<string, unknown>;

const OWNER_ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const SSE_S3_RULE = { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "" }, bucketKeyEnabled: false };
const OWNER_GRANT = { id: OWNER_ID, type: "CanonicalUser", permissions: ["FULL_CONTROL"], uri: "" };
const PAB_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** What the bridged provider reads back into a new `Bucket` (v7 singular blocks) or `BucketV2` (lists) at creation. */
function classicReadBack(shape: "v7" | "v2"): Props {
    const common = { grants: [OWNER_GRANT], objectLockEnabled: false, requestPayer: "BucketOwner", forceDestroy: false, hostedZoneId: "Z1BKCTXD74EZPE" };
    return shape === "v7"
        ? { ...common, serverSideEncryptionConfiguration: { rule: SSE_S3_RULE }, versioning: { enabled: false, mfaDelete: false } }
        : { ...common, serverSideEncryptionConfigurations: [{ rules: [SSE_S3_RULE] }], versionings: [{ enabled: false, mfaDelete: false }] };
}

/** What Cloud Control's read of a new aws-native bucket reports that its inputs may not declare. */
const NATIVE_READ_BACK: Props = {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }] },
    publicAccessBlockConfiguration: PAB_ON,
    ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] },
};

/** The state after creation: the bucket's outputs are the read-back, then what the program declared, then its computed outputs. */
function readBackOn(resources: ExportResource[], urn: string, readBack: Props): ExportResource[] {
    return resources.map((r) => (r.urn === urn ? { ...r, outputs: { ...readBack, ...r.outputs } } : r));
}

/** An aws-native bucket without its own blocks, configured by the classic separate resources (or by none of them for `omit`). */
function nativeWithClassic(omit: "sse" | "pab" | "none" = "none", nativeOwn: Props = {}): { resources: ExportResource[]; bucket: string } {
    const b = new StackBuilder();
    const n = nativeBucket(b, "data", {
        bucketProps: { bucketEncryption: undefined, versioningConfiguration: undefined, publicAccessBlockConfiguration: undefined, ownershipControls: undefined },
    });
    if (omit !== "sse") {
        b.add(T.sse, "data-sse", { bucket: out(n.bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(n.key, "arn") }, bucketKeyEnabled: true }] }, { provider: b.defaultProvider });
    }
    b.add(T.versioning, "data-versioning", { bucket: out(n.bucket, "id"), versioningConfiguration: { status: "Enabled" } });
    if (omit !== "pab") {
        b.add(T.pab, "data-pab", { bucket: out(n.bucket, "id"), ...PAB_ON });
    }
    b.add(T.ownership, "data-ownership", { bucket: out(n.bucket, "id"), rule: { objectOwnership: "BucketOwnerEnforced" } });
    const drop = (o: Props | undefined): Props => Object.fromEntries(Object.entries({ ...(o ?? {}), ...nativeOwn }).filter(([, v]) => v !== undefined));
    const built = b.build().map((r) => (r.urn === n.bucket ? { ...r, inputs: drop(r.inputs), outputs: drop(r.outputs) } : r));
    return { resources: readBackOn(built, n.bucket, NATIVE_READ_BACK), bucket: n.bucket };
}

const COMPLIANT: Record<string, () => ExportResource[]> = {
    "v7 Bucket with the separate resources": () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data", { shape: "v7" });
        return readBackOn(b.build(), s.bucket, classicReadBack("v7"));
    },
    "BucketV2 with the separate V2 resources": () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data", { shape: "v2" });
        return readBackOn(b.build(), s.bucket, classicReadBack("v2"));
    },
    "aws-native bucket with its own blocks": () => {
        const b = new StackBuilder();
        const n = nativeBucket(b, "data");
        return readBackOn(b.build(), n.bucket, NATIVE_READ_BACK);
    },
    "aws-native bucket with the classic separate resources": () => nativeWithClassic().resources,
    "aws-native bucket with the classic separate resources, after `pulumi refresh`": () => {
        // Cloud Control's read now reports what the separate resources wrote: KMS, versioning Enabled.
        const { resources, bucket } = nativeWithClassic();
        const sse = resources.find((r) => r.type === T.sse)?.inputs?.["rules"] as Props[];
        const kms = sse.map((rule) => ({ serverSideEncryptionByDefault: (rule as Props)["applyServerSideEncryptionByDefault"], bucketKeyEnabled: true }));
        return resources.map((r) => (r.urn === bucket ? { ...r, outputs: { ...r.outputs, bucketEncryption: { serverSideEncryptionConfiguration: kms }, versioningConfiguration: { status: "Enabled" } } } : r));
    },
};

/** `pulumi policy analyze` of the state, `pulumi up`, a preview of the existing stack. */
const MODES: Record<string, RunOptions> = {
    "policy analyze": { runMode: "state" as RunMode },
    "up": { runMode: "update" as RunMode },
    "preview of the existing stack": { runMode: "preview" as RunMode },
};

function findings(vs: { enforcementLevel: string; policyName: string; urn?: string }[]): string[] {
    return vs.map((v) => `${v.enforcementLevel} ${v.policyName} ${v.urn ?? ""}`);
}

describe("read-back defaults in a compliant stack's outputs (S3's defaults for new buckets)", () => {
    for (const [stack, build] of Object.entries(COMPLIANT)) {
        for (const [mode, opts] of Object.entries(MODES)) {
            it(`${stack}: ${mode} reports nothing, mandatory or advisory`, async () => {
                const vs = await run(build(), opts);
                assert.deepStrictEqual(findings(vs), [], describeAll(vs));
            });
        }
    }

    for (const [mode, opts] of Object.entries(MODES)) {
        it(`${mode}: a classic bucket truly left on SSE-S3 (no separate configuration) is still caught from its read-back`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data", { shape: "v7" });
            b.remove(s.sse);
            const vs = await run(readBackOn(b.build(), s.bucket, classicReadBack("v7")), opts);
            assert.ok(vs.some((v) => v.policyName === "s3-bucket-sse-kms" && v.urn === s.bucket && /AES256/.test(v.message)), describeAll(vs));
        });

        it(`${mode}: an aws-native bucket truly left on SSE-S3 (no bucketEncryption, no separate configuration) is still caught from its read-back`, async () => {
            const { resources, bucket } = nativeWithClassic("sse");
            const vs = await run(resources, opts);
            assert.ok(vs.some((v) => v.policyName === "s3-bucket-sse-kms" && v.urn === bucket && /AES256/.test(v.message)), describeAll(vs));
        });

        it(`${mode}: an aws-native bucket relying on S3's default Block Public Access (no separate resource) is judged on it, and passes`, async () => {
            const { resources } = nativeWithClassic("pab");
            const vs = await run(resources, opts);
            assert.deepStrictEqual(findings(vs).filter((f) => f.includes("public-access-block")), [], describeAll(vs));
        });

        if (mode === "policy analyze") {
            // On a state the recorded inputs can't be told from the read-back: `pulumi import` records Cloud Control's
            // read as an aws-native bucket's inputs. The conflict is reported during `up` and in previews (below).
            it(`${mode}: an imported aws-native bucket (recorded inputs = the read-back) next to the separate resources reports nothing`, async () => {
                const { resources, bucket } = nativeWithClassic("none", NATIVE_READ_BACK);
                const imported = resources.map((r) => (r.urn === bucket ? { ...r, inputs: { ...r.inputs, ...NATIVE_READ_BACK } } : r));
                const vs = await run(imported, opts);
                assert.deepStrictEqual(findings(vs), [], describeAll(vs));
            });
            continue;
        }

        it(`${mode}: an aws-native bucket whose inputs declare its own blocks next to the separate resources is still flagged`, async () => {
            const { resources, bucket } = nativeWithClassic("none", {
                bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
                publicAccessBlockConfiguration: PAB_ON,
                ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] },
            });
            const vs = await run(resources, opts);
            const on = (policy: string) => vs.filter((v) => v.policyName === policy && v.urn === bucket);
            assert.ok(on("s3-bucket-sse-kms").some((v) => /AES256/.test(v.message)), describeAll(vs));
            assert.ok(on("s3-bucket-public-access-block").some((v) => /has 2 public access blocks/.test(v.message)), describeAll(vs));
            assert.ok(on("s3-bucket-ownership-controls").some((v) => /has 2 ownership controls/.test(v.message)), describeAll(vs));
        });
    }
});

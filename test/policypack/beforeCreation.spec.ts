// Bucket policy documents are judged by resource policies, on the BucketPolicy's own inputs: during `pulumi up`
// the engine analyzes a resource before creating it, with its inputs resolved, so a public or TLS-less policy is
// stopped before it exists; a preview reports it whenever the document is known. Exemptions by the bucket's
// tags still apply: the pack remembers the bucket's analysis, which comes before its policy's.
import * as assert from "assert";
import { Policies, ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies, packPolicies } from "../../policypack/harness";
import { EXEMPT_TAG } from "../../policypack/policies";
import { assertNone, describeAll, mandatory, run } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { json, out, StackBuilder, T } from "./support/stackBuilder";

const NO_PUBLIC = "s3-bucket-policy-no-public-allow";
const TLS = "s3-bucket-policy-deny-insecure-transport";
const HEADERS = "s3-bucket-policy-require-sse-kms";

/** The pack's policies with their stack parts removed: what `pulumi up` runs before creating each resource. */
const resourceParts: Policies = packPolicies.map((p) => {
    const copy = { ...p } as Partial<ResourceValidationPolicy> & { validateStack?: unknown };
    delete copy.validateStack;
    return copy as ResourceValidationPolicy;
}).filter((p) => p.validateResource !== undefined);

const publicRead = (resource: unknown) => ({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: resource });

/**
 * A KMS-encrypted bucket with a public-read BucketPolicy written the way real programs write it:
 * `pulumi.jsonStringify` around `bucket.arn`, `bucket: bucket.id`.
 */
function withPublicPolicy(opts: { bucketName?: string; tags?: Record<string, string> } = {}): { b: StackBuilder; policy: string; bucket: string } {
    const b = new StackBuilder();
    const key = b.add(T.key, "data-key", { enableKeyRotation: true });
    const bucket = b.add(T.bucket, "data", { ...(opts.bucketName ? { bucket: opts.bucketName } : {}), tags: { app: "data", ...(opts.tags ?? {}) } });
    b.add(T.sse, "data-sse", { bucket: out(bucket, "id"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: out(key, "arn") }, bucketKeyEnabled: true }] });
    b.add(T.pab, "data-pab", { bucket: out(bucket, "id"), blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const policy = b.add(T.bucketPolicy, "data-policy", {
        bucket: out(bucket, "id"),
        policy: json({ Version: "2012-10-17", Statement: [publicRead(out(bucket, "arn", (a) => `${a}/*`))] }),
    });
    return { b, policy, bucket };
}

async function runParts(policies: Policies, b: StackBuilder, preview = false) {
    return evaluatePolicies(policies, b.build(), { enforcementLevel: "mandatory", preview });
}

describe("policy pack: bucket policies judged before they are created", () => {
    it("the resource parts alone stop a public, TLS-less, header-less BucketPolicy (inputs resolved, as during up)", async () => {
        const { b, policy } = withPublicPolicy();
        const vs = await runParts(resourceParts, b);
        const on = (name: string) => vs.filter((v) => v.policyName === name && v.urn === policy && v.enforcementLevel === "mandatory");
        assert.strictEqual(on(NO_PUBLIC).length, 1, describeAll(vs));
        assert.strictEqual(on(TLS).length, 1, describeAll(vs));
        assert.match(on(NO_PUBLIC)[0].message, /BucketPolicy "data-policy" allows Principal "\*" in statement "PublicRead"/);
    });

    it("the whole pack reports each document problem once (the stack part skips what the resource part judged)", async () => {
        const { b, policy } = withPublicPolicy();
        const vs = mandatory(await run(b.build()));
        assert.deepStrictEqual(vs.filter((v) => v.policyName === NO_PUBLIC).map((v) => v.urn), [policy], describeAll(vs));
        assert.deepStrictEqual(vs.filter((v) => v.policyName === TLS).map((v) => v.urn), [policy], describeAll(vs));
    });

    it("the missing algorithm deny is found on the BucketPolicy of a declared bucket, before creation", async () => {
        const { b, policy } = withPublicPolicy({ bucketName: "data-bucket" });
        const vs = await runParts(resourceParts, b);
        assert.ok(vs.some((v) => v.policyName === HEADERS && v.urn === policy && v.message.includes("s3:x-amz-server-side-encryption (mode \"compatible\") for bucket Bucket \"data\"")), describeAll(vs));
    });

    it("a known document fails the preview of a fresh stack (mandatory), even with the bucket id unknown", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.policy, (i) => {
            i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [publicRead("arn:aws:s3:::*/*")] });
        });
        const vs = await run(b.build(), { preview: true });
        assert.ok(vs.some((v) => v.policyName === NO_PUBLIC && v.urn === s.policy && v.enforcementLevel === "mandatory"), describeAll(vs));
    });

    it("a bucket exempt by its tag stays exempt: named (found by name) and auto-named (left to the stack part)", async () => {
        for (const bucketName of ["data-bucket", undefined]) {
            const { b } = withPublicPolicy({ bucketName, tags: { [EXEMPT_TAG]: `${NO_PUBLIC},${TLS},${HEADERS}` } });
            for (const preview of [false, true]) {
                const vs = await run(b.build(), { preview });
                assert.deepStrictEqual(vs.filter((v) => [NO_PUBLIC, TLS, HEADERS].includes(v.policyName)).map((v) => v.policyName), [],
                    `bucket ${bucketName ?? "auto-named"}, preview ${preview}:\n${describeAll(vs)}`);
            }
        }
    });

    it("exemptTags config and the provider's default tags reach the resource part", async () => {
        const { b } = withPublicPolicy({ bucketName: "data-bucket", tags: { "data-class": "public-website" } });
        const vs = await run(b.build(), { config: { [NO_PUBLIC]: { exemptTags: { "data-class": "public-website" } } } });
        assert.deepStrictEqual(vs.filter((v) => v.policyName === NO_PUBLIC), [], describeAll(vs));

        const d = new StackBuilder();
        const provider = d.provider("website", { region: "eu-west-1", account: "111111111111" }, { defaultTags: { tags: { [EXEMPT_TAG]: NO_PUBLIC } } });
        const bucket = d.add(T.bucket, "site", { bucket: "site-bucket" }, { provider });
        const policy = d.add(T.bucketPolicy, "site-policy", { bucket: out(bucket, "id"), policy: json({ Version: "2012-10-17", Statement: [publicRead("arn:aws:s3:::site-bucket/*")] }) }, { provider });
        const onSite = await runParts(resourceParts, d);
        assert.deepStrictEqual(onSite.filter((v) => v.policyName === NO_PUBLIC), [], describeAll(onSite));
        const notExempt = await runParts(resourceParts.filter((p) => p.name === TLS), d);
        assert.ok(notExempt.some((v) => v.urn === policy), describeAll(notExempt));
    });

    it("a bucket the stack does not declare: judged on the BucketPolicy, labelled as such", async () => {
        const b = new StackBuilder();
        const policy = b.add(T.bucketPolicy, "logs-policy", { bucket: "existing-logs", policy: json({ Version: "2012-10-17", Statement: [publicRead("arn:aws:s3:::existing-logs/*")] }) });
        const vs = await runParts(resourceParts, b, true);
        assert.ok(vs.some((v) => v.policyName === NO_PUBLIC && v.urn === policy && v.message.includes("bucket \"existing-logs\" (not declared in this stack)")), describeAll(vs));
        assert.deepStrictEqual(vs.filter((v) => v.policyName === HEADERS), [], "the header denies are not required of a bucket outside the stack");
    });

    it("a compliant stack stays clean in both modes", async () => {
        const b = new StackBuilder();
        secureBucket(b, "data", { shape: "v2" });
        secureBucket(b, "logs", { shape: "inline" });
        assertNone(await run(b.build()));
        assertNone(await run(b.build(), { preview: true }));
    });
});

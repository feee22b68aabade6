// Preview semantics: the engine sends unknown sentinels for values computed by other resources, and
// @pulumi/policy wraps props in a proxy that throws on reading them. The pack must still fail a fresh
// preview when the violation doesn't depend on an unknown, and stay silent (not advisory-spam) otherwise.
import * as assert from "assert";
import { PolicyResource, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { evaluatePolicies } from "../../policypack/harness";
import { s3BucketSseKms } from "../../policypack/policies/s3BucketSseKms";
import { assertNone, assertOnly, mandatory, run } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { StackBuilder, T } from "./support/stackBuilder";
import { setRunMode } from "../../policypack/model/runMode";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

describe("policy pack: preview with unknown values", () => {
    it("a fresh-stack preview of a compliant program raises nothing, not even 'can't run during preview'", async () => {
        const b = new StackBuilder();
        secureBucket(b, "data");
        const vs = await run(b.build(), { preview: true });
        assertNone(vs);
    });

    it("fails (mandatory) on AES256 even though the bucket id and key ARN are unknown", async () => {
        const b = new StackBuilder();
        const bucket = b.add(T.bucket, "data", { forceDestroy: false });
        const sse = b.add(T.sse, "data-sse", { bucket: UNKNOWN_STRING, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: UNKNOWN_STRING } }] });
        // Only the propertyDependencies entry ties the configuration to its bucket.
        const resources = b.build();
        const cfg = resources.find((r) => r.urn === sse);
        if (cfg) {
            cfg.propertyDependencies = { bucket: [bucket] };
        }
        const vs = mandatory(await run(resources, { preview: true }));
        assert.ok(vs.some((v) => v.policyName === "s3-bucket-sse-kms" && v.urn === sse), JSON.stringify(vs, null, 1));
        assert.ok(!vs.some((v) => v.message.includes("can't run")));
    });

    it("gives up silently where the decision depends on an unknown (rotation flag, key policy, bucket policy text)", async () => {
        const b = new StackBuilder();
        b.add(T.key, "k", { enableKeyRotation: UNKNOWN_BOOL, policy: UNKNOWN_STRING, deletionWindowInDays: "3eeb2bf0-c639-47a8-9e75-3b44932eb421" });
        const s = secureBucket(b, "data");
        b.patch(s.policy, (p) => { p["policy"] = UNKNOWN_STRING; });
        assertNone(await run(b.build(), { preview: true }));
    });

    it("decides from the known statements of an object-shaped policy with unknown leaves", async () => {
        const b = new StackBuilder();
        b.add(T.keyPolicy, "kp", { keyId: UNKNOWN_STRING, policy: { Version: "2012-10-17", Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: UNKNOWN_STRING }, Action: "kms:*", Resource: "*" },
            { Sid: "Public", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: UNKNOWN_STRING },
        ] } });
        assertOnly(await run(b.build(), { preview: true }), "kms-key-policy-no-public-principal", undefined, "\"Public\"");
    });

    it("treats an unknown object (whole nested block unknown) as undecidable", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.sse, (p) => { p["rules"] = UNKNOWN_OBJECT; });
        b.patch(s.pab, (p) => { p["blockPublicAcls"] = UNKNOWN_BOOL; });
        assertNone(await run(b.build(), { preview: true }));
    });

    it("reads props through the same unknownCheckingProxy the analyzer server uses, without tripping it", () => {
        const bucket = {
            type: T.bucket, urn: "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b", name: "b",
            props: unknownCheckingProxy({ bucket: UNKNOWN_STRING, arn: UNKNOWN_STRING }),
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
        } as unknown as PolicyResource;
        const sse = {
            ...bucket, type: T.sse, urn: "urn:pulumi:dev::app::" + T.sse + "::s", name: "s",
            props: unknownCheckingProxy({ bucket: UNKNOWN_STRING, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: UNKNOWN_STRING } }] }),
            propertyDependencies: { bucket: [bucket] },
        } as unknown as PolicyResource;
        assert.throws(() => (sse.props as { bucket: string }).bucket, /can't be known during preview/);
        const reported: string[] = [];
        // As the engine's ConfigureStack tells the pack for a preview (outside one, the unknown key id would be a "cannot verify").
        setRunMode("preview");
        try {
            (s3BucketSseKms as StackValidationPolicy).validateStack({
                resources: [bucket, sse], stackTags: new Map(), getConfig: <T>() => ({}) as T,
                notApplicable: () => { throw new Error("n/a"); },
            }, (message, urn) => reported.push(`${urn}: ${message}`));
        } finally {
            setRunMode(undefined);
        }
        assert.strictEqual(reported.length, 1);
        assert.ok(reported[0].startsWith(sse.urn) && reported[0].includes("AES256"), reported[0]);
    });

    it("the preview simulation makes computed values unknown (so the tests above exercise real preview inputs)", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        const seen: unknown[] = [];
        await evaluatePolicies([{
            name: "probe", description: "probe", enforcementLevel: "advisory",
            validateStack: (args) => {
                const r = args.resources.find((x) => x.urn === s.sse);
                try {
                    seen.push((r?.props as Record<string, unknown>)["bucket"]);
                } catch (e) {
                    seen.push((e as Error).message);
                }
            },
        }], b.build(), { preview: true });
        assert.match(String(seen[0]), /can't be known during preview/);
    });
});

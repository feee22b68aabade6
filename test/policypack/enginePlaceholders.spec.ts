// `pulumi up --target` of a stack whose other resources are not created yet: the engine hands each of them to the
// pack with no property at all (its checked inputs are its old inputs, which it has none of, and its state has no
// outputs), in the resource part and in the stack part. Such an `aws:` resource is the engine's placeholder, never a
// declaration (policypack/model/placeholders.ts): neither part judges it and the stack index leaves it out; an
// aws-native resource is judged whatever it carries.
import * as assert from "assert";
import { Policies, ResourceValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { ExportResource, evaluatePolicies, packPolicies, Violation } from "../../policypack/harness";
import { appliesTo } from "../../policypack/model/appliesTo";
import { INDEXED_TYPES } from "../../policypack/model/awsTypes";
import { isEnginePlaceholder } from "../../policypack/model/placeholders";
import { assertFires, describeAll } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { StackBuilder, T } from "./support/stackBuilder";

type Mode = "preview" | "update";
const MODES: readonly Mode[] = ["preview", "update"];

/** Every type some part of the pack reads: the stack index's, and each resource check's declared or tagged type. */
function judgedAwsTypes(): string[] {
    const types = new Set<string>(INDEXED_TYPES);
    for (const p of packPolicies) {
        const validate = (p as ResourceValidationPolicy).validateResource;
        for (const v of Array.isArray(validate) ? validate : validate ? [validate] : []) {
            appliesTo(v)?.forEach((t) => types.add(t));
            const tagged = (v as { __pulumiType?: string }).__pulumiType;
            if (tagged !== undefined) types.add(tagged);
        }
    }
    return [...types].filter((t) => t.startsWith("aws:")).sort();
}

/** What the engine sends for a resource the update does not create: no inputs, and a state with no outputs. */
function asPlaceholders(resources: ExportResource[], urns: readonly string[]): ExportResource[] {
    for (const r of resources) {
        if (urns.includes(r.urn)) {
            r.inputs = {};
            r.outputs = {};
            r.propertyDependencies = {};
            r.dependencies = [];
        }
    }
    return resources;
}

function evaluate(resources: ExportResource[], mode: Mode, policies: Policies = packPolicies): Promise<Violation[]> {
    return evaluatePolicies(policies, resources, {
        enforcementLevel: "mandatory", packName: "encrypted-buckets-guardrails", packVersion: "0.1.0", preview: mode === "preview", runMode: mode,
    });
}

/** The pack with only its resource parts, or only its stack parts: each must skip a placeholder on its own. */
function part(kind: "resource" | "stack"): Policies {
    const kept = kind === "resource" ? "validateResource" : "validateStack";
    const dropped = kind === "resource" ? ["validateStack"] : ["validateResource", "remediateResource"];
    return packPolicies.flatMap((p) => {
        const copy: Record<string, unknown> = { ...p };
        dropped.forEach((k) => delete copy[k]);
        return copy[kept] === undefined ? [] : [copy as unknown as Policies[number]];
    });
}

const on = (vs: Violation[], urn: string) => vs.filter((v) => v.urn === urn);

describe("policy pack: the engine's placeholders of resources an update does not create (`up --target`)", () => {
    for (const mode of MODES) {
        for (const kind of ["resource", "stack"] as const) {
            it(`the ${kind} part judges no placeholder of any judged aws: type, next to a targeted compliant bucket (${mode})`, async () => {
                const b = new StackBuilder();
                secureBucket(b, "data");
                const types = judgedAwsTypes();
                assert.ok([T.bucket, T.sse, T.pab, T.key, T.grant, T.bucketObject].every((t) => types.includes(t)), types.join(", "));
                const placeholders = types.map((type) => b.add(type, `untargeted-${type.replace(/[^a-zA-Z0-9]/g, "-")}`, {}));
                const vs = await evaluate(asPlaceholders(b.build(), placeholders), mode, part(kind));
                assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
            });
        }

        it(`a targeted key next to its untargeted bucket, configurations and policies passes, as \`up --target <key>\` of good-buckets (${mode})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            const untargeted = [s.keyPolicy, s.alias, s.bucket, s.sse, s.versioning, s.pab, s.policy, b.urn(T.ownership, "data-ownership")];
            const vs = await evaluate(asPlaceholders(b.build(), untargeted), mode);
            assert.deepStrictEqual(vs.map((v) => `${v.policyName} ${v.urn}`), [], describeAll(vs));
        });

        it(`a targeted bucket whose encryption configuration is a placeholder is judged as a bucket without one (${mode})`, async () => {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            const vs = await evaluate(asPlaceholders(b.build(), [s.sse]), mode);
            assertFires(vs, "s3-bucket-sse-kms", s.bucket);
            assert.ok(on(vs, s.bucket).some((v) => /has no default server-side encryption configuration/.test(v.message)), describeAll(vs));
            assert.deepStrictEqual(on(vs, s.sse), [], describeAll(vs));
        });

        it(`an aws-native key with no property is judged, an aws: key with none is not (${mode})`, async () => {
            const b = new StackBuilder();
            const native = b.nativeProvider("native", { region: "eu-west-1", account: "111111111111" });
            const nativeKey = b.add(T.nativeKey, "native-key", {}, { provider: native });
            const awsKey = b.add(T.key, "aws-key", {});
            const vs = await evaluate(asPlaceholders(b.build(), [nativeKey, awsKey]), mode);
            assertFires(vs, "kms-key-rotation-enabled", nativeKey);
            assert.deepStrictEqual(on(vs, awsKey), [], describeAll(vs));
        });

        it(`an aws: key with one property is a declaration, judged as written (${mode})`, async () => {
            const b = new StackBuilder();
            const declared = b.add(T.key, "declared", { description: "no rotation setting" });
            const placeholder = b.add(T.key, "placeholder", {});
            const vs = await evaluate(asPlaceholders(b.build(), [placeholder]), mode);
            assert.deepStrictEqual([...new Set(vs.map((v) => `${v.policyName} ${v.urn}`))], [`kms-key-rotation-enabled ${declared}`], describeAll(vs));
        });
    }

    it("isEnginePlaceholder: an aws: type with an empty property map, proxied or not; never aws-native or a non-empty map", () => {
        assert.strictEqual(isEnginePlaceholder({ type: T.key, props: {} }), true);
        assert.strictEqual(isEnginePlaceholder({ type: T.key, props: unknownCheckingProxy({}) }), true);
        assert.strictEqual(isEnginePlaceholder({ type: T.key, props: unknownCheckingProxy({ enableKeyRotation: false }) }), false);
        assert.strictEqual(isEnginePlaceholder({ type: T.nativeKey, props: {} }), false);
        assert.strictEqual(isEnginePlaceholder({ type: T.provider, props: {} }), false);
    });
});

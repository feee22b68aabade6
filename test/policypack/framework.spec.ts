// The framework shares per-run work across the policies that check one resource: a resource's view (by its props
// object) and a policy's merged config (by its getConfig). Sharing must never hand one resource's view to another,
// nor one run's config to the next.
import * as assert from "assert";
import { ResourceValidationArgs } from "@pulumi/policy";
import { configOf, viewOf } from "../../policypack/policies/framework";

function argsFor(urn: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): ResourceValidationArgs {
    return {
        type: "aws:s3/bucket:Bucket",
        urn,
        name: urn.slice(urn.lastIndexOf("::") + 2),
        props,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: () => { throw new Error("not applicable"); },
    } as ResourceValidationArgs;
}

describe("policy pack framework: work shared across policies", () => {
    it("a resource's view is shared by the policies given the same props, and never reused for another resource", () => {
        const props = { bucket: "a", tags: { team: "x" } };
        const first = viewOf(argsFor("urn:pulumi:s::p::aws:s3/bucket:Bucket::a", props));
        assert.strictEqual(viewOf(argsFor("urn:pulumi:s::p::aws:s3/bucket:Bucket::a", props)), first);
        assert.equal(first.tags.get("team"), "x");
        const other = viewOf(argsFor("urn:pulumi:s::p::aws:s3/bucket:Bucket::b", props));
        assert.notStrictEqual(other, first);
        assert.equal(other.urn, "urn:pulumi:s::p::aws:s3/bucket:Bucket::b");
    });

    it("a policy's config is merged once per getter, over its defaults, and a new getter (a new run) is read again", () => {
        const defaults = { mode: "compatible", requireKeyCondition: true };
        const run1 = argsFor("urn:pulumi:s::p::aws:s3/bucket:Bucket::a", {}, { mode: "strict" });
        const merged = configOf(run1.getConfig, defaults);
        assert.deepEqual(merged, { mode: "strict", requireKeyCondition: true });
        assert.strictEqual(configOf(run1.getConfig, defaults), merged);
        assert.deepEqual(configOf(run1.getConfig, { other: 1 }), { other: 1, mode: "strict" }, "another policy's defaults with the same getter");
        const run2 = argsFor("urn:pulumi:s::p::aws:s3/bucket:Bucket::a", {}, { requireKeyCondition: false });
        assert.deepEqual(configOf(run2.getConfig, defaults), { mode: "compatible", requireKeyCondition: false });
    });
});

// The stack index is shared by all stack policies of one AnalyzeStack call (the server hands each policy
// a fresh array) but must never survive into the next call (preview → update see different outputs).
import * as assert from "assert";
import { PolicyResource, unknownCheckingProxy } from "@pulumi/policy";
import { stackIndexFor } from "../../policypack/model/indexCache";

function stack(region: string): PolicyResource[] {
    return [{
        type: "aws:s3/bucket:Bucket", urn: "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b", name: "b",
        props: unknownCheckingProxy({ bucket: "b", region }),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
    } as unknown as PolicyResource];
}

describe("policy pack: stack index cache", () => {
    it("is shared by fresh arrays of the same stack within one call, rebuilt after a macrotask", async () => {
        await new Promise((r) => setImmediate(r));
        const first = stackIndexFor(stack("eu-west-1"));
        assert.strictEqual(stackIndexFor(stack("eu-west-1")), first, "same call: one index");
        await Promise.resolve();
        assert.strictEqual(stackIndexFor(stack("eu-west-1")), first, "microtask yields between policies keep it");
        await new Promise((r) => setImmediate(r));
        const next = stackIndexFor(stack("us-east-1"));
        assert.notStrictEqual(next, first);
        assert.strictEqual(next.buckets[0].resource.region, "us-east-1");
    });
});

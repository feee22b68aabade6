import * as assert from "assert";
import { buildStackExport, orderForExport } from "../../tools/synth/buildExport";
import { ExportedResource, SECRET_SIG, SIG_KEY } from "../../tools/synth/exportFormat";
import { Registration } from "../../tools/synth/recordingMonitor";

const STACK = "urn:pulumi:t::p::pulumi:pulumi:Stack::p-t";
const PROVIDER = "urn:pulumi:t::p::pulumi:providers:aws::aws-data";

function registration(urn: string, extra: Partial<Registration> = {}): Registration {
    return { urn, type: urn.split("::")[2].split("$").pop()!, name: urn.split("::")[3], custom: true, id: "x", dependencies: [], propertyDependencies: {}, inputs: {}, outputs: {}, protect: false, retainOnDelete: false, ...extra };
}

function resource(urn: string, refs: { parent?: string; deps?: string[] } = {}): ExportedResource {
    return { urn, custom: false, type: "t", inputs: {}, outputs: {}, ...(refs.parent ? { parent: refs.parent } : {}), dependencies: refs.deps ?? [], propertyDependencies: {} };
}

describe("synth export building", () => {
    it("orders prerequisites first whatever the registration order, ties by URN", () => {
        const a = resource("urn:a", { deps: ["urn:c"] });
        const b = resource("urn:b");
        const c = resource("urn:c", { parent: "urn:d" });
        const d = resource("urn:d");
        const forward = orderForExport([a, b, c, d]).map((r) => r.urn);
        const backward = orderForExport([d, c, b, a]).map((r) => r.urn);
        assert.deepStrictEqual(forward, ["urn:b", "urn:d", "urn:c", "urn:a"]);
        assert.deepStrictEqual(backward, forward);
    });

    it("refuses a dependency cycle", () => {
        assert.throws(() => orderForExport([resource("urn:a", { deps: ["urn:b"] }), resource("urn:b", { deps: ["urn:a"] })]), /cycle/);
    });

    it("adds the plugin version to provider state, drops ids from components, and writes secrets in state form", () => {
        const doc = buildStackExport([
            registration(STACK, { custom: false, id: undefined, type: "pulumi:pulumi:Stack" }),
            registration(PROVIDER, { version: "7.48.0", parent: STACK, inputs: { region: "eu-west-1" } }),
            registration("urn:pulumi:t::p::aws:iam/role:Role::r", {
                parent: STACK,
                provider: `${PROVIDER}::abc`,
                inputs: { description: { [SIG_KEY]: SECRET_SIG, value: "hidden" } },
                dependencies: [PROVIDER, PROVIDER],
            }),
        ]);
        const [stack, provider, role] = doc.deployment.resources;
        assert.equal(stack.id, undefined);
        assert.deepStrictEqual(provider.inputs, { region: "eu-west-1", version: "7.48.0" });
        assert.deepStrictEqual(role.inputs["description"], { [SIG_KEY]: SECRET_SIG, plaintext: "\"hidden\"" });
        assert.deepStrictEqual(role.dependencies, [PROVIDER]);
    });
});

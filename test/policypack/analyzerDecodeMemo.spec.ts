// The pack's decode memo (policypack/analyzerDecodeMemo.ts) relies on internals of @pulumi/policy 1.21.0's
// analyzer server: it decodes every resource once per policy, and it calls the decoder through the
// `@pulumi/policy/deserialize` export object. These tests drive the real server functions with real protobuf
// requests and fail when either stops being true (a new @pulumi/policy: recheck the memo, or drop it if the
// server decodes once by itself), or when the memo changes what any policy sees or reports.
import * as assert from "assert";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    DECODE_MEMO_POLICY_VERSION, installDecodeMemo, installDecodeMemoOn, loadPolicyInternals, PolicyDeserializeModule, removeDecodeMemoFrom,
} from "../../policypack/analyzerDecodeMemo";
import { policies as ourPolicies } from "../../policypack/policies";
import { analyzeWithServer, fromExport, resourceRequest, ResourceSpec, stackRequest } from "../../bench/analyzerServer/analyzerRequests";
import { generateStack } from "../../bench/stacks/generate";

// ---- counting the library's real decodes underneath the memo ----

const internals = loadPolicyInternals();
const libraryDecoder = internals.module.deserializeProperties;
let decodes = 0;

function countDecodes(): void {
    decodes = 0;
    internals.module.deserializeProperties = (struct, proxySecrets) => {
        decodes++;
        return libraryDecoder(struct, proxySecrets);
    };
}

function restoreLibrary(): void {
    removeDecodeMemoFrom(internals.module);
    internals.module.deserializeProperties = libraryDecoder;
}

/** Runs `body` with decodes counted, with or without the memo on top; the library is restored after. */
async function withDecoder<T>(memo: boolean, body: () => Promise<T>): Promise<{ result: T; decodes: number }> {
    countDecodes();
    if (memo) {
        assert.deepEqual(installDecodeMemoOn(internals.module, internals.version), { kind: "installed" });
    }
    try {
        const result = await body();
        return { result, decodes };
    } finally {
        restoreLibrary();
    }
}

const PROVIDER = { type: "pulumi:providers:aws", urn: "urn:pulumi:s::p::pulumi:providers:aws::eu", properties: { region: "eu-west-1" } };
const RESOURCES: ResourceSpec[] = ["a", "b", "c", "d"].map((name) => ({
    type: "aws:s3/bucket:Bucket",
    urn: `urn:pulumi:s::p::aws:s3/bucket:Bucket::${name}`,
    properties: { bucket: name, tags: { owner: "team" }, nested: { list: [1, { deep: true }] } },
    provider: PROVIDER,
}));

/** Stack policies that report what they saw, so any difference in decoded input shows in the diagnostics. */
function recordingStackPolicy(name: string): StackValidationPolicy {
    return {
        name,
        description: `${name} reports every resource's props.`,
        enforcementLevel: name.endsWith("1") ? "advisory" : "mandatory",
        validateStack: (args, report) => {
            for (const r of args.resources as PolicyResource[]) {
                report(JSON.stringify({ props: r.props, provider: r.provider?.props }), r.urn);
            }
        },
    };
}

function recordingResourcePolicy(name: string): ResourceValidationPolicy {
    return {
        name,
        description: `${name} reports the resource's props.`,
        enforcementLevel: "advisory",
        validateResource: (args, report) => report(JSON.stringify({ props: args.props, provider: args.provider?.props })),
    };
}

describe("policypack: decode memo over @pulumi/policy's analyzer server", () => {
    afterEach(restoreLibrary);

    it(`runs on @pulumi/policy ${DECODE_MEMO_POLICY_VERSION}, the version whose server it was checked against`, () => {
        assert.equal(internals.version.replace(/^v/, ""), DECODE_MEMO_POLICY_VERSION, "@pulumi/policy moved: rerun these tests, recheck the server's per-policy decode, then update DECODE_MEMO_POLICY_VERSION");
        assert.deepEqual(installDecodeMemoOn(internals.module, internals.version), { kind: "installed" });
    });

    it("AnalyzeStack: the server decodes the stack once per stack policy; with the memo, once in all", async () => {
        const stackPolicies = [recordingStackPolicy("stack-1"), recordingStackPolicy("stack-2"), recordingStackPolicy("stack-3")];
        const run = () => analyzeWithServer("stack", stackPolicies, stackRequest(RESOURCES));
        const without = await withDecoder(false, run);
        const withMemo = await withDecoder(true, run);
        // Each resource's props and its provider's props, for each of the 3 policies.
        assert.equal(without.decodes, 3 * RESOURCES.length * 2, "the server no longer decodes per stack policy through the export: recheck the memo");
        assert.equal(withMemo.decodes, RESOURCES.length * 2);
        assert.deepEqual(withMemo.result, without.result);
        assert.equal(withMemo.result.length, 3 * RESOURCES.length);
    });

    it("Analyze: one decode per resource whatever the number of untyped resource policies", async () => {
        const resourcePolicies = [recordingResourcePolicy("res-1"), recordingResourcePolicy("res-2"), recordingResourcePolicy("res-3")];
        const run = () => analyzeWithServer("resource", resourcePolicies, resourceRequest(RESOURCES[0]));
        const without = await withDecoder(false, run);
        const withMemo = await withDecoder(true, run);
        assert.equal(without.decodes, 3 * 2, "the server no longer decodes per resource policy through the export: recheck the memo");
        assert.equal(withMemo.decodes, 2);
        assert.deepEqual(withMemo.result, without.result);
    });

    it("never shares the decode Remediate asks for (proxySecrets), which remediations may rewrite", async () => {
        const request = resourceRequest(RESOURCES[0]) as unknown as { getProperties(): object };
        const { decodes: count } = await withDecoder(true, async () => {
            internals.module.deserializeProperties(request.getProperties(), true);
            internals.module.deserializeProperties(request.getProperties(), true);
        });
        assert.equal(count, 2);
    });

    it("our pack reports the same violations, level and message for level and message, with and without the memo", async function () {
        this.timeout(60_000);
        const stack = generateStack({ resourceCount: 400, seed: 11 });
        const request = stackRequest(fromExport(stack.resources));
        const run = () => analyzeWithServer("stack", ourPolicies, request);
        const stackPolicyCount = ourPolicies.filter((p) => "validateStack" in p).length;
        const without = await withDecoder(false, run);
        const withMemo = await withDecoder(true, run);
        assert.ok(without.result.length > 0, "the generated stack has planted mistakes; the pack must report them");
        assert.deepEqual(withMemo.result, without.result);
        assert.ok(without.decodes >= stackPolicyCount * stack.resources.length);
        assert.ok(withMemo.decodes <= 2 * stack.resources.length, `${withMemo.decodes} decodes for ${stack.resources.length} resources`);
    });

    describe("guard", () => {
        const fakeModule = (): PolicyDeserializeModule => ({ deserializeProperties: (_struct, _proxySecrets) => ({}) });

        it("leaves another @pulumi/policy version alone and says why", () => {
            const module = fakeModule();
            const original = module.deserializeProperties;
            const status = installDecodeMemoOn(module, "v1.22.0");
            assert.equal(status.kind, "unsupported");
            assert.match(status.kind === "unsupported" ? status.reason : "", /1\.22\.0.*1\.21\.0/);
            assert.equal(module.deserializeProperties, original);
        });

        it("leaves a decoder of another shape alone", () => {
            const module = { deserializeProperties: (_struct: object | undefined) => ({}) } as unknown as PolicyDeserializeModule;
            assert.equal(installDecodeMemoOn(module, DECODE_MEMO_POLICY_VERSION).kind, "unsupported");
        });

        it("installs once, and removal gives the library its decoder back", () => {
            const module = fakeModule();
            const original = module.deserializeProperties;
            installDecodeMemoOn(module, DECODE_MEMO_POLICY_VERSION);
            const memoized = module.deserializeProperties;
            assert.notEqual(memoized, original);
            installDecodeMemoOn(module, DECODE_MEMO_POLICY_VERSION);
            assert.equal(module.deserializeProperties, memoized);
            removeDecodeMemoFrom(module);
            assert.equal(module.deserializeProperties, original);
        });

        it("is off when ENCRYPTED_BUCKETS_DECODE_MEMO=off", () => {
            assert.deepEqual(installDecodeMemo({ ENCRYPTED_BUCKETS_DECODE_MEMO: "off" }), { kind: "disabled" });
            assert.equal(internals.module.deserializeProperties, libraryDecoder);
        });
    });
});

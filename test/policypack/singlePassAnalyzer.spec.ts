// The pack serves Analyze and AnalyzeStack with its own single-pass handlers (policypack/server/), which must
// answer exactly as @pulumi/policy 1.21.0's handlers do. These tests send both the same protobuf requests (every
// policy fixture, as `pulumi up` and as a fresh preview sends them, and a generated stack) and compare the
// serialized responses byte for byte: diagnostics, levels, messages, "not applicable" entries and their order.
// They fail when the library's handlers change behaviour (a new @pulumi/policy: recheck, then update
// SINGLE_PASS_POLICY_VERSION) or when the single-pass handlers drift from them.
import * as assert from "assert";
import { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies as ourPolicies, registry } from "../../policypack/policies";
import { forgetRecentStackIndex } from "../../policypack/model/indexCache";
import { forgetRunMemory } from "../../policypack/model/runMemory";
import { setRunMode } from "../../policypack/model/runMode";
import { installDecodeMemo } from "../../policypack/analyzerDecodeMemo";
import { loadPolicyLibrary, SINGLE_PASS_POLICY_VERSION } from "../../policypack/server/policyLibrary";
import { configFrom, emptyServerState, installSinglePass, SINGLE_PASS_ENV, stackTagsFrom, withSinglePass } from "../../policypack/server/serverHooks";
import { SinglePassAnalyzer } from "../../policypack/server/singlePassAnalyzer";
import { ExportResource } from "../../policypack/harness";
import { PreviewSimulator } from "../../policypack/harness/previewSimulation";
import { AnalyzerRequest, fromExport, resourceRequest, ResourceSpec, stackRequest } from "../../bench/analyzerServer/analyzerRequests";
import { generateStack } from "../../bench/stacks/generate";
import { fixtureStack } from "./support/fixtureStack";

/* eslint-disable @typescript-eslint/no-require-imports */
const server = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policies): Handler;
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policies): Handler;
    makeRemediateRpcFun(pack: string, version: string, level: string, policies: Policies): Handler;
};
const analyzerpb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb")) as Record<string, new () => Record<string, (...a: unknown[]) => unknown>>;
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [require.resolve("@pulumi/pulumi/proto/analyzer_pb")] })) as {
    Struct: { fromJavaScript(v: unknown): unknown };
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Handler = (call: { request: unknown }, callback: (error: unknown, response?: { serializeBinary(): Uint8Array }) => void) => Promise<void>;

const PACK = { name: "encrypted-buckets-guardrails", version: "0.1.0", enforcementLevel: "mandatory" };
const lib = loadPolicyLibrary();

/** The response's bytes, or the error's gRPC code and message. */
function answer(handler: Handler, request: AnalyzerRequest): Promise<string> {
    return new Promise((resolve) => {
        void handler({ request }, (error, response) => {
            if (error) {
                const e = error as { code?: number; message?: string };
                resolve(`error ${e.code} ${e.message}`);
                return;
            }
            resolve(Buffer.from((response as { serializeBinary(): Uint8Array }).serializeBinary()).toString("base64"));
        });
    });
}

type ExportedSpecs = Parameters<typeof fromExport>[0];

interface Requests {
    perResource: AnalyzerRequest[];
    stack: AnalyzerRequest;
}

/** What the engine sends: Analyze gets each resource's inputs, AnalyzeStack everyone's outputs. */
function requestsFor(resources: readonly ExportResource[], preview: boolean): Requests {
    const simulator = preview ? new PreviewSimulator(new Map(resources.map((r) => [r.urn, r]))) : undefined;
    // fromExport reads outputs: put there what this request carries.
    const withProps = (pick: (r: ExportResource) => Record<string, unknown>): ExportedSpecs => resources.map((r) => ({ ...r, outputs: pick(r) })) as unknown as ExportedSpecs;
    const inputs = fromExport(withProps((r) => (simulator ? simulator.inputs(r) : (r.inputs ?? {})) as Record<string, unknown>));
    const outputs = fromExport(withProps((r) => (simulator ? simulator.outputs(r) : (r.outputs ?? r.inputs ?? {})) as Record<string, unknown>));
    return { perResource: inputs.map(resourceRequest), stack: stackRequest(outputs) };
}

/** Runs one engine pass (every Analyze, then AnalyzeStack) through both handlers and returns their answers. */
async function bothServers(policies: Policies, requests: Requests, mode: "preview" | "update"): Promise<{ library: string[]; singlePass: string[] }> {
    const run = async (analyze: Handler, analyzeStack: Handler): Promise<string[]> => {
        // One engine run each: what earlier Analyze calls taught the pack starts empty, as in a fresh pack process.
        forgetRunMemory();
        forgetRecentStackIndex();
        setRunMode(mode);
        const answers: string[] = [];
        for (const request of requests.perResource) {
            answers.push(await answer(analyze, request));
        }
        answers.push(await answer(analyzeStack, requests.stack));
        return answers;
    };
    try {
        const library = await run(
            server.makeAnalyzeRpcFun(PACK.name, PACK.version, PACK.enforcementLevel, policies),
            server.makeAnalyzeStackRpcFun(PACK.name, PACK.version, PACK.enforcementLevel, policies),
        );
        const singlePass = new SinglePassAnalyzer(lib, PACK, policies, emptyServerState());
        return { library, singlePass: await run(singlePass.analyze, singlePass.analyzeStack) };
    } finally {
        setRunMode(undefined);
        forgetRunMemory();
        forgetRecentStackIndex();
    }
}

function assertSameAnswers(library: string[], singlePass: string[], what: string): void {
    assert.equal(singlePass.length, library.length);
    for (let i = 0; i < library.length; i++) {
        assert.equal(singlePass[i], library[i], `${what}: request ${i + 1} of ${library.length} is answered differently`);
    }
}

describe("policypack: single-pass Analyze and AnalyzeStack answer as @pulumi/policy's own handlers", () => {
    before(() => {
        installDecodeMemo({});
    });

    it(`runs on @pulumi/policy ${SINGLE_PASS_POLICY_VERSION}, the version whose handlers it mirrors`, () => {
        assert.equal(lib.version.replace(/^v/, ""), SINGLE_PASS_POLICY_VERSION, "@pulumi/policy moved: rerun these tests, recheck server.js, then update SINGLE_PASS_POLICY_VERSION");
    });

    for (const definition of registry) {
        const fixtures = [...definition.compliant.map((f) => ({ f, kind: "compliant" })), ...definition.violating.map((f) => ({ f, kind: "violating" }))];
        it(`${definition.policy.name}: the same bytes for each of its ${fixtures.length} fixtures, in update and in a fresh preview`, async function () {
            this.timeout(60_000);
            let diagnosticsSeen = 0;
            for (const { f, kind } of fixtures) {
                if (f.config !== undefined) {
                    // The library's config is module state set only by a served Configure call; the e2e tier covers it.
                    continue;
                }
                const resources = fixtureStack(f);
                for (const mode of ["update", "preview"] as const) {
                    const { library, singlePass } = await bothServers(ourPolicies, requestsFor(resources, mode === "preview"), mode);
                    assertSameAnswers(library, singlePass, `${kind} fixture "${f.title}" (${mode})`);
                    diagnosticsSeen += library.filter((a) => a.length > 8).length;
                }
            }
            assert.ok(diagnosticsSeen > 0, "no fixture produced any answer with content: the comparison would prove nothing");
        });
    }

    it("a generated stack of 600 resources with planted mistakes: the same bytes, and violations among them", async function () {
        this.timeout(120_000);
        const stack = generateStack({ resourceCount: 600, seed: 7 });
        for (const mode of ["update", "preview"] as const) {
            const { library, singlePass } = await bothServers(ourPolicies, requestsFor(stack.resources, mode === "preview"), mode);
            assertSameAnswers(library, singlePass, `generated stack (${mode})`);
        }
    });

    it("levels, typed and untyped policies, not-applicable, unknowns and errors: the same bytes", async () => {
        const bucket = "aws:s3/bucket:Bucket";
        const typed = (fn: (args: { props: Record<string, unknown> }, report: (m: string, urn?: string) => void) => void, type: string) =>
            Object.assign(fn, { __pulumiType: type });
        const policies: Policies = [
            { name: "advisory-untyped", description: "reports every resource", enforcementLevel: "advisory", validateResource: (args, report) => report(`saw ${args.type}`) },
            { name: "disabled", description: "never runs", enforcementLevel: "disabled", validateResource: (_args, report) => report("ran") },
            { name: "remediate-level", description: "reported as mandatory", enforcementLevel: "remediate", validateResource: (_args, report) => report("x") },
            { name: "typed-bucket", description: "typed", enforcementLevel: "mandatory", validateResource: typed((args, report) => report(String(args.props["bucket"])), bucket) },
            { name: "not-applicable", description: "throws not applicable", enforcementLevel: "mandatory", validateResource: (args) => args.notApplicable("only on Tuesdays") },
            { name: "reads-unknown", description: "reads an unknown", enforcementLevel: "mandatory", validateResource: (args) => void JSON.stringify(args.props) },
            { name: "two-validations", description: "array form", enforcementLevel: "mandatory", validateResource: [(_a, r) => r("first"), (_a, r) => r({ message: "object form", severity: "high" } as never)] },
            { name: "async", description: "returns a promise", severity: "low", enforcementLevel: "advisory", validateResource: async (_args, report) => report("later") },
            { name: "stack-typed-absent", description: "typed to an absent type", enforcementLevel: "mandatory", validateStack: typed(() => undefined, "aws:ec2/instance:Instance") as never },
            { name: "stack-reports", description: "reports with urns", enforcementLevel: "mandatory", validateStack: (args, report) => args.resources.forEach((r) => report(`parent ${r.parent?.name ?? "-"} deps ${r.dependencies.length}`, r.urn)) },
            { name: "stack-not-applicable", description: "stack not applicable", enforcementLevel: "mandatory", validateStack: (args) => args.notApplicable() },
        ] as Policies;
        const resources: ResourceSpec[] = [
            { type: bucket, urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::a", properties: { bucket: "a" } },
            { type: bucket, urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", properties: { bucket: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, parent: "urn:pulumi:s::p::aws:s3/bucket:Bucket::a", dependencies: ["urn:pulumi:s::p::aws:s3/bucket:Bucket::a"], propertyDependencies: { bucket: ["urn:pulumi:s::p::aws:s3/bucket:Bucket::a"] } },
            { type: "aws:kms/key:Key", urn: "urn:pulumi:s::p::aws:kms/key:Key::k", properties: { description: "k" }, provider: { type: "pulumi:providers:aws", urn: "urn:pulumi:s::p::pulumi:providers:aws::default", properties: { region: "eu-west-1" } } },
        ];
        const { library, singlePass } = await bothServers(policies, { perResource: resources.map(resourceRequest), stack: stackRequest(resources) }, "preview");
        assertSameAnswers(library, singlePass, "hand-written policies");
        const failing: Policies = [
            { name: "ok", description: "fine", enforcementLevel: "mandatory", validateResource: (_a, r) => r("fine") },
            { name: "throws", description: "throws", enforcementLevel: "mandatory", validateResource: () => { throw new Error("boom"); } },
            { name: "stack-throws", description: "throws", enforcementLevel: "mandatory", validateStack: () => { throw new Error("stack boom"); } },
        ] as Policies;
        const errors = await bothServers(failing, { perResource: resources.map(resourceRequest), stack: stackRequest(resources) }, "update");
        assert.match(errors.library[0], /^error \S+ Error validating resource with policy .throws.*boom/s);
        assert.deepEqual(errors.singlePass.map(firstLines), errors.library.map(firstLines));
    });

    it("skips a check declared to read other types without calling it, and still calls it for its own types", async () => {
        const calls: string[] = [];
        const policy = ourPolicies.find((p) => p.name === "s3-bucket-policy-deny-insecure-transport") as ResourceValidationPolicy & StackValidationPolicy;
        const original = policy.validateResource as (args: { type: string }, report: unknown) => void;
        const spy: Policies = [{ ...policy, validateResource: Object.assign((args: { type: string }, report: unknown) => { calls.push(args.type); return original(args, report); }, original) }] as Policies;
        const singlePass = new SinglePassAnalyzer(lib, PACK, spy, emptyServerState());
        const key = resourceRequest({ type: "aws:kms/key:Key", urn: "urn:pulumi:s::p::aws:kms/key:Key::k", properties: {} });
        const bucketRequest = resourceRequest({ type: "aws:s3/bucket:Bucket", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", properties: { bucket: "b" } });
        await answer(singlePass.analyze, key);
        await answer(singlePass.analyze, bucketRequest);
        assert.deepEqual(calls, ["aws:s3/bucket:Bucket"]);
    });

    it("one config getter per policy until Configure replaces the config: checks merge their defaults once and still see a new config", async () => {
        const getters = new Set<unknown>();
        const seen: unknown[] = [];
        const policies: Policies = [{
            name: "reads-config", description: "records its config", enforcementLevel: "advisory",
            validateResource: (args) => {
                getters.add(args.getConfig);
                seen.push(args.getConfig<{ n?: number }>().n);
            },
        }] as Policies;
        const state = emptyServerState();
        state.config = { "reads-config": { n: 1 } };
        const singlePass = new SinglePassAnalyzer(lib, PACK, policies, state);
        const request = resourceRequest({ type: "aws:s3/bucket:Bucket", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::a", properties: { bucket: "a" } });
        await answer(singlePass.analyze, request);
        await answer(singlePass.analyze, request);
        assert.equal(getters.size, 1, "the same getter for every resource while the config stays");
        state.config = { "reads-config": { n: 2 } };
        await answer(singlePass.analyze, request);
        assert.equal(getters.size, 2, "a new getter once Configure replaced the config");
        assert.deepEqual(seen, [1, 1, 2]);
    });

    it("Remediate while no policy remediates: the library's empty answer, without decoding the resource", async () => {
        const stack = generateStack({ resourceCount: 60, seed: 3 });
        const requests = requestsFor(stack.resources, false).perResource;
        const libraryRemediate = server.makeRemediateRpcFun(PACK.name, PACK.version, PACK.enforcementLevel, ourPolicies);
        const singlePass = new SinglePassAnalyzer(lib, PACK, ourPolicies, emptyServerState());
        assert.equal(singlePass.remediates(), false);
        for (const request of requests) {
            assert.equal(await answer(singlePass.remediateNothing, request), await answer(libraryRemediate, request));
        }
    });

    it("Remediate goes to the library's handler as soon as a policy remediates, by its own level or by config", async () => {
        const state = emptyServerState();
        const remediating: Policies = [{ name: "fixes-tags", description: "adds a tag", enforcementLevel: "remediate", remediateResource: () => ({ tags: { fixed: "yes" } }) }] as Policies;
        assert.equal(new SinglePassAnalyzer(lib, PACK, remediating, state).remediates(), true);
        const ours = new SinglePassAnalyzer(lib, PACK, ourPolicies, state);
        const calls: string[] = [];
        const implementation = {
            analyze: () => undefined, analyzeStack: () => undefined, configure: () => undefined, configureStack: () => undefined,
            remediate: (_call: unknown, callback: (e: unknown, r?: unknown) => void) => { calls.push("library"); callback(undefined, undefined); },
        };
        const rewritten = withSinglePass(implementation, lib, state, ours)["remediate"] as (call: unknown, callback: (e: unknown, r?: unknown) => void) => Promise<void>;
        const request = requestsFor(fixtureStack(registry[0].compliant[0]), false).perResource[0];
        await new Promise<void>((resolve) => void rewritten({ request }, () => resolve()));
        assert.deepEqual(calls, [], "no policy remediates: answered without the library's handler");
        state.config = { "kms-key-rotation-enabled": { enforcementLevel: "remediate" } };
        await new Promise<void>((resolve) => void rewritten({ request }, () => resolve()));
        assert.deepEqual(calls, ["library"], "config made a policy remediate: the library's handler answers");
    });

    describe("what the library's Configure and ConfigureStack record, mirrored", () => {
        it("policy config: properties plus the enforcement level, as the library reads a Configure request", () => {
            const request = new analyzerpb.ConfigureAnalyzerRequest();
            const config = new analyzerpb.PolicyConfig();
            config.setEnforcementlevel(1); // ADVISORY=0, MANDATORY=1 in the engine's enum
            config.setProperties(Struct.fromJavaScript({ allowedKeyArns: ["arn:aws:kms:eu-west-1:111111111111:key/x"] }));
            (request.getPolicyconfigMap() as unknown as Map<string, unknown>).set("s3-bucket-sse-key-allowlist", config);
            assert.deepEqual(configFrom(lib, request as never), {
                "s3-bucket-sse-key-allowlist": { allowedKeyArns: ["arn:aws:kms:eu-west-1:111111111111:key/x"], enforcementLevel: lib.convertEnforcementLevel(1) },
            });
        });

        it("stack tags: a read-only map of the ConfigureStack request's tags", () => {
            const request = new analyzerpb.AnalyzerStackConfigureRequest();
            (request.getTagsMap() as unknown as Map<string, string>).set("team", "storage");
            const tags = stackTagsFrom(request as never);
            assert.equal(tags.get("team"), "storage");
            assert.equal(tags.size, 1);
            assert.ok(Object.isFrozen(tags));
        });

        it("rewrites only the analyzer service's implementation, keeping the library's Configure handlers", () => {
            const state = emptyServerState();
            const analyzer = new SinglePassAnalyzer(lib, PACK, [], state);
            const configured: string[] = [];
            const implementation = {
                analyze: () => undefined, analyzeStack: () => undefined, remediate: () => undefined, getPluginInfo: () => undefined,
                configure: () => configured.push("library configure"), configureStack: () => configured.push("library configureStack"),
            };
            const rewritten = withSinglePass(implementation, lib, state, analyzer);
            assert.equal(rewritten["analyze"], analyzer.analyze);
            assert.equal(rewritten["analyzeStack"], analyzer.analyzeStack);
            assert.equal(rewritten["getPluginInfo"], implementation.getPluginInfo);
            const stackRequestMessage = new analyzerpb.AnalyzerStackConfigureRequest();
            (stackRequestMessage.getTagsMap() as unknown as Map<string, string>).set("env", "dev");
            (rewritten["configureStack"] as (call: unknown, cb: unknown) => void)({ request: stackRequestMessage }, () => undefined);
            assert.equal(state.stackTags.get("env"), "dev");
            assert.deepEqual(configured, ["library configureStack"]);
            const other = { getPluginInfo: () => undefined };
            assert.equal(withSinglePass(other, lib, state, analyzer), other);
        });

        it(`${SINGLE_PASS_ENV}=off leaves the library's handlers serving`, () => {
            assert.deepEqual(installSinglePass({ policies: [], packName: PACK.name, enforcementLevel: "mandatory", env: { [SINGLE_PASS_ENV]: "off" } }), { kind: "disabled" });
        });
    });
});

function firstLines(answerText: string): string {
    // An error's message carries the policy's stack trace, whose frames differ between the two handlers.
    return answerText.split("\n").slice(0, 2).join("\n");
}

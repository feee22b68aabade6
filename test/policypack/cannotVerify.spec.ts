// Outside preview, a value the pack must read but can't (an encrypted secret in an export made without
// --show-secrets, an unknown in a state) is a mandatory "cannot verify" naming the fix, never a silent pass.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateExportFile, Violation } from "../../policypack/harness";
import { installRunModeHook, runMode, setRunMode } from "../../policypack/model/runMode";
import { describeAll } from "./support/run";
import { secureBucket } from "./support/scenarios";
import { StackBuilder } from "./support/stackBuilder";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

type Wrap = (v: unknown) => unknown;
const encrypted: Wrap = () => ({ [SIG]: SECRET_SIG, ciphertext: "v1:Zm9vYmFy:c2VjcmV0" });
const plaintext: Wrap = (v) => ({ [SIG]: SECRET_SIG, plaintext: JSON.stringify(v) });

/** The compliant bucket with one property of one resource replaced, in inputs and outputs, as an export file. */
function exportWith(resource: keyof ReturnType<typeof secureBucket>, prop: string, wrap: Wrap): string {
    const b = new StackBuilder();
    const s = secureBucket(b, "data");
    const doc = JSON.parse(b.exportJson()) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
    const r = doc.deployment.resources.find((x) => x.urn === s[resource]);
    assert.ok(r && prop in r.inputs, `fixture: ${String(s[resource])} has no ${prop}`);
    r.inputs[prop] = wrap(r.inputs[prop]);
    r.outputs[prop] = wrap(r.outputs[prop]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
}

const cases: [keyof ReturnType<typeof secureBucket>, string, string][] = [
    ["sse", "rules", "s3-bucket-sse-kms"],
    ["policy", "policy", "s3-bucket-policy-deny-insecure-transport"],
    ["pab", "restrictPublicBuckets", "s3-bucket-public-access-block"],
    ["key", "enableKeyRotation", "kms-key-rotation-enabled"],
    ["keyPolicy", "policy", "kms-key-policy-no-public-principal"],
];

function cannotVerify(vs: Violation[]): Violation[] {
    return vs.filter((v) => v.message.includes("cannot verify"));
}

describe("policy pack: values it cannot read are not a pass", () => {
    for (const [resource, prop, policy] of cases) {
        it(`${policy}: an encrypted ${prop} is a mandatory "cannot verify" (fix: --show-secrets); its plaintext is judged normally`, async () => {
            const vs = await evaluateExportFile(exportWith(resource, prop, encrypted));
            const found = cannotVerify(vs);
            assert.deepStrictEqual(found.map((v) => [v.policyName, v.enforcementLevel]), [[policy, "mandatory"]], describeAll(vs));
            assert.match(found[0].message, /pulumi stack export --show-secrets/);

            assert.deepStrictEqual(await evaluateExportFile(exportWith(resource, prop, plaintext)), []);
            assert.deepStrictEqual(cannotVerify(await evaluateExportFile(exportWith(resource, prop, encrypted), { preview: true })), [], "a preview's unknowns are expected");
        });
    }

    it("an unknown sentinel in a state outside preview is a \"cannot verify\" too", async () => {
        const vs = await evaluateExportFile(exportWith("pab", "blockPublicPolicy", () => UNKNOWN_BOOL));
        assert.deepStrictEqual(cannotVerify(vs).map((v) => v.policyName), ["s3-bucket-public-access-block"], describeAll(vs));
        const doc = await evaluateExportFile(exportWith("policy", "policy", () => UNKNOWN_STRING));
        assert.deepStrictEqual(cannotVerify(doc).map((v) => v.policyName), ["s3-bucket-policy-deny-insecure-transport"], describeAll(doc));
    });

    it("follows the policy's configured level", async () => {
        const vs = await evaluateExportFile(exportWith("sse", "rules", encrypted), { config: { "s3-bucket-sse-kms": "advisory" } });
        assert.deepStrictEqual(cannotVerify(vs).map((v) => v.enforcementLevel), ["advisory"]);
    });
});

describe("policy pack: which run it is in (the engine's ConfigureStack dry_run)", () => {
    afterEach(() => setRunMode(undefined));

    it("during `pulumi up` (not a dry run) an unknown the policy must read is a mandatory \"cannot verify\"; in a preview it is silent", async () => {
        for (const [resource, prop, policy] of cases) {
            const file = exportWith(resource, prop, () => (prop === "enableKeyRotation" || prop === "restrictPublicBuckets" ? UNKNOWN_BOOL : UNKNOWN_STRING));
            const up = cannotVerify(await evaluateExportFile(file, { runMode: "update" }));
            assert.deepStrictEqual(up.map((v) => [v.policyName, v.enforcementLevel]), [[policy, "mandatory"]], describeAll(up));
            assert.match(up[0].message, /an unknown value.*Fix: make the value known before the resource is created/);
            assert.deepStrictEqual(cannotVerify(await evaluateExportFile(file, { runMode: "preview" })), [], "an unknown in a preview never blocks");
        }
    });

    it("a secret `pulumi policy analyze` could not decrypt (the string \"[secret]\") is a \"cannot verify\" naming how to check it, not a misread value", async () => {
        const vs = await evaluateExportFile(exportWith("key", "enableKeyRotation", () => "[secret]"));
        assert.deepStrictEqual(vs.map((v) => v.policyName), ["kms-key-rotation-enabled"], describeAll(vs));
        assert.match(vs[0].message, /cannot verify: Key "data-key" has enableKeyRotation as an encrypted secret.*pulumi policy analyze --stack.*--show-secrets.*non-secret/);
    });

    it("a compliant stack is clean in every mode", async () => {
        const b = new StackBuilder();
        secureBucket(b, "data");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
        fs.writeFileSync(file, b.exportJson());
        for (const runMode of ["preview", "update", "state"] as const) {
            assert.deepStrictEqual(await evaluateExportFile(file, { runMode }), [], runMode);
        }
    });

    it("reads the mode from ConfigureStack's dry_run, sent over gRPC, before the library's own handler runs", async () => {
        const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as typeof import("@grpc/grpc-js");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const proto = require("@pulumi/pulumi/proto/analyzer_pb");
        assert.ok(installRunModeHook(), "the hook installs on the @grpc/grpc-js @pulumi/policy uses");
        const seenByLibrary: boolean[] = [];
        const server = new grpc.Server();
        server.addService(rpc.AnalyzerService, {
            configureStack: (call: { request: { getDryRun(): boolean } }, callback: (e: null, r: unknown) => void) => {
                seenByLibrary.push(call.request.getDryRun());
                callback(null, new proto.AnalyzerStackConfigureResponse());
            },
        });
        const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
        const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const configure = (dryRun: boolean) => new Promise<void>((resolve, reject) => {
            const req = new proto.AnalyzerStackConfigureRequest();
            req.setStack("dev");
            req.setDryRun(dryRun);
            client.configureStack(req, (e: Error | null) => (e ? reject(e) : resolve()));
        });
        try {
            assert.equal(runMode({}), "state", "no ConfigureStack and no env: `pulumi policy analyze`");
            await configure(true);
            assert.equal(runMode({}), "preview");
            await configure(false);
            assert.equal(runMode({}), "update");
            assert.deepStrictEqual(seenByLibrary, [true, false], "the library's handler still runs");
        } finally {
            client.close();
            server.forceShutdown();
        }
    });

    it("falls back to the PULUMI_NODEJS_DRY_RUN the language host's policy proxy sets", () => {
        assert.equal(runMode({ PULUMI_NODEJS_DRY_RUN: "true" }), "preview");
        assert.equal(runMode({ PULUMI_NODEJS_DRY_RUN: "false" }), "update");
        assert.equal(runMode({ PULUMI_DRY_RUN: "true" }), "preview");
        assert.equal(runMode({}), "state");
        setRunMode("update");
        assert.equal(runMode({ PULUMI_NODEJS_DRY_RUN: "true" }), "update", "what ConfigureStack said wins");
    });

    it("without the hook (an unexpected @grpc/grpc-js) and without the env, assumes a preview: an unknown never blocks one", () => {
        try {
            assert.equal(installRunModeHook(() => ({})), false);
            assert.equal(runMode({}), "preview");
            assert.equal(runMode({ PULUMI_NODEJS_DRY_RUN: "false" }), "update");
        } finally {
            assert.ok(installRunModeHook());
        }
        assert.equal(runMode({}), "state");
    });
});

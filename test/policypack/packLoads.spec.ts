// Loads the pack exactly as the Pulumi CLI's Node language host does (`node <@pulumi/pulumi>/cmd/run-policy-pack
// <engine> <packDir>` with cwd = pack dir: ts-node registered with type-checking and the pack's tsconfig, then
// package.json "main", the compiled bin/index.js, built here first), then talks to the real @pulumi/policy
// analyzer server over gRPC: GetAnalyzerInfo and a preview-like AnalyzeStack.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import { builtPolicyPack } from "../../e2e/support/policyPack";
import { ExportResource } from "../../policypack/harness";
import { PreviewSimulator } from "../../policypack/harness/previewSimulation";
import { replicatedPair } from "./support/scenarios";

const REPO = path.resolve(__dirname, "../..");
const PACK_DIR = path.join(REPO, "policypack");
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (m: string): string => require.resolve(m, { paths: [PULUMI_DIR] });

/* eslint-disable @typescript-eslint/no-var-requires */
const grpc = require(fromPulumi("@grpc/grpc-js"));
const analyzerRpc = require(fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb"));
const analyzerProto = require(fromPulumi("@pulumi/pulumi/proto/analyzer_pb"));
const structProto = require(fromPulumi("google-protobuf/google/protobuf/struct_pb"));
const emptyProto = require(fromPulumi("google-protobuf/google/protobuf/empty_pb"));
/* eslint-enable @typescript-eslint/no-var-requires */

function startPack(): Promise<{ child: ChildProcess; port: number }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(PULUMI_DIR, "cmd", "run-policy-pack"), "127.0.0.1:1", "."], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout?.on("data", (d: Buffer) => {
            stdout += d.toString();
            const m = /^(\d+)\s*$/m.exec(stdout);
            if (m) {
                resolve({ child, port: Number(m[1]) });
            }
        });
        child.stderr?.on("data", (d: Buffer) => { stderr += d.toString(); });
        child.on("exit", (code) => reject(new Error(`pack exited with ${String(code)} before serving:\n${stdout}\n${stderr}`)));
    });
}

function call<T>(client: Record<string, unknown>, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
        (client[method] as (req: unknown, cb: (err: Error | null, res: T) => void) => void).call(client, request, (err, res) => (err ? reject(err) : resolve(res)));
    });
}

function toAnalyzerResource(r: ExportResource, props: Record<string, unknown> | undefined, byUrn: Map<string, ExportResource>): unknown {
    const ar = new analyzerProto.AnalyzerResource();
    ar.setType(r.type);
    ar.setUrn(r.urn);
    ar.setName(r.urn.split("::").pop());
    ar.setProperties(structProto.Struct.fromJavaScript(props ?? {}));
    const opts = new analyzerProto.AnalyzerResourceOptions();
    opts.setProtect(r.protect === true); // the engine sends the protect option (and no retainOnDelete)
    ar.setOptions(opts);
    ar.setDependenciesList(r.dependencies ?? []);
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new analyzerProto.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        ar.getPropertydependenciesMap().set(k, deps);
    }
    const providerUrn = r.provider?.slice(0, r.provider.lastIndexOf("::"));
    const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
    if (provider) {
        const pr = new analyzerProto.AnalyzerProviderResource();
        pr.setType(provider.type);
        pr.setUrn(provider.urn);
        pr.setName(provider.urn.split("::").pop());
        pr.setProperties(structProto.Struct.fromJavaScript(provider.inputs ?? {}));
        ar.setProvider(pr);
    }
    return ar;
}

describe("policy pack: loads the way the Pulumi CLI loads it", function () {
    this.timeout(180000);
    let child: ChildProcess | undefined;
    let client: Record<string, unknown> | undefined;

    before(function () {
        builtPolicyPack();
    });

    after(() => {
        (client as { close?: () => void } | undefined)?.close?.();
        if (child?.pid && child.exitCode === null) {
            child.kill("SIGTERM");
        }
    });

    it("has PulumiPolicy.yaml (runtime nodejs), a package.json version, a compiled main, and a tsconfig ts-node accepts", () => {
        assert.match(fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version?: string; main?: string };
        assert.match(pkg.version ?? "", /^\d+\.\d+\.\d+/);
        // JavaScript, so the runner's ts-node (always registered with type-checking) has nothing to compile.
        assert.strictEqual(pkg.main, "bin/index.js");
        assert.ok(fs.existsSync(path.join(PACK_DIR, pkg.main)), "the build wrote bin/index.js");
        // The runner still registers ts-node with this tsconfig, so it must stay valid for ts-node.
        const tsconfig = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, string> };
        // run-policy-pack merges module: nodenext defaults under the tsconfig: commonjs needs an explicit moduleResolution (TS5110).
        if (tsconfig.compilerOptions["module"]?.toLowerCase() === "commonjs") {
            assert.strictEqual(tsconfig.compilerOptions["moduleResolution"]?.toLowerCase(), "node");
        }
    });

    it("loads the compiled entry point, constructs the PolicyPack and prints the analyzer port", async () => {
        const started = await startPack();
        child = started.child;
        const connected = new analyzerRpc.AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure()) as Record<string, unknown>;
        client = connected;
        const info = await call<{ getName(): string; getPoliciesList(): { getName(): string; getEnforcementlevel(): number }[] }>(connected, "getAnalyzerInfo", new emptyProto.Empty());
        assert.strictEqual(info.getName(), "encrypted-buckets-guardrails");
        const names = info.getPoliciesList().map((p) => p.getName());
        assert.ok(names.includes("s3-bucket-sse-kms") && names.includes("s3-replication-role-kms-access"), names.join(", "));
    });

    it("the real analyzer server fails a fresh-stack preview on a decidable violation, without 'can't run' downgrades", async () => {
        const connected = client;
        assert.ok(connected, "pack not started");
        const p = replicatedPair();
        p.b.remove(p.destination.versioning);
        const resources = p.b.build();
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const preview = new PreviewSimulator(byUrn);
        const request = new analyzerProto.AnalyzeStackRequest();
        request.setResourcesList(resources.map((r) => toAnalyzerResource(r, preview.outputs(r), byUrn)));
        // The engine's ConfigureStack before a preview (dry_run): the pack reads it to know unknowns are expected.
        const configure = async (dryRun: boolean) => {
            const req = new analyzerProto.AnalyzerStackConfigureRequest();
            req.setStack("dev");
            req.setDryRun(dryRun);
            await call(connected, "configureStack", req);
        };
        const analyze = async () => {
            const response = await call<{ getDiagnosticsList(): { getPolicyname(): string; getUrn(): string; getEnforcementlevel(): number; getMessage(): string }[] }>(connected, "analyzeStack", request);
            return response.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), urn: d.getUrn(), level: d.getEnforcementlevel(), message: d.getMessage() }));
        };
        await configure(true);
        const diags = await analyze();
        const MANDATORY = analyzerProto.EnforcementLevel.MANDATORY;
        assert.deepStrictEqual(diags.map((d) => [d.policy, d.urn, d.level]), [["s3-replication-versioning-enabled", p.destination.bucket, MANDATORY]], JSON.stringify(diags, null, 1));
        // Told it is not a dry run, the same unknowns are values the pack can't read: "cannot verify", never a pass.
        await configure(false);
        const update = await analyze();
        assert.ok(update.some((d) => d.policy === "s3-bucket-sse-kms" && d.level === MANDATORY && /cannot verify: .* has rules as an unknown value/.test(d.message)), JSON.stringify(update, null, 1));
    });

    it("the real analyzer server judges a key policy before it exists with the provider's deploying role (Analyze, one resource)", async () => {
        const connected = client;
        assert.ok(connected, "pack not started");
        const p = replicatedPair();
        const resources = p.b.build();
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const keyPolicy = byUrn.get(p.source.keyPolicy) as ExportResource;
        const lockedOut = { ...keyPolicy, inputs: { ...keyPolicy.inputs, policy: JSON.stringify({ Version: "2012-10-17", Statement: [
            { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/someone-else" }, Action: ["kms:Describe*", "kms:Put*", "kms:ScheduleKeyDeletion"], Resource: "*" },
        ] }) } };
        const analyze = async (r: ExportResource) => {
            const ar = toAnalyzerResource(r, r.inputs, byUrn) as { getType(): string; getProperties(): unknown; getUrn(): string; getName(): string; getOptions(): unknown; getProvider(): unknown };
            const request = new analyzerProto.AnalyzeRequest();
            request.setType(ar.getType());
            request.setProperties(ar.getProperties());
            request.setUrn(ar.getUrn());
            request.setName(ar.getName());
            request.setOptions(ar.getOptions());
            request.setProvider(ar.getProvider());
            const response = await call<{ getDiagnosticsList(): { getPolicyname(): string; getEnforcementlevel(): number }[] }>(connected, "analyze", request);
            return response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()]);
        };
        assert.deepStrictEqual(await analyze(keyPolicy), []);
        assert.deepStrictEqual(await analyze(lockedOut), [["kms-key-policy-deployer-access", analyzerProto.EnforcementLevel.MANDATORY]]);
    });
});

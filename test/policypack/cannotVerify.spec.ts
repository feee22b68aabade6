// Outside preview, a value the pack must read but can't (an encrypted secret in an export made without
// --show-secrets, an unknown in a state) is a mandatory "cannot verify" naming the fix, never a silent pass.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateExportFile, Violation } from "../../policypack/harness";
import { installRunModeHook, runMode, setRunMode } from "../../policypack/model/runMode";
import { assertNone, describeAll, mandatory, run } from "./support/run";
import { registry } from "../../policypack/policies";
import { fixtureStack } from "./support/fixtureStack";
import { externalReplication, replicatedPair, secureBucket } from "./support/scenarios";
import { out, StackBuilder, T } from "./support/stackBuilder";

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
    ["key", "deletionWindowInDays", "kms-key-deletion-window"],
    ["key", "customerMasterKeySpec", "kms-key-s3-compatible"],
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

    it("an encrypted objectOwnership rule is an advisory \"cannot verify\" of s3-bucket-ownership-controls; a key S3 doesn't use is not kms-key-s3-compatible's concern", async () => {
        const b = new StackBuilder();
        secureBucket(b, "data");
        const ownership = b.build().find((r) => r.type === T.ownership);
        assert.ok(ownership, "fixture: secureBucket declares ownership controls");
        b.patch(ownership.urn, (props) => { props["rule"] = "[secret]"; });
        const unused = b.add(T.key, "app-key", { description: "not used by S3", enableKeyRotation: true, customerMasterKeySpec: "[secret]", keyUsage: "[secret]" });
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
        fs.writeFileSync(file, b.exportJson());
        const vs = await evaluateExportFile(file);
        assert.deepStrictEqual(vs.map((v) => [v.policyName, v.enforcementLevel, v.urn]), [["s3-bucket-ownership-controls", "advisory", ownership.urn]], describeAll(vs));
        assert.match(vs[0].message, /BucketOwnershipControls "data-ownership" has rule as an encrypted secret/);
        assert.ok(!vs.some((v) => v.urn === unused));
    });

    it("an uploaded object's secret serverSideEncryption or kmsKeyId is a \"cannot verify\" of s3-object-sse-kms; its plaintext is judged", async () => {
        for (const prop of ["serverSideEncryption", "kmsKeyId"]) {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            const object = b.add(T.bucketObject, "readme", { bucket: out(s.bucket, "id"), key: "README", content: "hello", serverSideEncryption: "aws:kms", kmsKeyId: out(s.key, "arn") });
            b.patch(object, (props) => { props[prop] = "[secret]"; });
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
            fs.writeFileSync(file, b.exportJson());
            const vs = await evaluateExportFile(file);
            assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["s3-object-sse-kms", object]], describeAll(vs));
            assert.match(vs[0].message, new RegExp(`has ${prop} as an encrypted secret`));
        }
    });

    // A provider's settings are read from the provider, not from the resource: the props table can't name them.
    it("an account-level public access block's secret setting is a \"cannot verify\" for a bucket without its own block, and read for nobody else", async () => {
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.remove(s.pab);
        const account = b.add(T.accountPab, "account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: "[secret]" });
        const vs = mandatory(await run(b.build()));
        assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["s3-bucket-public-access-block", account]], describeAll(vs));
        assert.match(vs[0].message, /has restrictPublicBuckets as an encrypted secret/);
        assertNone(mandatory(await run(b.build(), { preview: true })));
        // A bucket whose own block turns every setting on reads nothing of its account's.
        const c = new StackBuilder();
        secureBucket(c, "data");
        c.add(T.accountPab, "account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: "[secret]" });
        assertNone(mandatory(await run(c.build())));
    });

    it("a public ACL for a bucket the stack does not declare, next to a secret setting that could neutralise it, is a \"cannot verify\"", async () => {
        for (const add of [
            (b: StackBuilder) => b.add(T.ownership, "legacy-ownership", { bucket: "legacy-site", rule: "[secret]" }),
            (b: StackBuilder) => b.add(T.accountPab, "account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: "[secret]", restrictPublicBuckets: true }),
        ]) {
            const b = new StackBuilder();
            secureBucket(b, "data");
            const unreadable = add(b);
            b.add(T.bucketAclV2, "legacy-acl", { bucket: "legacy-site", acl: "public-read" });
            const vs = mandatory(await run(b.build()));
            assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["s3-bucket-no-public-acl", unreadable]], describeAll(vs));
            assertNone(mandatory(await run(b.build(), { preview: true })));
        }
    });

    it("a copied object's secret serverSideEncryption, kmsKeyId or customerAlgorithm is a \"cannot verify\" of s3-object-sse-kms", async () => {
        for (const prop of ["serverSideEncryption", "kmsKeyId", "customerAlgorithm"]) {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            const copy = b.add(T.objectCopy, "readme-copy", { bucket: out(s.bucket, "id"), key: "README.copy", source: "seed-bucket/README", serverSideEncryption: "aws:kms", kmsKeyId: out(s.key, "arn") });
            b.patch(copy, (props) => { props[prop] = "[secret]"; });
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
            fs.writeFileSync(file, b.exportJson());
            const vs = await evaluateExportFile(file);
            assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["s3-object-sse-kms", copy]], describeAll(vs));
            assert.match(vs[0].message, new RegExp(`has ${prop} as an encrypted secret`));
        }
    });

    it("a provider whose assumeRoles or region is an encrypted secret: kms-key-policy-deployer-access and kms-key-region-matches-bucket say \"cannot verify\", not pass", async () => {
        for (const [setting, policies] of [["assumeRoles", ["kms-key-policy-deployer-access"]], ["region", ["kms-key-region-matches-bucket"]]] as const) {
            const b = new StackBuilder();
            const data = b.provider("data", { region: "eu-west-1", account: "111111111111" });
            secureBucket(b, "data", { provider: data, region: undefined });
            const doc = JSON.parse(b.exportJson()) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
            const provider = doc.deployment.resources.find((r) => data.startsWith(`${r.urn}::`));
            assert.ok(provider, "fixture: the provider is in the export");
            provider.inputs[setting] = encrypted(provider.inputs[setting]);
            provider.outputs[setting] = encrypted(provider.outputs[setting]);
            if (setting === "region") {
                // Resources of @pulumi/aws before v7 (and aws-native's) have no region of their own: the provider's is theirs.
                for (const r of doc.deployment.resources.filter((x) => x !== provider)) {
                    delete r.inputs["region"];
                    delete r.outputs["region"];
                    delete r.outputs["bucketRegion"];
                }
            }
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
            fs.writeFileSync(file, JSON.stringify(doc));
            const vs = await evaluateExportFile(file);
            const found = cannotVerify(vs);
            assert.deepStrictEqual([...new Set(found.map((v) => v.policyName))], [...policies], describeAll(vs));
            assert.ok(found.every((v) => v.enforcementLevel === "mandatory" && /as an encrypted secret or an unknown value.*--show-secrets/.test(v.message)), describeAll(found));
            assert.deepStrictEqual(cannotVerify(await evaluateExportFile(file, { preview: true })), [], "a preview's unknowns are expected");
        }
    });

    // @pulumi/aws v7 gives each resource a region input of its own; a secret one is that resource's setting, not its provider's.
    it("a key's or bucket's own region input as an encrypted secret is kms-key-region-matches-bucket's \"cannot verify\", not the provider's region; its plaintext is judged", async () => {
        for (const resource of ["key", "bucket"] as const) {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            // The key really is in another Region: read as the provider's eu-west-1, the secret would pass it.
            b.patch(s[resource], (props) => { props["region"] = "us-east-1"; });
            const doc = JSON.parse(b.exportJson()) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
            const r = doc.deployment.resources.find((x) => x.urn === s[resource]);
            assert.ok(r, `fixture: ${s[resource]}`);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-"));
            const plainFile = path.join(dir, "plain.json");
            fs.writeFileSync(plainFile, JSON.stringify(doc));
            r.inputs["region"] = encrypted(r.inputs["region"]);
            r.outputs["region"] = encrypted(r.outputs["region"]);
            const file = path.join(dir, "state.json");
            fs.writeFileSync(file, JSON.stringify(doc));
            const vs = await evaluateExportFile(file);
            const found = cannotVerify(vs);
            assert.deepStrictEqual(found.map((v) => [v.policyName, v.urn, v.enforcementLevel]), [["kms-key-region-matches-bucket", s[resource], "mandatory"]], describeAll(vs));
            assert.match(found[0].message, /has its region as an encrypted secret or an unknown value.*--show-secrets/);
            assert.deepStrictEqual(cannotVerify(await evaluateExportFile(file, { runMode: "preview" })), [], "a preview's unknowns are expected");
            const plain = (await evaluateExportFile(plainFile)).filter((v) => v.policyName === "kms-key-region-matches-bucket");
            assert.deepStrictEqual(plain.map((v) => cannotVerify([v]).length), [0], describeAll(plain));
        }
        // A compliant stack whose key's region input is a secret in a preview stays quiet; outside one, it can't be vouched for.
        const b = new StackBuilder();
        const s = secureBucket(b, "data", { region: "eu-west-1" });
        const doc = JSON.parse(b.exportJson()) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
        const key = doc.deployment.resources.find((x) => x.urn === s.key);
        assert.ok(key);
        key.inputs["region"] = encrypted(key.inputs["region"]);
        key.outputs["region"] = encrypted(key.outputs["region"]);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        assert.deepStrictEqual(await evaluateExportFile(file, { runMode: "preview" }), []);
    });

    it("a replica key of its own (not the destination's default key) whose region input is a secret is kms-key-region-matches-bucket's \"cannot verify\"", async () => {
        const pair = replicatedPair();
        const replicaOnly = pair.b.add(T.key, "replica-only", {
            enableKeyRotation: true, deletionWindowInDays: 30, region: "eu-central-1",
        }, { provider: pair.destProvider, protect: true });
        const arnOf = (urn: string): string => String(pair.b.build().find((r) => r.urn === urn)?.outputs?.["arn"]);
        pair.b.patch(pair.replication, (props) => {
            const rule = (props["rules"] as Record<string, Record<string, Record<string, unknown>>>[])[0];
            rule["destination"]["encryptionConfiguration"] = { replicaKmsKeyId: arnOf(replicaOnly) };
        });
        pair.b.patch(pair.rolePolicy, (props) => {
            props["policy"] = String(props["policy"]).split(arnOf(pair.destination.key)).join(arnOf(replicaOnly));
        });
        assert.deepStrictEqual(await run(pair.b.build()), [], "fixture: compliant as built");
        const doc = JSON.parse(pair.b.exportJson()) as { deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
        const key = doc.deployment.resources.find((r) => r.urn === replicaOnly);
        assert.ok(key);
        key.inputs["region"] = encrypted(key.inputs["region"]);
        key.outputs["region"] = encrypted(key.outputs["region"]);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        const vs = await evaluateExportFile(file);
        assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["kms-key-region-matches-bucket", replicaOnly]], describeAll(vs));
        assert.match(vs[0].message, /cannot verify: Key "replica-only" has its region as an encrypted secret/);
        assert.deepStrictEqual(await evaluateExportFile(file, { runMode: "preview" }), []);
    });

    it("follows the policy's configured level", async () => {
        const vs = await evaluateExportFile(exportWith("sse", "rules", encrypted), { config: { "s3-bucket-sse-kms": "advisory" } });
        assert.deepStrictEqual(cannotVerify(vs).map((v) => v.enforcementLevel), ["advisory"]);
    });
});

describe("policy pack: data protection, grants and ACLs it cannot read", () => {
    /** A compliant fixture of `policy` by title, as a stack, with `change` applied to the inputs and outputs of resource `name`. */
    function fixtureWith(policy: string, title: string, name: string, change: (props: Record<string, unknown>) => void) {
        const fixture = registry.find((d) => d.policy.name === policy)?.compliant.find((f) => f.title === title);
        assert.ok(fixture, `no fixture "${title}" of ${policy}`);
        const stack = fixtureStack(fixture);
        const r = stack.find((x) => x.urn.endsWith(`::${name}`));
        assert.ok(r && r.inputs && r.outputs, `fixture "${title}" has no resource ${name}`);
        change(r.inputs);
        change(r.outputs);
        return { stack, urn: r.urn };
    }

    const cases: [policy: string, title: string, resource: string, prop: string][] = [
        ["s3-replication-object-lock", "a locked source replicating to a locked destination with a role that reads retention", "source", "objectLockEnabled"],
        ["s3-lifecycle-noncurrent-retention", "noncurrent versions kept 90 days", "data-lifecycle", "rules"],
        ["kms-grant-in-account", "a grant to a role of the key's account", "app-grant", "granteePrincipal"],
    ];
    for (const [policy, title, resource, prop] of cases) {
        it(`${policy}: a secret ${prop} is its "cannot verify"; nothing in a preview`, async () => {
            const { stack, urn } = fixtureWith(policy, title, resource, (props) => { props[prop] = "[secret]"; });
            const vs = await run(stack);
            assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [[policy, urn]], describeAll(vs));
            assert.match(vs[0].message, new RegExp(`has ${prop} as an encrypted secret`));
            assert.deepStrictEqual(cannotVerify(await run(stack, { preview: true })), []);
        });
    }

    it("kms-grant-in-account: a key id whose account comes from a provider the pack can't read (a secret assumeRoles) is its \"cannot verify\"; nothing in a preview", async () => {
        const fixture = registry.find((d) => d.policy.name === "kms-grant-in-account")?.compliant.find((f) => f.title === "a grant to a role of the key's account");
        assert.ok(fixture, "fixture: a compliant grant");
        const stack = fixtureStack(fixture);
        for (const r of stack.filter((x) => x.type === "pulumi:providers:aws")) {
            for (const props of [r.inputs, r.outputs]) {
                if (props) props["assumeRoles"] = "[secret]";
            }
        }
        const found = (await run(stack)).filter((v) => v.policyName === "kms-grant-in-account");
        assert.deepStrictEqual(found.map((v) => v.urn.split("::").pop()), ["app-grant"], describeAll(found));
        assert.match(found[0].message, /cannot verify: Grant "app-grant" has its key's account \(from its provider's assumed role\) as an encrypted secret or an unknown value/);
        assert.deepStrictEqual((await run(stack, { preview: true })).filter((v) => v.policyName === "kms-grant-in-account"), []);
    });

    it("a key's secret isEnabled (kms-key-s3-compatible, for a key S3 uses) or bypassPolicyLockoutSafetyCheck (kms-key-policy-lockout-safety-check) is that policy's \"cannot verify\"", async () => {
        for (const [prop, policy] of [["isEnabled", "kms-key-s3-compatible"], ["bypassPolicyLockoutSafetyCheck", "kms-key-policy-lockout-safety-check"]] as const) {
            const b = new StackBuilder();
            const s = secureBucket(b, "data");
            b.patch(s.key, (props) => { props[prop] = "[secret]"; });
            const vs = await run(b.build());
            assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [[policy, s.key]], describeAll(vs));
            assert.deepStrictEqual(cannotVerify(await run(b.build(), { preview: true })), []);
        }
    });

    it("s3-bucket-no-public-acl: a secret ACL is a \"cannot verify\" where the bucket's ACLs count, and no finding where BucketOwnerEnforced disables them", async () => {
        const enabled = fixtureWith("s3-bucket-no-public-acl", "a public-read BucketAcl on a bucket whose ACLs are disabled (BucketOwnerEnforced)", "data-ownership",
            (props) => { props["rule"] = { objectOwnership: "ObjectWriter" }; });
        const acl = enabled.stack.find((r) => r.urn.endsWith("::data-acl"));
        const pab = enabled.stack.find((r) => r.urn.endsWith("::data-pab"));
        assert.ok(acl?.inputs && acl.outputs && pab?.inputs && pab.outputs);
        acl.inputs["acl"] = acl.outputs["acl"] = "[secret]";
        pab.inputs["ignorePublicAcls"] = pab.outputs["ignorePublicAcls"] = false;
        const vs = cannotVerify(await run(enabled.stack));
        assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["s3-bucket-no-public-acl", acl.urn]], describeAll(vs));

        const disabled = fixtureWith("s3-bucket-no-public-acl", "a public-read BucketAcl on a bucket whose ACLs are disabled (BucketOwnerEnforced)", "data-acl",
            (props) => { props["acl"] = "[secret]"; });
        assert.deepStrictEqual(await run(disabled.stack), []);
    });

    it("s3-bucket-no-public-acl: a public ACL next to secret ownership controls is its \"cannot verify\" on the controls", async () => {
        const { stack, urn } = fixtureWith("s3-bucket-no-public-acl", "a public-read BucketAcl on a bucket whose ACLs are disabled (BucketOwnerEnforced)", "data-ownership",
            (props) => { props["rule"] = "[secret]"; });
        const vs = cannotVerify(await run(stack)).filter((v) => v.policyName === "s3-bucket-no-public-acl");
        assert.deepStrictEqual(vs.map((v) => v.urn), [urn], describeAll(vs));
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

describe("policy pack: replication values it cannot read", () => {
    type Props = Record<string, unknown>;
    const SECRET = "[secret]"; // what `pulumi policy analyze` hands the pack for a secret it could not decrypt
    const REPLICA_KEY_READERS = ["s3-replication-role-kms-access", "s3-replication-sse-kms"];

    function fileOf(b: StackBuilder): string {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cannot-verify-")), "state.json");
        fs.writeFileSync(file, b.exportJson());
        return file;
    }

    function policiesThatCannotVerify(vs: Violation[]): string[] {
        return cannotVerify(vs).map((v) => v.policyName).sort();
    }

    /** Sets `value` at `path` (keys and list indexes) in `props`. */
    function setAt(props: Props, path: (string | number)[], value: unknown): void {
        let at = props as Record<string | number, unknown>;
        for (const step of path.slice(0, -1)) {
            at = at[step] as Record<string | number, unknown>;
        }
        at[path[path.length - 1]] = value;
    }

    /** The replicated pair with its replication written inline on the source: Bucket.replicationConfiguration (v7 shape) or BucketV2.replicationConfigurations. */
    function inlinePair(shape: "inline" | "v2"): { b: StackBuilder; bucket: string } {
        const p = replicatedPair({ shape });
        const cfg = p.b.build().find((r) => r.urn === p.replication)?.inputs as Props;
        const dest = ((cfg["rules"] as Props[])[0]["destination"]) as Props;
        const destination = { bucket: dest["bucket"], replicaKmsKeyId: (dest["encryptionConfiguration"] as Props)["replicaKmsKeyId"], storageClass: "STANDARD" };
        p.b.remove(p.replication);
        p.b.patch(p.source.bucket, (props) => {
            props[shape === "inline" ? "replicationConfiguration" : "replicationConfigurations"] = shape === "inline"
                ? { role: cfg["role"], rules: [{ id: "all", status: "Enabled", destination, sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } } }] }
                : [{ role: cfg["role"], rules: [{ id: "all", status: "Enabled", destinations: [destination], sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: true }] }] }] }];
        });
        return { b: p.b, bucket: p.source.bucket };
    }

    interface Shape {
        title: string;
        build: () => { b: StackBuilder; urn: string };
        /** Where the rule's replica key is, from the resource's props. */
        replicaKey: (string | number)[];
    }

    const shapes: Shape[] = [
        { title: "a v7 BucketReplicationConfig", build: () => { const p = replicatedPair(); return { b: p.b, urn: p.replication }; }, replicaKey: ["rules", 0, "destination", "encryptionConfiguration", "replicaKmsKeyId"] },
        { title: "the deprecated inline Bucket.replicationConfiguration", build: () => { const p = inlinePair("inline"); return { b: p.b, urn: p.bucket }; }, replicaKey: ["replicationConfiguration", "rules", 0, "destination", "replicaKmsKeyId"] },
        { title: "BucketV2.replicationConfigurations", build: () => { const p = inlinePair("v2"); return { b: p.b, urn: p.bucket }; }, replicaKey: ["replicationConfigurations", 0, "rules", 0, "destinations", 0, "replicaKmsKeyId"] },
        { title: "a BucketReplicationConfig of a bucket the stack does not declare", build: () => { const p = externalReplication("legacy-data"); return { b: p.b, urn: p.replication }; }, replicaKey: ["rules", 0, "destination", "encryptionConfiguration", "replicaKmsKeyId"] },
    ];

    for (const shape of shapes) {
        it(`a secret replicaKmsKeyId in ${shape.title} is a "cannot verify" of the policies that read it in \`pulumi policy analyze\`; nothing in a preview; judged as usual in plaintext`, async () => {
            const plain = shape.build();
            assert.deepStrictEqual(await evaluateExportFile(fileOf(plain.b)), [], "the compliant shape");
            const { b, urn } = shape.build();
            b.patch(urn, (props) => setAt(props, shape.replicaKey, SECRET));
            const file = fileOf(b);
            const vs = await evaluateExportFile(file);
            assert.deepStrictEqual(vs.map((v) => v.policyName).sort(), REPLICA_KEY_READERS, describeAll(vs));
            assert.ok(vs.every((v) => v.urn === urn && v.enforcementLevel === "mandatory"), describeAll(vs));
            const at = shape.replicaKey.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("").slice(1);
            assert.match(vs[0].message, new RegExp(`cannot verify: .* has ${at.replace(/[[\]]/g, "\\$&")} as an encrypted secret.*pulumi policy analyze --stack`));
            assert.deepStrictEqual(await evaluateExportFile(file, { preview: true }), [], "a preview's unreadable values are expected");
        });
    }

    it("an encrypted secret in an export, or an unknown during `pulumi up`, is the same \"cannot verify\"", async () => {
        const p = replicatedPair();
        p.b.patch(p.replication, (props) => setAt(props, shapes[0].replicaKey, encrypted(null)));
        assert.deepStrictEqual(policiesThatCannotVerify(await evaluateExportFile(fileOf(p.b))), REPLICA_KEY_READERS);
        const q = replicatedPair();
        q.b.patch(q.replication, (props) => setAt(props, shapes[0].replicaKey, UNKNOWN_STRING));
        const up = await evaluateExportFile(fileOf(q.b), { runMode: "update" });
        assert.deepStrictEqual(policiesThatCannotVerify(up), REPLICA_KEY_READERS, describeAll(up));
        assert.match(up[0].message, /an unknown value.*Fix: make the value known/);
    });

    it("each part of a rule or configuration is a \"cannot verify\" of exactly the policies whose verdict reads it", async () => {
        const cases: [string, (string | number)[], string[]][] = [
            ["sseKmsEncryptedObjects", ["rules", 0, "sourceSelectionCriteria", "sseKmsEncryptedObjects"], ["s3-replication-sse-kms"]],
            ["the destination bucket", ["rules", 0, "destination", "bucket"], ["s3-replication-cross-account", "s3-replication-versioning-enabled"]],
            ["the destination account", ["rules", 0, "destination", "account"], ["s3-replication-cross-account"]],
            ["the role", ["role"], ["s3-replication-cross-account", "s3-replication-role-kms-access", "s3-replication-role-kms-least-privilege"]],
            ["the whole rule list", ["rules"], ["s3-replication-cross-account", "s3-replication-role-kms-access", "s3-replication-sse-kms", "s3-replication-versioning-enabled"]],
        ];
        for (const [what, at, policies] of cases) {
            const p = replicatedPair();
            p.b.patch(p.replication, (props) => setAt(props, at, SECRET));
            const vs = await evaluateExportFile(fileOf(p.b));
            assert.deepStrictEqual(policiesThatCannotVerify(vs), policies, `${what}:\n${describeAll(vs)}`);
        }
    });

    it("a secret in a part no replication verdict reads (storage class, priority, filter, a rule's id, MFA delete) is no finding", async () => {
        const unrelated: (string | number)[][] = [
            ["rules", 0, "destination", "storageClass"], ["rules", 0, "priority"], ["rules", 0, "filter"], ["rules", 0, "id"], ["rules", 0, "deleteMarkerReplication"],
        ];
        for (const at of unrelated) {
            const p = replicatedPair();
            p.b.patch(p.replication, (props) => setAt(props, at, SECRET));
            const vs = await evaluateExportFile(fileOf(p.b));
            assert.deepStrictEqual(vs, [], `${at.join(".")}:\n${describeAll(vs)}`);
        }
        const p = replicatedPair();
        p.b.patch(p.destination.versioning, (props) => setAt(props, ["versioningConfiguration", "mfaDelete"], SECRET));
        assert.deepStrictEqual(await evaluateExportFile(fileOf(p.b)), []);
    });

    it("a replicated bucket's secret versioning status is a \"cannot verify\" of s3-replication-versioning-enabled; a bucket that doesn't replicate is not its concern", async () => {
        const p = replicatedPair();
        p.b.patch(p.destination.versioning, (props) => setAt(props, ["versioningConfiguration", "status"], SECRET));
        const vs = await evaluateExportFile(fileOf(p.b));
        assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]), [["s3-replication-versioning-enabled", p.destination.versioning]], describeAll(vs));
        assert.match(vs[0].message, /has versioningConfiguration\.status as an encrypted secret/);
        const inline = inlinePair("inline");
        inline.b.patch(inline.bucket, (props) => setAt(props, ["versioning", "enabled"], SECRET));
        assert.deepStrictEqual(policiesThatCannotVerify(await evaluateExportFile(fileOf(inline.b))), ["s3-replication-versioning-enabled"]);
        const b = new StackBuilder();
        const s = secureBucket(b, "data");
        b.patch(s.versioning, (props) => setAt(props, ["versioningConfiguration", "status"], SECRET));
        assert.deepStrictEqual(await evaluateExportFile(fileOf(b)), []);
    });

    it("a replication role's secret IAM policy is a \"cannot verify\" of the role's KMS policies, its secret trust policy of s3-replication-role-trust; a role no replication uses is not their concern", async () => {
        const ROLE_READERS = ["s3-replication-role-kms-access", "s3-replication-role-kms-least-privilege"];
        const p = replicatedPair({ crossAccount: true });
        p.b.patch(p.rolePolicy, (props) => { props["policy"] = SECRET; });
        const vs = await evaluateExportFile(fileOf(p.b));
        assert.deepStrictEqual(vs.map((v) => [v.policyName, v.urn]).sort(), ROLE_READERS.map((policy) => [policy, p.rolePolicy]), describeAll(vs));
        assert.match(vs[0].message, /RolePolicy "replication-role-policy" has policy as an encrypted secret/);
        assert.deepStrictEqual(cannotVerify(await evaluateExportFile(fileOf(p.b), { preview: true })), [], "nothing in a preview");

        const inline = replicatedPair();
        inline.b.patch(inline.role, (props) => { props["inlinePolicies"] = [{ name: "extra", policy: SECRET }]; });
        assert.deepStrictEqual(policiesThatCannotVerify(await evaluateExportFile(fileOf(inline.b))), ROLE_READERS);

        const trust = replicatedPair();
        trust.b.patch(trust.role, (props) => { props["assumeRolePolicy"] = SECRET; });
        assert.deepStrictEqual(policiesThatCannotVerify(await evaluateExportFile(fileOf(trust.b))), ["s3-replication-role-trust"]);

        const b = new StackBuilder();
        secureBucket(b, "data");
        const role = b.add(T.role, "app-role", { name: "app-role", assumeRolePolicy: "{}" });
        b.add(T.rolePolicy, "app-role-policy", { role: out(role, "id"), policy: SECRET });
        b.patch(role, (props) => { props["assumeRolePolicy"] = SECRET; });
        assert.deepStrictEqual(await evaluateExportFile(fileOf(b)), []);
    });

    it("a secret inline replication next to a BucketReplicationConfig is the provider's echo, not read: no finding", async () => {
        const p = replicatedPair();
        p.b.patch(p.source.bucket, (props) => { props["replicationConfiguration"] = SECRET; });
        assert.deepStrictEqual(await evaluateExportFile(fileOf(p.b)), []);
    });
});

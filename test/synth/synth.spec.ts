// Offline synth: the stack export's shape, its internal references, determinism, config errors,
// and (when the source-built CLI is present) that the real engine reads it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AWS_PROVIDER_TYPE, ExportedResource, parseProviderReference, STACK_TYPE, StackExport } from "../../tools/synth/exportFormat";
import { analyzeWithRealCli, realCliPath } from "../support/realCli";
import { runSynth, runSynthCli, SynthFailure, synthRun, tempSynthFile } from "../support/synthStack";

function byUrn(doc: StackExport): Map<string, ExportedResource> {
    return new Map(doc.deployment.resources.map((r) => [r.urn, r]));
}

for (const stack of ["dev", "prod"]) {
    describe(`synth ${stack}: stack export shape`, function () {
        let doc: StackExport;
        before(async () => {
            doc = (await synthRun(stack)).doc;
        });

        it("is a version 3 deployment with a manifest", () => {
            assert.equal(doc.version, 3);
            assert.match(doc.deployment.manifest.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            assert.match(doc.deployment.manifest.magic, /^[0-9a-f]{64}$/);
            assert.equal(doc.deployment.manifest.version, "v3.276.0");
        });

        it("gives every resource the export fields, ids on custom resources only, and unique URNs", () => {
            const urns = new Set<string>();
            for (const r of doc.deployment.resources) {
                assert.match(r.urn, new RegExp(`^urn:pulumi:${stack}::encrypted-buckets::`));
                assert.ok(!urns.has(r.urn), `duplicate ${r.urn}`);
                urns.add(r.urn);
                assert.equal(typeof r.custom, "boolean");
                assert.equal(typeof r.type, "string");
                assert.equal(typeof r.inputs, "object");
                assert.equal(typeof r.outputs, "object");
                assert.ok(Array.isArray(r.dependencies));
                assert.equal(typeof r.propertyDependencies, "object");
                assert.equal(r.custom, typeof r.id === "string" && r.id !== "", `id iff custom: ${r.urn}`);
            }
        });

        it("has one stack resource, first, parent of the top-level resources, carrying the outputs", () => {
            const stacks = doc.deployment.resources.filter((r) => r.type === STACK_TYPE);
            assert.equal(stacks.length, 1);
            assert.equal(doc.deployment.resources[0], stacks[0]);
            assert.equal(stacks[0].urn, `urn:pulumi:${stack}::encrypted-buckets::${STACK_TYPE}::encrypted-buckets-${stack}`);
            // logBuckets only in stacks that declare some (the next update reads it back: program/continuity.ts).
            const logBuckets = doc.deployment.resources.some((r) => r.type === "encrypted-buckets:s3:LogBucket") ? ["logBuckets"] : [];
            // dev replicates to a partner's bucket with a brought role: the two outputs exist only in such stacks.
            const optional = stack === "dev" ? ["externalReplicaPolicies", "replicationRolePolicies"] : [];
            assert.deepStrictEqual(Object.keys(stacks[0].outputs).sort(), ["buckets", "consumerPolicies", "existingKeyPolicies", "existingObjectReplication", ...logBuckets, "organizationPolicies", "replicationAlerts", "replicationRoleArns", "sharedKeys", ...optional].sort());
            const topLevel = doc.deployment.resources.filter((r) => r !== stacks[0] && r.urn.split("::")[2].indexOf("$") < 0);
            assert.ok(topLevel.length > 0);
            for (const r of topLevel) assert.equal(r.parent, stacks[0].urn, r.urn);
        });

        it("includes the aws providers with their version, and every AWS resource names one that exists", () => {
            const resources = byUrn(doc);
            const providers = doc.deployment.resources.filter((r) => r.type === AWS_PROVIDER_TYPE);
            assert.ok(providers.length >= 3);
            for (const p of providers) assert.equal(p.inputs["version"], "7.48.0");
            for (const r of doc.deployment.resources.filter((x) => x.custom && x.type !== AWS_PROVIDER_TYPE)) {
                assert.ok(r.provider, `${r.urn} has no provider`);
                const ref = parseProviderReference(r.provider);
                const provider = resources.get(ref.urn);
                assert.ok(provider, `${r.urn}: provider ${ref.urn} is not in the export`);
                assert.equal(provider.type, AWS_PROVIDER_TYPE);
                assert.equal(provider.id, ref.id);
            }
        });

        it("lists parents, providers and dependencies before the resources that refer to them", () => {
            const seen = new Set<string>();
            for (const r of doc.deployment.resources) {
                const refs = [r.parent, r.provider && parseProviderReference(r.provider).urn, ...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
                for (const ref of refs.filter((x): x is string => typeof x === "string")) {
                    assert.ok(seen.has(ref), `${r.urn} refers to ${ref}, which is missing or listed later`);
                }
                seen.add(r.urn);
            }
        });

        it("records property dependencies (the SSE configuration depends on the key through kmsMasterKeyId)", () => {
            // A bucket on an existing key (existingKeyPolicies) names a key no resource of the stack creates.
            const stackOutputs = doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs as { existingKeyPolicies?: Record<string, { keyArn: string }> } | undefined;
            const existing = new Set(Object.values(stackOutputs?.existingKeyPolicies ?? {}).map((e) => e.keyArn));
            const keyOf = (r: (typeof doc.deployment.resources)[number]) => (r.inputs["rules"] as Array<{ applyServerSideEncryptionByDefault?: { kmsMasterKeyId?: string } }>)[0]?.applyServerSideEncryptionByDefault?.kmsMasterKeyId;
            const sse = doc.deployment.resources.filter((r) => r.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration" && !existing.has(keyOf(r) ?? "")
                // SSE-KMS configurations only: a server access log bucket is SSE-S3 (AES256) and has no key.
                && JSON.stringify(r.inputs.rules).includes("aws:kms"));
            assert.ok(sse.length > 0);
            for (const r of sse) {
                const rulesDeps = r.propertyDependencies["rules"] ?? [];
                assert.ok(rulesDeps.some((u) => u.includes("aws:kms/key:Key::")), `${r.urn}: rules has no key dependency`);
                assert.ok((r.propertyDependencies["bucket"] ?? []).some((u) => u.includes("aws:s3/bucket:Bucket::")), r.urn);
            }
        });
    });
}

describe("synth: determinism and errors", function () {
    it("writes the same bytes on every run", async () => {
        const first = await synthRun("dev");
        const second = await runSynth("dev", tempSynthFile("dev"));
        assert.ok(first.text.length > 1000);
        assert.equal(second.text, first.text);
    });

    it("prints a summary with resource counts, each bucket's account, region and key, its replicas (owned and external) and the log buckets", async () => {
        const { stdout } = await synthRun("dev");
        assert.match(stdout, /synth dev: \d+ resources/);
        assert.match(stdout, /\d+\s+aws:s3\/bucket:Bucket/);
        assert.match(stdout, /raw: acme-dev-data-raw \(data 111111111111, eu-west-1\) key alias\/encrypted-buckets\/dev-data/);
        assert.match(stdout, /replica -> acme-dev-backup-raw \(backup 222222222222, eu-central-1\)/);
        assert.match(stdout, /curated: [^\n]*\n\s+external replica -> arn:aws:s3:::partner-dev-curated-archive \(444444444444, us-east-1\)[^\n]*externalReplicaPolicies\.curated-partner-archive/);
        assert.match(stdout, /log buckets:\n\s+access-logs: acme-dev-data-access-logs \(data 111111111111, eu-west-1\) SSE-S3, logs of curated, raw/);
    });

    it("exits 2 with the config error, and writes nothing, on a bad config", async () => {
        const dir = path.dirname(tempSynthFile("bad"));
        const configFile = path.join(dir, "Pulumi.bad.yaml");
        fs.writeFileSync(
            configFile,
            [
                "config:",
                "  encrypted-buckets:accounts:",
                "    data: { accountId: \"111111111111\", region: eu-west-1, roleArn: \"arn:aws:iam::111111111111:role/deploy\" }",
                "  encrypted-buckets:buckets:",
                "    - { name: raw, account: data, replicas: [ { account: data } ] }",
                "",
            ].join("\n"),
        );
        const out = path.join(dir, "bad.json");
        const failure = await runSynth("bad", out, ["--config-file", configFile]).then(
            () => assert.fail("synth accepted a replica in its source's region"),
            (error: SynthFailure) => error,
        );
        assert.equal(failure.exitCode, 2);
        assert.match(failure.stderr, /encrypted-buckets:buckets\[0\]\.replicas\[0\]\.region: .*allowSameRegion/);
        assert.equal(fs.existsSync(out), false);
    });

    it("exits 2 without running the program when two buckets would create replication roles of one name in an account", async () => {
        const dir = path.dirname(tempSynthFile("roles"));
        const configFile = path.join(dir, "Pulumi.roles.yaml");
        fs.writeFileSync(
            configFile,
            [
                "config:",
                "  encrypted-buckets:accounts:",
                "    data: { accountId: \"111111111111\", region: eu-west-1, roleArn: \"arn:aws:iam::111111111111:role/deploy\" }",
                "    backup: { accountId: \"222222222222\", region: eu-central-1, roleArn: \"arn:aws:iam::222222222222:role/deploy\" }",
                "  encrypted-buckets:buckets:",
                "    - { name: raw, account: data, replicas: [ { account: backup, roleName: copier } ] }",
                "    - { name: curated, account: data, replicas: [ { account: backup, roleName: Copier } ] }",
                "",
            ].join("\n"),
        );
        const out = path.join(dir, "roles.json");
        const failure = await runSynth("roles", out, ["--config-file", configFile]).then(
            () => assert.fail("synth accepted two replication roles named copier in one account"),
            (error: SynthFailure) => error,
        );
        assert.equal(failure.exitCode, 2);
        assert.match(failure.stderr, /encrypted-buckets:buckets\[1\]\.replicas\[0\]\.roleName: the replication role of bucket curated would be named "Copier" in account 111111111111/);
        assert.doesNotMatch(failure.stderr, /\n\s+at /);
        assert.equal(fs.existsSync(out), false);
    });

    it("exits 2 before running the program when the rendered policies would exceed AWS's sizes (100 grants on one bucket)", async () => {
        const dir = path.dirname(tempSynthFile("grants100"));
        const configFile = path.join(dir, "Pulumi.grants100.yaml");
        const grants = Array.from({ length: 100 }, (_, n) => `      - { principal: "arn:aws:iam::333333333333:role/consumer-${n}", access: read, prefix: "team-${n}/" }`);
        fs.writeFileSync(
            configFile,
            [
                "config:",
                "  encrypted-buckets:accounts:",
                "    data: { accountId: \"111111111111\", region: eu-west-1, roleArn: \"arn:aws:iam::111111111111:role/deploy\" }",
                "  encrypted-buckets:buckets:",
                "    - name: raw",
                "      account: data",
                "      grants:",
                ...grants,
                "",
            ].join("\n"),
        );
        const out = path.join(dir, "grants100.json");
        const failure = await runSynth("grants100", out, ["--config-file", configFile]).then(
            () => assert.fail("synth accepted policies over AWS's size limits"),
            (error: SynthFailure) => error,
        );
        assert.equal(failure.exitCode, 2);
        assert.match(failure.stderr, /encrypted-buckets:buckets\[0\]: bucket "raw" bucket policy renders to \d+ bytes; an S3 bucket policy may have at most 20480.*Fix: /);
        assert.match(failure.stderr, /encrypted-buckets:buckets\[0\]\.key: bucket "raw"'s own key .* key policy renders to \d+ bytes; a KMS key policy may have at most 32768.*Fix: /);
        assert.equal(fs.existsSync(out), false);
    });

    it("is read by the real CLI (`pulumi policy analyze --file`), providers resolved", async function () {
        const cli = realCliPath();
        if (cli === undefined) {
            this.skip();
        }
        const { file } = await synthRun("dev");
        const clean = await analyzeWithRealCli(
            cli,
            file,
            `if (args.type === "aws:s3/bucket:Bucket" && !(args.provider && args.provider.props.region)) reportViolation("no provider region");`,
        );
        assert.equal(clean.exitCode, 0, clean.output);
        // The same pack with a policy that always fires must fail: the check above is not vacuous.
        const failing = await analyzeWithRealCli(cli, file, `if (args.type === "aws:s3/bucket:Bucket") reportViolation("bucket " + args.props.bucket);`);
        assert.notEqual(failing.exitCode, 0);
        assert.match(failing.output, /bucket acme-dev-data-raw/);
    });
});

describe("synth: guardrails (policy pack harness)", function () {
    const harness = path.resolve(__dirname, "../../policypack/harness/index.ts");

    function stackFile(name: string, guardrails: string, more = ""): { configFile: string; out: string } {
        const dir = path.dirname(tempSynthFile(name));
        const configFile = path.join(dir, `Pulumi.${name}.yaml`);
        fs.writeFileSync(
            configFile,
            [
                "config:",
                "  encrypted-buckets:accounts:",
                "    data: { accountId: \"111111111111\", region: eu-west-1, roleArn: \"arn:aws:iam::111111111111:role/deploy\" }",
                "  encrypted-buckets:buckets:",
                `    - { name: raw, account: data, bucketName: acme-raw, guardrails: ${guardrails}${more} }`,
                "",
            ].join("\n"),
        );
        return { configFile, out: path.join(dir, `${name}.json`) };
    }

    it("exits 0 when the pack finds no mandatory violation, and 3 (file still written) when it does", async function () {
        if (!fs.existsSync(harness)) {
            this.skip();
        }
        const strict = stackFile("strict", "{ encryptionHeader: strict-key }");
        const clean = await runSynthCli(["strict", "--out", strict.out, "--config-file", strict.configFile]);
        assert.equal(clean.exitCode, 0, `${clean.stdout}${clean.stderr}`);
        assert.match(clean.stdout, /no mandatory violation/);
        // The configuration refuses what the pack blocks at its default levels (test/config/packToggles.spec.ts), so
        // the pack's verdict is seen here through an organisation's stricter pack configuration: S3 Bucket Key made mandatory.
        const weak = stackFile("weak", "{ encryptionHeader: strict-key }", ", bucketKeyEnabled: false");
        const policyConfig = path.join(path.dirname(weak.out), "policy-config.json");
        fs.writeFileSync(policyConfig, JSON.stringify({ "s3-bucket-key-enabled": "mandatory" }));
        const failing = await runSynthCli(["weak", "--out", weak.out, "--config-file", weak.configFile, "--policy-config", policyConfig]);
        assert.equal(failing.exitCode, 3, `${failing.stdout}${failing.stderr}`);
        assert.match(failing.stdout, /guardrails: \[mandatory\] s3-bucket-key-enabled/);
        assert.ok(fs.existsSync(weak.out));
    });

    it("exits 2 before the pack runs when a guardrail toggle is one the pack blocks as mandatory, and 0 once the bucket is exempted", async function () {
        if (!fs.existsSync(harness)) {
            this.skip();
        }
        const weak = stackFile("tlsoff", "{ requireTls: false }");
        const refused = await runSynthCli(["tlsoff", "--out", weak.out, "--config-file", weak.configFile]);
        assert.equal(refused.exitCode, 2, `${refused.stdout}${refused.stderr}`);
        assert.match(refused.stderr, /encrypted-buckets:buckets\[0\]\.guardrails\.requireTls: .*s3-bucket-policy-deny-insecure-transport.*Fix: /);
        assert.equal(fs.existsSync(weak.out), false);
        const exempt = stackFile("tlsexempt", "{ requireTls: false }", ", tags: { \"encrypted-buckets:exempt\": s3-bucket-policy-deny-insecure-transport }");
        const allowed = await runSynthCli(["tlsexempt", "--out", exempt.out, "--config-file", exempt.configFile]);
        assert.equal(allowed.exitCode, 0, `${allowed.stdout}${allowed.stderr}`);
        assert.match(allowed.stdout, /encrypted-buckets-exemptions/);
    });

    it("exits 0 for the dev stack's compliant configuration (`npm run synth -- dev`)", async function () {
        if (!fs.existsSync(harness)) {
            this.skip();
        }
        const out = tempSynthFile("dev");
        const clean = await runSynthCli(["dev", "--out", out]);
        assert.equal(clean.exitCode, 0, `${clean.stdout}${clean.stderr}`);
        assert.match(clean.stdout, /no mandatory violation/);
    });
});

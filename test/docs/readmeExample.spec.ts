// The README's component example, as a user pastes it next to `components/`: it runs (fake-AWS mocks, as
// `npm run synth`), registers what the README says it builds, and our own policy pack finds nothing mandatory in it.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readmeExample } from "./support/runReadmeExample";

const REPO = path.resolve(__dirname, "../..");

interface ExampleRun {
    types: string[];
    outcome: { status: string; violations: { policy: string; enforcementLevel: string; urn?: string; message: string }[]; mandatory?: unknown[] };
}

function runExample(): Promise<ExampleRun> {
    const tsNode = require.resolve("ts-node/dist/bin.js", { paths: [REPO] });
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [tsNode, "--transpile-only", path.join(__dirname, "support/runReadmeExample.ts")],
            { cwd: REPO, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
            (error, stdout, stderr) => (error ? reject(new Error(`README example failed: ${stderr}`)) : resolve(JSON.parse(stdout) as ExampleRun)));
    });
}

describe("README: the component example", function () {
    this.timeout(180000);
    let run: ExampleRun;
    before(async () => {
        run = await runExample();
    });

    it("is read from the README's own section", () => {
        const example = readmeExample(fs.readFileSync(path.join(REPO, "README.md"), "utf8"));
        assert.match(example, /from "\.\/components"/);
        assert.match(example, /new BucketGrant\(/);
        assert.throws(() => readmeExample("# no such section"), /has no section/);
    });

    it("runs and registers the buckets, keys, grants and replications it shows", () => {
        const count = (type: string) => run.types.filter((t) => t === type).length;
        assert.strictEqual(count("encrypted-buckets:s3:EncryptedBucket"), 3);
        assert.strictEqual(count("encrypted-buckets:s3:BucketGrant"), 2);
        assert.strictEqual(count("encrypted-buckets:s3:BucketReplication"), 2);
        assert.strictEqual(count("aws:kms/key:Key"), 3);
        assert.strictEqual(count("aws:s3/bucketReplicationConfig:BucketReplicationConfig"), 2);
    });

    it("passes the policy pack: no mandatory violation", () => {
        assert.strictEqual(run.outcome.status, "evaluated");
        const mandatory = run.outcome.violations.filter((v) => v.enforcementLevel === "mandatory");
        assert.deepStrictEqual(mandatory.map((v) => `${v.policy} ${v.urn ?? ""}: ${v.message}`), []);
    });
});

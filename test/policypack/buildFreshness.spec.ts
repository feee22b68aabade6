// The compiled pack (policypack/bin, what the Pulumi CLI runs) refuses to start when its TypeScript sources
// have changed since the build, by content (not mtime), and the real build records every source it compiled.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunError } from "@pulumi/pulumi/errors";
import { builtPolicyPack } from "../../e2e/support/policyPack";
import { changedSources, checkEntryPoint, MANIFEST_FILE, SourceManifest, writeSourceManifest } from "../../policypack/buildFreshness";

/** A pack-shaped directory: sources at the top, "compiled" files in bin/, a manifest written for them. */
function fakePack(): { dir: string; bin: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eb-freshness-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(path.join(dir, "policies"), { recursive: true });
    fs.mkdirSync(path.join(bin, "policies"), { recursive: true });
    for (const source of ["index.ts", "policies/a.ts", "policies/b.ts"]) {
        fs.writeFileSync(path.join(dir, source), `// ${source}\nexport const x = 1;\n`);
        fs.writeFileSync(path.join(bin, source.replace(/\.ts$/, ".js")), "exports.x = 1;\n");
    }
    writeSourceManifest(bin, dir);
    return { dir, bin };
}

describe("policy pack: the compiled entry point is checked against its sources", function () {
    const made: string[] = [];
    const pack = (): { dir: string; bin: string } => {
        const p = fakePack();
        made.push(p.dir);
        return p;
    };
    after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("records a hash per compiled source, relative to the output directory", () => {
        const { bin } = pack();
        const manifest = JSON.parse(fs.readFileSync(path.join(bin, MANIFEST_FILE), "utf8")) as SourceManifest;
        assert.strictEqual(manifest.sourceRoot, "..");
        assert.deepStrictEqual(Object.keys(manifest.sha256), ["index.ts", "policies/a.ts", "policies/b.ts"]);
        assert.deepStrictEqual(changedSources(bin), []);
        assert.doesNotThrow(() => checkEntryPoint(path.join(bin, "index.js")));
    });

    it("names an edited source and the command to run, as a RunError (the CLI shows it without a stack)", () => {
        const { dir, bin } = pack();
        fs.appendFileSync(path.join(dir, "policies", "b.ts"), "// edited\n");
        assert.deepStrictEqual(changedSources(bin), ["policies/b.ts"]);
        assert.throws(
            () => checkEntryPoint(path.join(bin, "index.js")),
            (e: Error) => RunError.isInstance(e) && /out of date: policies\/b\.ts changed/.test(e.message) && /npm run build/.test(e.message),
        );
    });

    it("ignores timestamps (copies, checkouts and the CLI's extraction of a published pack reorder them)", () => {
        const { dir, bin } = pack();
        const future = new Date(Date.now() + 3_600_000);
        fs.utimesSync(path.join(dir, "policies", "a.ts"), future, future);
        assert.deepStrictEqual(changedSources(bin), []);
    });

    it("skips absent sources (a pack shipped as JavaScript only) and refuses output without a manifest", () => {
        const { dir, bin } = pack();
        fs.rmSync(path.join(dir, "policies"), { recursive: true });
        assert.deepStrictEqual(changedSources(bin), []);
        fs.rmSync(path.join(bin, MANIFEST_FILE));
        assert.strictEqual(changedSources(bin), undefined);
        assert.throws(() => checkEntryPoint(path.join(bin, "index.js")), /has no sources\.json.*npm run build/);
    });

    it("warns, without failing, when the entry point runs from TypeScript because bin/ was never built", () => {
        const written: string[] = [];
        const write = process.stderr.write;
        process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
        try {
            checkEntryPoint(path.join(os.tmpdir(), "somepack", "index.ts"));
        } finally {
            process.stderr.write = write;
        }
        assert.match(written.join(""), /^warning: running the policy pack from its TypeScript sources .*npm run build/);
    });

    it("the real build compiles the entry point and everything it imports, and records them all", function () {
        this.timeout(180_000);
        const bin = path.join(builtPolicyPack(), "bin");
        const manifest = JSON.parse(fs.readFileSync(path.join(bin, MANIFEST_FILE), "utf8")) as SourceManifest;
        for (const source of ["index.ts", "buildFreshness.ts", "policies/index.ts"]) {
            assert.ok(source in manifest.sha256, `${source} is not in ${MANIFEST_FILE}`);
            assert.ok(fs.existsSync(path.join(bin, source.replace(/\.ts$/, ".js"))), `bin has no ${source.replace(/\.ts$/, ".js")}`);
        }
    });
});

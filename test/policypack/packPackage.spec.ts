// What an organisation publishes (`pulumi policy publish` packs policypack/ with npm) and every stack then installs
// from package.json alone: the pack must start with its own dependencies, whatever the package manager omits.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const PACK_DIR = path.resolve(__dirname, "../../policypack");
const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
    name: string; version: string; main: string; scripts?: Record<string, string>;
    dependencies?: Record<string, string>; devDependencies?: Record<string, string>;
};

// The targets the TypeScript that @pulumi/pulumi 3.276 vendors (typescript@3.8.3, used by cmd/run-policy-pack when the
// pack has none installed) accepts in a tsconfig.json: it reports TS6046 for any other and the pack never starts.
const VENDORED_TS_TARGETS = new Set(["es3", "es5", "es6", "es2015", "es2016", "es2017", "es2018", "es2019", "es2020", "esnext"]);

describe("policy pack: ready to publish", () => {
    it("names itself as PulumiPolicy.yaml's runtime expects: name, version, the compiled entry point", () => {
        assert.strictEqual(manifest.name, "encrypted-buckets-guardrails");
        assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
        assert.strictEqual(manifest.main, "bin/index.js");
        assert.match(fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
    });

    it("pins every dependency to one version and runs no install script", () => {
        for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
            assert.match(version, /^\d+\.\d+\.\d+$/, `${name}@${version} is not pinned`);
        }
        for (const script of ["preinstall", "install", "postinstall", "prepare", "prepack", "prepublish"]) {
            assert.strictEqual(manifest.scripts?.[script], undefined, `scripts.${script}`);
        }
    });

    it("declares TypeScript as a dependency: the CLI's runner loads it at every start, with the pack's tsconfig.json", () => {
        // @pulumi/pulumi's cmd/run-policy-pack registers ts-node with the project's tsconfig.json before it requires
        // "main", compiled or not; without a typescript package it falls back to its vendored 3.8.3, which refuses this
        // tsconfig's target (a copy of the built pack installed without devDependencies never started).
        const tsconfig = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "tsconfig.json"), "utf8")) as { compilerOptions: { target: string } };
        if (!VENDORED_TS_TARGETS.has(tsconfig.compilerOptions.target.toLowerCase())) {
            assert.ok(manifest.dependencies?.["typescript"] !== undefined, `tsconfig.json targets ${tsconfig.compilerOptions.target}: typescript must be in dependencies, not devDependencies`);
        }
        // The compiled pack itself needs only what dependencies install.
        const needed = new Set<string>();
        const walk = (dir: string): void => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                if (["node_modules", "bin", "harness", "scripts"].includes(entry.name)) continue;
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
                    for (const m of fs.readFileSync(file, "utf8").matchAll(/^import[^;]*?from "([^".][^"]*)"/gm)) {
                        if (!m[0].startsWith("import type")) needed.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
                    }
                }
            }
        };
        walk(PACK_DIR);
        const builtins = new Set(["fs", "path", "crypto", "child_process", "os", "util"]);
        for (const m of needed) {
            assert.ok(builtins.has(m) || manifest.dependencies?.[m] !== undefined, `the pack imports ${m}, which is not in its dependencies`);
        }
    });
});

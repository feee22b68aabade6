// docs/ci.md's CI examples are real: each parses as YAML, runs `pulumi preview --policy-pack` for every
// environment of the repository, calls only npm scripts package.json has, asks for report formats the
// guardrails CLI knows, and uploads the very SARIF file it wrote.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPORT_FORMATS } from "../../policypack/harness/report";

// js-yaml ships with @pulumi/pulumi (which pins it) and is what the synth reads stack files with.
const yaml = require("js-yaml") as { load(text: string): unknown };

const REPO = path.resolve(__dirname, "../..");
const DOC = fs.readFileSync(path.join(REPO, "docs/ci.md"), "utf8");
const SCRIPTS = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const STACKS = fs.readdirSync(REPO).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();

type Yaml = Record<string, unknown>;

/** The ```yaml blocks of the doc, by the file name their first line names (`# .gitlab-ci.yml`). */
function examples(): Map<string, Yaml> {
    const out = new Map<string, Yaml>();
    for (const m of DOC.matchAll(/```yaml\n# (\S+)\n([\s\S]*?)```/g)) {
        out.set(m[1], yaml.load(m[2]) as Yaml);
    }
    return out;
}

/** Shell commands one line each, with `${{ matrix.stack }}` / `$STACK` replaced by `stack`. */
function commands(lines: string[], stack: string): string[] {
    return lines.flatMap((l) => l.split("\n")).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"))
        .map((l) => l.replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack).replace(/\$STACK/g, stack));
}

interface Checked {
    sarifOutputs: string[];
    junitOutputs: string[];
}

/** Asserts every npm and pulumi command is one this repository supports; returns the report files written. */
function checkCommands(cmds: string[], stack: string): Checked {
    const checked: Checked = { sarifOutputs: [], junitOutputs: [] };
    let previews = 0;
    for (const cmd of cmds) {
        const words = cmd.replace(/\s*\|\|\s*true$/, "").split(/\s+/).map((w) => w.replace(/^"(.*)"$/, "$1"));
        if (words[0] === "npm" && words[1] === "run") {
            assert.ok(SCRIPTS[words[2]] !== undefined, `npm run ${words[2]} is not a script of package.json`);
            if (words[2] === "guardrails") {
                const format = words[words.indexOf("--format") + 1];
                assert.ok((REPORT_FORMATS as readonly string[]).includes(format), `unknown format ${format}`);
                const output = words[words.indexOf("--output") + 1];
                assert.strictEqual(words[words.length - 1], `synth/${stack}.json`, "judges the file synth wrote");
                if (format === "sarif") checked.sarifOutputs.push(output);
                if (format === "junit") checked.junitOutputs.push(output);
            }
            if (words[2] === "synth") assert.strictEqual(words[4], stack);
        } else if (words[0] === "npm") {
            assert.ok(words[1] === "ci", `unexpected npm command: ${cmd}`);
        } else if (words[0] === "pulumi") {
            assert.deepStrictEqual(words.slice(0, 2), ["pulumi", "preview"], cmd);
            assert.strictEqual(words[words.indexOf("--stack") + 1], stack, cmd);
            const pack = words[words.indexOf("--policy-pack") + 1];
            assert.ok(fs.existsSync(path.join(REPO, pack, "PulumiPolicy.yaml")), `--policy-pack ${pack} is not a policy pack`);
            previews++;
        }
    }
    assert.strictEqual(previews, 1, "one pulumi preview --policy-pack per environment");
    assert.ok(cmds.some((c) => c.startsWith("npm run build:pack")), "the CLI runs the compiled pack: build it first");
    assert.strictEqual(checked.sarifOutputs.length, 1, "one SARIF report");
    return checked;
}

describe("docs/ci.md examples", () => {
    const found = examples();

    it("has a GitHub Actions workflow and a GitLab CI job, both valid YAML", () => {
        assert.deepStrictEqual([...found.keys()].sort(), [".github/workflows/guardrails.yml", ".gitlab-ci.yml"]);
        assert.ok(STACKS.length >= 2 && STACKS.includes("dev") && STACKS.includes("prod"), STACKS.join(","));
    });

    it("GitHub Actions: a job per environment previews with the pack and uploads the SARIF report it wrote", () => {
        const workflow = found.get(".github/workflows/guardrails.yml") as Yaml;
        assert.strictEqual((workflow["permissions"] as Yaml)["security-events"], "write");
        const job = (workflow["jobs"] as Record<string, Yaml>)["guardrails"];
        const matrix = ((job["strategy"] as Yaml)["matrix"] as Yaml)["stack"] as string[];
        assert.deepStrictEqual([...matrix].sort(), STACKS);
        const steps = job["steps"] as Yaml[];
        for (const stack of STACKS) {
            const resolve = (v: string) => v.replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack);
            const { sarifOutputs } = checkCommands(commands(steps.filter((s) => typeof s["run"] === "string").map((s) => s["run"] as string), stack), stack);
            const upload = steps.find((s) => String(s["uses"]).startsWith("github/codeql-action/upload-sarif@"));
            assert.ok(upload, "an upload-sarif step");
            assert.strictEqual(resolve((upload["with"] as Yaml)["sarif_file"] as string), sarifOutputs[0]);
            assert.match(String(upload["if"]), /!cancelled\(\)|always\(\)/, "uploads even when the guardrails fail");
        }
    });

    it("GitLab CI: a job per environment previews with the pack, keeps the SARIF report and shows the JUnit one", () => {
        const pipeline = found.get(".gitlab-ci.yml") as Yaml;
        const job = pipeline["guardrails"] as Yaml;
        const matrix = ((job["parallel"] as Yaml)["matrix"] as Yaml[])[0]["STACK"] as string[];
        assert.deepStrictEqual([...matrix].sort(), STACKS);
        for (const stack of STACKS) {
            const cmds = commands([...(job["before_script"] as string[]), ...(job["script"] as string[])], stack);
            const { sarifOutputs, junitOutputs } = checkCommands(cmds, stack);
            const artifacts = job["artifacts"] as Yaml;
            assert.strictEqual(artifacts["when"], "always");
            const paths = (artifacts["paths"] as string[]).map((p) => commands([p], stack)[0]);
            assert.ok(paths.includes(sarifOutputs[0]), `artifacts keep ${sarifOutputs[0]}: ${paths.join(", ")}`);
            assert.ok(paths.includes(`synth/${stack}.md`), "artifacts keep the diagram");
            assert.deepStrictEqual([commands([(artifacts["reports"] as Yaml)["junit"] as string], stack)[0]], junitOutputs);
        }
    });
});

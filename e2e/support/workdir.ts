// Stages a Pulumi project in a temporary directory, so stacks, config and state never touch the
// repository: `pulumi stack init` with the passphrase provider writes Pulumi.<stack>.yaml next to
// Pulumi.yaml. Sources are symlinked (Node resolves them to their real path, so modules still load
// from the repository's node_modules); Pulumi.yaml and stack files are copied.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface StageOptions {
    /** Stack config files to copy as `Pulumi.<to>.yaml`, e.g. { dev: "e2e-dev" }. */
    stackFiles?: Record<string, string>;
    /** Rewrites applied to the copied Pulumi.yaml (e.g. to make a relative plugin path absolute). */
    projectFileRewrite?: (text: string, sourceDir: string) => string;
}

const NEVER_LINKED = new Set([".git", ".pulumi", "synth"]);
const STACK_FILE = /^Pulumi\.[^.]+\.ya?ml$/;

export function makeTempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `eb-e2e-${prefix}-`));
}

export function stageProject(sourceDir: string, options: StageOptions = {}): string {
    const dir = makeTempDir(path.basename(sourceDir));
    for (const entry of fs.readdirSync(sourceDir)) {
        if (NEVER_LINKED.has(entry) || STACK_FILE.test(entry)) {
            continue;
        }
        const from = path.join(sourceDir, entry);
        if (entry === "Pulumi.yaml" || entry === "Pulumi.yml") {
            const text = fs.readFileSync(from, "utf8");
            fs.writeFileSync(path.join(dir, entry), options.projectFileRewrite ? options.projectFileRewrite(text, sourceDir) : text);
        } else {
            fs.symlinkSync(from, path.join(dir, entry));
        }
    }
    if (!fs.existsSync(path.join(dir, "node_modules"))) {
        // Projects under e2e/projects use the repository's packages, like they do in place.
        fs.symlinkSync(path.join(findNodeModulesRoot(sourceDir), "node_modules"), path.join(dir, "node_modules"));
    }
    for (const [from, to] of Object.entries(options.stackFiles ?? {})) {
        fs.copyFileSync(path.join(sourceDir, `Pulumi.${from}.yaml`), path.join(dir, `Pulumi.${to}.yaml`));
    }
    return dir;
}

function findNodeModulesRoot(dir: string): string {
    for (let d = dir; ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, "node_modules"))) {
            return d;
        }
        if (path.dirname(d) === d) {
            throw new Error(`no node_modules above ${dir}; run npm ci first`);
        }
    }
}

/** Makes `path:` entries in a Pulumi.yaml absolute (they are relative to the original project). */
export function absolutePluginPaths(text: string, sourceDir: string): string {
    return text.replace(/^(\s*path:\s*)(\.\.?\/\S*)\s*$/gm, (_m, lead: string, rel: string) => `${lead}${path.resolve(sourceDir, rel)}`);
}

export function removeDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
}

// Edits a staged Pulumi.<stack>.yaml the way a user edits it by hand: parse, change, write back (the
// `encryptionsalt` that `pulumi stack init` added is kept).
import * as fs from "node:fs";
import * as path from "node:path";

// js-yaml ships with @pulumi/pulumi; it has no bundled types, so type the two calls we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require("js-yaml") as { load(text: string): unknown; dump(value: unknown, options?: { lineWidth?: number }): string };

export type ConfigValues = Record<string, unknown>;

interface StackFile {
    config: ConfigValues;
    [key: string]: unknown;
}

function stackFile(projectDir: string, stack: string): string {
    return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

export function readStackConfig(projectDir: string, stack: string): ConfigValues {
    return (yaml.load(fs.readFileSync(stackFile(projectDir, stack), "utf8")) as StackFile).config;
}

/** Applies `edit` to a deep copy of the stack's config (keys with their namespace) and writes the file. */
export function editStackConfig(projectDir: string, stack: string, edit: (config: ConfigValues) => void): void {
    const file = stackFile(projectDir, stack);
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as StackFile;
    const config = JSON.parse(JSON.stringify(doc.config)) as ConfigValues;
    edit(config);
    fs.writeFileSync(file, yaml.dump({ ...doc, config }, { lineWidth: 200 }));
}

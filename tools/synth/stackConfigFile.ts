// Reads Pulumi.<stack>.yaml the way the CLI hands config to a program: every value a string, objects
// and lists JSON-encoded, keys `<namespace>:<key>`.
import * as fs from "fs";
import * as path from "path";
import { CONFIG_NAMESPACE } from "../../config";

// js-yaml ships with @pulumi/pulumi (which pins it); it has no bundled types, so type the one call we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require("js-yaml") as { load(text: string): unknown };

export interface StackConfigFile {
    file: string;
    /** `namespace:key` → value as the engine passes it (strings; objects as JSON). */
    engineConfig: Record<string, string>;
    /** The `encrypted-buckets:` keys without the namespace, values parsed (input of parseStackConfig). */
    projectConfig: Record<string, unknown>;
}

export function stackConfigPath(projectDir: string, stack: string): string {
    return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

export function readStackConfigFile(projectDir: string, stack: string, explicitFile?: string): StackConfigFile {
    const file = explicitFile ?? stackConfigPath(projectDir, stack);
    if (!fs.existsSync(file)) {
        throw new Error(`no stack configuration file ${file}; create Pulumi.${stack}.yaml (see Pulumi.dev.yaml) or pick an existing stack`);
    }
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new Error(`${file} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const config = doc !== null && typeof doc === "object" ? (doc as Record<string, unknown>)["config"] : undefined;
    const entries = config !== null && typeof config === "object" ? Object.entries(config as Record<string, unknown>) : [];
    const engineConfig: Record<string, string> = {};
    const projectConfig: Record<string, unknown> = {};
    for (const [rawKey, value] of entries) {
        // A key without a namespace belongs to the project (the CLI rewrites it the same way).
        const key = rawKey.includes(":") ? rawKey : `${CONFIG_NAMESPACE}:${rawKey}`;
        engineConfig[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (key.startsWith(`${CONFIG_NAMESPACE}:`)) {
            projectConfig[key.slice(CONFIG_NAMESPACE.length + 1)] = value;
        }
    }
    return { file, engineConfig, projectConfig };
}

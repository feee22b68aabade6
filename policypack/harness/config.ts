// Policy pack config in the `--policy-pack-config` format, resolved the way the engine does before it
// calls Configure: "all" sets every policy's level, a policy's own entry wins, schema defaults fill in.
import * as fs from "fs";
import { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { configProblems } from "./configSchema";

export interface ResolvedPolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

const LEVELS: ReadonlySet<string> = new Set(["advisory", "mandatory", "remediate", "disabled"]);

export class ConfigError extends Error {}

function level(value: unknown, where: string): EnforcementLevel {
    if (typeof value !== "string" || !LEVELS.has(value)) {
        throw new ConfigError(`${where}: enforcement level must be one of advisory, mandatory, remediate, disabled`);
    }
    return value as EnforcementLevel;
}

export function resolveConfig(policies: Policies, config: PolicyPackConfig = {}): Map<string, ResolvedPolicyConfig> {
    const all = config["all"] === undefined ? undefined : level(typeof config["all"] === "object" ? (config["all"] as { enforcementLevel?: unknown }).enforcementLevel : config["all"], "all");
    const out = new Map<string, ResolvedPolicyConfig>();
    const problems: string[] = [];
    const known = new Set(policies.map((p) => p.name));
    for (const [name, entry] of Object.entries(config)) {
        // As the CLI parses each entry: a level, or an object; anything else is refused before the pack runs.
        if (typeof entry !== "string" && !isObject(entry)) {
            throw new ConfigError(`${name}: ${JSON.stringify(entry)} is not a valid value; it must be an enforcement level or an object (as the Pulumi CLI says too)`);
        }
        if (!known.has(name) && name !== "all" && setsPropertiesWithoutLevel(entry)) {
            // The CLI hands it to the pack with an empty level and fails ("invalid enforcement level \"\"").
            throw new ConfigError(`${name}: not a policy of this pack, and its entry sets properties without an enforcement level, which the Pulumi CLI refuses ("invalid enforcement level \"\""). Fix: correct the policy name (docs/policies.md)`);
        }
    }
    for (const p of policies) {
        const entry = config[p.name];
        const properties: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (typeof schema === "object" && schema !== null && "default" in schema && schema.default !== undefined) {
                properties[k] = schema.default;
            }
        }
        let own: EnforcementLevel | undefined;
        if (typeof entry === "string") {
            own = level(entry, p.name);
        } else if (entry !== undefined && entry !== null) {
            const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
            own = enforcementLevel === undefined ? undefined : level(enforcementLevel, p.name);
            Object.assign(properties, rest);
        }
        // Only what a config sets can be wrong: the schema defaults alone are checked once by the registry spec, so a
        // run without config compiles no schema.
        if (entry !== undefined && entry !== null && typeof entry === "object") {
            problems.push(...configProblems(p, properties));
        }
        out.set(p.name, { enforcementLevel: own ?? all, properties });
    }
    if (problems.length > 0) {
        throw new ConfigError(`policy pack config is invalid, as the Pulumi CLI would say too: ${problems.join("; ")}`);
    }
    return out;
}

/**
 * Reads a `--policy-pack-config` file as Pulumi CLI 3.276 does (pkg/v3 `resource/analyzer`, `parsePolicyPackConfig`):
 * an empty file is no config; `"version": 2` nests the policies under `"policies"`; an unversioned file is keyed by
 * policy name, with `"environments"` reserved. Policy exceptions (a version 2 file's `"exceptions"`) change which
 * violations fail a run, which this checker does not model, so a file with any is refused rather than judged otherwise.
 */
export function loadConfigFile(path: string): PolicyPackConfig {
    let text: string;
    try {
        text = fs.readFileSync(path, "utf8");
    } catch (e) {
        throw new ConfigError(`${path}: ${(e as Error).message}`);
    }
    if (text.trim() === "") {
        return {};
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new ConfigError(`${path}: ${(e as Error).message}`);
    }
    if (!isObject(json)) {
        throw new ConfigError(`${path}: policy pack config must be a JSON object keyed by policy name`);
    }
    const version = json["version"];
    if (typeof version === "number") {
        return versionTwo(path, version, json);
    }
    const { environments, ...rest } = json;
    if (environments !== undefined && !(Array.isArray(environments) && environments.every((e) => typeof e === "string"))) {
        throw new ConfigError(`${path}: "environments" must be an array of strings (ESC environment names)`);
    }
    return rest as PolicyPackConfig;
}

function versionTwo(path: string, version: number, json: Record<string, unknown>): PolicyPackConfig {
    if (version !== 2) {
        throw new ConfigError(`${path}: policy pack config "version" must be 2 (given ${version}), as in Pulumi CLI 3.276`);
    }
    const { policies, exceptions } = json;
    if (exceptions !== undefined && exceptions !== null && !(isObject(exceptions) && Object.keys(exceptions).length === 0)) {
        throw new ConfigError(
            `${path}: "exceptions" (policy exceptions) are applied by the Pulumi CLI, not by this checker, which would then fail violations the CLI excepts. ` +
                "Fix: check this config with `pulumi policy analyze --policy-pack <pack> --policy-pack-config <file> --file <export>`, or give the checker a copy without \"exceptions\"",
        );
    }
    if (policies !== undefined && policies !== null && !isObject(policies)) {
        throw new ConfigError(`${path}: "policies" must be an object keyed by policy name`);
    }
    return (policies ?? {}) as PolicyPackConfig;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An entry that sets properties and no level: for a policy the pack lacks, the CLI fails on it (an empty level). */
function setsPropertiesWithoutLevel(entry: unknown): boolean {
    return isObject(entry) && entry["enforcementLevel"] === undefined && Object.keys(entry).length > 0;
}

/**
 * What the Pulumi CLI accepts but ignores, so a typo silently leaves a policy as it was: an entry for a policy the pack
 * does not have, and a property a policy's schema does not declare. The CLI says nothing about either.
 */
export function configWarnings(policies: Policies, config: PolicyPackConfig = {}): string[] {
    const known = new Map(policies.map((p) => [p.name, Object.keys(p.configSchema?.properties ?? {})]));
    const warnings: string[] = [];
    for (const [name, entry] of Object.entries(config)) {
        const properties = known.get(name);
        if (name === "all") {
            continue;
        }
        if (properties === undefined) {
            if (setsPropertiesWithoutLevel(entry)) {
                continue; // refused by resolveConfig, as by the CLI
            }
            warnings.push(`"${name}" is not a policy of this pack: its entry is ignored (by the Pulumi CLI too). Fix: use one of the names in docs/policies.md`);
            continue;
        }
        if (isObject(entry)) {
            for (const property of Object.keys(entry)) {
                if (property !== "enforcementLevel" && !properties.includes(property)) {
                    warnings.push(`${name}.${property} is not a property of this policy (it has ${properties.join(", ")}): it is ignored (by the Pulumi CLI too). Fix: correct the name`);
                }
            }
        }
    }
    return warnings;
}

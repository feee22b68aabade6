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

export function loadConfigFile(path: string): PolicyPackConfig {
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(path, "utf8"));
    } catch (e) {
        throw new ConfigError(`${path}: ${(e as Error).message}`);
    }
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
        throw new ConfigError(`${path}: policy pack config must be a JSON object keyed by policy name`);
    }
    const { environments: _environments, ...rest } = json as Record<string, unknown>;
    return rest as PolicyPackConfig;
}

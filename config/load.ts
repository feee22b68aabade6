import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError, ConfigProblem } from "./errors";
import { parseStackConfig } from "./parse";
import { StackConfig } from "./types";

/** The top-level keys of the `encrypted-buckets:` namespace. */
export const CONFIG_KEYS = ["accounts", "keys", "buckets", "logBuckets", "tags", "protect"] as const;

/** The engine passes structured values as JSON text; plain strings stay strings. */
function decode(value: string): unknown {
    try {
        return JSON.parse(value) as unknown;
    } catch {
        return value;
    }
}

/**
 * Every `encrypted-buckets:*` key of the current stack (including misspelled ones, so they are
 * reported rather than ignored), as the raw object parseStackConfig takes.
 */
export function rawProjectConfig(all: Record<string, string> = pulumi.runtime.allConfig()): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    const prefix = `${CONFIG_NAMESPACE}:`;
    for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(prefix)) {
            raw[key.slice(prefix.length)] = decode(value);
        }
    }
    return raw;
}

/** Edit distance of two short strings (namespaces), for telling a misspelt namespace from another program's. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * Keys of this program written under a misspelt namespace (`encrypted-bucket:buckets`, `encryptedbuckets:protect`):
 * the engine passes them on, but nothing here would read them, so a stack's `logBuckets`, `tags` or `protect` would
 * silently fall back to their defaults (or a required key be reported missing with no hint why).
 */
export function misplacedConfigKeys(all: Record<string, string>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const key of Object.keys(all)) {
        const separator = key.indexOf(":");
        const namespace = key.slice(0, separator);
        const name = key.slice(separator + 1);
        if (separator <= 0 || namespace === CONFIG_NAMESPACE || !(CONFIG_KEYS as readonly string[]).includes(name)) continue;
        if (editDistance(namespace.toLowerCase(), CONFIG_NAMESPACE) <= 3) {
            problems.push({
                path: key,
                message: `is in the namespace "${namespace}", which this program does not read (its keys are ${CONFIG_NAMESPACE}:*). Fix: rename the key to ${CONFIG_NAMESPACE}:${name}`,
            });
        }
    }
    return problems;
}

/** Runs `parse` and reports the misplaced keys of `all` with its problems, in one ConfigError. */
export function withMisplacedKeys<T>(all: Record<string, string>, parse: () => T): T {
    const misplaced = misplacedConfigKeys(all);
    try {
        const parsed = parse();
        if (misplaced.length > 0) throw new ConfigError(misplaced);
        return parsed;
    } catch (error) {
        if (error instanceof ConfigError && misplaced.length > 0 && error.problems !== misplaced) {
            throw new ConfigError([...misplaced, ...error.problems]);
        }
        throw error;
    }
}

/** Reads and validates the current stack's configuration (throws ConfigError listing every problem). */
export function loadStackConfig(all: Record<string, string> = pulumi.runtime.allConfig()): StackConfig {
    return withMisplacedKeys(all, () => parseStackConfig(rawProjectConfig(all)));
}

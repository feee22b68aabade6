import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "./errors";
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

/** Reads and validates the current stack's configuration (throws ConfigError listing every problem). */
export function loadStackConfig(all?: Record<string, string>): StackConfig {
    return parseStackConfig(rawProjectConfig(all));
}

// A rejected stack configuration: every problem, each naming the config field and the fix, so one
// `pulumi up` shows the user all they must change.

export interface ConfigProblem {
    /** Config path as the user writes it, e.g. `encrypted-buckets:buckets[0].grants[1].access`. */
    path: string;
    /** What is wrong and how to fix it. */
    message: string;
}

export const CONFIG_NAMESPACE = "encrypted-buckets";

/** Formats a path made of keys and indexes as `encrypted-buckets:buckets[0].key.alias`. */
export function configPath(segments: readonly PropertyKey[]): string {
    let out = "";
    for (const segment of segments) {
        if (typeof segment === "number") {
            out += `[${segment}]`;
        } else {
            const key = String(segment);
            out += out === "" ? key : /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `["${key}"]`;
        }
    }
    return `${CONFIG_NAMESPACE}:${out}`;
}

export class ConfigError extends Error {
    constructor(public readonly problems: readonly ConfigProblem[]) {
        super(
            `invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

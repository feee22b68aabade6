import { configPath, ConfigError, ConfigProblem } from "./errors";
import { crossCheck } from "./crossChecks";
import { normalize } from "./normalize";
import { prototypeKeyProblems } from "./prototypeKeys";
import { renderedPolicySizeProblems } from "./policySizes";
import { friendlyMessage, stackConfigSchema } from "./schema";
import { StackConfig } from "./types";

/**
 * Validates raw stack configuration (`{ accounts, keys?, buckets, tags? }` as read from the
 * `encrypted-buckets:` namespace) and returns it normalized. Pure: no Pulumi, no I/O.
 * Throws a ConfigError listing every problem, each with its config path and the fix.
 */
export function parseStackConfig(raw: unknown): StackConfig {
    throwIfAny(prototypeKeyProblems(raw));
    const parsed = stackConfigSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
        const problems: ConfigProblem[] = parsed.error.issues.map((issue) => ({
            path: configPath(issue.path),
            message: friendlyMessage(issue),
        }));
        throw new ConfigError(problems);
    }
    const problems = crossCheck(parsed.data);
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    const config = normalize(parsed.data);
    throwIfAny(renderedPolicySizeProblems(config));
    return config;
}

function throwIfAny(problems: ConfigProblem[]): void {
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
}

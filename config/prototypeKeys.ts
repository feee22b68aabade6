// A YAML map key `__proto__` reaches the program as an own property (the engine passes structured config as JSON
// text, and JSON.parse keeps it), but copying it into a new object sets that object's prototype instead of adding
// an entry: an account, a shared key or a tag so named would vanish without a word. Reported instead, by path.
import { ConfigProblem, configPath } from "./errors";

const PROTOTYPE_KEY = "__proto__";

/** Every map key `__proto__` in `raw`, at its configuration path. */
export function prototypeKeyProblems(raw: unknown, path: PropertyKey[] = []): ConfigProblem[] {
    if (raw === null || typeof raw !== "object") return [];
    if (Array.isArray(raw)) return raw.flatMap((item, i) => prototypeKeyProblems(item, [...path, i]));
    return Object.keys(raw).flatMap((key) => {
        const value = (raw as Record<string, unknown>)[key];
        if (key !== PROTOTYPE_KEY) return prototypeKeyProblems(value, [...path, key]);
        return [
            {
                path: configPath([...path, key]),
                message: `is a map key named ${PROTOTYPE_KEY}, which the configuration cannot hold (JavaScript reads it as the map's prototype, so the entry would be dropped without a word). Fix: give the entry another name`,
            },
        ];
    });
}

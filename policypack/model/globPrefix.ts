// Whether an ARN pattern could match a value whose beginning is known and whose end is not yet: the ARN of a KMS
// key an update creates, whose partition, Region and account are known in a preview and whose key id is not.
// Patterns are the IAM-style globs of the policy configs (`*` any run of characters, `?` exactly one).

/** Pattern positions reachable with nothing consumed from `i`: a `*` may match the empty string. */
function close(pattern: string, states: Set<number>): Set<number> {
    for (const i of [...states]) {
        for (let j = i; j < pattern.length && pattern[j] === "*"; j++) {
            states.add(j + 1);
        }
    }
    return states;
}

/**
 * True when some value `prefix` + `<id>` matches `pattern`, for an `<id>` not known yet made of `idCharacters` (a
 * KMS key id: a UUID, or `mrk-` and hex digits for a multi-Region key). After the prefix, the rest of the pattern
 * must hold a wildcard and no character an id can't have (a `*` that swallowed the prefix still has to match the
 * pattern's own `:<account>:key/` in the id, which it can't). A rest without a wildcard names one particular value
 * (an existing key's id), which a key created now never has.
 */
export function globCouldMatchUnknownSuffix(pattern: string, prefix: string, idCharacters = /^[0-9a-z-]*$/): boolean {
    return positionsAfter(pattern, prefix).some((i) => {
        const rest = pattern.slice(i);
        return /[*?]/.test(rest) && idCharacters.test(rest.replace(/[*?]/g, ""));
    });
}

// What a resource pattern says about every string that starts with a prefix, such as every object of a bucket
// (`arn:aws:s3:::<bucket>/` then a key of at least one character). One sample object name can't answer it:
// `Resource: "<bucket ARN>/a*"` matches a sample named `any-object` but not the bucket's other objects, and
// `NotResource: "<bucket ARN>/public/*"` misses the sample while it takes every object under `public/` out.

/** The pattern positions reachable after reading all of `prefix` (empty when the pattern can't begin with it). */
function positionsAfter(pattern: string, prefix: string): number[] {
    let states = close(pattern, new Set([0]));
    for (const c of prefix) {
        const next = new Set<number>();
        for (const i of states) {
            if (i >= pattern.length) continue;
            if (pattern[i] === "*") next.add(i);
            else if (pattern[i] === "?" || pattern[i] === c) next.add(i + 1);
        }
        if (next.size === 0) return [];
        states = close(pattern, next);
    }
    return [...states];
}

/** Does `pattern` match every string made of `prefix` and at least one more character? */
export function globMatchesEveryWithPrefix(pattern: string, prefix: string): boolean {
    if (pattern === "*" || pattern === `${prefix}*`) {
        return true;
    }
    // The rest must be wildcards only: `*`, or `?` beside a `*` (a key has at least one character).
    return positionsAfter(pattern, prefix).some((i) => {
        const rest = pattern.slice(i);
        return /^[*?]+$/.test(rest) && rest.includes("*") && rest.split("?").length <= 2;
    });
}

/** Does `pattern` match some string made of `prefix` and at least one more character? */
export function globMatchesSomeWithPrefix(pattern: string, prefix: string): boolean {
    // Any rest left after the prefix matches some non-empty string; an exhausted pattern matches the prefix alone.
    return positionsAfter(pattern, prefix).some((i) => i < pattern.length);
}

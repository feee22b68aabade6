// Normalized property values. Policies never read the engine's proxied props directly: a read of an
// unknown leaf through `unknownCheckingProxy` throws, and `@pulumi/policy` then downgrades the whole
// policy to advisory. We unwrap the proxy once, and turn each unknown sentinel into an explicit
// `UNKNOWN` marker, so a check can decide from the known parts and give up only where it must.

/** The explicit "can't be known during preview" marker. */
export class Unknown {
    readonly unknownValue = true;
    toString(): string {
        return "<unknown>";
    }
}

export const UNKNOWN = new Unknown();

/**
 * What `pulumi policy analyze` hands a pack for a secret it could not decrypt ("Secrets in the file that can't be
 * decrypted offline are redacted to the string `[secret]`", `pulumi policy analyze --help`, 3.276); the offline
 * checker reads an encrypted secret of an export the same way. As unreadable to a check as an unknown.
 */
export const REDACTED_SECRET = "[secret]";

export function isRedactedSecret(v: unknown): boolean {
    return v === REDACTED_SECRET;
}

export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN || (typeof v === "string" && ((v.length === 36 && UNKNOWN_SENTINELS.has(v)) || v === REDACTED_SECRET));
}

export type Value = string | number | boolean | null | Unknown | Value[] | ValueObject;
export interface ValueObject {
    [key: string]: Value;
}

/** The sentinels `@pulumi/pulumi` uses for unknown values of each kind (see `@pulumi/policy/proxy.js`). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// `proxy.js` answers this key with the proxied target instead of throwing.
const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

/** The object behind an `unknownCheckingProxy`, or the value itself when it is not proxied. */
export function unwrapProxy(value: unknown): unknown {
    if (value !== null && typeof value === "object") {
        const target = (value as Record<string, unknown>)[PROXY_TARGET_KEY];
        if (target !== undefined && target !== null && typeof target === "object") {
            return target;
        }
    }
    return value;
}

/**
 * The props tree behind a (possibly proxied) value, as is: no copy. Unknown sentinel strings stay in
 * place and every reader below (`asString`, `asObject`, `items`, `isUnknown`, ...) reports them as
 * UNKNOWN — copying whole stacks to swap markers in costs more than the checks themselves.
 */
export function normalize(raw: unknown): Value {
    const value = unwrapProxy(raw);
    return value === undefined ? null : (value as Value);
}

// ---- typed readers: each returns the value, UNKNOWN, or undefined when absent / of another type ----

export function asObject(v: Value | undefined): ValueObject | Unknown | undefined {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v)) {
        return v;
    }
    return undefined;
}

export function asString(v: Value | undefined): string | Unknown | undefined {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (typeof v === "string") {
        return v;
    }
    return undefined;
}

export function asBool(v: Value | undefined): boolean | Unknown | undefined {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (typeof v === "boolean") {
        return v;
    }
    if (v === "true" || v === "false") {
        return v === "true";
    }
    return undefined;
}

export function asNumber(v: Value | undefined): number | Unknown | undefined {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (typeof v === "number") {
        return v;
    }
    if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) {
        return Number(v);
    }
    return undefined;
}

/**
 * Items of a property that is a single object in @pulumi/aws v7 and a list in the deprecated V2
 * classes (`rule` vs `rules`, `destination` vs `destinations`). Absent is `[]`.
 */
export function items(v: Value | undefined): Value[] | Unknown {
    if (isUnknown(v)) {
        return UNKNOWN;
    }
    if (Array.isArray(v)) {
        return v;
    }
    if (v === null || v === undefined) {
        return [];
    }
    return [v];
}

/** The first present field among `names` (singular v7 name first, then the V2 plural). */
export function field(o: ValueObject | Unknown | undefined, ...names: string[]): Value | undefined {
    if (isUnknown(o)) {
        return UNKNOWN;
    }
    if (!o) {
        return undefined;
    }
    for (const name of names) {
        const v = o[name];
        if (v !== undefined && v !== null) {
            return v;
        }
    }
    return undefined;
}

/** Objects reached through `items(field(o, ...names))`; UNKNOWN when the list itself is unknown. */
export function children(o: ValueObject | Unknown | undefined, ...names: string[]): (ValueObject | Unknown)[] | Unknown {
    const list = items(field(o, ...names));
    if (isUnknown(list)) {
        return UNKNOWN;
    }
    const out: (ValueObject | Unknown)[] = [];
    for (const item of list) {
        const obj = asObject(item);
        if (obj !== undefined) {
            out.push(obj);
        }
    }
    return out;
}

/** Every string leaf under a value (used to find ARNs and names referenced anywhere in a tree). */
export function stringLeaves(v: Value | undefined, out: string[] = []): string[] {
    if (typeof v === "string" && !isUnknown(v)) {
        out.push(v);
    } else if (Array.isArray(v)) {
        for (const x of v) {
            stringLeaves(x, out);
        }
    } else if (v !== null && v !== undefined && typeof v === "object" && !isUnknown(v)) {
        for (const k of Object.keys(v)) {
            stringLeaves(v[k], out);
        }
    }
    return out;
}

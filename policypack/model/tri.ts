// Three-valued logic for decisions over values that may be unknown during preview. A check reports a
// violation only on a definite `false`; `UNKNOWN` means "depends on a value we can't see yet".
import { isUnknown, Unknown, UNKNOWN } from "./values";

export type Tri = boolean | Unknown;

// Indexed loops over arrays, not iterables: these run per statement and per condition on every bucket
// and key of the stack, mostly before V8 has optimized anything.

/** true if any is true; else unknown if any is unknown; else false. */
export function anyTri(values: readonly Tri[]): Tri {
    let sawUnknown = false;
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === true) {
            return true;
        }
        if (isUnknown(v)) {
            sawUnknown = true;
        }
    }
    return sawUnknown ? UNKNOWN : false;
}

/** false if any is false; else unknown if any is unknown; else true. */
export function allTri(values: readonly Tri[]): Tri {
    let sawUnknown = false;
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === false) {
            return false;
        }
        if (isUnknown(v)) {
            sawUnknown = true;
        }
    }
    return sawUnknown ? UNKNOWN : true;
}

export function notTri(v: Tri): Tri {
    return isUnknown(v) ? UNKNOWN : !v;
}

export function andTri(a: Tri, b: Tri): Tri {
    if (a === false || b === false) {
        return false;
    }
    return a === true && b === true ? true : UNKNOWN;
}

export function orTri(a: Tri, b: Tri): Tri {
    if (a === true || b === true) {
        return true;
    }
    return a === false && b === false ? false : UNKNOWN;
}

/** `anyTri` of `test` over `items`, without building the intermediate list. */
export function someTri<T>(items: readonly T[], test: (item: T) => Tri): Tri {
    let sawUnknown = false;
    for (let i = 0; i < items.length; i++) {
        const v = test(items[i]);
        if (v === true) {
            return true;
        }
        if (v !== false) {
            sawUnknown = true;
        }
    }
    return sawUnknown ? UNKNOWN : false;
}

/** `allTri` of `test` over `items`, without building the intermediate list. */
export function everyTri<T>(items: readonly T[], test: (item: T) => Tri): Tri {
    let sawUnknown = false;
    for (let i = 0; i < items.length; i++) {
        const v = test(items[i]);
        if (v === false) {
            return false;
        }
        if (v !== true) {
            sawUnknown = true;
        }
    }
    return sawUnknown ? UNKNOWN : true;
}

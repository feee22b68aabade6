// Three-valued logic for decisions over values that may be unknown during preview. A check reports a
// violation only on a definite `false`; `UNKNOWN` means "depends on a value we can't see yet".
import { isUnknown, Unknown, UNKNOWN } from "./values";

export type Tri = boolean | Unknown;

/** true if any is true; else unknown if any is unknown; else false. */
export function anyTri(values: Iterable<Tri>): Tri {
    let sawUnknown = false;
    for (const v of values) {
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
export function allTri(values: Iterable<Tri>): Tri {
    let sawUnknown = false;
    for (const v of values) {
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
    return allTri([a, b]);
}

// The resource types a multi-type resource check reads. @pulumi/policy can tag a validation function with one
// type only (`__pulumiType`), so a check that reads a bucket, its V2 form and its policy is untyped to the library
// and is called for every resource. The single-pass server (server/singlePassAnalyzer.ts) reads this declaration
// to skip the call, and the decode of the resource, for the types the check would return on at once.
const APPLIES_TO = Symbol.for("encrypted-buckets.appliesTo");

type Tagged = { [APPLIES_TO]?: ReadonlySet<string> };

/** Declares that `validate` reports nothing and changes nothing for a resource whose type is not in `types`. */
export function declareAppliesTo<F extends (...args: never[]) => unknown>(validate: F, types: ReadonlySet<string>): F {
    (validate as F & Tagged)[APPLIES_TO] = types;
    return validate;
}

/** The types `validate` was declared to read, or undefined (any type). */
export function appliesTo(validate: unknown): ReadonlySet<string> | undefined {
    return typeof validate === "function" ? (validate as Tagged)[APPLIES_TO] : undefined;
}

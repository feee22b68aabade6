// A policy function replaced by the bench keeps the original's own properties (the `__pulumiType` tag, the declared
// types), so the harness still calls it on exactly the resources it called the original on.
export function withOwnPropertiesOf<F extends (...args: never[]) => unknown>(original: F, replacement: F): F {
    for (const key of Reflect.ownKeys(original)) {
        if (key !== "length" && key !== "name" && key !== "prototype") {
            Object.defineProperty(replacement, key, Object.getOwnPropertyDescriptor(original, key) as PropertyDescriptor);
        }
    }
    return replacement;
}

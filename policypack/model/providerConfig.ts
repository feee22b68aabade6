// A provider's nested settings (`assumeRoles`, `allowedAccountIds`, `defaultTags`, aws-native's `assumeRole`)
// reach a pack in two forms: as objects, or as JSON text, the way the engine passes provider configuration
// and a stack export stores a provider's inputs ("assumeRoles": "[{\"roleArn\":…}]"). Every reader of provider
// settings (the pack, the harness, tools/diagram) decodes them here, once.
import { isUnknown, Value, ValueObject } from "./values";

/** JSON text of an object or array, decoded; anything else (and text that isn't JSON) as it is. */
export function decodeSetting(v: Value): Value {
    if (typeof v !== "string" || isUnknown(v)) {
        return v;
    }
    const text = v.trimStart();
    if (!text.startsWith("[") && !text.startsWith("{")) {
        return v;
    }
    try {
        return JSON.parse(text) as Value;
    } catch {
        return v;
    }
}

// Props are never mutated, and one provider's props object is shared by every resource it deploys (the
// harness and the single-pass handlers resolve a provider once per run): decode it once, not once per bucket.
const decoded = new WeakMap<ValueObject, ValueObject>();

/** The provider's props with every JSON-text setting decoded (a copy when one was; the same object otherwise). */
export function decodeProviderSettings(props: ValueObject): ValueObject {
    let out = decoded.get(props);
    if (out === undefined) {
        out = decodeEachSetting(props);
        decoded.set(props, out);
    }
    return out;
}

function decodeEachSetting(props: ValueObject): ValueObject {
    let out: ValueObject | undefined;
    for (const [k, v] of Object.entries(props)) {
        const decoded = decodeSetting(v);
        if (decoded !== v) {
            out ??= { ...props };
            out[k] = decoded;
        }
    }
    return out ?? props;
}

// Simulates what the engine sends during `pulumi preview` of a fresh stack: values a resource only
// learns from another resource's computed outputs (ARNs, ids, key ids) are unknown, and so is any
// string built from them (a JSON policy document, "<arn>/*").
import { UNKNOWN_STRING } from "../model/values";
import { ExportResource } from "./exportFile";
import { deserializeProps } from "./deserialize";

const MIN_COMPUTED_LENGTH = 4;

function stringLeaves(v: unknown, out: Set<string>): void {
    if (typeof v === "string") {
        out.add(v);
    } else if (Array.isArray(v)) {
        v.forEach((x) => stringLeaves(x, out));
    } else if (v !== null && typeof v === "object") {
        Object.values(v).forEach((x) => stringLeaves(x, out));
    }
}

/** Values a resource has only after creation: output-only strings (and its id) not among its inputs. */
function computedValues(r: ExportResource): string[] {
    const inputs = r.inputs ?? {};
    const known = new Set<string>();
    stringLeaves(inputs, known);
    const computed = new Set<string>();
    const outputs = r.outputs ?? {};
    for (const key of Object.keys(outputs)) {
        if (!(key in inputs)) {
            stringLeaves(outputs[key], computed);
        }
    }
    if (typeof r.id === "string") {
        computed.add(r.id);
    }
    return [...computed].filter((v) => v.length >= MIN_COMPUTED_LENGTH && !known.has(v));
}

function blank(value: unknown, computed: readonly string[]): unknown {
    if (typeof value === "string") {
        return computed.some((c) => value.includes(c)) ? UNKNOWN_STRING : value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => blank(v, computed));
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = blank(v, computed);
        }
        return out;
    }
    return value;
}

export class PreviewSimulator {
    private readonly computed = new Map<string, string[]>();

    constructor(private readonly byUrn: ReadonlyMap<string, ExportResource>) {}

    private computedOf(urn: string): string[] {
        let values = this.computed.get(urn);
        if (!values) {
            const r = this.byUrn.get(urn);
            values = r ? computedValues(r) : [];
            this.computed.set(urn, values);
        }
        return values;
    }

    /** The resource's inputs as a fresh-stack preview sends them. */
    inputs(r: ExportResource): Record<string, unknown> {
        const props = deserializeProps(r.inputs);
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            if (!(key in props) || urns.length === 0) {
                continue;
            }
            const computed = urns.flatMap((u) => this.computedOf(u));
            if (computed.length > 0) {
                props[key] = blank(props[key], computed);
            }
        }
        return props;
    }

    /** The planned state a preview's stack analysis sees: inputs, plus unknown for every output-only property. */
    outputs(r: ExportResource): Record<string, unknown> {
        const props = this.inputs(r);
        for (const key of Object.keys(r.outputs ?? {})) {
            if (!(key in props)) {
                props[key] = UNKNOWN_STRING;
            }
        }
        return props;
    }
}

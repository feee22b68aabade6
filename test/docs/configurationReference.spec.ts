// docs/configuration.md documents every field the stack configuration accepts: the fields are read from the
// schema itself (config/schema.ts), so a field added there without a line in the reference fails here.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ownKeySchema, stackConfigSchema } from "../../config/schema";

const DOC = fs.readFileSync(path.resolve(__dirname, "../../docs/configuration.md"), "utf8");

interface ZodDef {
    type: string;
    shape?: Record<string, z.ZodType>;
    innerType?: z.ZodType;
    element?: z.ZodType;
    valueType?: z.ZodType;
    in?: z.ZodType;
    out?: z.ZodType;
    options?: z.ZodType[];
}

function defOf(schema: z.ZodType): ZodDef {
    return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Every object field reachable from `schema`, as dotted paths (`buckets.replicas.monitoring.alarmActions`). */
function fieldPaths(schema: z.ZodType, prefix: string, out: string[]): string[] {
    const def = defOf(schema);
    if (def.shape) {
        for (const [name, field] of Object.entries(def.shape)) {
            const at = prefix === "" ? name : `${prefix}.${name}`;
            out.push(at);
            fieldPaths(field, at, out);
        }
    }
    for (const inner of [def.innerType, def.element, def.valueType, def.in, def.out, ...(def.options ?? [])]) {
        if (inner !== undefined && typeof inner === "object" && "_zod" in inner) {
            fieldPaths(inner, prefix, out);
        }
    }
    return out;
}

const CODE_SPANS = [...DOC.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);

/** `name` as a word of some code span: `name`, `name: value`, `{ name, prefix? }`. */
function namedInDoc(name: string): boolean {
    const word = new RegExp(`(^|[^\\w])${name}($|[^\\w])`);
    return CODE_SPANS.some((span) => word.test(span));
}

describe("docs/configuration.md covers the configuration schema", () => {
    const paths = [
        ...fieldPaths(stackConfigSchema, "", []),
        // A bucket's `key` is a transform over an unknown value; its own-key settings are this schema.
        ...fieldPaths(ownKeySchema, "buckets.key", []),
    ];

    it("finds the schema's fields (the walk reaches nested objects)", () => {
        for (const expected of ["accounts.accountId", "buckets.replicas.monitoring", "buckets.guardrails.requireTls", "buckets.key.rootDelegation", "logBuckets"]) {
            assert.ok(paths.some((p) => p === expected || p.startsWith(`${expected}.`)), `${expected} not found among ${paths.length} paths`);
        }
    });

    it("names every field in a code span", () => {
        const missing = [...new Set(paths)].filter((p) => !namedInDoc(p.slice(p.lastIndexOf(".") + 1)));
        assert.deepStrictEqual(missing, [], `fields of config/schema.ts without a \`name\` in docs/configuration.md: ${missing.join(", ")}`);
    });
});

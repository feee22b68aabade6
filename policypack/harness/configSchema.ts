// Each policy's config is checked against the policy's own `configSchema` before anything is evaluated, as the Pulumi
// CLI does before it configures a pack (pkg/v3 `resource/analyzer`: the schema's properties wrapped in an object
// schema, defaults filled in first, then a JSON Schema validation per policy). Without it the offline checker would
// run a config the CLI refuses, and a wrong type would surface as a policy's own crash (`allowed.join is not a
// function`) or, worse, as a silently different verdict (`"minimumDays": "14"` compared as text).
import type Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { Policies, PolicyConfigSchema } from "@pulumi/policy";

let ajv: Ajv | undefined;
const compiled = new WeakMap<PolicyConfigSchema, ValidateFunction>();

/** Loaded on first use: requiring Ajv and creating it costs about 50 ms, which a run without config never pays. */
function validatorCompiler(): Ajv {
    if (ajv === undefined) {
        const { default: AjvClass } = require("ajv") as typeof import("ajv");
        // The CLI's validator (gojsonschema) reports every error; neither adds defaults nor rejects unknown keywords here.
        ajv = new AjvClass({ allErrors: true, strict: false, useDefaults: false });
    }
    return ajv;
}

function validatorOf(schema: PolicyConfigSchema): ValidateFunction {
    let validate = compiled.get(schema);
    if (validate === undefined) {
        validate = validatorCompiler().compile({
            type: "object",
            ...(Object.keys(schema.properties).length > 0 ? { properties: schema.properties } : {}),
            ...(schema.required !== undefined && schema.required.length > 0 ? { required: schema.required } : {}),
        });
        compiled.set(schema, validate);
    }
    return validate;
}

/** `minimumDays`, `allowedKeyArns[0]`: the property a config file names, as a user would look for it. */
function propertyPath(error: ErrorObject): string {
    const missing = error.keyword === "required" ? (error.params as { missingProperty?: string }).missingProperty : undefined;
    const pointer = error.instancePath.split("/").slice(1).map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join("");
    const path = `${pointer}${missing !== undefined ? `.${missing}` : ""}`.replace(/^\./, "");
    return path === "" ? "(the policy's entry)" : path;
}

function valueAt(properties: Record<string, unknown>, error: ErrorObject): unknown {
    let value: unknown = properties;
    for (const part of error.instancePath.split("/").slice(1)) {
        value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value;
}

/**
 * The problems of one policy's resolved properties against its schema, each naming the policy, the property, what
 * was given and what the schema accepts. Empty when the policy declares no schema or the properties conform.
 */
export function configProblems(policy: Policies[number], properties: Record<string, unknown>): string[] {
    const schema = policy.configSchema;
    if (schema === undefined) {
        return [];
    }
    const validate = validatorOf(schema);
    if (validate(properties)) {
        return [];
    }
    return (validate.errors ?? []).map((error) => {
        const path = propertyPath(error);
        const given = error.keyword === "required" ? "" : ` (given ${JSON.stringify(valueAt(properties, error))})`;
        const top = error.instancePath.split("/")[1] ?? (error.params as { missingProperty?: string }).missingProperty;
        const accepted = top !== undefined ? schema.properties[top] : undefined;
        const fix = accepted !== undefined ? `; fix: give ${policy.name}.${top} a value of this schema: ${JSON.stringify(withoutText(accepted))}` : "";
        return `${policy.name}: ${path} ${error.message ?? "is invalid"}${given}${fix}`;
    });
}

/** The schema without its description and default: what a value must be, short enough for an error line. */
function withoutText(schema: object): object {
    const { description: _description, default: _default, ...rest } = schema as Record<string, unknown>;
    return rest;
}

// What makes a file a stack export (`pulumi stack export`, deployment version 3) and not something else
// that is also JSON: the checker must never read `[]`, `{}`, `pulumi stack output --json` or
// `pulumi preview --json` as "a stack with no resources" and pass it. Every shape error names the field.

/** Deeper than this, a value is not something Pulumi wrote (and recursive readers would overflow the stack). */
export const MAX_NESTING = 256;

export class ExportShapeError extends Error {}

/** The key Pulumi marks secrets, assets and resource references with. */
const SIG = "4dabf18193072939515e22adb298388d";

function kind(v: unknown): string {
    if (v === undefined) {
        return "missing";
    }
    return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A hint for the JSON documents people confuse with a stack export. */
function whatItLooksLike(obj: Record<string, unknown>): string {
    if ("steps" in obj || "diagnostics" in obj || "changeSummary" in obj) {
        return " (it looks like `pulumi preview --json` output)";
    }
    if (Object.keys(obj).length > 0 && !("deployment" in obj) && !("version" in obj) && !("resources" in obj)) {
        return " (it looks like `pulumi stack output --json` or another JSON document)";
    }
    return "";
}

const FIX = "give the output of `pulumi stack export` (or `pulumi stack export --show-secrets`)";

/** Throws ExportShapeError unless `json` is a deployment-version-3 export; returns its resources array. */
export function exportResources(json: unknown): unknown[] {
    if (!isObject(json)) {
        throw new ExportShapeError(`not a stack export: the document is ${kind(json)}, expected an object with "version": 3 and "deployment"; ${FIX}`);
    }
    const version = json["version"];
    const deployment = json["deployment"];
    if (version === undefined && deployment === undefined) {
        throw new ExportShapeError(`not a stack export: no "version" and no "deployment"${whatItLooksLike(json)}; ${FIX}`);
    }
    if (typeof version !== "number") {
        throw new ExportShapeError(`not a stack export: "version" is ${kind(version)}, expected the number 3; ${FIX}`);
    }
    if (version !== 3) {
        throw new ExportShapeError(`unsupported deployment version ${String(version)} (expected 3); export the stack with a current Pulumi CLI`);
    }
    if (!isObject(deployment)) {
        throw new ExportShapeError(`not a stack export: "deployment" is ${kind(deployment)}, expected an object; ${FIX}`);
    }
    const resources = deployment["resources"];
    if (resources === undefined) {
        // An empty stack: `pulumi stack export` omits the list.
        return [];
    }
    if (!Array.isArray(resources)) {
        throw new ExportShapeError(`"deployment.resources" is ${kind(resources)}, expected an array`);
    }
    resources.forEach(checkResource);
    return resources;
}

function checkResource(r: unknown, i: number): void {
    const at = `deployment.resources[${i}]`;
    if (!isObject(r)) {
        throw new ExportShapeError(`${at} is ${kind(r)}, expected an object`);
    }
    for (const field of ["urn", "type"]) {
        if (typeof r[field] !== "string" || r[field] === "") {
            throw new ExportShapeError(`${at} has no ${field} (${r[field] === undefined ? "" : `found ${kind(r[field])}, `}expected a non-empty string)`);
        }
    }
    for (const field of ["id", "parent", "provider"]) {
        if (r[field] !== undefined && typeof r[field] !== "string") {
            throw new ExportShapeError(`${at}.${field} is ${kind(r[field])}, expected a string`);
        }
    }
    for (const field of ["inputs", "outputs"]) {
        if (r[field] !== undefined && r[field] !== null) {
            if (!isObject(r[field]) || SIG in r[field]) {
                // A secret or resource reference in place of the whole property map: not something Pulumi writes.
                throw new ExportShapeError(`${at}.${field} is ${isObject(r[field]) ? "a wrapped value (secret or resource reference)" : kind(r[field])}, expected an object of properties`);
            }
            checkDepth(r[field], `${at}.${field}`);
        }
    }
    const deps = r["dependencies"];
    if (deps !== undefined && deps !== null && !(Array.isArray(deps) && deps.every((d) => typeof d === "string"))) {
        throw new ExportShapeError(`${at}.dependencies is ${kind(deps)}${Array.isArray(deps) ? " with a non-string element" : ""}, expected an array of URNs`);
    }
    const propDeps = r["propertyDependencies"];
    if (propDeps !== undefined && propDeps !== null) {
        if (!isObject(propDeps)) {
            throw new ExportShapeError(`${at}.propertyDependencies is ${kind(propDeps)}, expected an object of URN arrays`);
        }
        for (const [key, urns] of Object.entries(propDeps)) {
            if (!Array.isArray(urns) || !urns.every((u) => typeof u === "string")) {
                throw new ExportShapeError(`${at}.propertyDependencies["${key}"] is ${kind(urns)}${Array.isArray(urns) ? " with a non-string element" : ""}, expected an array of URNs`);
            }
        }
    }
}

/** Iterative, so a hostile document can't overflow the stack while we measure it. */
function checkDepth(root: unknown, at: string): void {
    const stack: [unknown, number][] = [[root, 1]];
    while (stack.length > 0) {
        const [v, depth] = stack.pop() as [unknown, number];
        if (depth > MAX_NESTING) {
            throw new ExportShapeError(`${at} is nested more than ${MAX_NESTING} levels deep; no Pulumi resource has such properties`);
        }
        if (v !== null && typeof v === "object") {
            for (const child of Array.isArray(v) ? v : Object.values(v)) {
                if (child !== null && typeof child === "object") {
                    stack.push([child, depth + 1]);
                }
            }
        }
    }
}

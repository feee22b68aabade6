// How a component checks its arguments: one zod schema per component (next to it), parsed before
// anything is registered, every problem reported in one InvalidArgumentError that names each field
// and its fix.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

export interface ArgumentProblem {
    /** The argument path, e.g. `keyArgs.alias` or `destinations[1].priority`. */
    field: string;
    /** What is wrong and how to fix it; reads after the field name. */
    message: string;
}

function render(where: string, problems: readonly ArgumentProblem[]): string {
    if (problems.length === 1) {
        return `${where}: ${problems[0].field} ${problems[0].message}.`;
    }
    return `${where}: ${problems.length} problems with the arguments:\n${problems.map((p) => `  - ${p.field} ${p.message}.`).join("\n")}`;
}

export class InvalidArgumentError extends Error {
    /** The first problem's field (most errors have one). */
    public readonly field: string;
    public readonly problems: readonly ArgumentProblem[];

    /**
     * @param where e.g. `EncryptedBucket "logs"`
     * @param fieldOrProblems the argument path of a single problem, or every problem found
     */
    constructor(public readonly where: string, fieldOrProblems: string | readonly ArgumentProblem[], problem?: string, fix?: string) {
        const problems = typeof fieldOrProblems === "string" ? [{ field: fieldOrProblems, message: `${problem ?? "is invalid"}. Fix: ${fix ?? "see the component's documentation"}` }] : fieldOrProblems;
        super(render(where, problems));
        this.name = "InvalidArgumentError";
        this.problems = problems;
        this.field = problems[0]?.field ?? "args";
    }
}

/** `a.b[0].c` from zod's path segments. */
export function fieldPath(segments: readonly PropertyKey[]): string {
    let out = "";
    for (const segment of segments) {
        out += typeof segment === "number" ? `[${segment}]` : out === "" ? String(segment) : `.${String(segment)}`;
    }
    return out === "" ? "args" : out;
}

/**
 * An Output or a Promise where a component needs a value while the program runs (to choose what to create): whatever
 * the field's own message says about its format would not be the problem. A field that takes a resource instead
 * (a grant's principal) says so itself, and keeps its message.
 */
function deferredValueProblem(issue: z.core.$ZodIssue): string | undefined {
    const input: unknown = (issue as { input?: unknown }).input;
    if (pulumi.Output.isInstance(input)) {
        return issue.message.startsWith("is an Output")
            ? issue.message
            : "is an Output, known only once resources exist, but the component decides what to create from it while the program runs. " +
                  "Fix: pass a literal value, e.g. from the stack configuration (new pulumi.Config().require(\"...\"))";
    }
    if (input instanceof Promise) {
        return "is a Promise. Fix: await it before declaring the component (in an async program), or pass a literal value";
    }
    return undefined;
}

function withArticle(noun: string): string {
    return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** Zod's default wording for a few generic issues, rephrased to say the fix; ours pass through. */
export function issueMessage(issue: z.core.$ZodIssue): string {
    const deferred = deferredValueProblem(issue);
    if (deferred !== undefined) {
        return deferred;
    }
    if (issue.code === "unrecognized_keys") {
        return `has unknown setting${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}. Fix: remove ${issue.keys.length > 1 ? "them" : "it"} or correct the spelling`;
    }
    // A map's key breaks its format (an account alias "Data"): the map-level message ("must map aliases to ...") would
    // hide which name is wrong and why, so say the key's own rule.
    if (issue.code === "invalid_key") {
        const rule = issue.issues.map((inner) => inner.message).join("; ");
        return `${rule} (rename every reference to it too)`;
    }
    if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
        const expected = withArticle(issue.expected);
        return issue.input === undefined ? `is missing. Fix: pass ${expected}` : `is not ${expected}. Fix: pass ${expected}`;
    }
    return issue.message;
}

/** Every issue of a failed parse as argument problems, with `prefix` before each path. */
export function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): ArgumentProblem[] {
    return error.issues.map((issue) => ({ field: fieldPath([...prefix, ...issue.path]), message: issueMessage(issue) }));
}

/**
 * Parses `args` with the component's schema. Throws one InvalidArgumentError listing every problem:
 * the schema's, and `extra` (what the schema cannot see, such as a rule on the component's name).
 */
export function parseArgs<S extends z.ZodType>(where: string, schema: S, args: unknown, extra: readonly ArgumentProblem[] = []): z.output<S> {
    const parsed = schema.safeParse(args, { reportInput: true });
    const problems = [...(parsed.success ? [] : problemsOf(parsed.error)), ...extra];
    if (problems.length > 0 || !parsed.success) {
        throw new InvalidArgumentError(where, problems);
    }
    return parsed.data;
}

/** Adds a problem at `path` (relative to the schema being refined) from a refinement. */
export function addProblem(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
    ctx.addIssue({ code: "custom", path, message });
}

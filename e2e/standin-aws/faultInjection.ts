// A failure on demand, for the specs that check what a `pulumi up` failing halfway leaves behind: AWS can refuse
// any call (a throttled or internal error, a permission missing in one account), and the engine then stops with
// part of the update applied. STANDIN_AWS_FAIL names the resources (logical names, comma-separated) whose create
// or update fails; every plugin process of a run reads it from the environment the CLI hands down.
export const FAIL_VARIABLE = "STANDIN_AWS_FAIL";

/** Throws an AWS-shaped error when `name` is listed in STANDIN_AWS_FAIL. */
export function failIfAsked(op: "create" | "update", type: string, name: string, env: NodeJS.ProcessEnv = process.env): void {
    const listed = (env[FAIL_VARIABLE] ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "");
    if (listed.includes(name)) {
        throw new Error(`${op} of ${type} "${name}": api error InternalError: We encountered an internal error. Please try again. (injected by ${FAIL_VARIABLE})`);
    }
}

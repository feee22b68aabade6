// The Pulumi CLI runs the pack's compiled entry point (policypack/package.json "main": bin/index.js), so
// anything that hands `--policy-pack` to the CLI builds it first, from the sources as they are now.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { POLICY_PACK_DIR } from "./paths";

let built: string | undefined;

/**
 * Compiles policypack/ to policypack/bin (`npm run build:pack`, without npm's overhead) the first time it
 * is called in this process, and returns the pack's directory: what `--policy-pack` should point at.
 * Always rebuilds on first use rather than trusting an existing bin/, which may predate the sources.
 */
export function builtPolicyPack(): string {
    if (built === undefined) {
        try {
            execFileSync(process.execPath, [path.join(POLICY_PACK_DIR, "scripts", "build.js")], { cwd: POLICY_PACK_DIR, encoding: "utf8", stdio: "pipe" });
        } catch (error) {
            const e = error as { stdout?: string; stderr?: string; message: string };
            throw new Error(`building the policy pack (node policypack/scripts/build.js) failed:\n${e.stderr || e.stdout || e.message}`);
        }
        built = POLICY_PACK_DIR;
    }
    return built;
}

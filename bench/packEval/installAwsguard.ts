// Installs @pulumi/awsguard into bench/.deps on first use. It lives apart from the project's packages
// because it pins @pulumi/aws 4 and aws-sdk v2; the bench must never change the project's lockfile.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { AWSGUARD_PREFIX } from "./awsguardPack";

export const AWSGUARD_SPEC = "@pulumi/awsguard@0.3.1";

/** Returns undefined when awsguard is installed (now or before), else why it could not be installed. */
export function ensureAwsguardInstalled(log: (line: string) => void, mayInstall: boolean): string | undefined {
    if (fs.existsSync(path.join(AWSGUARD_PREFIX, "node_modules", "@pulumi", "awsguard", "package.json"))) {
        return undefined;
    }
    if (!mayInstall) {
        return `not installed in bench/.deps, and this mode does not install it (npm run bench does)`;
    }
    log(`installing ${AWSGUARD_SPEC} into ${path.relative(process.cwd(), AWSGUARD_PREFIX)}`);
    fs.mkdirSync(AWSGUARD_PREFIX, { recursive: true });
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["install", "--prefix", AWSGUARD_PREFIX, "--no-audit", "--no-fund", "--ignore-scripts", AWSGUARD_SPEC], {
        encoding: "utf8",
        timeout: 5 * 60_000,
    });
    if (result.status !== 0) {
        const output = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n");
        return `npm install ${AWSGUARD_SPEC} failed: ${result.error?.message ?? output.filter((l) => /ERR/.test(l)).slice(0, 2).join(" / ") ?? "unknown error"}`;
    }
    return undefined;
}

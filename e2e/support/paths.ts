// Where things are, relative to the repository root.
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const E2E_DIR = path.join(REPO_ROOT, "e2e");
export const PROJECTS_DIR = path.join(E2E_DIR, "projects");
export const STANDIN_AWS_DIR = path.join(E2E_DIR, "standin-aws");
export const POLICY_PACK_DIR = path.join(REPO_ROOT, "policypack");
export const BUILD_CLI_SCRIPT = path.join(E2E_DIR, "cli", "build-cli.sh");

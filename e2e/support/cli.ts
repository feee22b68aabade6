// Locates (building on first use) the Pulumi CLI and our language host; see e2e/cli/build-cli.sh.
import { execFileSync } from "node:child_process";
import { BUILD_CLI_SCRIPT } from "./paths";

let binDir: string | undefined;

/** The directory holding `pulumi` and `pulumi-language-nodejs`. PULUMI_E2E_BIN_DIR overrides the build. */
export function pulumiBinDir(): string {
    if (binDir === undefined) {
        const override = process.env["PULUMI_E2E_BIN_DIR"];
        binDir =
            override !== undefined && override !== ""
                ? override
                : execFileSync(BUILD_CLI_SCRIPT, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    }
    return binDir;
}

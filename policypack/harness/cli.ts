// `npm run guardrails -- [--json] [--preview] [--config FILE] <state.json>...`
// Exit 0: no mandatory violation; 1: a mandatory violation; 2: unreadable input or usage error.
import { PolicyPackConfig } from "@pulumi/policy";
import { ConfigError, evaluateExportFile, ExportReadError, hasMandatory, loadConfigFile, Violation } from "./index";

const USAGE = "usage: guardrails [--json] [--preview] [--config <policy-pack-config.json>] <stack-export.json>...";

interface CliArgs {
    json: boolean;
    preview: boolean;
    configPath?: string;
    files: string[];
}

function parseArgs(argv: string[]): CliArgs {
    const args: CliArgs = { json: false, preview: false, files: [] };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") {
            args.json = true;
        } else if (a === "--preview") {
            args.preview = true;
        } else if (a === "--config") {
            args.configPath = argv[++i];
            if (!args.configPath) {
                throw new ConfigError("--config needs a file");
            }
        } else if (a.startsWith("--config=")) {
            args.configPath = a.slice("--config=".length);
        } else if (a === "-h" || a === "--help") {
            console.log(USAGE);
            process.exit(0);
        } else if (a.startsWith("-")) {
            throw new ConfigError(`unknown option ${a}`);
        } else {
            args.files.push(a);
        }
    }
    if (args.files.length === 0) {
        throw new ConfigError("no stack export given");
    }
    return args;
}

function printText(file: string, violations: Violation[]): void {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    console.log(violations.length === 0 ? `${file}: no violations` : `${file}: ${violations.length} violation(s), ${mandatory} mandatory`);
    for (const v of violations) {
        console.log(`  [${v.enforcementLevel}] ${v.policyName}  ${v.urn || "(stack)"}`);
        for (const line of v.message.split("\n")) {
            console.log(`      ${line}`);
        }
    }
}

async function main(): Promise<number> {
    let args: CliArgs;
    let config: PolicyPackConfig | undefined;
    try {
        args = parseArgs(process.argv.slice(2));
        config = args.configPath ? loadConfigFile(args.configPath) : undefined;
    } catch (e) {
        console.error(`guardrails: ${(e as Error).message}\n${USAGE}`);
        return 2;
    }
    const results: { file: string; violations: Violation[] }[] = [];
    let unreadable = false;
    let mandatory = false;
    for (const file of args.files) {
        try {
            const violations = await evaluateExportFile(file, { config, preview: args.preview });
            results.push({ file, violations });
            mandatory = mandatory || hasMandatory(violations);
            if (!args.json) {
                printText(file, violations);
            }
        } catch (e) {
            if (!(e instanceof ExportReadError)) {
                throw e;
            }
            unreadable = true;
            console.error(`guardrails: ${e.message}`);
        }
    }
    if (args.json) {
        const out = results.map((r) => ({
            file: r.file,
            violations: r.violations.map((v) => ({ policyName: v.policyName, enforcementLevel: v.enforcementLevel, urn: v.urn, message: v.message })),
        }));
        console.log(JSON.stringify(out, null, 2));
    }
    return unreadable ? 2 : mandatory ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(`guardrails: ${(e as Error)?.stack ?? String(e)}`);
        process.exit(2);
    },
);

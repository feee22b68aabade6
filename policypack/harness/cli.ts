// `npm run guardrails -- [--format text|json|sarif|junit] [--output FILE] [--preview] [--config FILE] <state.json>...`
// Exit 0: no mandatory violation; 1: a mandatory violation; 2: unreadable input or usage error.
// The report formats are in ./report; `--json` is `--format json`.
import * as fs from "fs";
import { PolicyPackConfig } from "@pulumi/policy";
import { ConfigError, configWarnings, evaluateExportFile, ExportReadError, hasMandatory, loadConfigFile, PACK_NAME, PACK_VERSION, packPolicies } from "./index";
import { CheckedPair, FileReport, formatReport, isReportFormat, policyInfos, REPORT_FORMATS, ReportFormat, urnLines } from "./report";

const USAGE = `usage: guardrails [--format ${REPORT_FORMATS.join("|")}] [--output <file>] [--preview] [--config <policy-pack-config.json>] <stack-export.json>...`;

interface CliArgs {
    format: ReportFormat;
    output?: string;
    preview: boolean;
    configPath?: string;
    files: string[];
}

function parseArgs(argv: string[]): CliArgs {
    const args: CliArgs = { format: "text", preview: false, files: [] };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") {
            args.format = "json";
        } else if (a === "--format" || a.startsWith("--format=")) {
            const format = a === "--format" ? argv[++i] : a.slice("--format=".length);
            if (format === undefined || !isReportFormat(format)) {
                throw new ConfigError(`--format needs one of ${REPORT_FORMATS.join(", ")}`);
            }
            args.format = format;
        } else if (a === "--output" || a.startsWith("--output=")) {
            args.output = a === "--output" ? argv[++i] : a.slice("--output=".length);
            if (!args.output) {
                throw new ConfigError("--output needs a file");
            }
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

/** An error's first line: its message, without the stack trace a user can't act on. */
function firstLine(e: unknown): string {
    return String(e instanceof Error ? e.message : e).split("\n")[0];
}

async function main(): Promise<number> {
    let args: CliArgs;
    let config: PolicyPackConfig | undefined;
    try {
        args = parseArgs(process.argv.slice(2));
        config = args.configPath ? loadConfigFile(args.configPath) : undefined;
        for (const warning of configWarnings(packPolicies, config)) {
            console.error(`guardrails: warning: ${args.configPath}: ${warning}`);
        }
    } catch (e) {
        console.error(`guardrails: ${(e as Error).message}\n${USAGE}`);
        return 2;
    }
    const results: FileReport[] = [];
    let unreadable = false;
    let mandatory = false;
    for (const file of args.files) {
        try {
            const checked: CheckedPair[] = [];
            const violations = await evaluateExportFile(file, { config, preview: args.preview, onChecked: (policyName, urn) => checked.push({ policyName, urn }) });
            results.push({ file, violations, checked, lineOf: urnLines(fs.readFileSync(file, "utf8")) });
            mandatory = mandatory || hasMandatory(violations);
        } catch (e) {
            unreadable = true;
            // A file the pack can't judge is exit 2 with one line, never a stack trace.
            console.error(`guardrails: ${e instanceof ExportReadError ? e.message : `${file}: can't evaluate (${firstLine(e)})`}`);
        }
    }
    const report = formatReport(args.format, { tool: { name: PACK_NAME, version: PACK_VERSION }, policies: policyInfos(packPolicies), files: results });
    if (args.output) {
        fs.writeFileSync(args.output, report);
    } else {
        process.stdout.write(report);
    }
    return unreadable ? 2 : mandatory ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(`guardrails: ${firstLine(e)}`);
        process.exit(2);
    },
);

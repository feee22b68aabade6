// `npm run synth -- <stack> [--out <file>] [--config-file <Pulumi.x.yaml>] [--policy-config <file>] [--no-guardrails] [--quiet]`
// Runs index.ts offline under Pulumi mocks backed by fake AWS and writes synth/<stack>.json in
// `pulumi stack export` format, and its topology diagram synth/<stack>.md. Exit codes: 0 written, 1 program error, 2 invalid config,
// 3 mandatory guardrail violation (the file is still written, for inspection).
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseStackConfig, withMisplacedKeys } from "../../config";
import { NO_CONTINUITY } from "../../program/continuity";
import { duplicateReplicationRoleNames } from "../../program/replicationRoleNames";
import { diagramFileFor, diagramMarkdown } from "../diagram";
import { buildStackExport, serializeStackExport } from "./buildExport";
import { evaluateGuardrails, policyConfigFile } from "./guardrails";
import { runProgram } from "./runProgram";
import { readStackConfigFile, StackConfigFile } from "./stackConfigFile";
import { summarize } from "./summary";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const PROJECT = "encrypted-buckets";

export const EXIT = { ok: 0, programError: 1, configError: 2, guardrailViolation: 3, usage: 64 } as const;

interface CliOptions {
    stack: string;
    out: string;
    /** Stack config file; default Pulumi.<stack>.yaml in the project. */
    configFile?: string;
    /** Policy-pack config (`--policy-pack-config` format) for the guardrail run. */
    policyConfig?: string;
    guardrails: boolean;
    quiet: boolean;
}

function usage(message: string): never {
    process.stderr.write(`${message}\nusage: npm run synth -- <stack> [--out <file>] [--config-file <file>] [--policy-config <file>] [--no-guardrails] [--quiet]\n`);
    process.exit(EXIT.usage);
}

function parseArgs(argv: string[]): CliOptions {
    let stack: string | undefined;
    let out: string | undefined;
    let configFile: string | undefined;
    let policyConfig: string | undefined;
    let guardrails = true;
    let quiet = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--out") {
            out = argv[++i] ?? usage("--out needs a file path");
        } else if (arg === "--config-file") {
            configFile = argv[++i] ?? usage("--config-file needs a file path");
        } else if (arg === "--policy-config") {
            policyConfig = argv[++i] ?? usage("--policy-config needs a file path");
        } else if (arg === "--no-guardrails") {
            guardrails = false;
        } else if (arg === "--quiet") {
            quiet = true;
        } else if (arg.startsWith("-")) {
            usage(`unknown option ${arg}`);
        } else if (stack === undefined) {
            stack = arg;
        } else {
            usage(`unexpected argument ${arg}`);
        }
    }
    if (stack === undefined) usage("missing stack name (e.g. dev)");
    return {
        stack,
        out: path.resolve(out ?? path.join(PROJECT_DIR, "synth", `${stack}.json`)),
        ...(configFile !== undefined ? { configFile: path.resolve(configFile) } : {}),
        ...(policyConfig !== undefined ? { policyConfig: path.resolve(policyConfig) } : {}),
        guardrails,
        quiet,
    };
}

async function main(): Promise<number> {
    const options = parseArgs(process.argv.slice(2));
    let file: StackConfigFile;
    try {
        file = readStackConfigFile(PROJECT_DIR, options.stack, options.configFile);
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT.configError;
    }
    // Validate before the program runs so a bad config registers nothing and prints only the fixes.
    try {
        const config = withMisplacedKeys(file.engineConfig, () => parseStackConfig(file.projectConfig));
        // What the program refuses before registering anything, as it would refuse it (a fresh stack: no continuity).
        const roleNames = duplicateReplicationRoleNames(config, options.stack, NO_CONTINUITY(config).buckets);
        if (roleNames.length > 0) {
            throw new ConfigError(roleNames);
        }
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${path.basename(file.file)}: ${error.message}\n`);
            return EXIT.configError;
        }
        throw error;
    }
    const run = await runProgram({ programPath: path.join(PROJECT_DIR, "index.ts"), project: PROJECT, stack: options.stack, engineConfig: file.engineConfig });
    const doc = buildStackExport(run.registrations);
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, serializeStackExport(doc));
    // The reviewer's picture of the same export, next to it (synth/<stack>.md).
    fs.writeFileSync(diagramFileFor(options.out), diagramMarkdown(doc.deployment.resources, options.stack));
    if (!options.quiet) {
        process.stdout.write(`${summarize(options.stack, doc, path.relative(process.cwd(), options.out) || options.out)}\n`);
    }
    if (!options.guardrails) {
        return EXIT.ok;
    }
    const outcome = await evaluateGuardrails(doc, options.out, policyConfigFile(options.stack, options.policyConfig));
    if (outcome.status === "unavailable") {
        if (!options.quiet) process.stdout.write(`guardrails: skipped (${outcome.reason})\n`);
        return EXIT.ok;
    }
    for (const v of outcome.violations) {
        process.stdout.write(`guardrails: [${v.enforcementLevel}] ${v.policy}${v.urn ? ` (${v.urn})` : ""}: ${v.message}\n`);
    }
    if (outcome.mandatory.length > 0) {
        process.stderr.write(`guardrails: ${outcome.mandatory.length} mandatory violation(s)\n`);
        return EXIT.guardrailViolation;
    }
    if (!options.quiet) process.stdout.write(`guardrails: ${outcome.violations.length} advisory finding(s), no mandatory violation\n`);
    return EXIT.ok;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        // Argument errors of the components already name the field and the fix; a stack trace adds noise.
        const text = error instanceof Error ? (error.name === "InvalidArgumentError" ? error.message : (error.stack ?? error.message)) : String(error);
        process.stderr.write(`synth failed: ${text}\n`);
        process.exit(EXIT.programError);
    },
);

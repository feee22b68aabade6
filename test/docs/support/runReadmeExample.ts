// Runs the README's "Use the components in your own program" example as a user who pastes it into a program next to
// `components/` would, in a child process (Pulumi's runtime is process-global): under the same fake-AWS mocks as
// `npm run synth`, then the policy pack over the resulting stack export. Prints one JSON line: what was registered
// and every violation. The example is read from the README itself, so an edit there is what gets run.
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../../../tools/synth/runProgram";
import { buildStackExport, serializeStackExport } from "../../../tools/synth/buildExport";
import { evaluateGuardrails } from "../../../tools/synth/guardrails";

const REPO = path.resolve(__dirname, "../../..");
const SECTION = "## Use the components in your own program";

export function readmeExample(readme: string): string {
    const start = readme.indexOf(SECTION);
    if (start < 0) {
        throw new Error(`README.md has no section "${SECTION}"`);
    }
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
    if (block === null) {
        throw new Error(`README.md's "${SECTION}" has no ts code block`);
    }
    return block[1];
}

async function main(): Promise<void> {
    const example = readmeExample(fs.readFileSync(path.join(REPO, "README.md"), "utf8"));
    // Inside the repository, so "@pulumi/aws" resolves from its node_modules and "./components" is one level up.
    const dir = fs.mkdtempSync(path.join(REPO, ".readme-example-"));
    try {
        const program = path.join(dir, "index.ts");
        fs.writeFileSync(program, example.replace(/from "\.\/components"/g, 'from "../components"'));
        const run = await runProgram({ programPath: program, project: "readme-example", stack: "dev", engineConfig: {} });
        const doc = buildStackExport(run.registrations);
        const file = path.join(dir, "export.json");
        fs.writeFileSync(file, serializeStackExport(doc));
        const outcome = await evaluateGuardrails(doc, file);
        process.stdout.write(`${JSON.stringify({
            types: doc.deployment.resources.map((r) => r.type),
            outcome,
        })}\n`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    });
}

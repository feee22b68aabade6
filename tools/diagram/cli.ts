// `npm run diagram -- <stack-export.json> [--out FILE]`: the topology diagram (Markdown with a Mermaid
// block) of any stack export, e.g. `pulumi stack export > state.json`. Exit 0 written, 2 unreadable
// input or usage error.
import * as fs from "fs";
import * as path from "path";
import { ExportReadError, loadExport } from "../../policypack/harness/exportFile";
import { diagramMarkdown } from "./index";

const USAGE = "usage: npm run diagram -- <stack-export.json> [--out <file.md>]";

function main(argv: string[]): number {
    let file: string | undefined;
    let out: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--out") {
            out = argv[++i];
            if (out === undefined) {
                process.stderr.write(`diagram: --out needs a file\n${USAGE}\n`);
                return 2;
            }
        } else if (a === "-h" || a === "--help") {
            process.stdout.write(`${USAGE}\n`);
            return 0;
        } else if (a.startsWith("-") || file !== undefined) {
            process.stderr.write(`diagram: unexpected argument ${a}\n${USAGE}\n`);
            return 2;
        } else {
            file = a;
        }
    }
    if (file === undefined) {
        process.stderr.write(`diagram: no stack export given\n${USAGE}\n`);
        return 2;
    }
    try {
        const markdown = diagramMarkdown(loadExport(file), path.basename(file, ".json"));
        if (out === undefined) {
            process.stdout.write(markdown);
        } else {
            fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
            fs.writeFileSync(out, markdown);
        }
        return 0;
    } catch (e) {
        if (e instanceof ExportReadError) {
            process.stderr.write(`diagram: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

process.exit(main(process.argv.slice(2)));

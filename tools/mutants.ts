// `npm run mutants [-- <name filter>]`: a small mutation check of the seams that used to let
// mistakes through. Each mutant is one source edit a plausible mistake would make; it is applied to a
// copy of the tree (tracked and untracked files, node_modules linked), the fast specs that guard that
// seam run against it, and the mutant must make them fail ("killed"). The unmutated copy must pass
// the same specs first, so a kill is never a spec that was failing anyway. Exit 1 when a mutant
// survives, or when its edit no longer applies (the code moved: update the mutant with it).
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PROJECT_DIR = path.resolve(__dirname, "..");

interface Mutant {
    name: string;
    file: string;
    /** Must occur exactly once in `file`. */
    find: string;
    replace: string;
    specs: string[];
    /** Mocha --grep: only the rows of a table spec that concern the mutated option. */
    grep?: string;
}

const OPTIONS_SPEC = "test/program/options.spec.ts";

export const MUTANTS: Mutant[] = [
    {
        name: "program ignores guardrails.denySigV2: false",
        file: "program/buckets.ts",
        find: "guardrails: settings.guardrails,",
        replace: "guardrails: { ...settings.guardrails, denySigV2: true },",
        specs: [OPTIONS_SPEC],
        grep: "denySigV2",
    },
    {
        name: "program maps encryptionHeader strict-key to strict",
        file: "program/buckets.ts",
        find: "guardrails: settings.guardrails,",
        replace: 'guardrails: { ...settings.guardrails, encryptionHeader: settings.guardrails.encryptionHeader === "strict-key" ? "strict" : settings.guardrails.encryptionHeader },',
        specs: [OPTIONS_SPEC],
        grep: "encryptionHeader",
    },
    {
        name: "replicas inherit the source bucket's forceDestroy",
        file: "program/replications.ts",
        find: "forceDestroy: replica.forceDestroy,",
        replace: "forceDestroy: source.forceDestroy,",
        specs: [OPTIONS_SPEC],
        grep: "forceDestroy",
    },
    {
        name: "program drops a grant's prefix",
        file: "program/grants.ts",
        find: "...(grant.prefix !== undefined ? { prefix: grant.prefix } : {}),",
        replace: "",
        specs: [OPTIONS_SPEC],
        grep: "prefix",
    },
    {
        name: "pack fix message names another Sid than the components write",
        file: "policypack/model/fixStatements.ts",
        find: 'denyWrongKeyHeader: "DenyWrongKmsKeyHeader",',
        replace: 'denyWrongKeyHeader: "DenyWrongKmsKey",',
        specs: ["test/policypack/fixStatements.spec.ts"],
    },
    {
        name: "pack: an account root no longer matches a role of that account",
        file: "policypack/model/iam.ts",
        find: 'p === who.account || p.split(":")[4] === who.account',
        replace: "p === who.account",
        specs: ["test/policypack/replication.spec.ts"],
    },
    {
        name: "the shared replication rule no longer refuses delete-marker replication on a tag-filtered rule",
        file: "components/replicationRules.ts",
        find: "return deleteMarkerReplication === true && isTagFiltered(filter)",
        replace: "return false && isTagFiltered(filter)",
        specs: ["test/config/rejections.spec.ts", "test/replication/plan.spec.ts"],
    },
    {
        name: "config stops applying the shared delete-marker rule",
        file: "config/crossChecks.ts",
        find: "const deleteMarkers = deleteMarkerReplicationProblem(replica.filter, replica.deleteMarkerReplication);",
        replace: "const deleteMarkers = undefined as string | undefined;",
        specs: ["test/config/rejections.spec.ts"],
    },
    {
        name: "the component stops applying the shared delete-marker rule",
        file: "components/bucketReplicationPlan.ts",
        find: "problems.add(`${field}.deleteMarkerReplication`, deleteMarkerReplicationProblem(filter, destination.deleteMarkerReplication));",
        replace: "",
        specs: ["test/replication/plan.spec.ts"],
    },
];

/** The working tree as it is (committed or not), without node_modules, which is linked. */
function copyTree(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mutants-"));
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: PROJECT_DIR, encoding: "utf8" })
        .split("\0")
        .filter((f) => f !== "" && fs.existsSync(path.join(PROJECT_DIR, f)));
    for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
    }
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

function runSpecs(dir: string, mutant: Mutant): { passed: boolean; output: string } {
    const mocha = require.resolve("mocha/bin/mocha.js", { paths: [PROJECT_DIR] });
    const args = [mocha, "--no-config", "-r", "ts-node/register", "--extension", "ts", "--timeout", "120000", "--reporter", "dot"];
    if (mutant.grep !== undefined) {
        args.push("--grep", mutant.grep);
    }
    const result = spawnSync(process.execPath, [...args, ...mutant.specs], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
        maxBuffer: 64 * 1024 * 1024,
    });
    return { passed: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function main(): number {
    const filter = process.argv[2];
    const mutants = MUTANTS.filter((m) => filter === undefined || m.name.includes(filter));
    const dir = copyTree();
    const started = Date.now();
    let failures = 0;
    try {
        for (const mutant of mutants) {
            const file = path.join(dir, mutant.file);
            const original = fs.readFileSync(file, "utf8");
            const at = original.indexOf(mutant.find);
            const t0 = Date.now();
            if (at < 0 || original.indexOf(mutant.find, at + 1) >= 0) {
                console.log(`STALE     ${mutant.name}: "${mutant.find}" is not in ${mutant.file} exactly once; update the mutant`);
                failures++;
                continue;
            }
            const baseline = runSpecs(dir, mutant);
            if (!baseline.passed) {
                console.log(`BASELINE  ${mutant.name}: ${mutant.specs.join(" ")} fail without the mutation\n${baseline.output}`);
                failures++;
                continue;
            }
            fs.writeFileSync(file, original.slice(0, at) + mutant.replace + original.slice(at + mutant.find.length));
            try {
                const mutated = runSpecs(dir, mutant);
                const seconds = ((Date.now() - t0) / 1000).toFixed(0);
                if (mutated.passed) {
                    console.log(`SURVIVED  ${mutant.name} (${mutant.file}; ${mutant.specs.join(" ")} still pass) ${seconds}s`);
                    failures++;
                } else {
                    console.log(`killed    ${mutant.name} ${seconds}s`);
                }
            } finally {
                fs.writeFileSync(file, original);
            }
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`${mutants.length - failures}/${mutants.length} mutants killed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    return failures === 0 ? 0 : 1;
}

if (require.main === module) {
    process.exitCode = main();
}

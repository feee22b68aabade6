// The stand-in serves any Pulumi program, not only ours: it starts with the repository's ts-node
// even when the program's directory has none, and a resource type fake AWS does not model is
// reported in one line that names the types, instead of being answered with its inputs.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { PROJECTS_DIR, REPO_ROOT } from "./support/paths";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { removeDir, stageProject } from "./support/workdir";

/** node_modules with only the two Pulumi packages the program requires (no ts-node, no typescript). */
function minimalNodeModules(project: string): void {
    const modules = path.join(project, "node_modules");
    fs.rmSync(modules, { recursive: true, force: true });
    fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
    for (const pkg of ["pulumi", "aws"]) {
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", pkg), path.join(modules, "@pulumi", pkg));
    }
}

describe("e2e: a foreign program against the stand-in", function () {
    let session: PulumiSession;
    let project: string;
    const stack = "foreign";

    before(async function () {
        session = new PulumiSession(pulumiBinDir(), "foreign");
        project = stageProject(path.join(PROJECTS_DIR, "foreign"));
        minimalNodeModules(project);
        assert.throws(() => require.resolve("ts-node/register", { paths: [project] }), /Cannot find module/, "the staged program cannot resolve ts-node");
        await session.ok(["stack", "init", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("fails the preview with one line naming the resource types the stand-in does not model", async function () {
        const result = await session.run(["preview", "-s", stack], project);
        assert.notEqual(result.code, 0, describeResult(result));
        const output = result.stdout + result.stderr;
        assert.doesNotMatch(output, /Cannot find module 'ts-node/);
        assert.match(output, /stand-in aws provider: resource types not modelled: aws:sqs\/queue:Queue \(fake AWS would only echo/);
    });

    it("deploys and destroys with STANDIN_AWS_UNMODELLED=echo", async function () {
        const env = { STANDIN_AWS_UNMODELLED: "echo" };
        const up = await session.run(["up", "--yes", "-s", stack], project, { env });
        assert.equal(up.code, 0, describeResult(up));
        assert.match(up.stdout, /\+ 4 created/);
        await session.ok(["destroy", "--yes", "-s", stack], project, { env });
    });
});

// A provider given as a Node plugin directory (PulumiPlugin.yaml, no executable) is started by our
// language host's RunPlugin: the path a Pulumi.yaml `plugins.providers` entry takes for Node plugins.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { PROJECTS_DIR, STANDIN_AWS_DIR } from "./support/paths";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { removeDir, stageProject } from "./support/workdir";

describe("e2e: provider plugin directory through RunPlugin", function () {
    let session: PulumiSession;
    let project: string;

    before(async function () {
        session = new PulumiSession(pulumiBinDir(), "plugin-dir");
        const pluginDir = path.join(STANDIN_AWS_DIR, "plugin-dir");
        project = stageProject(path.join(PROJECTS_DIR, "bad-buckets"), {
            projectFileRewrite: (text) => text.replace(/^(\s*path:\s*).*$/m, `$1${pluginDir}`),
        });
        await session.ok(["stack", "init", "rp"], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("deploys with the stand-in started by RunPlugin, not found on PATH", async function () {
        // Without e2e/standin-aws on PATH the executable cannot be picked up by accident; the CLI
        // still finds our language host next to itself.
        // bad-buckets holds resources AWS refuses (badBuckets.spec.ts shows the stand-in refusing them);
        // here only the plugin's loading matters, so its AWS rules are off.
        const result = await session.run(["up", "--yes", "-s", "rp"], project, { env: { PATH: process.env["PATH"] ?? "", STANDIN_AWS_RULES: "off" } });
        assert.equal(result.code, 0, describeResult(result));
        assert.doesNotMatch(result.stdout, /pulumi-resource-aws from \$PATH/);
        assert.match(result.stdout, /\+ 17 created/);
    });
});

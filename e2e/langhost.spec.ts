// Our language host (e2e/langhost) under the real CLI, on the smallest program and policy pack:
// programs run with their config and secrets, failures surface, policy packs load and can block.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { pulumiBinDir } from "./support/cli";
import { mandatory, policyViolations } from "./support/eventLog";
import { PROJECTS_DIR } from "./support/paths";
import { describe as describeResult, PulumiSession } from "./support/pulumi";
import { removeDir, stageProject } from "./support/workdir";

describe("e2e: language host (hello program, hello-policy pack)", function () {
    let session: PulumiSession;
    let project: string;
    const stack = "lh";
    const pack = path.join(PROJECTS_DIR, "hello-policy");

    before(async function () {
        session = new PulumiSession(pulumiBinDir(), "langhost");
        project = stageProject(path.join(PROJECTS_DIR, "hello"));
        await session.ok(["stack", "init", stack], project);
        await session.ok(["config", "set", "who", "e2e", "-s", stack], project);
        await session.ok(["config", "set", "--secret", "token", "s3cr3t-value", "-s", stack], project);
    });

    after(function () {
        session?.dispose();
        if (project) removeDir(project);
    });

    it("runs the program with its config during preview", async function () {
        const result = await session.ok(["preview", "-s", stack], project);
        assert.match(result.stdout, /message\s*: "hello, e2e"/);
        assert.match(result.stdout, /secretEcho\s*: \[secret\]/);
        assert.match(result.stdout, /hello:index:Greeting allowed create/);
    });

    it("passes secret config through and keeps it secret", async function () {
        await session.ok(["up", "--yes", "-s", stack], project);
        const plain = await session.ok(["stack", "output", "secretEcho", "-s", stack], project);
        assert.doesNotMatch(plain.stdout, /s3cr3t-value/);
        const shown = await session.ok(["stack", "output", "secretEcho", "--show-secrets", "-s", stack], project);
        assert.equal(shown.stdout.trim(), "s3cr3t-value");
    });

    // `preview --config` would persist the value, so scenarios with other config get their own stack.
    async function stackWith(name: string, key: string): Promise<string> {
        await session.ok(["stack", "init", name], project);
        await session.ok(["config", "set", key, "true", "-s", name], project);
        return name;
    }

    it("reports a program that throws as a failed preview", async function () {
        const result = await session.run(["preview", "-s", await stackWith("lh-fail", "fail")], project);
        assert.notEqual(result.code, 0, describeResult(result));
        assert.match(result.stdout + result.stderr, /hello was asked to fail/);
    });

    it("loads a policy pack and passes a compliant program", async function () {
        const log = path.join(session.root, "pass.events.jsonl");
        const result = await session.run(["preview", "-s", stack, "--policy-pack", pack, "--event-log", log], project);
        assert.equal(result.code, 0, describeResult(result));
        assert.match(result.stdout, /hello-policy@v0\.0\.1/);
        assert.deepEqual(policyViolations(log), []);
    });

    it("fails preview on a mandatory violation and names the policy", async function () {
        const log = path.join(session.root, "fail.events.jsonl");
        const result = await session.run(
            ["preview", "-s", await stackWith("lh-forbidden", "forbidden"), "--policy-pack", pack, "--event-log", log],
            project,
        );
        assert.notEqual(result.code, 0, describeResult(result));
        assert.match(result.stdout, /\[mandatory\]\s+no-forbidden-greeting/);
        const violations = mandatory(policyViolations(log));
        assert.deepEqual(
            violations.map((v) => [v.policyPackName, v.policyName]),
            [["hello-policy", "no-forbidden-greeting"]],
        );
    });
});

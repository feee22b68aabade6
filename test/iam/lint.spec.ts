// Every policy document the stacks would deploy passes the shared lint and the extra checks, so no
// statement is silently inert (iam-simulate would accept a typo and never match it).
import assert from "node:assert/strict";
import { lintGeneratedPolicy } from "./policyChecks";
import type { World } from "./world/types";
import { worldsUnderTest } from "./worlds";

describe("IAM oracle: lint of every generated policy", function () {
    let worlds: World[] = [];

    before(async function () {
        this.timeout(120_000);
        worlds = await worldsUnderTest();
    });

    it("finds policies to lint in every world", function () {
        for (const world of worlds) {
            assert.ok(world.policies.length > 0, `${world.label} has no policies`);
        }
    });

    it("has no findings", async function () {
        const findings: string[] = [];
        for (const world of worlds) {
            for (const { policy, kind } of world.policies) {
                for (const finding of await lintGeneratedPolicy(policy.document, kind)) {
                    findings.push(`${world.label}, ${policy.name} (${kind}): ${finding}`);
                }
            }
        }
        assert.deepEqual(findings, []);
    });
});

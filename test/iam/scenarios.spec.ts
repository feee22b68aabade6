// Runs every scenario on every world through the IAM oracle. One `it` per scenario and fixture;
// every leg of the operation is evaluated and asserted (decision, and the deciding statement).
import assert from "node:assert/strict";
import { ALL_SCENARIOS } from "./scenarios";
import { expectAccess } from "./support/expectAccess";
import type { World } from "./world/types";
import { loadWorlds } from "./worlds";

describe("IAM oracle: security guarantees", function () {
    let worlds: World[] = [];
    let problems: string[] = [];

    before(async function () {
        this.timeout(120_000); // synth of the example stacks runs in child processes
        ({ worlds, problems } = await loadWorlds());
    });

    it("reads every bucket, key, grant and replication of the example stacks from the synth output", function () {
        assert.deepEqual(problems, []);
    });

    it("every scenario applies to at least one fixture", function () {
        const missing = ALL_SCENARIOS.filter((s) => worlds.every((world) => s.instances(world).length === 0)).map((s) => s.id);
        assert.deepEqual(missing, [], "these scenarios found nothing to run on; the example stacks must cover them");
    });

    for (const scenario of ALL_SCENARIOS) {
        it(`${scenario.category}: ${scenario.id}`, async function () {
            let ran = 0;
            for (const world of worlds) {
                for (const instance of scenario.instances(world)) {
                    try {
                        await expectAccess(instance.legs);
                    } catch (error) {
                        const message = error instanceof Error ? error.message : String(error);
                        throw new assert.AssertionError({ message: `${scenario.title}\n  ${world.label}, ${instance.label}:\n${message}` });
                    }
                    ran += 1;
                }
            }
            if (ran === 0) {
                // Reported once, by the coverage test above.
                this.skip();
            }
        });
    }
});

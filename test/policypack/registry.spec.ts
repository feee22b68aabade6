// The registry's contract, for every registered policy: it fires on each violating fixture and stays quiet on
// each compliant one, after deployment and in a fresh-stack preview; and the docs table, the README's count and
// the e2e project's expectations agree with the registry.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { EXPECTED_AT_PREVIEW, EXPECTED_ON_STATE } from "../../e2e/projects/bad-buckets/expectedViolations";
import { Fixture } from "../../policypack/fixtures/format";
import { withPolicyTable } from "../../policypack/policies/docsTable";
import { policies, registry } from "../../policypack/policies";
import { policiesWithReads, typesReadBy } from "../../policypack/policies/cannotVerify";
import { INDEXED_TYPES } from "../../policypack/model/awsTypes";
import { describeAll, run } from "./support/run";
import { configProblems } from "../../policypack/harness/configSchema";
import { fixtureStack } from "./support/fixtureStack";

const ROOT = path.join(__dirname, "..", "..");

async function violationsOf(policy: string, fixture: Fixture, preview: boolean) {
    const vs = await run(fixtureStack(fixture), { preview, config: fixture.config });
    return { mine: vs.filter((v) => v.policyName === policy), all: vs };
}

describe("policy registry", () => {
    it("names every policy once, and serves exactly the registered policies", () => {
        const names = registry.map((d) => d.policy.name);
        assert.deepStrictEqual([...new Set(names)], names, "duplicate policy names");
        assert.deepStrictEqual(policies, registry.map((d) => d.policy));
    });

    it("declares config defaults its own schema accepts (a run without config checks none, as the CLI would refuse them)", () => {
        const problems = registry.flatMap((d) => {
            const defaults = Object.fromEntries(Object.entries(d.policy.configSchema?.properties ?? {})
                .filter(([, schema]) => typeof schema === "object" && schema !== null && "default" in schema)
                .map(([k, schema]) => [k, (schema as { default: unknown }).default]));
            return configProblems(d.policy, defaults);
        });
        assert.deepStrictEqual(problems, []);
        // The check itself reads the schema: a default of the wrong type is a problem.
        const minimumDays = registry.find((d) => d.policy.name === "kms-key-deletion-window");
        assert.ok(minimumDays);
        assert.match(configProblems(minimumDays.policy, { minimumDays: "7" }).join(), /minimumDays must be integer/);
    });

    it("names only registered policies in the \"cannot verify\" table (a misspelt name would never report)", () => {
        const names = new Set(registry.map((d) => d.policy.name));
        assert.deepStrictEqual(policiesWithReads().filter((p) => !names.has(p)), []);
    });

    it("reads only indexed types for stack policies in the \"cannot verify\" table (they look for them in the index's lists)", () => {
        const stackPolicies = new Set(registry.filter((d) => "validateStack" in d.policy).map((d) => d.policy.name));
        const unindexed = policiesWithReads().filter((p) => stackPolicies.has(p)).flatMap((p) => [...typesReadBy(p)].filter((t) => !INDEXED_TYPES.has(t)).map((t) => `${p}: ${t}`));
        assert.deepStrictEqual(unindexed, []);
    });

    for (const d of registry) {
        const name = d.policy.name;
        describe(name, () => {
            for (const fixture of d.violating) {
                const modes = fixture.firesAtPreview === false ? [false] : [false, true];
                for (const preview of modes) {
                    it(`fires ${preview ? "in a fresh-stack preview" : "after deployment"}: ${fixture.title}`, async () => {
                        const { mine, all } = await violationsOf(name, fixture, preview);
                        assert.ok(mine.length > 0, `expected ${name}; got:\n${describeAll(all)}`);
                        // At the policy's own level: not downgraded to an advisory "can't run during preview".
                        assert.ok(mine.every((v) => v.enforcementLevel === d.policy.enforcementLevel && !v.message.includes("can't run")),
                            `expected ${name} at its level ${d.policy.enforcementLevel}; got:\n${describeAll(mine)}`);
                    });
                }
            }
            for (const fixture of d.compliant) {
                for (const preview of [false, true]) {
                    it(`stays quiet ${preview ? "in a fresh-stack preview" : "after deployment"}: ${fixture.title}`, async () => {
                        const { mine } = await violationsOf(name, fixture, preview);
                        assert.deepStrictEqual(mine.map((v) => v.message), []);
                    });
                }
            }
        });
    }

    it("docs/policies.md holds the table the registry renders (npm run docs:policies rewrites it)", () => {
        const file = path.join(ROOT, "docs", "policies.md");
        const text = fs.readFileSync(file, "utf8");
        assert.strictEqual(text, withPolicyTable(text, registry), "docs/policies.md is out of date: run `npm run docs:policies`");
    });

    it("the README states the number of registered policies", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const counts = [...readme.matchAll(/\bIts (\d+) policies\b/g)].map((m) => Number(m[1]));
        assert.deepStrictEqual(counts, [registry.length], `README.md must say "Its ${registry.length} policies"`);
    });

    it("the bad-buckets expectations name registered, mandatory policies only", () => {
        const levels = new Map(registry.map((d) => [d.policy.name, d.policy.enforcementLevel]));
        for (const entry of [...EXPECTED_AT_PREVIEW, ...EXPECTED_ON_STATE]) {
            const policy = entry.split(" -> ")[0];
            assert.ok(levels.has(policy), `e2e/projects/bad-buckets/expectedViolations.ts names "${policy}", which is not registered`);
            assert.strictEqual(levels.get(policy), "mandatory", `"${entry}" is expected as mandatory, but ${policy} defaults to ${levels.get(policy)}`);
        }
    });
});

// The shared declaration of which option each pack policy owns (policypack/model/guardrailToggles.ts) against
// the pack's actual verdicts: each declared toggle is turned off (past the configuration's own check, as a
// component caller could), with each encryptionHeader mode, the program registers the stack under mocks, and
// the pack (default configuration) runs on the result. It must block exactly when the declaration says so, and
// an exemption tag the declaration honours must be honoured by the pack too.
import * as assert from "assert";
import { parseStackConfig, StackConfig } from "../../config";
import { buildStackExport } from "../../tools/synth/buildExport";
import { evaluatePolicies, Violation } from "../../policypack/harness";
import { policies } from "../../policypack/policies";
import { blockedToggles, EXEMPT_TAG, PACK_MIN_NONCURRENT_RETENTION_DAYS, GUARDRAIL_TOGGLES, GuardrailToggle, levelOf, TOGGLE_POLICY_LEVELS, weakenedToggles } from "../../policypack/model/guardrailToggles";
import { registry } from "../../policypack/policies";
import { runParsedStack } from "./support/stackRun";

const DATA = "111111111111";
const MODES = ["compatible", "strict", "strict-key"] as const;

function compliant(): StackConfig {
    return parseStackConfig({
        accounts: { data: { accountId: DATA, region: "eu-west-1", roleArn: `arn:aws:iam::${DATA}:role/deploy` } },
        protect: false,
        buckets: [{ name: "b", account: "data", bucketName: "acme-b" }],
    });
}

/** The configuration with `toggle` off (set past the configuration's checks) and the given header mode and tags. */
function toggled(toggle: GuardrailToggle | undefined, mode: string, tags: Record<string, string> = {}): StackConfig {
    const config = compliant();
    const bucket = config.buckets[0] as unknown as Record<string, unknown> & { guardrails: Record<string, unknown> };
    bucket.guardrails = { ...bucket.guardrails, encryptionHeader: mode };
    bucket["tags"] = { ...(bucket["tags"] as Record<string, string> | undefined), ...tags };
    if (toggle !== undefined) {
        const [first, second] = toggle.field.split(".");
        if (second === undefined) bucket[first] = false;
        else bucket.guardrails[second] = false;
    }
    return config;
}

async function verdicts(config: StackConfig): Promise<Violation[]> {
    const run = await runParsedStack(config);
    const doc = buildStackExport([...run.registrations]);
    return evaluatePolicies(policies, doc.deployment.resources);
}

const mandatoryPolicies = (violations: readonly Violation[]): string[] => [...new Set(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName))].sort();

describe("pack toggles: the shared declaration agrees with the pack's verdicts", function () {
    this.timeout(300000);

    it("declares each policy at the level the pack serves it", () => {
        for (const [name, level] of Object.entries(TOGGLE_POLICY_LEVELS)) {
            const served = registry.find((d) => d.policy.name === name);
            assert.ok(served !== undefined, `${name} is not a policy of the pack`);
            assert.equal(served.policy.enforcementLevel, level, name);
        }
    });

    for (const mode of MODES) {
        it(`a compliant bucket (encryptionHeader ${mode}) is blocked by nothing`, async () => {
            assert.deepStrictEqual(mandatoryPolicies(await verdicts(toggled(undefined, mode))), []);
        });
        for (const toggle of GUARDRAIL_TOGGLES) {
            it(`${toggle.field}: false with encryptionHeader ${mode}: blocked exactly as declared`, async () => {
                const config = toggled(toggle, mode);
                const bucket = config.buckets[0];
                const declaredBlocked = blockedToggles(bucket, {}).map((t) => t.policy ?? "");
                const violations = await verdicts(config);
                assert.deepStrictEqual(mandatoryPolicies(violations), [...new Set(declaredBlocked)].sort(), violations.map((v) => `${v.policyName}: ${v.message}`).join("\n"));
                if (toggle.policy !== undefined && levelOf(toggle) === "advisory") {
                    const reported = violations.some((v) => v.policyName === toggle.policy);
                    assert.equal(reported, weakenedToggles(bucket, {}).some((w) => w.toggle === toggle), `advisory ${toggle.policy}`);
                }
            });
        }
    }

    for (const toggle of GUARDRAIL_TOGGLES.filter((t) => levelOf(t) === "mandatory")) {
        it(`${toggle.field}: false on a bucket tagged ${EXEMPT_TAG}=${toggle.policy}: declared allowed, and the pack allows it`, async () => {
            const tags = { [EXEMPT_TAG]: toggle.policy ?? "" };
            const config = toggled(toggle, "compatible", tags);
            assert.deepStrictEqual(blockedToggles(config.buckets[0], tags), []);
            const violations = await verdicts(config);
            assert.ok(!violations.some((v) => v.policyName === toggle.policy && v.enforcementLevel === "mandatory"), violations.map((v) => `${v.policyName}: ${v.message}`).join("\n"));
        });
    }

    it(`noncurrent retention: ${PACK_MIN_NONCURRENT_RETENTION_DAYS} days (the declared minimum the components and configuration accept) passes the pack; one day fewer is blocked by it`, async () => {
        const config = parseStackConfig({
            accounts: { data: { accountId: DATA, region: "eu-west-1", roleArn: `arn:aws:iam::${DATA}:role/deploy` } },
            protect: false,
            buckets: [{ name: "b", account: "data", bucketName: "acme-b", lifecycleRules: [{ id: "noncurrent", noncurrentVersionExpiration: { days: PACK_MIN_NONCURRENT_RETENTION_DAYS } }] }],
        });
        const resources = buildStackExport([...(await runParsedStack(config)).registrations]).deployment.resources;
        assert.deepStrictEqual(mandatoryPolicies(await evaluatePolicies(policies, resources)), []);
        // The components refuse fewer days themselves, so the rendered rule is edited to ask the pack about one day fewer.
        const lifecycle = resources.filter((r) => r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
        assert.equal(lifecycle.length, 1);
        const rules = lifecycle[0].inputs["rules"] as Array<{ noncurrentVersionExpiration?: { noncurrentDays: number } }>;
        const expiring = rules.filter((r) => r.noncurrentVersionExpiration !== undefined);
        assert.equal(expiring.length, 1);
        assert.equal(expiring[0].noncurrentVersionExpiration?.noncurrentDays, PACK_MIN_NONCURRENT_RETENTION_DAYS);
        (expiring[0].noncurrentVersionExpiration as { noncurrentDays: number }).noncurrentDays = PACK_MIN_NONCURRENT_RETENTION_DAYS - 1;
        assert.deepStrictEqual(mandatoryPolicies(await evaluatePolicies(policies, resources)), ["s3-lifecycle-noncurrent-retention"]);
    });
});

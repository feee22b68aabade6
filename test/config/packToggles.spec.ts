// A guardrail toggle the stack's own policy pack would block as mandatory is a configuration error, naming the
// field, the pack policy and both fixes, before anything is registered; the bucket that carries the pack's
// exemption for that policy is accepted, as the pack accepts it. One family per pack policy; which toggles
// belong to which policy is the pack's own declaration (policypack/model/guardrailToggles.ts), whose agreement
// with the pack's verdicts test/program/packToggles.spec.ts checks.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { GUARDRAIL_TOGGLES, levelOf } from "../../policypack/model/guardrailToggles";
import { parseStackConfig } from "../../config";
import { assertRejected, rejection, validConfig } from "./fixtures";

type Bucket = Record<string, unknown>;
const raw = (c: ReturnType<typeof validConfig>): Bucket => c.buckets[0];
const withGuardrails = (guardrails: Record<string, unknown>, tags?: Record<string, string>) => {
    const c = validConfig();
    raw(c)["guardrails"] = guardrails;
    if (tags !== undefined) raw(c)["tags"] = tags;
    return c;
};

const FAMILIES = [
    { policy: "s3-bucket-policy-deny-insecure-transport", toggles: ["requireTls"] },
    { policy: "s3-bucket-policy-require-sse-kms", toggles: ["denyWrongEncryptionHeaders", "denyKmsHeaderWithoutKeyId"] },
];

describe("config: guardrail toggles the policy pack blocks", () => {
    for (const { policy, toggles } of FAMILIES) {
        describe(policy, () => {
            for (const toggle of toggles) {
                it(`refuses guardrails.${toggle}: false, naming the field, ${policy} and both fixes`, () => {
                    const path = `buckets[0].guardrails.${toggle}`;
                    assertRejected(withGuardrails({ [toggle]: false }), path, new RegExp(`${policy}.*mandatory.*Fix: set guardrails\\.${toggle}: true .*encrypted-buckets:exempt": "${policy}"`));
                });
                it(`accepts guardrails.${toggle}: false on a bucket tagged encrypted-buckets:exempt=${policy}`, () => {
                    const config = parseStackConfig(withGuardrails({ [toggle]: false }, { "encrypted-buckets:exempt": `kms-key-rotation-enabled ${policy}` }));
                    assert.equal((config.buckets[0].guardrails as unknown as Record<string, unknown>)[toggle], false);
                });
                it(`accepts guardrails.${toggle}: false when the stack-level tags carry the exemption`, () => {
                    const c = withGuardrails({ [toggle]: false });
                    c["tags"] = { "encrypted-buckets:exempt": policy };
                    assert.doesNotThrow(() => parseStackConfig(c));
                });
                it(`still refuses guardrails.${toggle}: false when the bucket is exempted from another policy only`, () => {
                    const other = policy === "s3-bucket-policy-require-sse-kms" ? "s3-bucket-policy-deny-insecure-transport" : "s3-bucket-policy-require-sse-kms";
                    assertRejected(withGuardrails({ [toggle]: false }, { "encrypted-buckets:exempt": other }), `buckets[0].guardrails.${toggle}`, new RegExp(policy));
                });
            }
        });
    }

    it("reports every blocked toggle of every bucket at once", () => {
        const c = withGuardrails({ requireTls: false, denyWrongEncryptionHeaders: false, denyKmsHeaderWithoutKeyId: false });
        c.buckets[1]["guardrails"] = { requireTls: false };
        const paths = rejection(c).problems.map((p) => p.path).sort();
        assert.deepStrictEqual(paths, [
            "encrypted-buckets:buckets[0].guardrails.denyKmsHeaderWithoutKeyId",
            "encrypted-buckets:buckets[0].guardrails.denyWrongEncryptionHeaders",
            "encrypted-buckets:buckets[0].guardrails.requireTls",
            "encrypted-buckets:buckets[1].guardrails.requireTls",
        ]);
    });

    it("accepts the header toggles off with encryptionHeader strict-key, whose deny covers them (the pack agrees)", () => {
        assert.doesNotThrow(() => parseStackConfig(withGuardrails({ encryptionHeader: "strict-key", denyWrongEncryptionHeaders: false, denyKmsHeaderWithoutKeyId: false })));
        assertRejected(withGuardrails({ encryptionHeader: "strict", denyKmsHeaderWithoutKeyId: false }), "buckets[0].guardrails.denyKmsHeaderWithoutKeyId", /s3-bucket-policy-require-sse-kms/);
    });

    it("accepts the toggles no mandatory pack policy owns (denySigV2, denySseC, bucketKeyEnabled: advisory)", () => {
        const c = withGuardrails({ denySigV2: false, denySseC: false });
        raw(c)["bucketKeyEnabled"] = false;
        assert.doesNotThrow(() => parseStackConfig(c));
    });
});

describe("docs: the toggles the policy pack blocks", () => {
    it("docs/configuration.md lists exactly the declared mandatory toggles, each with its pack policy", () => {
        const text = fs.readFileSync(path.resolve(__dirname, "../../docs/configuration.md"), "utf8");
        const section = text.slice(text.indexOf("#### Toggles the policy pack blocks"), text.indexOf("#### Multipart uploads"));
        const rows = [...section.matchAll(/^\| `([\w.]+): false` \| `([\w-]+)` \(mandatory\)/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
        const declared = GUARDRAIL_TOGGLES.filter((t) => levelOf(t) === "mandatory").map((t) => `${t.field} ${t.policy}`).sort();
        assert.deepStrictEqual(rows, declared);
    });
});

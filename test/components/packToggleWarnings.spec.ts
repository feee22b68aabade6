// The components accept a guardrail toggle the pack blocks at its default level (another organisation may run
// the pack at other levels), with a warning that names the field, the pack policy and the fixes; an exempted
// bucket, a toggle no mandatory policy owns, and the secure defaults get none.
import * as assert from "assert";
import { packToggleWarnings } from "../../components/packToggleWarnings";
import { encryptedBucketArgsSchema } from "../../components/encryptedBucketArgs";
import { EXEMPT_TAG } from "../../policypack/model/guardrailToggles";

const BASE = { accountId: "111111111111", region: "eu-west-1" };
function warnings(args: Record<string, unknown>): string[] {
    const resolved = encryptedBucketArgsSchema("b").parse({ ...BASE, ...args });
    return packToggleWarnings(`EncryptedBucket "b"`, resolved, resolved.tags);
}

describe("components: warnings for toggles the policy pack blocks", () => {
    it("none for the secure defaults", () => {
        assert.deepStrictEqual(warnings({}), []);
    });

    for (const [toggle, policy] of [
        ["requireTls", "s3-bucket-policy-deny-insecure-transport"],
        ["denyWrongEncryptionHeaders", "s3-bucket-policy-require-sse-kms"],
        ["denyKmsHeaderWithoutKeyId", "s3-bucket-policy-require-sse-kms"],
    ] as const) {
        it(`warns once for guardrails.${toggle}: false, naming ${policy}, its level and the fixes`, () => {
            const found = warnings({ guardrails: { [toggle]: false } });
            assert.equal(found.length, 1, found.join("\n"));
            assert.match(found[0], new RegExp(`^EncryptedBucket "b": guardrails\\.${toggle} is off; .*${policy} blocks the deployment at its default level \\(mandatory\\)\\. Fix: set guardrails\\.${toggle}: true`));
            assert.match(found[0], new RegExp(`${EXEMPT_TAG}": "${policy}"`));
        });
        it(`no warning for guardrails.${toggle}: false on a bucket tagged ${EXEMPT_TAG}=${policy}`, () => {
            assert.deepStrictEqual(warnings({ guardrails: { [toggle]: false }, tags: { [EXEMPT_TAG]: policy } }), []);
        });
    }

    it("the deprecated name denyInsecureTransport: false warns as requireTls does", () => {
        assert.equal(warnings({ guardrails: { denyInsecureTransport: false } }).length, 1);
    });

    it("no warning for toggles no mandatory policy owns (denySigV2, denySseC, minimumTlsVersion false, bucketKeyEnabled: advisory)", () => {
        assert.deepStrictEqual(warnings({ guardrails: { denySigV2: false, denySseC: false, minimumTlsVersion: false }, bucketKeyEnabled: false }), []);
    });

    it("no header warnings with encryptionHeader strict-key, whose deny covers them", () => {
        assert.deepStrictEqual(warnings({ guardrails: { encryptionHeader: "strict-key", denyWrongEncryptionHeaders: false, denyKmsHeaderWithoutKeyId: false } }), []);
    });
});

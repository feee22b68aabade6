// Provider settings arrive as objects or as JSON text (stack exports, the engine's provider config); one decoder.
import * as assert from "assert";
import { decodeProviderSettings, decodeSetting } from "../../policypack/model/providerConfig";
import { UNKNOWN_STRING } from "../../policypack/model/values";

describe("provider settings decoder", () => {
    it("decodes JSON text of objects and arrays, and leaves everything else as it is", () => {
        assert.deepStrictEqual(decodeSetting('[{"roleArn":"arn:aws:iam::111111111111:role/deployer"}]'), [{ roleArn: "arn:aws:iam::111111111111:role/deployer" }]);
        assert.deepStrictEqual(decodeSetting('{"tags":{"a":"b"}}'), { tags: { a: "b" } });
        for (const v of ["eu-west-1", "[not json", UNKNOWN_STRING, true, 3, null]) {
            assert.strictEqual(decodeSetting(v), v);
        }
    });

    it("copies the props only when a setting was decoded", () => {
        const plain = { region: "eu-west-1", assumeRoles: [{ roleArn: "r" }] };
        assert.strictEqual(decodeProviderSettings(plain), plain);
        const text = { region: "eu-west-1", assumeRoles: '[{"roleArn":"r"}]', allowedAccountIds: '["111111111111"]' };
        assert.deepStrictEqual(decodeProviderSettings(text), { region: "eu-west-1", assumeRoles: [{ roleArn: "r" }], allowedAccountIds: ["111111111111"] });
        assert.strictEqual(text.assumeRoles, '[{"roleArn":"r"}]', "the input is not changed");
    });
});

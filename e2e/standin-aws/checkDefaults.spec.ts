// The stand-in's Check, as the real provider's: a judged type declared with no arguments is never empty, create gives
// the name Check filled in, and the next `up` diffs nothing.
import { strict as assert } from "node:assert";
import { contextFromProvider, fakeResource } from "../../fakeaws";
import * as T from "../../policypack/model/awsTypes";
import { checkedInputs } from "./checkDefaults";
import { diffInputs } from "./diff";

const ctx = contextFromProvider({ region: "eu-west-1" });

describe("e2e stand-in aws provider: Check fills what the real provider's Check fills", function () {
    for (const type of [T.BUCKET, T.BUCKET_V2, T.KMS_KEY, T.LOAD_BALANCER, T.ALB_LOAD_BALANCER, T.ACCOUNT_PUBLIC_ACCESS_BLOCK]) {
        it(`${type} declared with no arguments: checked inputs not empty, created as checked, no diff at the next up`, function () {
            const checked = checkedInputs(type, "bare", {}, ctx);
            assert.notDeepEqual(checked, {});
            const { outputs } = fakeResource(type, "bare", checked, ctx);
            assert.deepEqual(fakeResource(type, "bare", {}, ctx).outputs, outputs, "create names the resource as Check did");
            assert.deepEqual(diffInputs(type, outputs, checkedInputs(type, "bare", {}, ctx)).changed, []);
        });
    }

    it("fills the schema defaults of a key and leaves what the program wrote", function () {
        assert.deepEqual(checkedInputs(T.KMS_KEY, "k", {}, ctx), {
            bypassPolicyLockoutSafetyCheck: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT", enableKeyRotation: false, isEnabled: true, keyUsage: "ENCRYPT_DECRYPT",
        });
        assert.equal(checkedInputs(T.KMS_KEY, "k", { enableKeyRotation: true }, ctx)["enableKeyRotation"], true);
    });

    it("auto-names only a resource whose name and prefix are both left out", function () {
        assert.match(String(checkedInputs(T.BUCKET, "Logs", {}, ctx)["bucket"]), /^logs-[0-9a-f]{8}$/);
        assert.deepEqual(checkedInputs(T.BUCKET, "logs", { bucket: "mine" }, ctx), { bucket: "mine" });
        assert.deepEqual(checkedInputs(T.BUCKET, "logs", { bucketPrefix: "logs-" }, ctx), { bucketPrefix: "logs-" });
        assert.deepEqual(checkedInputs(T.BUCKET_POLICY, "p", { bucket: "b", policy: "{}" }, ctx), { bucket: "b", policy: "{}" });
    });

    it("keeps the auto-name a resource already has (renamed with aliases, or under another provider), as the bridge reuses an old auto-name", function () {
        const first = String(checkedInputs(T.BUCKET, "reports-bucket", {}, ctx)["bucket"]);
        const renamed = checkedInputs(T.BUCKET, "reports-v2-bucket", {}, contextFromProvider({ region: "eu-west-1", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/d" }] }), { bucket: first });
        assert.equal(renamed["bucket"], first);
        assert.notEqual(checkedInputs(T.BUCKET, "reports-v2-bucket", {}, ctx)["bucket"], first, "a new resource gets a name of its own");
        assert.equal(checkedInputs(T.BUCKET, "reports-v2-bucket", { bucket: "written" }, ctx, { bucket: first })["bucket"], "written", "a written name wins");
    });
});

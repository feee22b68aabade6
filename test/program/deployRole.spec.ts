// A key without root delegation names the deploying role (its account's roleArn) as an
// administrator, so KMS's lockout safety check passes; a key with root delegation does not.
import * as assert from "assert";
import * as path from "path";
import { parseStackConfig } from "../../config";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { FakeAwsMockSession, installFakeAwsMocks } from "../support/mocks";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

interface Statement {
    Sid?: string;
    Principal?: { AWS?: string | string[] };
}

describe("program: the deploying role on keys without root delegation", function () {
    let mocks: FakeAwsMockSession;

    before(async () => {
        mocks = await installFakeAwsMocks({ project: "encrypted-buckets", stack: "dev" });
        const raw = readStackConfigFile(PROJECT_DIR, "dev").projectConfig as { keys: Record<string, Record<string, unknown>> };
        raw.keys["data-shared"].rootDelegation = false;
        const config = parseStackConfig(raw);
        const { buildStack } = await import("../../program/build");
        buildStack(config, "dev");
        await mocks.settled();
    });

    function statementsOf(keyResourceName: string): Statement[] {
        const policy = mocks.byType(KEY_POLICY).find((r) => r.name === `${keyResourceName}-policy`);
        assert.ok(policy, `${keyResourceName} has a key policy`);
        return (JSON.parse(String(policy.inputs["policy"])) as { Statement: Statement[] }).Statement;
    }

    it("adds the data account's deploy role to the administrators of the shared key that has no root delegation", () => {
        const statements = statementsOf("key-data-shared");
        assert.ok(!statements.some((s) => s.Sid === "EnableIamPoliciesForKeyAccount"));
        assert.deepStrictEqual(statements.find((s) => s.Sid === "KeyAdministration")?.Principal?.AWS, [
            "arn:aws:iam::111111111111:role/kms-admin",
            "arn:aws:iam::111111111111:role/encrypted-buckets-deploy",
        ]);
    });

    it("leaves keys with root delegation as they were: the deploy role is not named", () => {
        const statements = statementsOf("analytics-scratch-cmk");
        assert.ok(statements.some((s) => s.Sid === "EnableIamPoliciesForKeyAccount"));
        assert.ok(!JSON.stringify(statements).includes("encrypted-buckets-deploy"));
    });
});

// index.ts itself: refuses a bad config before registering anything, and exports the outputs.
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfigFile } from "../../tools/synth/stackConfigFile";
import { FakeAwsMockSession, installFakeAwsMocks, promiseOf } from "../support/mocks";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const INDEX = path.join(PROJECT_DIR, "index.ts");

describe("program entry point (index.ts)", function () {
    let mocks: FakeAwsMockSession;

    before(async () => {
        mocks = await installFakeAwsMocks({ project: "encrypted-buckets", stack: "dev" });
    });
    beforeEach(() => mocks.reset());
    after(() => pulumi.runtime.setAllConfig({}));

    it("throws a RunError naming the field, and registers nothing, when the config is invalid", async () => {
        const engine = { ...readStackConfigFile(PROJECT_DIR, "dev").engineConfig };
        const accounts = JSON.parse(engine["encrypted-buckets:accounts"]) as Record<string, { accountId: string }>;
        accounts.data.accountId = "12345";
        engine["encrypted-buckets:accounts"] = JSON.stringify(accounts);
        pulumi.runtime.setAllConfig(engine);
        assert.throws(
            () => require(INDEX),
            (error: Error) => error instanceof pulumi.RunError && /encrypted-buckets:accounts\.data\.accountId: must be exactly 12 digits/.test(error.message),
        );
        await mocks.settled();
        assert.deepStrictEqual(mocks.resources(), []);
    });

    it("exports buckets, shared keys, consumer policies and replication role ARNs", async () => {
        pulumi.runtime.setAllConfig(readStackConfigFile(PROJECT_DIR, "dev").engineConfig);
        const program = require(INDEX) as Record<string, unknown>;
        assert.deepStrictEqual(Object.keys(program).sort(), ["buckets", "consumerPolicies", "replicationRoleArns", "sharedKeys"]);
        const buckets = program["buckets"] as Record<string, { arn: pulumi.Output<string> }>;
        assert.equal(await promiseOf(buckets["curated"].arn), "arn:aws:s3:::acme-dev-data-curated");
    });
});

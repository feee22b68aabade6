// A component handed the provider of another account than its accountId (a team switching `provider:` in its own
// program) is refused before any of its AWS resources is registered, naming accountId and the fix: otherwise the
// engine would move the deployed bucket and key to that provider in the state while they stay in the old account.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { FakeAwsMockSession, installFakeAwsMocks } from "../support/mocks";
import { CONSUMER_ACCOUNT, DATA_ACCOUNT, REGION } from "./fixtures";
import { consumerProvider, dataProvider } from "./support/world";
type Components = typeof import("../../components");

/** Settles an Output, rejected or not (Output.promise() is internal to @pulumi/pulumi). */
function settle<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

describe("Components refuse a provider of another account than accountId (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;
    let regionCheck: typeof import("../../components/providerAccount");

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "provider-account" });
        c = await import("../../components");
        regionCheck = await import("../../components/providerAccount");
    });
    beforeEach(() => mocks.reset());

    const awsResourcesOf = (prefix: string) => mocks.resources().filter((r) => r.type.startsWith("aws:") && r.name.startsWith(prefix)).map((r) => r.name);

    it("the region the children are created in resolves for the provider of accountId, and fails naming accountId and the fix for another", async () => {
        const parent = new pulumi.ComponentResource("test:index:Parent", "account-check");
        assert.equal(await settle(regionCheck.accountCheckedRegion("EncryptedBucket \"x\"", DATA_ACCOUNT, REGION, parent, dataProvider())), REGION);
        await assert.rejects(
            settle(regionCheck.accountCheckedRegion("EncryptedBucket \"x\"", DATA_ACCOUNT, REGION, parent, consumerProvider())),
            new RegExp(`EncryptedBucket "x".*accountId is ${DATA_ACCOUNT}, but the component's aws provider deploys into account ${CONSUMER_ACCOUNT}\\. Fix: pass the provider of account ${DATA_ACCOUNT}`, "s"),
        );
    });

    it("an EncryptedBucket with its own key, given another account's provider, registers no AWS resource", async () => {
        const bucket = new c.EncryptedBucket("moved", { accountId: DATA_ACCOUNT, region: REGION, protect: false }, { provider: consumerProvider() });
        await assert.rejects(settle(bucket.bucket.urn), /accountId is \d{12}, but the component's aws provider deploys into account/);
        await mocks.settled();
        assert.deepStrictEqual(awsResourcesOf("moved"), []);
    });

    it("a CustomerManagedKey given another account's provider registers neither key, alias nor policy", async () => {
        const key = new c.CustomerManagedKey("moved-key", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/moved", protect: false }, { provider: consumerProvider() });
        await assert.rejects(settle(key.key.urn), /CustomerManagedKey "moved-key".*accountId is/s);
        await mocks.settled();
        assert.deepStrictEqual(awsResourcesOf("moved-key"), []);
    });

    it("a LogBucket given another account's provider registers none of its resources", async () => {
        const logs = new c.LogBucket("moved-logs", { accountId: DATA_ACCOUNT, region: REGION, protect: false }, { provider: consumerProvider() });
        await assert.rejects(settle(logs.bucket.urn), /LogBucket "moved-logs".*accountId is/s);
        await mocks.settled();
        assert.deepStrictEqual(awsResourcesOf("moved-logs"), []);
    });

    it("the provider of accountId registers the bucket, its guardrails, its key and its alias as before", async () => {
        const bucket = new c.EncryptedBucket("kept", { accountId: DATA_ACCOUNT, region: REGION, protect: false }, { provider: dataProvider() });
        await settle(bucket.bucketPolicy.urn);
        await mocks.settled();
        const names = awsResourcesOf("kept");
        for (const expected of ["kept-bucket", "kept-policy", "kept-public-access-block", "kept-encryption", "kept-cmk-key", "kept-cmk-alias"]) {
            assert.ok(names.includes(expected), `${expected} not registered: ${names.join(", ")}`);
        }
    });
});

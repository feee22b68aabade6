// Consumer programs that hand the components their providers the other ways Pulumi offers: a
// `providers` map or list on the component, or providers inherited from a parent component of the
// team's own. What acts on a bucket (grants, replication, access logs) must land in that bucket's
// account, not the default provider's.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { FakeAwsMockSession, installFakeAwsMocks } from "../support/mocks";
import { CONSUMER_ACCOUNT, DATA_ACCOUNT, REGION, SAME_ACCOUNT_ROLE } from "./fixtures";
import { afterAutoSeal, consumerProvider, dataProvider } from "./support/world";
type Components = typeof import("../../components");

/** A team's own component that hands its providers down to what it contains. */
class TeamStack extends pulumi.ComponentResource {
    constructor(name: string, opts: pulumi.ComponentResourceOptions) {
        super("team:index:Stack", name, {}, opts);
    }
}

const DEFAULT_ACCOUNT = "123456789012";

describe("Components given their provider through providers or a parent (under fake-AWS mocks)", () => {
    let mocks: FakeAwsMockSession;
    let c: Components;

    before(async () => {
        mocks = await installFakeAwsMocks({ stack: "consumer-providers" });
        c = await import("../../components");
    });
    beforeEach(() => mocks.reset());

    /** Account of every registered AWS resource whose name starts with `prefix`. */
    function accountsOf(prefix: string): Map<string, string> {
        const out = new Map<string, string>();
        for (const r of mocks.resources()) {
            if (r.type.startsWith("aws:") && r.name.startsWith(prefix)) out.set(r.name, r.context.accountId);
        }
        return out;
    }

    it("a bucket under a parent's providers map, replicated to one given providers: [..], keeps every resource in its bucket's account", async () => {
        const data = dataProvider();
        const backup = consumerProvider("eu-central-1");
        const team = new TeamStack("pv-team", { providers: { aws: data } });
        const source = new c.EncryptedBucket("pv-src", { accountId: DATA_ACCOUNT, region: REGION, protect: false }, { parent: team });
        const destination = new c.EncryptedBucket("pv-dst", { accountId: CONSUMER_ACCOUNT, region: "eu-central-1", protect: false }, { providers: [backup] });
        assert.ok(source.provider === data, "source.provider is the data provider");
        assert.ok(source.key.provider === data, "source.key.provider is the data provider");
        assert.ok(destination.provider === backup, "destination.provider is the backup provider");

        new c.BucketGrant("pv-grant", { bucket: source, principal: SAME_ACCOUNT_ROLE, access: "read" });
        new c.BucketReplication("pv-rep", { source, destinations: [{ name: "dr", bucket: destination }] });
        await afterAutoSeal();
        await mocks.settled();

        const placed = [...accountsOf("pv-rep"), ...accountsOf("pv-grant"), ...accountsOf("pv-src")];
        assert.ok(placed.some(([name]) => name === "pv-rep-config"), "the replication configuration is registered");
        for (const [name, account] of placed) {
            assert.equal(account, DATA_ACCOUNT, `${name} is in ${account}${account === DEFAULT_ACCOUNT ? " (the default provider's)" : ""}`);
        }
        for (const [name, account] of accountsOf("pv-dst")) {
            assert.equal(account, CONSUMER_ACCOUNT, `${name} is in ${account}`);
        }
    });

    it("a LogBucket and a shared CustomerManagedKey given providers: { aws } report that provider", () => {
        const data = dataProvider();
        const logs = new c.LogBucket("pv-logs", { accountId: DATA_ACCOUNT, region: REGION, protect: false }, { providers: { aws: data } });
        const key = new c.CustomerManagedKey("pv-key", { accountId: DATA_ACCOUNT, region: REGION, alias: "alias/pv-key", protect: false }, { providers: [data] });
        assert.ok(logs.provider === data, "logs.provider is the data provider");
        assert.ok(key.provider === data, "key.provider is the data provider");
    });
});
